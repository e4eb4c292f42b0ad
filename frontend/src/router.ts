// Path-based routes, so every view has a real address (the host falls back to index.html for them).
// Every navigation sets the document title and puts keyboard focus somewhere sensible: on the link
// that was followed if the new view has it again (a filter), else on the view's heading.

export interface View {
  start(): Promise<void>;
  stop?(): void;
  /** The document title for this view, without the app's name. */
  title(): string;
}

export type Route = (url: URL, root: HTMLElement) => View;

let current: View | null = null;
let routed = "";

/** The view may learn a better title once its data is loaded (an order's name). */
export function refreshTitle(): void {
  if (current) document.title = `${current.title()} – TodoApp`;
}

export function startRouter(root: HTMLElement, route: Route): void {
  const show = async (followed: string | null) => {
    routed = location.pathname + location.search;
    current?.stop?.();
    const view = (current = route(new URL(location.href), root));
    refreshTitle();
    const section = location.pathname.startsWith("/orders") ? "orders" : "todos";
    document.querySelectorAll<HTMLAnchorElement>("[data-nav]").forEach((a) =>
      a.dataset.nav === section ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current"));
    const started = view.start(); // views draw their frame synchronously, then load
    if (followed !== null) placeFocus(root, followed);
    await started;
    if (view === current) refreshTitle();
  };
  document.addEventListener("click", (e) => {
    const link = (e.target as Element).closest<HTMLAnchorElement>("a[data-link]");
    if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (link.href !== location.href) history.pushState(null, "", link.href);
    void show(link.getAttribute("href"));
  });
  // A change of the #fragment alone (the skip link) is the browser's job, not a new view.
  window.addEventListener("popstate", () => {
    if (location.pathname + location.search !== routed) void show("");
  });
  void show(null);
}

function placeFocus(root: HTMLElement, href: string): void {
  const again = href ? root.querySelector<HTMLElement>(`a[data-link][href="${CSS.escape(href)}"]`) : null;
  const heading = root.querySelector<HTMLElement>("h2");
  if (again) {
    again.focus();
  } else if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  } else {
    root.focus();
  }
}
