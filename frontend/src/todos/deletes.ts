import { ApiError, describe } from "../api";
import { registerDraftSource } from "../auth/drafts";
import { announce, showError, toast, type Toast } from "../messages";
import { emit, forget, hide, isHidden, shown, unhide } from "./todoSync";
import { deleteTodo, type Todo } from "./todosApi";

/**
 * Delete with undo: the DELETE waits until the undo window closes, so Undo simply cancels it. Undo
 * shows the todo's current version (a change still saving included), through a todo event, so
 * whichever view is on screen shows it. Pending deletes outlive view changes, are sent when the page
 * goes away (keepalive), and when the session ends they travel with the drafts and are sent after
 * sign-in, so a deleted todo never comes back.
 */
export const UNDO_WINDOW_MS = 6000;

interface PendingDelete {
  todo: Todo;
  message: Toast | null;
  /** Sent (or handed to the drafts): Undo and the timer no longer apply. */
  settled: boolean;
}

const pending = new Map<string, PendingDelete>();

export const pendingDeletes = (): Todo[] => [...pending.values()].map((p) => p.todo);

export function scheduleDelete(todo: Todo): void {
  hide(todo.id);
  emit({ type: "removed", id: todo.id });
  const entry: PendingDelete = { todo, message: null, settled: false };
  pending.set(todo.id, entry);
  entry.message = toast(`Deleted “${todo.title}”.`, {
    timeoutMs: UNDO_WINDOW_MS,
    action: { label: "Undo", run: () => undo(todo.id), shortcut: "Control+Z" },
    onTimeout: () => commit(entry),
  });
  emit({ type: "settled", id: todo.id });
}

function undo(id: string): void {
  const entry = pending.get(id);
  if (!entry || entry.settled) return;
  pending.delete(id);
  entry.message?.close();
  unhide(id);
  const todo = shown(id) ?? entry.todo;
  emit({ type: "restored", todo });
  emit({ type: "settled", id });
  announce(`Restored “${todo.title}”.`);
}

function commit(entry: PendingDelete, keepalive = false): void {
  if (entry.settled) return;
  entry.settled = true;
  entry.message?.close();
  const { todo } = entry;
  deleteTodo(todo.id, keepalive).then(
    () => done(todo.id),
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return done(todo.id); // already gone is what the user wanted
      if (e instanceof ApiError && e.status === 401) return; // kept: the session is ending and takes it along
      pending.delete(todo.id);
      unhide(todo.id);
      emit({ type: "restored", todo: shown(todo.id) ?? todo });
      emit({ type: "settled", id: todo.id });
      showError(`Could not delete “${todo.title}”: ${describe(e)}`, { label: "Retry", run: () => scheduleRetry(todo) });
    });
}

function scheduleRetry(todo: Todo): void {
  scheduleDelete(shown(todo.id) ?? todo);
  commit(pending.get(todo.id)!);
}

function done(id: string): void {
  pending.delete(id);
  forget(id);
  emit({ type: "settled", id });
}

/** After sign-in: the deletes the last session could not send. Hidden at once, sent now. */
export function resumeDeletes(todos: Todo[]): void {
  for (const todo of todos) {
    if (pending.has(todo.id)) continue;
    hide(todo.id);
    const entry: PendingDelete = { todo, message: null, settled: false };
    pending.set(todo.id, entry);
    commit(entry);
  }
}

registerDraftSource("pending-deletes", () => {
  const todos = pendingDeletes();
  for (const p of pending.values()) {
    p.settled = true; // the next page sends them, with a token that works
    p.message?.close();
  }
  return todos.length > 0 ? todos : undefined;
});

/**
 * Ctrl+Z (or Cmd+Z) undoes the latest delete, so keyboard users need not hunt for the toast; inside a
 * text field that holds text it keeps its usual meaning.
 */
document.addEventListener("keydown", (e) => {
  const field = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement && !["checkbox", "radio"].includes(e.target.type) ? e.target : null;
  if (field?.value || e.key.toLowerCase() !== "z" || !(e.ctrlKey || e.metaKey) || e.shiftKey) return;
  const latest = [...pending.values()].filter((p) => !p.settled).at(-1);
  if (!latest) return;
  e.preventDefault();
  undo(latest.todo.id);
});

window.addEventListener("pagehide", () => {
  for (const p of [...pending.values()]) commit(p, true);
});

export const isDeleting = isHidden;
