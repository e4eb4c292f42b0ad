import { h } from "./dom";

// One polite live region (#toasts) carries every message, so screen readers hear them all.

export interface ToastAction {
  label: string;
  run: () => void;
  /** Announced to assistive technology and shown as a tooltip, e.g. "Control+Z". */
  shortcut?: string;
}

export interface Toast {
  close(): void;
}

const region = (): HTMLElement => document.getElementById("toasts")!;

export function toast(text: string, options: { kind?: "info" | "error"; action?: ToastAction; timeoutMs?: number; onTimeout?: () => void } = {}): Toast {
  const { kind = "info", action, timeoutMs = kind === "error" ? 8000 : 4000, onTimeout } = options;
  let timer = 0;
  const el = h("div", { class: `toast toast-${kind}` }, h("span", { class: "toast-text" }, text));
  const close = () => {
    window.clearTimeout(timer);
    el.remove();
  };
  if (action) {
    el.append(h("button", {
      type: "button", class: "link-button", "aria-keyshortcuts": action.shortcut, title: action.shortcut ? `${action.label} (${action.shortcut})` : null,
      onclick: () => { close(); action.run(); },
    }, action.label));
  }
  el.append(h("button", { type: "button", class: "toast-close", "aria-label": "Dismiss message", onclick: close }, "×"));
  region().append(el);
  timer = window.setTimeout(() => { close(); onTimeout?.(); }, timeoutMs);
  return { close };
}

export const announce = (text: string): Toast => toast(text);
export const showError = (text: string): Toast => toast(text, { kind: "error" });
