import { request } from "../api";

export type AttachmentStatus = "PENDING" | "READY" | "FAILED";

/** An attachment as the API returns it; url and thumbnailUrl are short-lived and present only when READY. */
export interface Attachment {
  id: string;
  status: AttachmentStatus;
  failureReason: string | null;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  url: string | null;
  thumbnailUrl: string | null;
  thumbnailWidth: number | null;
  thumbnailHeight: number | null;
}

/** Send the file with exactly this method, URL and headers: the signature covers its type and size. */
export interface UploadInstruction {
  url: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: string;
}

interface Created {
  attachment: Attachment;
  upload: UploadInstruction;
}

const base = (todoId: string) => `/api/todos/${encodeURIComponent(todoId)}/attachments`;

export const createAttachment = async (todoId: string, file: File, signal?: AbortSignal): Promise<Created> =>
  (await request<Created>("POST", base(todoId), { body: { fileName: file.name, contentType: file.type, size: file.size }, signal })).data;

export const getAttachment = async (todoId: string, id: string): Promise<Attachment> =>
  (await request<Attachment>("GET", `${base(todoId)}/${encodeURIComponent(id)}`)).data;

export async function deleteAttachment(todoId: string, id: string): Promise<void> {
  await request<null>("DELETE", `${base(todoId)}/${encodeURIComponent(id)}`);
}

/** What the server accepts; checked here first so the user hears at once, not after a round trip. */
export const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"];
export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_PER_TODO = 10;

export function checkFile(file: File): string | null {
  if (!ACCEPTED_TYPES.includes(file.type)) return `“${file.name}” isn't a supported image. Attach a JPEG, PNG, WebP or GIF.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_BYTES) return `“${file.name}” is ${megabytes(file.size)}; images can be at most ${megabytes(MAX_BYTES)}.`;
  return null;
}

export const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
