import { h, replaceKeepingFocus } from "../dom";
import type { Todo } from "../todos/todosApi";
import { attachFiles, removeAttachment, setProgress, waitUntilProcessed } from "./attach";
import { ACCEPTED_TYPES, megabytes, type Attachment } from "./attachmentsApi";
import { attachmentState as state, type Upload } from "./attachmentState";
import { openImage } from "./lightbox";

// The latest version of each todo the list rendered, so a redraw after an upload uses current data.
const rendered = new Map<string, Todo>();

/** Fills a todo's slot: thumbnails, uploads in progress, failures, and the picker / drop zone. */
export function renderAttachments(todo: Todo, slot: HTMLElement): void {
  if (todo.id.startsWith("draft-")) return; // not saved yet: nothing to attach to
  rendered.set(todo.id, todo);
  slot.append(attachmentsArea(todo));
}

function redraw(todoId: string): void {
  const todo = rendered.get(todoId);
  const current = document.querySelector(`[data-attachments-for="${CSS.escape(todoId)}"]`);
  if (todo && current) replaceKeepingFocus(current, attachmentsArea(todo));
}

function attachmentsArea(todo: Todo): HTMLElement {
  const attachments = state.visible(todo.id, todo.attachments ?? []);
  const uploads = state.uploadsFor(todo.id);
  const error = state.error(todo.id);
  const start = (files: FileList | null) => {
    if (files && files.length > 0) void attachFiles(todo.id, [...files], attachments.length, redraw);
  };
  const input = h("input", {
    type: "file", class: "visually-hidden", accept: ACCEPTED_TYPES.join(","), multiple: true, "data-focus": "attach",
    "aria-label": `Attach images to ${todo.title}`,
    onchange: (e: Event) => { const el = e.target as HTMLInputElement; start(el.files); el.value = ""; },
  });
  const area = h("div", {
    class: "attachments", "data-attachments-for": todo.id,
    ondragover: (e: Event) => { e.preventDefault(); area.classList.add("drop-target"); },
    ondragleave: () => area.classList.remove("drop-target"),
    ondrop: (e: Event) => { e.preventDefault(); area.classList.remove("drop-target"); start((e as DragEvent).dataTransfer?.files ?? null); },
  },
    attachments.length + uploads.length > 0
      ? h("ul", { class: "thumbs", "aria-label": `Attachments of ${todo.title}` },
          attachments.map((a) => attachmentTile(todo, a)), uploads.map(uploadTile))
      : null,
    error ? h("p", { class: "attach-error", role: "alert" }, error,
      h("button", { type: "button", class: "button-quiet", "aria-label": "Dismiss", onclick: () => { state.setError(todo.id, null); redraw(todo.id); } }, "×")) : null,
    h("label", { class: "attach-button" }, input, "Attach image"),
    h("span", { class: "hint drop-hint" }, "or drop one here · JPEG, PNG, WebP, GIF up to 10 MB"));
  return area;
}

function attachmentTile(todo: Todo, a: Attachment): HTMLLIElement {
  const remove = h("button", {
    type: "button", class: "thumb-remove", "data-focus": `remove-${a.id}`, "aria-label": `Remove ${a.fileName}`,
    onclick: () => void removeAttachment(todo.id, a, redraw),
  }, "×");
  if (a.status === "READY" && a.thumbnailUrl && a.url) {
    return h("li", { class: "thumb thumb-ready", "data-attachment": a.id },
      h("button", { type: "button", class: "thumb-open", "data-focus": `open-${a.id}`, "aria-label": `Open ${a.fileName}`, onclick: () => openImage(a) },
        h("img", { src: a.thumbnailUrl, alt: a.fileName, width: a.thumbnailWidth ?? 128, height: a.thumbnailHeight ?? 128, loading: "lazy", decoding: "async" })),
      remove);
  }
  if (a.status === "FAILED") {
    return h("li", { class: "thumb thumb-failed", "data-attachment": a.id },
      h("span", { class: "thumb-note" }, h("strong", {}, a.fileName), h("span", { class: "failure" }, a.failureReason ?? "This file could not be used.")),
      remove);
  }
  if (state.isSlow(a.id)) {
    return h("li", { class: "thumb thumb-pending", "data-attachment": a.id },
      h("span", { class: "thumb-note" }, h("strong", {}, a.fileName), "Still processing.",
        h("button", { type: "button", class: "button-quiet", "data-focus": `check-${a.id}`, onclick: () => void waitUntilProcessed(todo.id, a, redraw) }, "Check again")),
      remove);
  }
  return h("li", { class: "thumb thumb-pending", "data-attachment": a.id, "aria-busy": "true" },
    h("span", { class: "thumb-note" }, h("strong", {}, a.fileName), "Making thumbnail…"), remove);
}

function uploadTile(u: Upload): HTMLLIElement {
  const bar = h("progress", { "aria-label": `Uploading ${u.fileName}` });
  setProgress(bar, u.loaded, u.total);
  return h("li", { class: "thumb thumb-uploading", "data-upload": u.key },
    h("span", { class: "thumb-note" }, h("strong", {}, u.fileName), megabytes(u.total), bar),
    h("button", { type: "button", class: "thumb-remove", "aria-label": `Cancel uploading ${u.fileName}`, onclick: () => u.controller.abort() }, "×"));
}

