import type { Todo } from "./todosApi";

/**
 * Extension point for features that add content to each todo (attachments add a file picker and
 * a thumbnail grid). A feature registers a renderer once; every rendered todo gives it an empty,
 * labelled container. The todo list itself knows nothing about those features.
 */
export type TodoSlotRenderer = (todo: Todo, slot: HTMLElement) => void;

const renderers: TodoSlotRenderer[] = [];

export const registerTodoSlot = (renderer: TodoSlotRenderer): void => void renderers.push(renderer);

export function fillTodoSlots(todo: Todo, slot: HTMLElement): void {
  for (const render of renderers) render(todo, slot);
}
