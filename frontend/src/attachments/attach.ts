import { ApiError, describe } from "../api";
import { announce, showError } from "../messages";
import { checkFile, createAttachment, deleteAttachment, getAttachment, MAX_PER_TODO, type Attachment } from "./attachmentsApi";
import { attachmentState as state } from "./attachmentState";
import { sendFile } from "./transfer";

/** Redraws one todo's attachments wherever it is on screen; set by the slot renderer. */
export type Redraw = (todoId: string) => void;

/**
 * Attaching, start to finish: check the file here, ask the API for an upload, PUT the bytes to S3
 * with progress, then wait for the thumbnail function to move the attachment out of PENDING.
 */
export async function attachFiles(todoId: string, files: File[], shown: number, redraw: Redraw): Promise<void> {
  const refused = files.map(checkFile).find((m) => m !== null);
  if (refused) return fail(todoId, refused, redraw);
  if (shown + state.uploadsFor(todoId).length + files.length > MAX_PER_TODO) {
    return fail(todoId, `A todo can have at most ${MAX_PER_TODO} attachments.`, redraw);
  }
  state.setError(todoId, null);
  await Promise.all(files.map((file) => attachOne(todoId, file, redraw)));
}

async function attachOne(todoId: string, file: File, redraw: Redraw): Promise<void> {
  const upload = state.startUpload(todoId, file);
  redraw(todoId);
  let created: Attachment | null = null;
  try {
    const { attachment, upload: instruction } = await createAttachment(todoId, file, upload.controller.signal);
    created = attachment;
    await sendFile(file, instruction, (loaded, total) => {
      upload.loaded = loaded;
      upload.total = total;
      showProgress(upload.key, loaded, total);
    }, upload.controller.signal);
    state.endUpload(upload);
    state.remember(todoId, attachment);
    announce(`Uploaded “${file.name}”. Making its thumbnail…`);
    redraw(todoId);
    await waitUntilProcessed(todoId, attachment, redraw);
  } catch (e) {
    state.endUpload(upload);
    // An attachment whose bytes never arrived would stay PENDING until the cleanup job: remove it now.
    if (created) await deleteAttachment(todoId, created.id).catch(() => undefined);
    const cancelled = e instanceof DOMException && e.name === "AbortError";
    if (cancelled) redraw(todoId);
    else fail(todoId, `Could not attach “${file.name}”: ${e instanceof ApiError ? describe(e) : (e as Error).message}`, redraw);
  }
}

/** How long to wait for a thumbnail before the tile says "still processing" and offers to check again. */
const WAIT_FOR_MS = 60_000;

/**
 * Polls with a growing pause (the thumbnail usually lands within a second or two), not while the tab
 * is hidden; after WAIT_FOR_MS the tile stops saying "Making thumbnail…" and offers a check instead.
 */
export async function waitUntilProcessed(todoId: string, attachment: Attachment, redraw: Redraw): Promise<void> {
  state.setSlow(attachment.id, false);
  redraw(todoId);
  let pause = 400;
  for (let waited = 0; waited < WAIT_FOR_MS; waited += pause, pause = Math.min(pause * 1.5, 5000)) {
    await new Promise((r) => setTimeout(r, pause));
    await visible();
    let current: Attachment;
    try {
      current = await getAttachment(todoId, attachment.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return; // deleted meanwhile
      continue; // a blip: keep waiting
    }
    if (current.status === "PENDING") continue;
    state.remember(todoId, current);
    redraw(todoId);
    if (current.status === "READY") announce(`“${current.fileName}” is ready.`);
    else showError(`“${current.fileName}” could not be used: ${sentence(current.failureReason ?? "unknown reason")}`);
    return;
  }
  state.setSlow(attachment.id, true);
  redraw(todoId);
}

const visible = (): Promise<void> =>
  document.visibilityState === "visible"
    ? Promise.resolve()
    : new Promise((resolve) => document.addEventListener("visibilitychange", function shown() {
      if (document.visibilityState !== "visible") return;
      document.removeEventListener("visibilitychange", shown);
      resolve();
    }));

export async function removeAttachment(todoId: string, attachment: Attachment, redraw: Redraw): Promise<void> {
  state.markRemoved(attachment.id);
  redraw(todoId);
  try {
    await deleteAttachment(todoId, attachment.id);
    announce(`Removed “${attachment.fileName}”.`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return;
    state.restore(todoId, attachment);
    fail(todoId, `Could not remove “${attachment.fileName}”: ${describe(e)}`, redraw);
  }
}

function fail(todoId: string, message: string, redraw: Redraw): void {
  state.setError(todoId, message);
  redraw(todoId);
}

/** Progress is drawn in place: a redraw of the whole todo for every progress event would be wasted work. */
function showProgress(key: string, loaded: number, total: number): void {
  const bar = document.querySelector<HTMLProgressElement>(`[data-upload="${key}"] progress`);
  if (bar) setProgress(bar, loaded, total);
}

export function setProgress(bar: HTMLProgressElement, loaded: number, total: number): void {
  bar.max = total;
  bar.value = loaded;
  bar.textContent = `${Math.round((100 * loaded) / Math.max(total, 1))}%`;
}

/** The server's reasons are sentences already; others get their full stop here, so none ends in "..". */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
