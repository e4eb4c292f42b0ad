import { h } from "../dom";
import { formatDay, isOverdue } from "./dates";
import { labelChips } from "./labels";
import { fillTodoSlots } from "./slots";
import type { Todo } from "./todosApi";

export interface TodoItemActions {
  toggle(todo: Todo, completed: boolean): void;
  edit(todo: Todo): void;
  remove(todo: Todo): void;
}

/** One todo in read mode. Controls carry data-focus keys so a re-render keeps keyboard focus. */
export function todoItem(todo: Todo, actions: TodoItemActions, pending = false): HTMLLIElement {
  const overdue = isOverdue(todo.dueDate, todo.completed);
  const titleId = `todo-title-${todo.id}`;
  const classes = ["todo", todo.completed && "done", overdue && "overdue", pending && "pending"].filter(Boolean).join(" ");
  const slot = h("div", { class: "todo-slot", "data-slot": "todo-extensions" });
  fillTodoSlots(todo, slot);

  return h("li", { class: classes, "data-id": todo.id, "aria-labelledby": titleId, "aria-busy": pending ? "true" : null },
    h("div", { class: "todo-row" },
      h("input", {
        type: "checkbox", class: "todo-toggle", checked: todo.completed, "data-focus": "toggle",
        "aria-label": `Completed: ${todo.title}`, onchange: (e: Event) => actions.toggle(todo, (e.target as HTMLInputElement).checked),
      }),
      h("div", { class: "todo-body" },
        h("span", { class: "todo-title", id: titleId, ondblclick: () => actions.edit(todo) }, todo.title),
        todo.notes ? h("p", { class: "todo-notes" }, todo.notes) : null,
        todo.dueDate || todo.labels.length > 0
          ? h("div", { class: "todo-meta" },
              todo.dueDate
                ? h("span", { class: overdue ? "due due-overdue" : "due" },
                    overdue ? h("strong", {}, "Overdue") : null, overdue ? " · " : null,
                    "Due ", h("time", { datetime: todo.dueDate }, formatDay(todo.dueDate)))
                : null,
              labelChips(todo.labels))
          : null),
      h("div", { class: "todo-actions" },
        h("button", { type: "button", class: "button-quiet", "data-focus": "edit", "aria-label": `Edit ${todo.title}`, onclick: () => actions.edit(todo) }, "Edit"),
        h("button", { type: "button", class: "button-quiet danger", "data-focus": "delete", "aria-label": `Delete ${todo.title}`, onclick: () => actions.remove(todo) }, "Delete"))),
    slot);
}
