import type { StatusFilter, Todo } from "./todosApi";

/** The todos on screen, in server order, plus which one is being edited. Views read it; mutations change it. */
export class TodoList {
  items: Todo[] = [];
  nextCursor: string | null = null;
  pending = new Set<string>();

  constructor(readonly filter: StatusFilter) {}

  matches(todo: Todo): boolean {
    return this.filter === "all" || (this.filter === "completed") === todo.completed;
  }

  indexOf(id: string): number {
    return this.items.findIndex((t) => t.id === id);
  }

  find(id: string): Todo | undefined {
    return this.items.find((t) => t.id === id);
  }

  /** Puts the newest version in place; drops it if it no longer belongs under the current filter. */
  replace(todo: Todo, oldId = todo.id): void {
    const i = this.indexOf(oldId);
    if (i < 0) return;
    if (this.matches(todo)) this.items[i] = todo;
    else this.items.splice(i, 1);
  }

  remove(id: string): number {
    const i = this.indexOf(id);
    if (i >= 0) this.items.splice(i, 1);
    return i;
  }

  insert(todo: Todo, index = 0): void {
    if (!this.matches(todo) || this.indexOf(todo.id) >= 0) return;
    this.items.splice(Math.min(Math.max(index, 0), this.items.length), 0, todo);
  }

  appendPage(items: Todo[], nextCursor: string | null): void {
    const known = new Set(this.items.map((t) => t.id));
    this.items.push(...items.filter((t) => !known.has(t.id)));
    this.nextCursor = nextCursor;
  }
}
