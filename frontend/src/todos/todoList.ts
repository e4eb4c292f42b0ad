import { isDeleting } from "./deletes";
import type { StatusFilter, Todo } from "./todosApi";

/**
 * The todos this view has loaded, in server order (newest id first), each in the version to show.
 * A todo that stops matching the filter (completed under "Active") stays in place but is not shown,
 * so a change that fails and rolls back puts it back where it was.
 */
export class TodoList {
  items: Todo[] = [];
  nextCursor: string | null = null;

  constructor(readonly filter: StatusFilter, private readonly orderId: string | null = null) {}

  matches(todo: Todo): boolean {
    return this.filter === "all" || (this.filter === "completed") === todo.completed;
  }

  visible(): Todo[] {
    return this.items.filter((t) => this.matches(t) && !isDeleting(t.id));
  }

  find(id: string): Todo | undefined {
    return this.items.find((t) => t.id === id);
  }

  /** Puts the newest version in place of the todo with `oldId` (a draft's id, or its own). */
  replace(todo: Todo, oldId = todo.id): void {
    const i = this.items.findIndex((t) => t.id === oldId);
    if (i >= 0) this.items[i] = todo;
  }

  remove(id: string): void {
    this.items = this.items.filter((t) => t.id !== id);
  }

  /**
   * Adds a todo where the server would list it (ids sort by creation time), unless it belongs to a
   * page not loaded yet or to another scope (an order's list shows only that order's todos).
   */
  insert(todo: Todo): void {
    if (this.find(todo.id)) return this.replace(todo);
    if (this.orderId && !todo.id.startsWith(`${this.orderId}-`)) return;
    const i = this.items.findIndex((t) => !t.id.startsWith("draft-") && t.id < todo.id);
    if (i < 0 && this.nextCursor) return;
    this.items.splice(i < 0 ? this.items.length : i, 0, todo);
  }

  /** A todo being added: first in the list until the server names it. */
  prepend(todo: Todo): void {
    this.items.unshift(todo);
  }

  appendPage(items: Todo[], nextCursor: string | null): void {
    const known = new Set(this.items.map((t) => t.id));
    this.items.push(...items.filter((t) => !known.has(t.id)));
    this.nextCursor = nextCursor;
  }
}
