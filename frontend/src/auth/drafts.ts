// What the user was doing survives a trip to the sign-in page. Just before the redirect, fields
// marked data-draft="key" and the state of registered sources (the open todo editor, the order's
// item rows, deletes still in their undo window) are saved to sessionStorage (this tab only), under
// the user's subject. After sign-in they come back only if the same user signed in: another account
// in the same tab never sees them.

const storageKey = "todoapp:drafts";

type DraftField = HTMLInputElement | HTMLTextAreaElement;

interface Saved {
  sub: string;
  fields: Record<string, string>;
  sources: Record<string, unknown>;
}

const sources = new Map<string, () => unknown>();
let restored: Record<string, unknown> = {};

/** A feature whose unsaved state is more than plain fields; `read` returns undefined when there is nothing to keep. */
export const registerDraftSource = (name: string, read: () => unknown): void => void sources.set(name, read);

/** What a source saved before the last sign-in, handed out once. */
export function takeDraft<T>(name: string): T | undefined {
  const value = restored[name] as T | undefined;
  delete restored[name];
  return value;
}

export function saveDrafts(sub: string): void {
  const saved: Saved = { sub, fields: {}, sources: {} };
  document.querySelectorAll<DraftField>("[data-draft]").forEach((field) => {
    if (field.value) saved.fields[field.dataset.draft!] = field.value;
  });
  for (const [name, read] of sources) {
    const value = read();
    if (value !== undefined) saved.sources[name] = value;
  }
  if (Object.keys(saved.fields).length + Object.keys(saved.sources).length > 0) sessionStorage.setItem(storageKey, JSON.stringify(saved));
}

export function restoreDrafts(sub: string): void {
  const text = sessionStorage.getItem(storageKey);
  if (!text) return;
  sessionStorage.removeItem(storageKey);
  let saved: Saved;
  try {
    saved = JSON.parse(text) as Saved;
  } catch {
    return;
  }
  if (saved.sub !== sub) return; // someone else's work: dropped, never shown
  restored = saved.sources ?? {};
  const pending = new Map(Object.entries(saved.fields ?? {}));
  const fill = () => {
    for (const [key, value] of pending) {
      const field = document.querySelector<DraftField>(`[data-draft="${CSS.escape(key)}"]`);
      if (!field) continue;
      field.value = value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      pending.delete(key);
    }
    if (pending.size === 0) observer.disconnect();
  };
  const observer = new MutationObserver(fill);
  observer.observe(document.body, { childList: true, subtree: true });
  fill();
  // Fields that never come back (another page) are not waited for forever.
  window.setTimeout(() => observer.disconnect(), 30_000);
}
