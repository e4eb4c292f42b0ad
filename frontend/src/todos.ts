import { api, ApiError, request } from "./api";
import { h, toast, today } from "./dom";

export interface Todo {
  id: string;
  title: string;
  notes: string | null;
  completed: boolean;
  dueDate: string | null;
  labels: string[];
  version: number;
}
interface Page { items: Todo[]; nextCursor: string | null }
interface Counts { all: number; active: number; completed: number }
type Filter = "all" | "active" | "completed";

const UNDO_MS = 5000;

/** The todo list: one state object, re-rendered on change; every mutation is optimistic and rolls back. */
export function todosView(root: HTMLElement, filter: Filter, signal: AbortSignal): void {
  const state = { items: [] as Todo[], cursor: null as string | null, counts: null as Counts | null, loading: true, error: "", editing: "" };
  const pendingDeletes = new Map<string, number>();

  // The add form is built once: re-rendering the list must never wipe what the user is typing.
  const form = addForm();
  const render = () => {
    if (signal.aborted) return; // another view owns the page now; late responses must not draw over it
    const focused = document.activeElement;
    root.replaceChildren(form, filters(), list(), footer());
    if (focused instanceof HTMLElement && form.contains(focused)) focused.focus();
  };

  async function load(more = false) {
    state.loading = true;
    state.error = "";
    render();
    try {
      const cursor = more && state.cursor ? `&cursor=${encodeURIComponent(state.cursor)}` : "";
      const page = await api.get<Page>(`/api/todos?status=${filter}&limit=20${cursor}`);
      state.items = more ? [...state.items, ...page.items] : page.items;
      state.cursor = page.nextCursor;
    } catch (error) {
      state.error = error instanceof ApiError ? error.message : "Could not load your todos.";
    }
    state.loading = false;
    render();
    void refreshCounts();
  }

  async function refreshCounts() {
    try {
      state.counts = await api.get<Counts>("/api/todos/counts");
      if (!signal.aborted) root.querySelector(".filters")?.replaceWith(filters());
    } catch {
      // counts are decoration; the list itself shows errors
    }
  }

  function addForm(): HTMLElement {
    const errors = h("div", { class: "field-error", id: "add-error", role: "alert" });
    const title = h("input", { name: "title", placeholder: "What needs doing?", "aria-label": "New todo", autocomplete: "off", maxlength: 200, "aria-describedby": "add-error" });
    const due = h("input", { name: "dueDate", type: "date", "aria-label": "Due date" });
    const labels = h("input", { name: "labels", placeholder: "labels, comma separated", "aria-label": "Labels" });
    const form = h("form", { class: "add", onsubmit: async (e: Event) => {
      e.preventDefault();
      const body = { title: title.value, dueDate: due.value || undefined, labels: splitLabels(labels.value) };
      try {
        const created = await api.post<Todo>("/api/todos", body);
        if (filter !== "completed") state.items = [created, ...state.items];
        title.value = due.value = labels.value = "";
        errors.textContent = "";
        title.removeAttribute("aria-invalid");
        render();
        root.querySelector<HTMLInputElement>("input[name=title]")?.focus();
        void refreshCounts();
      } catch (error) {
        errors.textContent = error instanceof ApiError ? error.message : "Could not add the todo.";
        title.setAttribute("aria-invalid", "true");
      }
    } }, title, due, labels, h("button", { type: "submit" }, "Add"), errors);
    return form;
  }

  function filters(): HTMLElement {
    const link = (name: Filter, label: string) => {
      const count = state.counts ? ` (${state.counts[name]})` : "";
      return h("a", { href: name === "all" ? "/" : `/${name}`, "data-link": true, "aria-current": filter === name ? "page" : undefined }, label + count);
    };
    return h("nav", { class: "filters", "aria-label": "Filter" }, link("all", "All"), link("active", "Active"), link("completed", "Completed"));
  }

  function list(): HTMLElement {
    if (state.error) return h("p", { class: "error", role: "alert" }, state.error, " ", h("button", { type: "button", onclick: () => load() }, "Retry"));
    if (state.loading && state.items.length === 0) return h("p", { class: "muted", "aria-busy": "true" }, "Loading…");
    const visible = state.items.filter((t) => !pendingDeletes.has(t.id));
    if (visible.length === 0) return h("p", { class: "empty" }, filter === "completed" ? "Nothing completed yet." : "Nothing to do. Add your first todo above.");
    return h("ul", { class: "todos", "aria-label": "Todos" }, ...visible.map((t) => (state.editing === t.id ? editor(t) : item(t))));
  }

  function item(todo: Todo): HTMLElement {
    const overdue = !todo.completed && todo.dueDate !== null && todo.dueDate < today();
    return h("li", { class: `todo${todo.completed ? " done" : ""}`, "data-id": todo.id },
      h("input", { type: "checkbox", checked: todo.completed, "aria-label": `Complete ${todo.title}`, onchange: () => toggle(todo) }),
      h("div", { class: "body" },
        h("span", { class: "title" }, todo.title),
        todo.notes ? h("p", { class: "notes" }, todo.notes) : null,
        h("div", { class: "meta" },
          todo.dueDate ? h("span", { class: overdue ? "due overdue" : "due" }, overdue ? `Overdue: ${todo.dueDate}` : `Due ${todo.dueDate}`) : null,
          ...todo.labels.map((l) => h("span", { class: "chip" }, l)))),
      h("div", { class: "actions" },
        h("button", { type: "button", "aria-label": `Edit ${todo.title}`, onclick: () => { state.editing = todo.id; render(); root.querySelector<HTMLInputElement>(".editor input")?.focus(); } }, "Edit"),
        h("button", { type: "button", class: "danger", "aria-label": `Delete ${todo.title}`, onclick: () => remove(todo) }, "Delete")));
  }

  function editor(todo: Todo): HTMLElement {
    const errors = h("div", { class: "field-error", role: "alert" });
    const title = h("input", { name: "title", value: todo.title, "aria-label": "Title", maxlength: 200 });
    const notes = h("textarea", { name: "notes", "aria-label": "Notes", maxlength: 2000 }, todo.notes ?? "");
    const due = h("input", { name: "dueDate", type: "date", value: todo.dueDate ?? "", "aria-label": "Due date" });
    const labels = h("input", { name: "labels", value: todo.labels.join(", "), "aria-label": "Labels" });
    const cancel = () => { state.editing = ""; render(); };
    return h("li", { class: "todo editing", "data-id": todo.id },
      h("form", { class: "editor", onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Escape") cancel(); }, onsubmit: async (e: Event) => {
        e.preventDefault();
        const changes = { title: title.value, notes: notes.value || null, dueDate: due.value || null, labels: splitLabels(labels.value) };
        try {
          const { body } = await request<Todo>("PATCH", `/api/todos/${todo.id}`, changes, { "if-match": `"${todo.version}"` });
          replace(body);
          state.editing = "";
          render();
        } catch (error) {
          if (error instanceof ApiError && error.status === 412) {
            const current = await api.get<Todo>(`/api/todos/${todo.id}`);
            replace(current);
            render();
            toast("This todo was changed elsewhere. It has been reloaded; apply your change again.");
            return;
          }
          errors.textContent = error instanceof ApiError ? error.message : "Could not save.";
        }
      } }, title, notes, due, labels, errors,
        h("div", { class: "actions" }, h("button", { type: "submit" }, "Save"), h("button", { type: "button", onclick: cancel }, "Cancel"))));
  }

  async function toggle(todo: Todo) {
    const before = { ...todo };
    replace({ ...todo, completed: !todo.completed });
    render();
    try {
      replace(await api.patch<Todo>(`/api/todos/${todo.id}`, { completed: !before.completed }));
      if (filter !== "all") state.items = state.items.filter((t) => t.completed === (filter === "completed"));
      render();
      void refreshCounts();
    } catch (error) {
      replace(before);
      render();
      toast(error instanceof ApiError ? error.message : "Could not update the todo.");
    }
  }

  function remove(todo: Todo) {
    // Deleting waits for the undo window; undo simply cancels the request that was never sent.
    const timer = window.setTimeout(async () => {
      pendingDeletes.delete(todo.id);
      try {
        await api.delete(`/api/todos/${todo.id}`);
        state.items = state.items.filter((t) => t.id !== todo.id);
        void refreshCounts();
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) toast(error instanceof ApiError ? error.message : "Could not delete.");
      }
      render();
    }, UNDO_MS);
    pendingDeletes.set(todo.id, timer);
    render();
    toast(`Deleted "${todo.title}"`, { label: "Undo", run: () => { clearTimeout(pendingDeletes.get(todo.id)); pendingDeletes.delete(todo.id); render(); } }, UNDO_MS);
  }

  function footer(): HTMLElement {
    return h("div", { class: "footer" }, state.cursor ? h("button", { type: "button", onclick: () => load(true), disabled: state.loading }, state.loading ? "Loading…" : "Load more") : null);
  }

  function replace(todo: Todo) {
    state.items = state.items.map((t) => (t.id === todo.id ? todo : t));
  }

  void load();
}

function splitLabels(text: string): string[] {
  return text.split(",").map((l) => l.trim().toLowerCase()).filter((l) => l.length > 0);
}
