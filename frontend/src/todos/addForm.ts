import { h } from "../dom";

export interface AddActions {
  add(title: string, form: AddFormHandle): void;
}

export interface AddFormHandle {
  clear(): void;
  restore(title: string, error: string): void;
}

/** The "what needs doing?" box: Enter adds; an error sits under the field. */
export function addForm(actions: AddActions): HTMLFormElement {
  const input = h("input", {
    id: "new-todo", name: "title", type: "text", placeholder: "What needs doing?", maxlength: 200,
    autocomplete: "off", "aria-describedby": "new-todo-error", autofocus: true, "data-draft": "new-todo",
  });
  const error = h("p", { id: "new-todo-error", class: "field-error", hidden: true });
  const handle: AddFormHandle = {
    clear() {
      input.value = "";
      input.removeAttribute("aria-invalid");
      error.hidden = true;
    },
    restore(title, message) {
      input.value = title;
      input.setAttribute("aria-invalid", "true");
      error.textContent = message;
      error.hidden = false;
      input.focus();
    },
  };
  return h("form", {
    class: "add-form", "aria-label": "Add a todo", novalidate: true,
    onsubmit: (e: Event) => {
      e.preventDefault();
      const title = input.value.trim();
      if (!title) handle.restore("", "Type a title first.");
      else actions.add(title, handle);
    },
  },
    h("label", { for: "new-todo", class: "visually-hidden" }, "New todo"),
    h("div", { class: "add-row" }, input, h("button", { type: "submit", class: "button-primary" }, "Add")),
    error);
}
