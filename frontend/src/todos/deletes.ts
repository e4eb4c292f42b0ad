import { describe } from "../api";
import { showError, toast } from "../messages";
import { deleteTodo, type Todo } from "./todosApi";

/**
 * Delete with undo: the DELETE waits until the undo window closes, so Undo simply cancels it and the
 * todo keeps its id, dates and version. Pending deletes outlive view changes and are sent when the
 * page goes away (keepalive), so closing the tab never resurrects a deleted todo.
 */
export const UNDO_WINDOW_MS = 6000;

interface PendingDelete {
  todo: Todo;
  commit: () => void;
  undo: () => void;
}

const pending = new Map<string, PendingDelete>();

export const pendingDeletes = (): Todo[] => [...pending.values()].map((p) => p.todo);

export function scheduleDelete(todo: Todo, hooks: { undo(): void; failed(): void; done(): void }): void {
  let settled = false;
  const commit = () => {
    if (settled) return;
    settled = true;
    message.close();
    deleteTodo(todo.id, true).then(
      () => { pending.delete(todo.id); hooks.done(); },
      (e: unknown) => {
        pending.delete(todo.id);
        // Already gone is what the user wanted.
        if (e instanceof Error && "status" in e && e.status === 404) { hooks.done(); return; }
        showError(`Could not delete “${todo.title}”: ${describe(e)}`);
        hooks.failed();
      });
  };
  const undo = () => {
    if (settled) return;
    settled = true;
    message.close();
    pending.delete(todo.id);
    hooks.undo();
  };
  const message = toast(`Deleted “${todo.title}”.`, { timeoutMs: UNDO_WINDOW_MS, action: { label: "Undo", run: undo, shortcut: "Control+Z" }, onTimeout: commit });
  pending.set(todo.id, { todo, commit, undo });
}

/**
 * Ctrl+Z (or Cmd+Z) undoes the latest delete, so keyboard users need not hunt for the toast; inside a
 * text field that holds text it keeps its usual meaning.
 */
document.addEventListener("keydown", (e) => {
  const field = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement && !["checkbox", "radio"].includes(e.target.type) ? e.target : null;
  if (field?.value || e.key.toLowerCase() !== "z" || !(e.ctrlKey || e.metaKey) || e.shiftKey) return;
  const latest = [...pending.values()].at(-1);
  if (!latest) return;
  e.preventDefault();
  latest.undo();
});

window.addEventListener("pagehide", () => {
  for (const p of [...pending.values()]) p.commit();
});
