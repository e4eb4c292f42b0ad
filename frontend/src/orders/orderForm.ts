import { ApiError, describe, type FieldErrors } from "../api";
import { h, mount, uid } from "../dom";
import { registerDraftSource, takeDraft } from "../auth/drafts";
import { announce } from "../messages";
import { placeOrder, type Order, type OrderDraft } from "./ordersApi";

const MAX_ITEMS = 50;

interface Row {
  description: string;
  quantity: string;
}

/** The item rows (and the form's idempotency key) of a form open at sign-out; the other fields are data-draft fields. */
interface OrderDraftRows {
  rows: Row[];
  key: string;
}

let openForm: OrderForm | null = null;
registerDraftSource("order-rows", () => openForm?.keep());

/** Composes an order: title, optional due date and notes, 1-50 item rows. Errors sit next to their fields. */
export class OrderForm {
  readonly el = h("form", { class: "order-form", "aria-labelledby": "order-form-heading", novalidate: true });
  private rows: Row[] = [{ description: "", quantity: "1" }];
  private errors: FieldErrors = {};
  private message = "";
  private busy = false;
  // Made when the form opens and kept across retries, so a retried POST can never place a second order.
  private key: string = crypto.randomUUID();
  private readonly title = h("input", { type: "text", name: "title", maxlength: 200, autocomplete: "off", "data-draft": "order-title" });
  private readonly dueDate = h("input", { type: "date", name: "dueDate", "data-draft": "order-due-date" });
  private readonly notes = h("textarea", { name: "notes", rows: 2, maxlength: 2000, "data-draft": "order-notes" });

  constructor(private readonly placed: (order: Order) => void) {
    openForm = this;
    const kept = takeDraft<OrderDraftRows>("order-rows");
    if (kept) [this.rows, this.key] = [kept.rows, kept.key];
    this.el.addEventListener("submit", (e) => { e.preventDefault(); void this.submit(); });
    this.render();
  }

  private field(name: string, label: string, control: HTMLInputElement | HTMLTextAreaElement, extraClass = ""): HTMLElement {
    const id = control.id || (control.id = uid(`order-${name}`));
    const message = this.errors[name]?.join(" ");
    const errorId = `${id}-error`;
    if (message) control.setAttribute("aria-invalid", "true"); else control.removeAttribute("aria-invalid");
    if (message) control.setAttribute("aria-describedby", errorId); else control.removeAttribute("aria-describedby");
    return h("div", { class: `field ${extraClass}` }, h("label", { for: id }, label), control,
      message ? h("p", { class: "field-error", id: errorId }, message) : null);
  }

  private rowEl(row: Row, i: number): HTMLElement {
    const description = h("input", { type: "text", value: row.description, maxlength: 200, autocomplete: "off", "data-row": i, "data-part": "description",
      oninput: (e: Event) => { row.description = (e.target as HTMLInputElement).value; } });
    const quantity = h("input", { type: "number", "aria-label": `Quantity of item ${i + 1}`, value: row.quantity, min: 1, max: 1000, step: 1, inputmode: "numeric", "data-row": i, "data-part": "quantity",
      oninput: (e: Event) => { row.quantity = (e.target as HTMLInputElement).value; } });
    const rowError = this.errors[`items[${i}]`]?.join(" ");
    return h("li", { class: "order-row" },
      this.field(`items[${i}].description`, `Item ${i + 1}`, description, "grow"),
      this.field(`items[${i}].quantity`, "Quantity", quantity, "qty"),
      h("button", { type: "button", class: "button-quiet danger", "aria-label": `Remove item ${i + 1}`, disabled: this.rows.length === 1,
        onclick: () => { this.rows.splice(i, 1); this.errors = {}; this.render(); this.focusRow(Math.min(i, this.rows.length - 1)); } }, "Remove"),
      rowError ? h("p", { class: "field-error" }, rowError) : null);
  }

  private render(): void {
    mount(this.el,
      h("h2", { id: "order-form-heading" }, "Place an order"),
      this.message ? h("p", { class: "form-message", role: "alert" }, this.message) : null,
      this.field("title", "Order title", this.title),
      h("div", { class: "field-row" }, this.field("dueDate", "Due date (optional)", this.dueDate), this.field("notes", "Notes (optional)", this.notes, "grow")),
      h("fieldset", { class: "order-items" },
        h("legend", {}, `Items (${this.rows.length} of at most ${MAX_ITEMS})`),
        this.errors.items ? h("p", { class: "field-error" }, this.errors.items.join(" ")) : null,
        h("ol", { class: "order-rows" }, this.rows.map((r, i) => this.rowEl(r, i))),
        h("button", { type: "button", disabled: this.rows.length >= MAX_ITEMS,
          onclick: () => { this.rows.push({ description: "", quantity: "1" }); this.render(); this.focusRow(this.rows.length - 1); } }, "Add item")),
      h("div", { class: "form-actions" },
        h("button", { type: "submit", class: "button-primary", disabled: this.busy }, this.busy ? "Placing order…" : "Place order")));
  }

  private focusRow(i: number): void {
    this.el.querySelector<HTMLElement>(`input[data-row="${i}"][data-part="description"]`)?.focus();
  }

  private draft(): OrderDraft {
    const draft: OrderDraft = {
      title: this.title.value.trim(),
      items: this.rows.map((r) => ({ description: r.description.trim(), quantity: r.quantity === "" ? null : Number(r.quantity) })),
    };
    if (this.dueDate.value) draft.dueDate = this.dueDate.value;
    if (this.notes.value.trim()) draft.notes = this.notes.value;
    return draft;
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.errors = {};
    this.message = "";
    this.render();
    try {
      const order = await placeOrder(this.draft(), this.key, (s) => announce(`The service is busy; retrying in ${Math.ceil(s)} s…`));
      this.reset();
      announce(`Order “${order.title}” placed. It is being processed.`);
      this.placed(order);
    } catch (e) {
      this.explain(e);
    } finally {
      this.busy = false;
      this.render();
      // Re-rendering replaced the focused button: go to the first problem, or back to the start for the next order.
      (this.el.querySelector<HTMLElement>("[aria-invalid]") ?? (this.message ? this.el.querySelector<HTMLElement>("button[type=submit]") : this.title))?.focus();
    }
  }

  private explain(e: unknown): void {
    if (e instanceof ApiError && e.status === 400) {
      this.errors = e.fieldErrors;
      this.message = Object.keys(this.errors).some((k) => k === "title" || k === "dueDate" || k === "notes" || k.startsWith("items"))
        ? "Please fix the highlighted fields." : e.message;
    } else if (e instanceof ApiError && e.status === 422) {
      // The key already placed a different order; a fresh key makes this a new order.
      this.key = crypto.randomUUID();
      this.message = "An order was already placed from this form with different details. Press Place order again to place this one as a new order.";
    } else if (e instanceof ApiError && e.status === 503 && typeof e.problem.orderId === "string") {
      this.message = "Your order was saved but is not queued yet. It will be processed automatically; pressing Place order again is safe.";
    } else {
      this.message = `The order was not placed: ${describe(e)} Pressing Place order again is safe; it will not be placed twice.`;
    }
  }

  keep(): OrderDraftRows | undefined {
    if (!this.el.isConnected || this.rows.every((r) => r.description === "" && r.quantity === "1")) return undefined;
    return { rows: this.rows, key: this.key };
  }

  private reset(): void {
    this.key = crypto.randomUUID();
    this.rows = [{ description: "", quantity: "1" }];
    this.title.value = this.dueDate.value = this.notes.value = "";
  }
}
