// A tiny element builder: enough structure for readable views without a framework.

type Child = Node | string | number | false | null | undefined | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | Handler | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") {
      el.addEventListener(name.replace(/^on/, "").toLowerCase(), value);
    } else if (name === "class") {
      el.className = String(value);
    } else if (name in el && typeof value !== "string" && name !== "role") {
      (el as unknown as Record<string, unknown>)[name] = value;
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let nextId = 0;
/** Unique ids tie labels and error messages to their fields. */
export const uid = (prefix: string): string => `${prefix}-${++nextId}`;

/**
 * Swaps an element for its re-rendered version; if focus was inside, it moves to the control
 * with the same data-focus key, so keyboard users keep their place.
 */
export function replaceKeepingFocus(oldEl: Element, newEl: Element): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && oldEl.contains(active) ? active.dataset.focus : undefined;
  oldEl.replaceWith(newEl);
  if (key) newEl.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus();
}
