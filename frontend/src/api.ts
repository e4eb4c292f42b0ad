// The one place that talks HTTP: JSON in and out, problem details turned into ApiError, and the
// x-amz-content-sha256 header CloudFront's origin access control requires on every body it signs.

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem, readonly retryAfter?: number) {
    super(describe(problem));
  }
  get status(): number {
    return this.problem.status;
  }
}

export function describe(problem: Problem): string {
  if (problem.status === 0) return "Can't reach the server. Check your connection and try again.";
  if (problem.errors) {
    const first = Object.entries(problem.errors)[0];
    if (first) return first[1][0] ?? problem.detail ?? "Please check what you entered.";
  }
  if (problem.status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  return problem.detail ?? problem.title ?? `Request failed (${problem.status}).`;
}

export async function sha256Hex(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface Sent<T> {
  body: T;
  etag: string | null;
}

export async function request<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Sent<T>> {
  const init: RequestInit = { method, headers: { accept: "application/json", ...headers } };
  if (body !== undefined) {
    const text = JSON.stringify(body);
    init.body = text;
    init.headers = { ...init.headers, "content-type": "application/json", "x-amz-content-sha256": await sha256Hex(text) };
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError({ status: 0 });
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...(await response.json()), status: response.status };
    } catch {
      // not JSON: keep the status
    }
    const retryAfter = Number(response.headers.get("retry-after")) || undefined;
    throw new ApiError(problem, retryAfter);
  }
  const etag = response.headers.get("etag");
  const payload = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { body: payload, etag };
}

export const api = {
  get: <T>(url: string) => request<T>("GET", url).then((r) => r.body),
  post: <T>(url: string, body: unknown, headers?: Record<string, string>) => request<T>("POST", url, body, headers).then((r) => r.body),
  patch: <T>(url: string, body: unknown, headers?: Record<string, string>) => request<T>("PATCH", url, body, headers).then((r) => r.body),
  delete: (url: string) => request<void>("DELETE", url).then(() => undefined),
};
