import type { FieldErrors } from "../api";
import { h, uid } from "../dom";
import { formatLabels, parseLabels } from "./labels";
import type { Todo, TodoChanges } from "./todosApi";

export interface EditorValues {
  title: string;
  notes: string;
  dueDate: string;
  labels: string;
}

export const valuesOf = (todo: Todo): EditorValues => ({
  title: todo.title,
  notes: todo.notes ?? "",
  dueDate: todo.dueDate ?? "",
  labels: formatLabels(todo.labels),
});

/** The PATCH that turns `base` into what the form shows: only changed fields, empty means clear. */
export function changesBetween(base: Todo, values: EditorValues): TodoChanges {
  const changes: TodoChanges = {};
  if (values.title.trim() !== base.title) changes.title = values.title.trim();
  if (values.notes !== (base.notes ?? "")) changes.notes = values.notes === "" ? null : values.notes;
  if (values.dueDate !== (base.dueDate ?? "")) changes.dueDate = values.dueDate === "" ? null : values.dueDate;
  const labels = parseLabels(values.labels);
  if (labels.join(",") !== base.labels.join(",")) changes.labels = labels.length === 0 ? null : labels;
  return changes;
}

/** After a conflict: keep the fields the user changed, take every other field from the latest version. */
export function rebase(values: EditorValues, base: Todo, latest: Todo): EditorValues {
  const before = valuesOf(base);
  const now = valuesOf(latest);
  const pick = (key: keyof EditorValues) => (values[key] !== before[key] ? values[key] : now[key]);
  return { title: pick("title"), notes: pick("notes"), dueDate: pick("dueDate"), labels: pick("labels") };
}

export interface EditorState {
  todo: Todo;
  values: EditorValues;
  errors?: FieldErrors;
  message?: string;
}

export interface EditorActions {
  save(todo: Todo, values: EditorValues): void;
  cancel(todo: Todo): void;
}

/** A todo in edit mode: a labelled form whose errors sit next to their fields. */
export function todoEditor(state: EditorState, actions: EditorActions): HTMLLIElement {
  const { todo, values, errors = {} } = state;
  const field = (name: keyof EditorValues, label: string, control: HTMLInputElement | HTMLTextAreaElement, hint?: string) => {
    const id = uid(`edit-${name}`);
    const errorId = `${id}-error`;
    const hintId = `${id}-hint`;
    const message = errors[name]?.join(" ");
    control.id = id;
    control.name = name;
    control.dataset.focus = `edit-${name}`;
    if (message) control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", [hint ? hintId : "", message ? errorId : ""].join(" ").trim());
    return h("div", { class: `field field-${name}` },
      h("label", { for: id }, label), control,
      hint ? h("p", { class: "hint", id: hintId }, hint) : null,
      message ? h("p", { class: "field-error", id: errorId }, message) : null);
  };

  const title = h("input", { type: "text", value: values.title, maxlength: 200, required: true, autocomplete: "off" });
  const notes = h("textarea", { rows: 3, maxlength: 2000 }, values.notes);
  const dueDate = h("input", { type: "date", value: values.dueDate });
  const labels = h("input", { type: "text", value: values.labels, autocomplete: "off" });
  const read = (): EditorValues => ({ title: title.value, notes: notes.value, dueDate: dueDate.value, labels: labels.value });

  const form = h("form", {
    class: "todo-editor", "aria-label": `Edit ${todo.title}`, novalidate: true,
    onsubmit: (e: Event) => { e.preventDefault(); actions.save(todo, read()); },
    // The state follows the fields, so a draft saved at sign-out holds what is typed now.
    oninput: () => { state.values = read(); },
    onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Escape") actions.cancel(todo); },
  },
    state.message ? h("p", { class: "form-message", role: "alert" }, state.message) : null,
    field("title", "Title", title),
    field("notes", "Notes", notes),
    h("div", { class: "field-row" },
      field("dueDate", "Due date", dueDate),
      field("labels", "Labels", labels, "Comma-separated, e.g. home, errands")),
    h("div", { class: "form-actions" },
      h("button", { type: "submit", class: "button-primary", "data-focus": "save" }, "Save"),
      h("button", { type: "button", "data-focus": "cancel", onclick: () => actions.cancel(todo) }, "Cancel")));

  // Field errors for keys the form has no control for (e.g. "body") still reach the user.
  const other = Object.entries(errors).filter(([k]) => !["title", "notes", "dueDate", "labels"].includes(k));
  if (other.length > 0 && !state.message) {
    form.prepend(h("p", { class: "form-message", role: "alert" }, other.flatMap(([, v]) => v).join(" ")));
  }
  return h("li", { class: "todo editing", "data-id": todo.id }, form);
}

/** Focuses the first invalid field, or the title. */
export function focusEditor(li: Element): void {
  const target = li.querySelector<HTMLElement>("[aria-invalid=true]") ?? li.querySelector<HTMLElement>("input[name=title]");
  target?.focus();
}
