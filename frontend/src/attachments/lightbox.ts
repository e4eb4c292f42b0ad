import { h } from "../dom";
import type { Attachment } from "./attachmentsApi";

/** The full image in a modal dialog: Escape, the Close button or a click outside the image closes it. */
export function openImage(a: Attachment): void {
  if (!a.url) return;
  const opener = document.activeElement as HTMLElement | null;
  const dialog = h("dialog", { class: "lightbox", "aria-label": a.fileName },
    h("figure", {},
      h("img", { src: a.url, alt: a.fileName }),
      h("figcaption", {}, a.fileName)),
    h("button", { type: "button", class: "lightbox-close", onclick: () => dialog.close() }, "Close"));
  dialog.addEventListener("click", (e) => { if (e.target === dialog) dialog.close(); });
  dialog.addEventListener("close", () => { dialog.remove(); opener?.focus(); });
  document.body.append(dialog);
  dialog.showModal();
}
