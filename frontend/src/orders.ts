import { api, ApiError } from "./api";
import { h } from "./dom";

interface Order {
  id: string;
  title: string;
  status: "PENDING" | "ACCEPTED" | "REJECTED" | "FAILED";
  reason: string | null;
  todoIds: string[];
  createdAt: string;
  items: { description: string; quantity: number }[];
}
interface Page { items: Order[]; nextCursor: string | null }

/** Orders: compose one (idempotent on retry), list them, and poll each PENDING one until it is final. */
export function ordersView(root: HTMLElement, signal: AbortSignal): void {
  let orders: Order[] = [];
  let cursor: string | null = null;
  let error = "";
  let idempotencyKey = crypto.randomUUID();
  let draftTitle = "";
  const rows: { description: string; quantity: number }[] = [{ description: "", quantity: 1 }];
  const polling = new Set<string>();

  // Polling re-renders while the user may be typing the next order: keep focus and caret in place.
  const render = () => {
    if (signal.aborted) return;
    const active = document.activeElement as HTMLInputElement | null;
    const name = active?.getAttribute?.("name");
    const caret = active?.selectionStart ?? null;
    root.replaceChildren(composer(), list());
    const again = name ? root.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`) : null;
    if (again) {
      again.focus();
      if (caret !== null && again.type === "text") again.setSelectionRange(caret, caret);
    }
  };

  function composer(): HTMLElement {
    const errors = h("div", { class: "field-error", role: "alert" });
    const title = h("input", { name: "title", value: draftTitle, placeholder: "Order title", "aria-label": "Order title", maxlength: 200,
      oninput: (e: Event) => { draftTitle = (e.target as HTMLInputElement).value; } });
    const lines = h("div", { class: "lines" }, ...rows.map((row, i) => h("div", { class: "line" },
      h("input", { name: `items[${i}].description`, value: row.description, placeholder: "Item", "aria-label": `Item ${i + 1} description`,
        oninput: (e: Event) => { row.description = (e.target as HTMLInputElement).value; } }),
      h("input", { name: `items[${i}].quantity`, type: "number", min: 1, max: 1000, value: row.quantity, "aria-label": `Item ${i + 1} quantity`,
        oninput: (e: Event) => { row.quantity = Number((e.target as HTMLInputElement).value); } }),
      rows.length > 1 ? h("button", { type: "button", class: "danger", "aria-label": `Remove item ${i + 1}`, onclick: () => { rows.splice(i, 1); render(); } }, "Remove") : null)));
    return h("form", { class: "order-form", "aria-label": "New order", onsubmit: async (e: Event) => {
      e.preventDefault();
      try {
        const order = await api.post<Order>("/api/orders", { title: title.value, items: rows }, { "idempotency-key": idempotencyKey });
        idempotencyKey = crypto.randomUUID(); // a new order from here on; a retry above reused the key
        rows.splice(0, rows.length, { description: "", quantity: 1 });
        draftTitle = "";
        orders = [order, ...orders.filter((o) => o.id !== order.id)];
        render();
        poll(order.id);
      } catch (e) {
        errors.textContent = e instanceof ApiError ? (e.status === 422 ? "This order was already sent with different contents. Reload and try again." : e.message) : "Could not place the order.";
      }
    } },
      h("h2", {}, "New order"), title, lines,
      h("button", { type: "button", onclick: () => { if (rows.length < 50) { rows.push({ description: "", quantity: 1 }); render(); } } }, "Add item"),
      h("button", { type: "submit" }, "Place order"), errors);
  }

  function list(): HTMLElement {
    if (error) return h("p", { class: "error", role: "alert" }, error);
    if (orders.length === 0) return h("p", { class: "empty" }, "No orders yet.");
    return h("section", { "aria-label": "Orders" },
      h("ul", { class: "orders" }, ...orders.map((o) => h("li", { class: `order ${o.status.toLowerCase()}`, "data-id": o.id },
        h("span", { class: "title" }, o.title),
        h("span", { class: "status", "aria-live": "polite" }, o.status),
        o.reason ? h("p", { class: "reason" }, o.reason) : null,
        o.status === "ACCEPTED" ? h("p", { class: "muted" }, `${o.todoIds.length} todos created (label "order"). `, h("a", { href: "/", "data-link": true }, "See todos")) : null))),
      cursor ? h("button", { type: "button", onclick: () => load(true) }, "Load more") : null);
  }

  async function load(more = false) {
    try {
      const page = await api.get<Page>(`/api/orders?limit=20${more && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      orders = more ? [...orders, ...page.items] : page.items;
      cursor = page.nextCursor;
      orders.filter((o) => o.status === "PENDING").forEach((o) => poll(o.id));
    } catch (e) {
      error = e instanceof ApiError ? e.message : "Could not load orders.";
    }
    render();
  }

  function poll(id: string, delay = 500) {
    if (polling.has(id) && delay === 500) return;
    polling.add(id);
    window.setTimeout(async () => {
      if (signal.aborted) return;
      try {
        const order = await api.get<Order>(`/api/orders/${id}`);
        orders = orders.map((o) => (o.id === id ? order : o));
        render();
        if (order.status === "PENDING") poll(id, Math.min(delay * 1.5, 5000));
        else polling.delete(id);
      } catch {
        poll(id, Math.min(delay * 2, 10000));
      }
    }, delay);
  }

  render();
  void load();
}
