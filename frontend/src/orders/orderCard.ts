import { h } from "../dom";
import type { Order } from "./ordersApi";

const statusText: Record<Order["status"], string> = {
  PENDING: "Processing…",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  FAILED: "Failed",
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * One order with its live status; accepted orders link to the todos they created. `checkAgain` is
 * set when the app stopped watching a PENDING order: the card says so and offers to look again.
 */
export function orderCard(order: Order, checkAgain: (() => void) | null = null): HTMLLIElement {
  const items = order.items.length === 1 ? "1 item" : `${order.items.length} items`;
  return h("li", { class: `order order-${order.status.toLowerCase()}`, "data-order-id": order.id },
    h("div", { class: "order-head" },
      h("h3", { class: "order-title" }, order.title),
      h("span", { class: "badge", "data-status": order.status }, statusText[order.status])),
    h("p", { class: "order-meta" }, items, " · placed ", h("time", { datetime: order.createdAt }, when.format(new Date(order.createdAt))),
      order.dueDate ? [" · due ", h("time", { datetime: order.dueDate }, order.dueDate)] : null),
    h("ul", { class: "order-lines" }, order.items.map((l) => h("li", {}, `${l.description} × ${l.quantity}`))),
    order.status === "ACCEPTED"
      ? h("p", { class: "order-result" },
          h("a", { href: `/?order=${encodeURIComponent(order.id)}`, "data-link": true },
            order.todoIds.length === 1 ? "Show the todo it created" : `Show the ${order.todoIds.length} todos it created`))
      : null,
    order.status === "PENDING" && checkAgain
      ? h("p", { class: "order-slow" }, "Still processing. This is taking longer than usual. ",
          h("button", { type: "button", class: "button-quiet", "data-focus": `check-${order.id}`, onclick: checkAgain }, "Check again"))
      : null,
    order.status === "REJECTED" || order.status === "FAILED"
      ? h("p", { class: "order-reason" }, h("strong", {}, "Reason: "), order.reason ?? "No reason was given.")
      : null);
}
