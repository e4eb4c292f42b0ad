import { h } from "../dom";

/** "Home, errands" -> ["home", "errands"]; the API checks the rest and says what is wrong. */
export const parseLabels = (text: string): string[] =>
  [...new Set(text.split(",").map((l) => l.trim().toLowerCase()).filter((l) => l.length > 0))];

export const formatLabels = (labels: string[]): string => labels.join(", ");

export const labelChips = (labels: string[]): HTMLElement | null =>
  labels.length === 0
    ? null
    : h("ul", { class: "chips", "aria-label": "Labels" }, labels.map((l) => h("li", { class: "chip" }, l)));
