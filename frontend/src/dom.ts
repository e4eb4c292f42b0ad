// A tiny element builder: enough to keep views declarative without a framework's weight.
type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | EventListener | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      element.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) {
      element.setAttribute(key, "");
    } else {
      element.setAttribute(key, String(value));
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

export function toast(message: string, action?: { label: string; run: () => void }, ms = 6000): void {
  const host = document.getElementById("toasts")!;
  const item = h("div", { class: "toast" }, h("span", {}, message));
  const close = () => item.remove();
  if (action) {
    item.append(h("button", { type: "button", onclick: () => { close(); action.run(); } }, action.label));
  }
  host.append(item);
  setTimeout(close, ms);
}

export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}
