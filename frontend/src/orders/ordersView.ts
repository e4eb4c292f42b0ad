import { describe } from "../api";
import { h, mount, replaceKeepingFocus } from "../dom";
import { announce } from "../messages";
import { orderCard } from "./orderCard";
import { OrderForm } from "./orderForm";
import { OrderPolling } from "./orderPolling";
import { listOrders, type Order } from "./ordersApi";

/** The orders page: the compose form, then the user's orders, newest first, with live status. */
export class OrdersView {
  private orders: Order[] = [];
  private nextCursor: string | null = null;
  private loading = true;
  private error = "";
  private readonly listEl = h("ol", { class: "order-list", "aria-label": "Your orders" });
  private readonly statusEl = h("div", { class: "list-status" });
  private readonly moreButton = h("button", { type: "button", class: "load-more", onclick: () => void this.load() }, "Load more");
  private readonly moreEl = h("div", { class: "more" }, this.moreButton);
  private readonly polling = new OrderPolling((o) => this.update(o), (id) => this.gaveUp(id));
  private readonly slow = new Set<string>();

  constructor(private readonly root: HTMLElement) {}

  title(): string {
    return "Orders";
  }

  async start(): Promise<void> {
    const form = new OrderForm((order) => {
      this.orders.unshift(order);
      this.polling.watch(order);
      this.render();
    });
    mount(this.root, h("div", { class: "orders" }, form.el,
      h("section", { "aria-labelledby": "orders-heading" },
        h("h2", { id: "orders-heading" }, "Your orders"), this.statusEl, this.listEl, this.moreEl)));
    await this.load();
  }

  stop(): void {
    this.polling.stop();
  }

  private async load(): Promise<void> {
    if (this.loading && this.orders.length > 0) return;
    this.loading = true;
    this.render();
    try {
      const page = await listOrders(this.orders.length === 0 ? null : this.nextCursor);
      const known = new Set(this.orders.map((o) => o.id));
      this.orders.push(...page.items.filter((o) => !known.has(o.id)));
      this.nextCursor = page.nextCursor;
      this.error = "";
      page.items.forEach((o) => this.polling.watch(o));
    } catch (e) {
      this.error = describe(e);
    }
    this.loading = false;
    this.render();
  }

  private update(order: Order): void {
    const i = this.orders.findIndex((o) => o.id === order.id);
    const wasSlow = this.slow.delete(order.id);
    if (i < 0 || (this.orders[i].status === order.status && !wasSlow)) return;
    this.orders[i] = order;
    this.redraw(order);
    if (order.status !== "PENDING") announce(`Order “${order.title}” is ${order.status.toLowerCase()}.`);
  }

  /** Polling stopped with the order still PENDING: say so, and let the user look again. */
  private gaveUp(id: string): void {
    const order = this.orders.find((o) => o.id === id);
    if (!order) return;
    this.slow.add(id);
    this.redraw(order);
  }

  private redraw(order: Order): void {
    const old = this.listEl.querySelector(`[data-order-id="${CSS.escape(order.id)}"]`);
    if (old) replaceKeepingFocus(old, this.card(order));
  }

  private card(order: Order): HTMLLIElement {
    return orderCard(order, this.slow.has(order.id) ? () => this.polling.watch(order, true) : null);
  }

  private render(): void {
    this.listEl.replaceChildren(...this.orders.map((o) => this.card(o)));
    this.listEl.hidden = this.orders.length === 0;
    if (this.error) {
      mount(this.statusEl, h("div", { class: "state state-error", role: "alert" }, h("p", {}, `Could not load your orders. ${this.error}`),
        h("button", { type: "button", onclick: () => void this.load() }, "Try again")));
    } else if (this.loading && this.orders.length === 0) {
      mount(this.statusEl, h("p", { class: "state state-loading" }, "Loading your orders…"));
    } else if (this.orders.length === 0) {
      mount(this.statusEl, h("p", { class: "state state-empty" }, "No orders yet. Place one above."));
    } else {
      mount(this.statusEl);
    }
    // One persistent button (aria-disabled, not disabled) so keyboard focus survives the load.
    this.moreEl.hidden = !this.nextCursor || Boolean(this.error);
    this.moreButton.setAttribute("aria-disabled", String(this.loading));
    this.moreButton.textContent = this.loading ? "Loading…" : "Load more";
  }
}
