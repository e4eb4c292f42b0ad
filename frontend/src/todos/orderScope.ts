import { ApiError } from "../api";
import { h } from "../dom";
import { getOrder } from "../orders/ordersApi";
import { getTodo, type Todo, type TodoPage } from "./todosApi";

/** The todos one order created (the Orders page links here with ?order=ID). */
export async function orderTodos(orderId: string): Promise<{ title: string; page: TodoPage }> {
  const order = await getOrder(orderId);
  const todos = await Promise.all(order.todoIds.map((id) =>
    getTodo(id).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e)))));
  return { title: order.title, page: { items: todos.filter((t): t is Todo => t !== null), nextCursor: null } };
}

export const orderBanner = (title: string): HTMLElement =>
  h("p", { class: "scope-banner" }, "Todos from order ", h("strong", {}, `“${title}”`), " · ",
    h("a", { href: "/", "data-link": true }, "Show all todos"));
