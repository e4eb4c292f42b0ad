import { h } from "../dom";
import { getOrder } from "../orders/ordersApi";
import { listOrderTodos, type TodoPage } from "./todosApi";

/** The todos one order created (the Orders page links here with ?order=ID): two requests, however many lines. */
export async function orderTodos(orderId: string): Promise<{ title: string; page: TodoPage }> {
  const [order, page] = await Promise.all([getOrder(orderId), listOrderTodos(orderId)]);
  return { title: order.title, page };
}

export const orderBanner = (title: string): HTMLElement =>
  h("p", { class: "scope-banner" }, "Todos from order ", h("strong", {}, `“${title}”`), " · ",
    h("a", { href: "/", "data-link": true }, "Show all todos"));
