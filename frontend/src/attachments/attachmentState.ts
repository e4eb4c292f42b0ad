import type { Attachment } from "./attachmentsApi";

/** A file on its way up: shown with a progress bar until the API knows it as an attachment. */
export interface Upload {
  key: string;
  todoId: string;
  fileName: string;
  loaded: number;
  total: number;
  controller: AbortController;
}

/**
 * What this page knows about attachments beyond the todo it last rendered: uploads in flight, records
 * fetched since (a thumbnail that became READY), and deletes. The todo list re-renders whole items, so
 * this state lives outside them and every render reads it.
 */
class AttachmentState {
  private readonly uploads = new Map<string, Upload>();
  private readonly known = new Map<string, { todoId: string; attachment: Attachment }>();
  private readonly removed = new Set<string>();
  private readonly errors = new Map<string, string>();
  private readonly slow = new Set<string>();
  private nextKey = 0;

  startUpload(todoId: string, file: File): Upload {
    const upload = { key: `upload-${++this.nextKey}`, todoId, fileName: file.name, loaded: 0, total: file.size, controller: new AbortController() };
    this.uploads.set(upload.key, upload);
    return upload;
  }

  endUpload(upload: Upload): void {
    this.uploads.delete(upload.key);
  }

  uploadsFor(todoId: string): Upload[] {
    return [...this.uploads.values()].filter((u) => u.todoId === todoId);
  }

  remember(todoId: string, attachment: Attachment): void {
    if (!this.removed.has(attachment.id)) this.known.set(attachment.id, { todoId, attachment });
  }

  markRemoved(id: string): void {
    this.removed.add(id);
    this.known.delete(id);
  }

  restore(todoId: string, attachment: Attachment): void {
    this.removed.delete(attachment.id);
    this.remember(todoId, attachment);
  }

  /** The todo's attachments as the user should see them now: the freshest copy of each, deletes left out. */
  visible(todoId: string, fromServer: Attachment[]): Attachment[] {
    const byId = new Map<string, Attachment>();
    for (const a of fromServer) byId.set(a.id, a);
    for (const { todoId: owner, attachment } of this.known.values()) {
      const current = byId.get(attachment.id);
      if (owner === todoId && (!current || rank(attachment) >= rank(current))) byId.set(attachment.id, attachment);
    }
    return [...byId.values()].filter((a) => !this.removed.has(a.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  setError(todoId: string, message: string | null): void {
    if (message) this.errors.set(todoId, message);
    else this.errors.delete(todoId);
  }

  /** The thumbnail wait gave up on this attachment: it shows "still processing" with a way to check again. */
  setSlow(id: string, slow: boolean): void {
    if (slow) this.slow.add(id);
    else this.slow.delete(id);
  }

  isSlow(id: string): boolean {
    return this.slow.has(id);
  }

  error(todoId: string): string | undefined {
    return this.errors.get(todoId);
  }
}

// A final status is never replaced by an older PENDING copy from a list loaded earlier.
const rank = (a: Attachment): number => (a.status === "PENDING" ? 0 : 1);

export const attachmentState = new AttachmentState();
