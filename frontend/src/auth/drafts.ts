// What the user was typing survives a trip to the sign-in page: fields marked data-draft="key" are
// saved to sessionStorage (this tab only) just before the redirect, and put back when the same
// fields appear again after sign-in, whenever the view renders them.

const storageKey = "todoapp:drafts";

type DraftField = HTMLInputElement | HTMLTextAreaElement;

export function saveDrafts(): void {
  const values: Record<string, string> = {};
  document.querySelectorAll<DraftField>("[data-draft]").forEach((field) => {
    if (field.value) values[field.dataset.draft!] = field.value;
  });
  if (Object.keys(values).length > 0) sessionStorage.setItem(storageKey, JSON.stringify(values));
}

export function restoreDrafts(): void {
  const saved = sessionStorage.getItem(storageKey);
  if (!saved) return;
  sessionStorage.removeItem(storageKey);
  let pending: Map<string, string>;
  try {
    pending = new Map(Object.entries(JSON.parse(saved) as Record<string, string>));
  } catch {
    return;
  }
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
