import { describe } from "../api";
import { takeDraft } from "../auth/drafts";
import { h, mount } from "../dom";
import { refreshTitle } from "../router";
import { addForm } from "./addForm";
import { pendingDeletes } from "./deletes";
import { filterBar, showCounts } from "./filterBar";
import { orderBanner, orderTodos } from "./orderScope";
import { TodoEditing, type EditorDraft } from "./todoEditing";
import { todoEditor, focusEditor, type EditorState } from "./todoEditor";
import { todoItem } from "./todoItem";
import { TodoList } from "./todoList";
import { isSaving, onTodoEvent, remember, type TodoEvent } from "./todoSync";
import { countTodos, listTodos, type Counts, type StatusFilter, type Todo } from "./todosApi";

const titles: Record<StatusFilter, string> = { all: "Todos", active: "Active todos", completed: "Completed todos" };

/** One rendered row: rebuilt only when what it shows changed, so focus, images and typing survive. */
interface Row {
  todo: Todo;
  saving: boolean;
  editor: EditorState | null;
  el: HTMLLIElement;
}

/** The todo list page: add form, filters with counts, the list, paging and its empty/loading/error states. */
export class TodosView {
  readonly list: TodoList;
  readonly editing: TodoEditing;
  private counts: Counts | null = null;
  private loadState: "loading" | "ready" | "error" = "loading";
  private loadError = "";
  private orderTitle: string | null = null;
  private readonly rows = new Map<string, Row>();
  private readonly listEl = h("ul", { class: "todo-list", "aria-label": "Todos" });
  private readonly statusEl = h("div", { class: "list-status" });
  private readonly moreButton = h("button", { type: "button", class: "load-more", onclick: () => void this.loadMore() }, "Load more");
  private readonly moreEl = h("div", { class: "more" }, this.moreButton);
  private readonly filtersEl: HTMLElement;
  private readonly unsubscribe: () => void;

  constructor(private readonly root: HTMLElement, filter: StatusFilter, private readonly orderId: string | null = null) {
    this.list = new TodoList(filter, orderId);
    this.filtersEl = filterBar(filter);
    this.editing = new TodoEditing(this);
    this.unsubscribe = onTodoEvent((e) => this.heard(e));
  }

  title(): string {
    if (this.orderId) return this.orderTitle ? `Todos from order “${this.orderTitle}”` : "Todos from an order";
    return titles[this.list.filter];
  }

  async start(): Promise<void> {
    mount(this.root,
      h("section", { class: "todos", "aria-labelledby": "todos-heading" },
        h("h2", { id: "todos-heading", class: "visually-hidden" }, this.title()),
        addForm(this.editing),
        this.filtersEl, this.statusEl, this.listEl, this.moreEl));
    await Promise.all([this.loadPage(), this.refreshCounts()]);
    const draft = takeDraft<EditorDraft>("todo-editor");
    if (draft) this.editing.reopen(draft);
  }

  stop(): void {
    this.unsubscribe();
  }

  /** Whatever view changed or undid something, this one shows the outcome. */
  private heard(e: TodoEvent): void {
    if (e.type === "changed") this.list.replace(e.todo);
    else if (e.type === "removed") this.list.remove(e.id);
    else if (e.type === "restored") this.list.insert(e.todo);
    else return void this.refreshCounts();
    this.render();
  }

  async loadPage(): Promise<void> {
    const first = this.list.items.length === 0 && this.list.nextCursor === null;
    this.loadState = "loading";
    this.render();
    try {
      const page = this.orderId ? await this.loadOrderScope() : await listTodos(this.list.filter, first ? null : this.list.nextCursor);
      const deleting = new Set(pendingDeletes().map((t) => t.id));
      this.list.appendPage(page.items.filter((t) => !deleting.has(t.id)).map(remember), page.nextCursor);
      this.loadState = "ready";
    } catch (e) {
      this.loadState = "error";
      this.loadError = describe(e);
    }
    this.render();
  }

  private async loadOrderScope() {
    const { title, page } = await orderTodos(this.orderId!);
    this.orderTitle = title;
    this.filtersEl.replaceWith(orderBanner(title));
    this.root.querySelector("#todos-heading")!.textContent = this.title();
    refreshTitle();
    return page;
  }

  async refreshCounts(): Promise<void> {
    if (this.orderId) return; // the order banner takes the filters' place: no counts to show
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

  /**
   * Keyed update: a row is rebuilt only when its todo, saving state or editor changed, and rows are
   * moved only when out of place. If the focused row left (completed under "Active", deleted), focus
   * goes to the row that took its place, else the one before, else the add field.
   */
  private renderItems(): void {
    const active = document.activeElement;
    const focusedRow = active instanceof Element ? active.closest<HTMLElement>("li[data-id]") : null;
    const focusedIndex = focusedRow && this.listEl.contains(focusedRow) ? [...this.listEl.children].indexOf(focusedRow) : -1;
    const focusKey = active instanceof HTMLElement ? active.dataset.focus : undefined;
    const state = this.editing.state;
    const visible = this.list.visible();
    const wanted = new Set(visible.map((t) => t.id));
    for (const [id, row] of this.rows) {
      if (!wanted.has(id)) {
        row.el.remove();
        this.rows.delete(id);
      }
    }
    visible.forEach((todo, i) => {
      const editor = state && state.todo.id === todo.id ? state : null;
      const saving = todo.id.startsWith("draft-") || isSaving(todo.id);
      let row = this.rows.get(todo.id);
      if (!row || row.todo !== todo || row.saving !== saving || row.editor !== editor) {
        const el = editor ? todoEditor(editor, this.editing) : todoItem(todo, this.editing, saving);
        const hadFocus = row?.el.contains(document.activeElement) ?? false;
        if (row) row.el.replaceWith(el);
        row = { todo, saving, editor, el };
        this.rows.set(todo.id, row);
        // Same todo, new row: the same control (or, leaving the editor, its Edit button) keeps focus.
        if (hadFocus && !editor) (el.querySelector<HTMLElement>(`[data-focus="${focusKey}"]`) ?? el.querySelector<HTMLElement>("[data-focus=edit]"))?.focus();
      }
      if (this.listEl.children[i] !== row.el) this.listEl.insertBefore(row.el, this.listEl.children[i] ?? null);
    });
    if (focusedIndex >= 0 && !wanted.has(focusedRow!.dataset.id!)) this.focusAfterRemoval(focusedIndex);
  }

  private renderStatus(): void {
    const empty = this.listEl.children.length === 0;
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
    const firstNew = this.listEl.children.length;
    await this.loadPage();
    // Take keyboard users to what they asked for: the first newly loaded todo.
    if (document.activeElement === this.moreButton || this.moreEl.hidden) {
      this.listEl.querySelectorAll<HTMLElement>(".todo-toggle")[firstNew]?.focus();
    }
  }

  /** After an edit closes, focus goes back to where the user was. */
  focusItem(id: string, key: string): void {
    const li = this.listEl.querySelector(`li[data-id="${CSS.escape(id)}"]`);
    if (li?.classList.contains("editing")) focusEditor(li);
    else li?.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus();
  }

  private focusAfterRemoval(index: number): void {
    const items = this.listEl.querySelectorAll<HTMLElement>("li[data-id] .todo-toggle");
    (items[Math.min(index, items.length - 1)] ?? this.root.querySelector<HTMLElement>("#new-todo"))?.focus();
  }
}
