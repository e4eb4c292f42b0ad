import { request } from "../api";
import type { Attachment } from "../attachments/attachmentsApi";

export type StatusFilter = "all" | "active" | "completed";

export interface Todo {
  id: string;
  title: string;
  notes: string | null;
  completed: boolean;
  dueDate: string | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
  attachments: Attachment[];
}

export interface TodoPage {
  items: Todo[];
  nextCursor: string | null;
}

export type Counts = Record<StatusFilter, number>;

export interface NewTodo {
  title: string;
  notes?: string;
  dueDate?: string;
  labels?: string[];
}

/** A PATCH document: absent leaves a field alone, null clears it. */
export interface TodoChanges {
  title?: string;
  notes?: string | null;
  completed?: boolean;
  dueDate?: string | null;
  labels?: string[] | null;
}

const etagOf = (todo: Todo): string => `"${todo.version}"`;

export async function listTodos(status: StatusFilter, cursor: string | null, limit = 20): Promise<TodoPage> {
  const query = new URLSearchParams({ status, limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return (await request<TodoPage>("GET", `/api/todos?${query}`)).data;
}

/** The todos an order created, in the order of its lines. */
export const listOrderTodos = async (orderId: string): Promise<TodoPage> =>
  (await request<TodoPage>("GET", `/api/todos?${new URLSearchParams({ order: orderId })}`)).data;

export const countTodos = async (): Promise<Counts> => (await request<Counts>("GET", "/api/todos/counts")).data;

export const getTodo = async (id: string): Promise<Todo> =>
  (await request<Todo>("GET", `/api/todos/${encodeURIComponent(id)}`)).data;

export const createTodo = async (todo: NewTodo): Promise<Todo> => (await request<Todo>("POST", "/api/todos", { body: todo })).data;

/** Sends the version the user saw; a 412 means someone else changed it first. */
export const updateTodo = async (todo: Todo, changes: TodoChanges): Promise<Todo> =>
  (await request<Todo>("PATCH", `/api/todos/${encodeURIComponent(todo.id)}`, { body: changes, ifMatch: etagOf(todo) })).data;

export async function deleteTodo(id: string, keepalive = false): Promise<void> {
  await request<null>("DELETE", `/api/todos/${encodeURIComponent(id)}`, { keepalive });
}
