import "./styles.css";
import { renderAttachments } from "./attachments/attachmentsSlot";
import { h, mount } from "./dom";
import { OrdersView } from "./orders/ordersView";
import { startRouter, type View } from "./router";
import type { StatusFilter } from "./todos/todosApi";
import { registerTodoSlot } from "./todos/slots";
import { TodosView } from "./todos/todosView";

registerTodoSlot(renderAttachments);

const filters: StatusFilter[] = ["all", "active", "completed"];

function notFound(root: HTMLElement): View {
  return {
    async start() {
      mount(root, h("section", { class: "state" }, h("h2", {}, "Page not found"),
        h("p", {}, "There is nothing at this address. ", h("a", { href: "/", "data-link": true }, "Go to your todos"), ".")));
    },
  };
}

startRouter(document.getElementById("main")!, (url, root) => {
  if (url.pathname === "/") {
    const status = url.searchParams.get("status") as StatusFilter | null;
    return new TodosView(root, status && filters.includes(status) ? status : "all", url.searchParams.get("order"));
  }
  if (url.pathname === "/orders") return new OrdersView(root);
  return notFound(root);
});
