import { describe } from "../api";
import { h, mount } from "../dom";
import { addForm } from "./addForm";
import { pendingDeletes } from "./deletes";
import { filterBar, showCounts } from "./filterBar";
import { TodoEditing } from "./todoEditing";
import { todoEditor, focusEditor } from "./todoEditor";
import { todoItem } from "./todoItem";
import { TodoList } from "./todoList";
import { orderBanner, orderTodos } from "./orderScope";
import { countTodos, listTodos, type Counts, type StatusFilter } from "./todosApi";

/** The todo list page: add form, filters with counts, the list, paging and its empty/loading/error states. */
export class TodosView {
  readonly list: TodoList;
  readonly editing: TodoEditing;
  private counts: Counts | null = null;
  private loadState: "loading" | "ready" | "error" = "loading";
  private loadError = "";
  private readonly listEl = h("ul", { class: "todo-list", "aria-label": "Todos" });
  private readonly statusEl = h("div", { class: "list-status" });
  private readonly moreButton = h("button", { type: "button", class: "load-more", onclick: () => void this.loadMore() }, "Load more");
  private readonly moreEl = h("div", { class: "more" }, this.moreButton);
  private readonly filtersEl: HTMLElement;
  private editorEl: { state: unknown; el: HTMLLIElement } | null = null;

  constructor(private readonly root: HTMLElement, filter: StatusFilter, private readonly orderId: string | null = null) {
    this.list = new TodoList(filter);
    this.filtersEl = filterBar(filter);
    this.editing = new TodoEditing(this);
  }

  async start(): Promise<void> {
    mount(this.root,
      h("section", { class: "todos", "aria-labelledby": "todos-heading" },
        h("h2", { id: "todos-heading", class: "visually-hidden" }, "Todos"),
        addForm(this.editing),
        this.filtersEl, this.statusEl, this.listEl, this.moreEl));
    await Promise.all([this.loadPage(), this.refreshCounts()]);
  }

  async loadPage(): Promise<void> {
    const first = this.list.items.length === 0 && this.list.nextCursor === null;
    this.loadState = "loading";
    this.render();
    try {
      const page = this.orderId ? await this.loadOrderScope() : await listTodos(this.list.filter, first ? null : this.list.nextCursor);
      const hidden = new Set(pendingDeletes().map((t) => t.id));
      this.list.appendPage(page.items.filter((t) => !hidden.has(t.id)), page.nextCursor);
      this.loadState = "ready";
    } catch (e) {
      this.loadState = "error";
      this.loadError = describe(e);
    }
    this.render();
  }

  private async loadOrderScope() {
    const { title, page } = await orderTodos(this.orderId!);
    this.filtersEl.replaceWith(orderBanner(title));
    return page;
  }

  async refreshCounts(): Promise<void> {
    try {
      this.counts = await countTodos();
    } catch {
      this.counts = null; // The list still works; the filters just show no numbers.
    }
    this.renderFilters();
  }

  /** Counts from the server, minus deletes still inside their undo window. */
  private shownCounts(): Counts | null {
    if (!this.counts) return null;
    const c = { ...this.counts };
    for (const t of pendingDeletes()) {
      c.all--;
      if (t.completed) c.completed--; else c.active--;
    }
    return { all: Math.max(0, c.all), active: Math.max(0, c.active), completed: Math.max(0, c.completed) };
  }

  renderFilters(): void {
    if (this.orderId) return; // Counts are for all todos; the order banner takes the filters' place.
    showCounts(this.filtersEl, this.shownCounts());
  }

  render(): void {
    this.renderItems();
    this.renderStatus();
    this.renderFilters();
  }

  private renderItems(): void {
    const active = document.activeElement as HTMLElement | null;
    const focusId = active?.closest<HTMLElement>("li[data-id]")?.dataset.id;
    const focusKey = active?.dataset.focus;
    const state = this.editing.state;
    const items = this.list.items.map((todo) => {
      if (state && state.todo.id === todo.id) {
        // Reuse the open editor so typing survives unrelated re-renders.
        if (this.editorEl?.state !== state) this.editorEl = { state, el: todoEditor(state, this.editing) };
        return this.editorEl.el;
      }
      return todoItem(todo, this.editing, this.list.pending.has(todo.id));
    });
    if (!state) this.editorEl = null;
    this.listEl.replaceChildren(...items);
    // Moving a focused element (the open editor) drops focus, and a re-rendered item is a new element:
    // either way, put focus back where the user was.
    if (active && active.isConnected && document.activeElement !== active) active.focus();
    else if (focusId && focusKey && !active?.isConnected) {
      this.listEl.querySelector<HTMLElement>(`li[data-id="${focusId}"] [data-focus="${focusKey}"]`)?.focus();
    }
  }

  private renderStatus(): void {
    const empty = this.list.items.length === 0;
    this.listEl.hidden = empty;
    this.listEl.setAttribute("aria-busy", String(this.loadState === "loading"));
    if (this.loadState === "error") {
      mount(this.statusEl, h("div", { class: "state state-error", role: "alert" },
        h("p", {}, `Could not load your todos. ${this.loadError}`),
        h("button", { type: "button", onclick: () => void this.loadPage() }, "Try again")));
    } else if (this.loadState === "loading" && empty) {
      mount(this.statusEl, h("p", { class: "state state-loading" }, "Loading your todos…"));
    } else if (empty) {
      const text = { all: "Nothing to do yet. Add your first todo above.", active: "Nothing left to do. Nice!", completed: "No completed todos yet." }[this.list.filter];
      mount(this.statusEl, h("p", { class: "state state-empty" }, text));
    } else {
      mount(this.statusEl);
    }
    // One persistent button (aria-disabled, not disabled) so keyboard focus survives the load.
    this.moreEl.hidden = !this.list.nextCursor || this.loadState === "error";
    this.moreButton.setAttribute("aria-disabled", String(this.loadState === "loading"));
    this.moreButton.textContent = this.loadState === "loading" ? "Loading…" : "Load more";
  }

  private async loadMore(): Promise<void> {
    if (this.loadState === "loading") return;
    const firstNew = this.list.items.length;
    await this.loadPage();
    // Take keyboard users to what they asked for: the first newly loaded todo.
    if (document.activeElement === this.moreButton || this.moreEl.hidden) {
      this.listEl.querySelectorAll<HTMLElement>(".todo-toggle")[firstNew]?.focus();
    }
  }

  /** After an edit closes, focus goes back to where the user was. */
  focusItem(id: string, key: string): void {
    const li = this.listEl.querySelector(`li[data-id="${id}"]`);
    if (li?.classList.contains("editing")) focusEditor(li);
    else li?.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus();
  }

  focusAfterRemoval(index: number): void {
    const items = this.listEl.querySelectorAll<HTMLElement>("li[data-id] .todo-toggle");
    (items[Math.min(index, items.length - 1)] ?? this.root.querySelector<HTMLElement>("#new-todo"))?.focus();
  }
}
