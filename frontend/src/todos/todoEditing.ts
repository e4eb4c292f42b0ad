import { ApiError, describe } from "../api";
import { announce, showError } from "../messages";
import type { AddActions, AddFormHandle } from "./addForm";
import { scheduleDelete } from "./deletes";
import { changesBetween, rebase, valuesOf, type EditorActions, type EditorState, type EditorValues } from "./todoEditor";
import type { TodoItemActions } from "./todoItem";
import { createTodo, getTodo, updateTodo, type Todo, type TodoChanges } from "./todosApi";
import type { TodosView } from "./todosView";

/** Every change a user makes to todos: optimistic on screen first, rolled back if the API says no. */
export class TodoEditing implements TodoItemActions, EditorActions, AddActions {
  state: EditorState | null = null;

  constructor(private readonly view: TodosView) {}

  private get list() {
    return this.view.list;
  }

  async add(title: string, form: AddFormHandle): Promise<void> {
    const now = new Date().toISOString();
    const draft: Todo = {
      id: `draft-${crypto.randomUUID()}`, title, notes: null, completed: false, dueDate: null, labels: [],
      createdAt: now, updatedAt: now, completedAt: null, version: 0, attachments: [],
    };
    form.clear();
    this.list.insert(draft, 0);
    this.list.pending.add(draft.id);
    this.view.render();
    try {
      const created = await createTodo({ title });
      this.list.replace(created, draft.id);
      announce(`Added “${created.title}”.`);
    } catch (e) {
      this.list.remove(draft.id);
      form.restore(title, e instanceof ApiError ? (e.fieldErrors.title?.join(" ") ?? e.message) : describe(e));
    } finally {
      this.list.pending.delete(draft.id);
      this.view.render();
      void this.view.refreshCounts();
    }
  }

  async toggle(todo: Todo): Promise<void> {
    const completed = !todo.completed;
    await this.patch(todo, { completed }, { ...todo, completed }, (saved) =>
      announce(saved.completed ? `Completed “${saved.title}”.` : `Marked “${saved.title}” as not done.`));
  }

  edit(todo: Todo): void {
    this.state = { todo, values: valuesOf(todo) };
    this.view.render();
    this.view.focusItem(todo.id, "edit");
  }

  cancel(todo: Todo): void {
    this.state = null;
    this.view.render();
    this.view.focusItem(todo.id, "edit");
  }

  async save(todo: Todo, values: EditorValues): Promise<void> {
    const changes = changesBetween(todo, values);
    this.state = null;
    if (Object.keys(changes).length === 0) {
      this.view.render();
      this.view.focusItem(todo.id, "edit");
      return;
    }
    const optimistic: Todo = {
      ...todo,
      ...(changes as Partial<Todo>),
      labels: changes.labels === undefined ? todo.labels : changes.labels ?? [],
    };
    await this.patch(todo, changes, optimistic, (saved) => announce(`Saved “${saved.title}”.`), values);
    if (!this.state) this.view.focusItem(todo.id, "edit");
  }

  remove(todo: Todo): void {
    const index = this.list.remove(todo.id);
    this.view.render();
    this.view.focusAfterRemoval(index);
    scheduleDelete(todo, {
      undo: () => {
        this.list.insert(todo, index);
        this.view.render();
        this.view.focusItem(todo.id, "toggle");
        announce(`Restored “${todo.title}”.`);
      },
      failed: () => {
        this.list.insert(todo, index);
        this.view.render();
      },
      done: () => void this.view.refreshCounts(),
    });
    this.view.renderFilters();
  }

  /** Shows `optimistic` at once, sends the PATCH with the version the user saw, and rolls back on failure. */
  private async patch(todo: Todo, changes: TodoChanges, optimistic: Todo, saved: (t: Todo) => void, values?: EditorValues): Promise<void> {
    const index = this.list.indexOf(todo.id);
    this.list.replace(optimistic);
    this.list.pending.add(todo.id);
    this.view.render();
    try {
      const result = await updateTodo(todo, changes);
      this.list.pending.delete(todo.id);
      this.list.replace(result);
      saved(result);
    } catch (e) {
      this.list.pending.delete(todo.id);
      if (this.list.find(todo.id)) this.list.replace(todo);
      else this.list.insert(todo, index);
      await this.explainFailure(todo, e, values);
    }
    this.view.render();
    void this.view.refreshCounts();
  }

  private async explainFailure(todo: Todo, e: unknown, values?: EditorValues): Promise<void> {
    if (e instanceof ApiError && e.status === 404) {
      this.list.remove(todo.id);
      showError(`“${todo.title}” no longer exists; it was deleted elsewhere.`);
    } else if (e instanceof ApiError && e.status === 412) {
      const latest = await getTodo(todo.id).catch(() => null);
      if (!latest) return;
      this.list.replace(latest);
      const message = "This todo was changed elsewhere, so we loaded the latest version.";
      if (values) {
        this.state = { todo: latest, values: rebase(values, todo, latest), message: `${message} Review your changes and save again.` };
      } else {
        showError(`${message} Please try again.`);
      }
    } else if (values && e instanceof ApiError && e.status === 400) {
      this.state = { todo, values, errors: e.fieldErrors, message: Object.keys(e.fieldErrors).length ? undefined : e.message };
    } else if (values) {
      this.state = { todo, values, message: `Not saved: ${describe(e)}` };
    } else {
      showError(`Not saved: ${describe(e)}`);
    }
    if (this.state) {
      this.view.render();
      this.view.focusItem(todo.id, "edit");
    }
  }
}
