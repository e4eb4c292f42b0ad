import type { UploadInstruction } from "./attachmentsApi";

// Browsers set these themselves (Content-Length from the body, which is the signed size); setting them is refused.
const setByBrowser = new Set(["content-length", "host"]);

/**
 * PUTs the file straight to S3 with the presigned request. XMLHttpRequest rather than fetch because
 * only it reports upload progress.
 */
export function sendFile(file: File, upload: UploadInstruction, onProgress: (loaded: number, total: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Cancelled while the upload was still being arranged: nothing is sent at all.
    if (signal.aborted) return reject(new DOMException("Upload cancelled", "AbortError"));
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) {
      if (!setByBrowser.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`The storage service answered ${xhr.status}.`)));
    xhr.onerror = () => reject(new Error("The upload was interrupted. Check your connection and try again."));
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
