import { ApiError, request } from "../api";

export type OrderStatus = "PENDING" | "ACCEPTED" | "REJECTED" | "FAILED";

export interface OrderLine {
  description: string;
  quantity: number;
}

export interface Order {
  id: string;
  status: OrderStatus;
  title: string;
  items: OrderLine[];
  dueDate: string | null;
  notes: string | null;
  reason: string | null;
  todoIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface OrderPage {
  items: Order[];
  nextCursor: string | null;
}

/** What the form sends; quantity may be null or fractional, and the API says what is wrong with it. */
export interface OrderDraft {
  title: string;
  items: { description: string; quantity: number | null }[];
  dueDate?: string;
  notes?: string;
}

export const isFinal = (status: OrderStatus): boolean => status !== "PENDING";

export async function listOrders(cursor: string | null, limit = 10): Promise<OrderPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return (await request<OrderPage>("GET", `/api/orders?${query}`)).data;
}

export const getOrder = async (id: string): Promise<Order> =>
  (await request<Order>("GET", `/api/orders/${encodeURIComponent(id)}`)).data;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Places an order. The idempotency key belongs to the form, not the attempt: a retry after a network
 * error or a 503 sends the same key, so the order is created at most once. Retry-After is honoured.
 */
export async function placeOrder(draft: OrderDraft, idempotencyKey: string, onRetry: (seconds: number) => void, attempts = 4): Promise<Order> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await request<Order>("POST", "/api/orders", { body: draft, headers: { "Idempotency-Key": idempotencyKey } })).data;
    } catch (e) {
      if (!(e instanceof ApiError) || !e.transient || attempt >= attempts) throw e;
      const seconds = Math.min(e.retryAfterSeconds ?? 2 ** (attempt - 1), 30);
      onRetry(seconds);
      await sleep(seconds * 1000);
    }
  }
}
