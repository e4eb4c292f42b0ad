import { h } from "./dom";

// Three ways to tell the user something:
// - announce(): success news ("Saved …") goes only to a visually hidden polite live region, so a
//   screen reader hears it and nothing covers the list;
// - toast() with an action (Undo, Retry): visible, polite, and its timer pauses while the pointer or
//   focus is on it or the tab is hidden;
// - showError(): visible and role=alert, so it interrupts.
// On a narrow screen only the newest visible toast shows (CSS), so they never stack over the list.

export interface ToastAction {
  label: string;
  run: () => void;
  /** Announced to assistive technology and shown as a tooltip, e.g. "Control+Z". */
  shortcut?: string;
}

export interface Toast {
  close(): void;
}

export interface ToastOptions {
  kind?: "info" | "error";
  action?: ToastAction;
  timeoutMs?: number;
  onTimeout?: () => void;
}

const region = (): HTMLElement => document.getElementById("toasts")!;

export function toast(text: string, options: ToastOptions = {}): Toast {
  const { kind = "info", action, timeoutMs = kind === "error" ? 10_000 : 6000, onTimeout } = options;
  // An alert is spoken even when added with its text; polite news needs the live region that already exists.
  const el = h("div", { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : null }, h("span", { class: "toast-text" }, text));
  if (kind !== "error") announce(action?.shortcut ? `${text} ${action.label}: ${action.shortcut}.` : text);
  const timer = new PausableTimer(timeoutMs, () => { close(); onTimeout?.(); });
  const close = () => {
    timer.cancel();
    el.remove();
  };
  if (action) {
    el.append(h("button", {
      type: "button", class: "link-button", "aria-keyshortcuts": action.shortcut, title: action.shortcut ? `${action.label} (${action.shortcut})` : null,
      onclick: () => { close(); action.run(); },
    }, action.label));
  }
  el.append(h("button", { type: "button", class: "toast-close", "aria-label": "Dismiss message", onclick: close }, "×"));
  // Reading it, pointing at it or tabbing to it holds it on screen.
  let hovered = false;
  let focused = false;
  const hold = () => (hovered || focused ? timer.pause() : timer.resume());
  el.addEventListener("mouseenter", () => { hovered = true; hold(); });
  el.addEventListener("mouseleave", () => { hovered = false; hold(); });
  el.addEventListener("focusin", () => { focused = true; hold(); });
  el.addEventListener("focusout", (e) => { focused = el.contains(e.relatedTarget as Node | null); hold(); });
  region().append(el);
  timer.resume();
  return { close };
}

/** A countdown that stops while held and while the tab is hidden (nobody can read a hidden toast). */
class PausableTimer {
  private handle = 0;
  private startedAt = 0;
  private held = false;
  private done = false;
  private readonly onVisibility = () => this.update();

  constructor(private remaining: number, private readonly fire: () => void) {
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  pause(): void {
    this.held = true;
    this.update();
  }

  resume(): void {
    this.held = false;
    this.update();
  }

  cancel(): void {
    this.done = true;
    window.clearTimeout(this.handle);
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  private update(): void {
    if (this.done) return;
    const running = this.handle !== 0;
    const shouldRun = !this.held && document.visibilityState === "visible";
    if (running && !shouldRun) {
      window.clearTimeout(this.handle);
      this.handle = 0;
      this.remaining -= performance.now() - this.startedAt;
    } else if (!running && shouldRun) {
      this.startedAt = performance.now();
      this.handle = window.setTimeout(() => { this.cancel(); this.fire(); }, Math.max(0, this.remaining));
    }
  }
}

/** Success news for screen readers only: the change itself is already visible on the page. */
export function announce(text: string): void {
  const live = document.getElementById("announcer")!;
  // A fresh node each time, so repeating the same sentence is announced again.
  live.replaceChildren(h("p", {}, text));
}

export const showError = (text: string, action?: ToastAction): Toast => toast(text, { kind: "error", action });
