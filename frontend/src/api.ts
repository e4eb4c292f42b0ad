// The one way the app talks to the API: JSON in and out, problem details turned into ApiError,
// ETags surfaced for If-Match, the body hash CloudFront's origin access control needs, and the
// signed-in user's access token.

export type FieldErrors = Record<string, string[]>;

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldErrors;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfterSeconds: number | null = null,
    readonly timedOut = false,
  ) {
    super(timedOut ? "The server took too long to answer. Check your connection and try again." : plainWords(status, problem));
    this.name = "ApiError";
  }

  /** Field errors from a validation problem, keyed like the request ("title", "items[0].quantity"). */
  get fieldErrors(): FieldErrors {
    return this.problem.errors ?? {};
  }

  /** Worth retrying with the same request: the network failed or the service asked us to come back. */
  get transient(): boolean {
    return this.status === 0 || this.status === 503 || this.status === 429 || this.status === 502 || this.status === 504;
  }
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | null;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  ifMatch?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Lets a request outlive the page (used to flush a pending delete when the tab closes). */
  keepalive?: boolean;
  /** How long to wait for an answer before giving up (a dead connection would otherwise hang forever). */
  timeoutMs?: number;
}

/** Long enough for a cold start behind CloudFront, short enough that a person is not left waiting. */
export const REQUEST_TIMEOUT_MS = 15_000;

const encoder = new TextEncoder();

/**
 * The access token travels in its own header: behind CloudFront, origin access control signs the
 * request to the function URL with its own Authorization header, and the Lambda Web Adapter moves
 * this one into Authorization before the API sees it (the local host does the same).
 */
export const tokenHeader = "x-todo-authorization";

let accessToken: () => string | null = () => null;
let unauthorized: () => void = () => {};

/** Set once signed in (see auth/session.ts); api.ts itself knows nothing about OpenID Connect. */
export function setAccessTokenSource(source: () => string | null): void {
  accessToken = source;
}

/** Called when the API answers 401: the session is over, and the user must sign in again. */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorized = handler;
}

/** Hex SHA-256 of the exact bytes sent; required on every POST/PUT/PATCH behind CloudFront OAC. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  let body: Uint8Array | undefined;
  if (options.body !== undefined) {
    body = encoder.encode(JSON.stringify(options.body));
    headers["Content-Type"] = "application/json";
  }
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    if (!globalThis.crypto?.subtle) {
      throw new ApiError(-1, { detail: "Open the app over HTTPS or on localhost: browsers only offer the hashing it needs in a secure context." });
    }
    headers["x-amz-content-sha256"] = await sha256Hex(body ?? new Uint8Array());
  }
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  const token = accessToken();
  if (token) headers[tokenHeader] = `Bearer ${token}`;

  const timeout = AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  let data: unknown;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body as BodyInit | undefined,
      signal,
      keepalive: options.keepalive,
      credentials: "same-origin",
    });
    data = await readJson(response);
  } catch (e) {
    if (timeout.aborted) throw new ApiError(0, { title: "Timed out" }, null, true);
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, { title: "Network error" });
  }

  if (response.status === 401) unauthorized();
  if (!response.ok) {
    throw new ApiError(response.status, (data as Problem | null) ?? { status: response.status }, retryAfter(response.headers));
  }
  return { status: response.status, data: data as T, etag: response.headers.get("ETag"), headers: response.headers };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function retryAfter(headers: Headers): number | null {
  const value = headers.get("Retry-After");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

/** The message a person reads: the server's own explanation when it gave one, else a plain default. */
export function plainWords(status: number, problem: Problem): string {
  const fields = Object.values(problem.errors ?? {}).flat();
  switch (status) {
    case 0:
      return "Can't reach the server. Check your connection and try again.";
    case 400:
    case 422:
      return fields.length > 0 ? fields.join(" ") : problem.detail ?? "Something in the request isn't right.";
    case 401:
      return "Your session has ended. Taking you to sign in; what you typed is kept.";
    case 403:
      return "You're not allowed to do that.";
    case 404:
      return "That item no longer exists. It may have been deleted elsewhere.";
    case 412:
      return "This item was changed elsewhere.";
    case 429:
    case 503:
      return problem.detail ?? "The service is busy. Please try again in a moment.";
    default:
      return status >= 500 ? "Something went wrong on our side. Please try again." : problem.detail ?? problem.title ?? `Request failed (${status}).`;
  }
}

export const describe = (error: unknown): string =>
  error instanceof ApiError ? error.message : "Something unexpected went wrong. Please try again.";
