import { h } from "../dom";
import type { Counts, StatusFilter } from "./todosApi";

const names: Record<StatusFilter, string> = { all: "All", active: "Active", completed: "Completed" };

/** Filters are links, so the filter lives in the address (reload and back keep it). */
export function filterBar(current: StatusFilter): HTMLElement {
  return h("nav", { class: "filters", "aria-label": "Filter todos" },
    h("ul", {}, (Object.keys(names) as StatusFilter[]).map((f) =>
      h("li", {},
        h("a", { href: f === "all" ? "/" : `/?status=${f}`, "data-link": true, "data-filter": f, "aria-current": f === current ? "page" : null },
          names[f], " ",
          h("span", { class: "count", "data-count": f }, ""))))));
}

/** Counts change in place: replacing the links would throw away keyboard focus. */
export function showCounts(bar: HTMLElement, counts: Counts | null): void {
  bar.querySelectorAll<HTMLElement>("[data-count]").forEach((el) => {
    el.textContent = counts ? String(counts[el.dataset.count as StatusFilter]) : "";
  });
}
