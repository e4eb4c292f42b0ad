import { ApiError } from "../api";
import { getTodo, updateTodo, type Todo, type TodoChanges } from "./todosApi";

/**
 * One queue of changes per todo. A change shows at once; at most one PATCH per todo is in flight,
 * and each carries the version the server returned last, so two quick changes by the same user never
 * conflict with each other. Whatever the user changes meanwhile is merged and sent next. Views do not
 * own todos: they hear about them through todo events, so whichever view is on screen stays current.
 */
export type TodoEvent =
  | { type: "changed"; todo: Todo } // the version to show now (including changes not yet saved)
  | { type: "removed"; id: string } // gone (deleted here or elsewhere)
  | { type: "restored"; todo: Todo } // an undone delete: show it again, current version
  | { type: "settled"; id: string }; // nothing left to send: counts may have changed

export interface ChangeHooks {
  saved?(todo: Todo): void;
  /** The change did not stick. `latest` is the server's version after a conflict (null if it could not be read). */
  failed?(error: unknown, latest: Todo | null): void;
}

interface Entry {
  confirmed: Todo;
  sending: TodoChanges | null;
  sendingHooks: ChangeHooks[];
  queued: TodoChanges | null;
  queuedHooks: ChangeHooks[];
}

const entries = new Map<string, Entry>();
const hidden = new Set<string>();
const events = new EventTarget();

export function onTodoEvent(listener: (event: TodoEvent) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<TodoEvent>).detail);
  events.addEventListener("todo", handler);
  return () => events.removeEventListener("todo", handler);
}

export const emit = (event: TodoEvent): void => void events.dispatchEvent(new CustomEvent("todo", { detail: event }));

const apply = (todo: Todo, changes: TodoChanges | null): Todo =>
  changes ? { ...todo, ...(changes as Partial<Todo>), labels: changes.labels === undefined ? todo.labels : changes.labels ?? [] } : todo;

/** The version to show: the server's, plus what is on its way there. */
export function shown(id: string): Todo | undefined {
  const e = entries.get(id);
  return e && apply(apply(e.confirmed, e.sending), e.queued);
}

/** Takes a todo the server just returned in a list; returns what to show (local changes still win). */
export function remember(todo: Todo): Todo {
  const e = entries.get(todo.id);
  if (!e) entries.set(todo.id, { confirmed: todo, sending: null, sendingHooks: [], queued: null, queuedHooks: [] });
  else if (todo.version >= e.confirmed.version) e.confirmed = todo;
  return shown(todo.id)!;
}

export const isSaving = (id: string): boolean => Boolean(entries.get(id)?.sending || entries.get(id)?.queued);

/** While a delete waits for its undo window the todo is hidden, and no failure may bring it back. */
export const hide = (id: string): void => void hidden.add(id);
export const unhide = (id: string): void => void hidden.delete(id);
export const isHidden = (id: string): boolean => hidden.has(id);

export function change(todo: Todo, changes: TodoChanges, hooks: ChangeHooks = {}): void {
  remember(todo);
  const e = entries.get(todo.id)!;
  e.queued = { ...e.queued, ...changes };
  e.queuedHooks.push(hooks);
  emit({ type: "changed", todo: shown(todo.id)! });
  void pump(e);
}

/** Forgets a todo that no longer exists (its delete went through). */
export const forget = (id: string): void => void entries.delete(id);

async function pump(e: Entry): Promise<void> {
  if (e.sending || !e.queued) return;
  [e.sending, e.sendingHooks, e.queued, e.queuedHooks] = [e.queued, e.queuedHooks, null, []];
  const id = e.confirmed.id;
  try {
    e.confirmed = await updateTodo(e.confirmed, e.sending);
    const hooks = e.sendingHooks;
    [e.sending, e.sendingHooks] = [null, []];
    if (e.queued) {
      void pump(e);
    } else {
      if (!hidden.has(id)) emit({ type: "changed", todo: e.confirmed });
      emit({ type: "settled", id });
    }
    hooks.forEach((h) => h.saved?.(e.confirmed));
  } catch (error) {
    let latest: Todo | null = null;
    if (error instanceof ApiError && error.status === 412) {
      latest = await getTodo(id).catch(() => null);
      if (latest) e.confirmed = latest;
    }
    // Everything not yet saved goes back to the server's version; the hooks say what was lost.
    const hooks = [...e.sendingHooks, ...e.queuedHooks];
    [e.sending, e.sendingHooks, e.queued, e.queuedHooks] = [null, [], null, []];
    if (error instanceof ApiError && error.status === 404) {
      entries.delete(id);
      if (!hidden.has(id)) emit({ type: "removed", id });
    } else if (!hidden.has(id)) {
      emit({ type: "changed", todo: shown(id)! });
    }
    emit({ type: "settled", id });
    hooks.forEach((h) => h.failed?.(error, latest));
  }
}
