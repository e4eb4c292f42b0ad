import "./styles.css";
import { showAccount, signedOutPage } from "./auth/accountMenu";
import { loadConfig } from "./auth/config";
import { takeDraft } from "./auth/drafts";
import { startSession } from "./auth/session";
import { renderAttachments } from "./attachments/attachmentsSlot";
import { h, mount } from "./dom";
import { OrdersView } from "./orders/ordersView";
import { startRouter, type View } from "./router";
import { resumeDeletes } from "./todos/deletes";
import type { StatusFilter, Todo } from "./todos/todosApi";
import { registerTodoSlot } from "./todos/slots";
import { TodosView } from "./todos/todosView";

registerTodoSlot(renderAttachments);

const filters: StatusFilter[] = ["all", "active", "completed"];

function notFound(root: HTMLElement): View {
  return {
    title: () => "Page not found",
    async start() {
      mount(root, h("section", { class: "state" }, h("h2", {}, "Page not found"),
        h("p", {}, "There is nothing at this address. ", h("a", { href: "/", "data-link": true }, "Go to your todos"), ".")));
    },
  };
}

const main = document.getElementById("main")!;

function unavailable(): void {
  mount(main, h("section", { class: "state state-error", role: "alert" }, h("h2", {}, "Sign-in is unavailable"),
    h("p", {}, "The app could not reach its sign-in service. Please reload the page in a moment.")));
}

async function start(): Promise<void> {
  mount(main, h("p", { class: "state state-loading" }, "Signing you in…"));
  const session = await startSession(await loadConfig(), (signIn) => signedOutPage(main, signIn));
  if (!session) return;
  showAccount(document.getElementById("account")!, session);
  resumeDeletes(takeDraft<Todo[]>("pending-deletes") ?? []);
  startRouter(main, route);
}

const route = (url: URL, root: HTMLElement) => {
  if (url.pathname === "/") {
    const status = url.searchParams.get("status") as StatusFilter | null;
    return new TodosView(root, status && filters.includes(status) ? status : "all", url.searchParams.get("order"));
  }
  if (url.pathname === "/orders") return new OrdersView(root);
  return notFound(root);
};

start().catch(unavailable);
