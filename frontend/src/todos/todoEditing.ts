import { ApiError, describe } from "../api";
import { registerDraftSource } from "../auth/drafts";
import { announce, showError } from "../messages";
import type { AddActions, AddFormHandle } from "./addForm";
import { scheduleDelete } from "./deletes";
import { changesBetween, rebase, valuesOf, type EditorActions, type EditorState, type EditorValues } from "./todoEditor";
import type { TodoItemActions } from "./todoItem";
import { change, remember, shown } from "./todoSync";
import { createTodo, type Todo, type TodoChanges } from "./todosApi";
import type { TodosView } from "./todosView";

/** What a todo editor open at sign-out keeps: which todo, and what the fields held. */
export interface EditorDraft {
  todoId: string;
  values: EditorValues;
}

let openEditor: EditorState | null = null;
registerDraftSource("todo-editor", (): EditorDraft | undefined =>
  openEditor ? { todoId: openEditor.todo.id, values: openEditor.values } : undefined);

/**
 * Every change a user makes to todos. Changes go through the todo's change queue (todoSync), which
 * shows them at once and tells every view what happened; this class adds what only this view knows:
 * the add form, the open editor and where focus goes.
 */
export class TodoEditing implements TodoItemActions, EditorActions, AddActions {
  private current: EditorState | null = null;

  constructor(private readonly view: TodosView) {
    openEditor = null;
  }

  get state(): EditorState | null {
    return this.current;
  }

  set state(value: EditorState | null) {
    this.current = openEditor = value;
  }

  async add(title: string, form: AddFormHandle): Promise<void> {
    const now = new Date().toISOString();
    const draft: Todo = {
      id: `draft-${crypto.randomUUID()}`, title, notes: null, completed: false, dueDate: null, labels: [],
      createdAt: now, updatedAt: now, completedAt: null, version: 0, attachments: [],
    };
    form.clear();
    this.view.list.prepend(draft);
    this.view.render();
    try {
      const created = remember(await createTodo({ title }));
      this.view.list.replace(created, draft.id);
      announce(`Added “${created.title}”.`);
    } catch (e) {
      this.view.list.remove(draft.id);
      form.restore(title, e instanceof ApiError ? (e.fieldErrors.title?.join(" ") ?? e.message) : describe(e));
    }
    this.view.render();
    void this.view.refreshCounts();
  }

  toggle(todo: Todo, completed: boolean): void {
    this.send(todo, { completed }, (saved) =>
      announce(saved.completed ? `Completed “${saved.title}”.` : `Marked “${saved.title}” as not done.`));
  }

  edit(todo: Todo): void {
    this.state = { todo: shown(todo.id) ?? todo, values: valuesOf(shown(todo.id) ?? todo) };
    this.view.render();
    this.view.focusItem(todo.id, "edit");
  }

  /** After sign-in: the editor as it was, if its todo is on this page. */
  reopen(draft: EditorDraft): void {
    const todo = this.view.list.find(draft.todoId);
    if (!todo) return;
    this.state = { todo, values: draft.values, message: "Your unsaved changes were kept. Save them when you are ready." };
    this.view.render();
    this.view.focusItem(todo.id, "edit");
  }

  cancel(todo: Todo): void {
    this.state = null;
    this.view.render();
    this.view.focusItem(todo.id, "edit");
  }

  save(todo: Todo, values: EditorValues): void {
    const base = shown(todo.id) ?? todo;
    const changes = changesBetween(base, values);
    this.state = null;
    if (Object.keys(changes).length > 0) {
      this.send(base, changes, (saved) => announce(`Saved “${saved.title}”.`), values);
    }
    this.view.render();
    this.view.focusItem(todo.id, "edit");
  }

  remove(todo: Todo): void {
    if (this.state?.todo.id === todo.id) this.state = null;
    scheduleDelete(shown(todo.id) ?? todo);
  }

  private send(base: Todo, changes: TodoChanges, saved: (t: Todo) => void, values?: EditorValues): void {
    change(base, changes, {
      saved,
      failed: (e, latest) => this.explainFailure(base, changes, e, latest, values),
    });
  }

  private explainFailure(base: Todo, changes: TodoChanges, e: unknown, latest: Todo | null, values?: EditorValues): void {
    const retry = { label: "Retry", run: () => this.send(shown(base.id) ?? base, changes, () => announce(`Saved “${base.title}”.`), values) };
    if (e instanceof ApiError && e.status === 404) {
      showError(`“${base.title}” no longer exists; it was deleted elsewhere.`);
      return;
    }
    if (e instanceof ApiError && e.status === 401) {
      // The session is over; the editor (or the change) is kept as a draft for after sign-in.
      if (values) this.state = { todo: base, values };
    } else if (values && e instanceof ApiError && e.status === 412) {
      const message = "This todo was changed elsewhere";
      this.state = latest
        ? { todo: latest, values: rebase(values, base, latest), message: `${message}, so we loaded the latest version. Review your changes and save again.` }
        : { todo: base, values, message: `${message}, and the latest version could not be loaded. Your changes are still here: save again to retry.` };
    } else if (e instanceof ApiError && e.status === 412) {
      showError("This todo was changed elsewhere, so we loaded the latest version.", latest ? retry : undefined);
    } else if (values && e instanceof ApiError && e.status === 400) {
      this.state = { todo: base, values, errors: e.fieldErrors, message: Object.keys(e.fieldErrors).length ? undefined : e.message };
    } else if (values) {
      this.state = { todo: base, values, message: `Not saved: ${describe(e)}` };
    } else {
      showError(`Not saved: ${describe(e)}`, retry);
    }
    if (this.state && this.view.list.find(base.id)) {
      this.view.render();
      this.view.focusItem(base.id, "edit");
    }
  }
}
