// Path-based routes, so every view has a real address (the host falls back to index.html for them).

export interface View {
  start(): Promise<void>;
  stop?(): void;
}

export type Route = (url: URL, root: HTMLElement) => View;

let current: View | null = null;

export function startRouter(root: HTMLElement, route: Route): void {
  const show = () => {
    current?.stop?.();
    current = route(new URL(location.href), root);
    void current.start();
    const section = location.pathname.startsWith("/orders") ? "orders" : "todos";
    document.querySelectorAll<HTMLAnchorElement>("[data-nav]").forEach((a) =>
      a.dataset.nav === section ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current"));
  };
  document.addEventListener("click", (e) => {
    const link = (e.target as Element).closest<HTMLAnchorElement>("a[data-link]");
    if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (link.href !== location.href) history.pushState(null, "", link.href);
    show();
  });
  window.addEventListener("popstate", show);
  show();
}
