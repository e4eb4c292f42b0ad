import "./styles.css";
import { ordersView } from "./orders";
import { todosView } from "./todos";

// Client-side routes; CloudFront's function (and the local host) serve index.html for each.
let current = new AbortController();

function route(): void {
  current.abort();
  current = new AbortController();
  const app = document.getElementById("app")!;
  const path = location.pathname;
  document.querySelectorAll<HTMLAnchorElement>("header nav a").forEach((a) =>
    a.toggleAttribute("aria-current", a.getAttribute("href") === (path.startsWith("/orders") ? "/orders" : "/")));
  if (path.startsWith("/orders")) {
    ordersView(app, current.signal);
  } else {
    const filter = path === "/active" ? "active" : path === "/completed" ? "completed" : "all";
    todosView(app, filter, current.signal);
  }
}

document.addEventListener("click", (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-link]");
  if (!link || event.defaultPrevented || (event as MouseEvent).metaKey || (event as MouseEvent).ctrlKey) return;
  event.preventDefault();
  history.pushState(null, "", link.getAttribute("href"));
  route();
});
window.addEventListener("popstate", route);
route();
