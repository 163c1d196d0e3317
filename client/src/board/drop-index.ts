/** Marks a drag as one of our cards, so drops of files or text are not taken for moves. */
export const TASK_DRAG_TYPE = 'application/x-tasklane-task';

/**
 * Where a card dropped at `clientY` goes in a column: before the first other card whose
 * middle is below the pointer. Counted without the dragged card, as `planMove` expects.
 */
export function dropIndex(list: HTMLElement, clientY: number, draggedId: string): number {
  const cards = [...list.querySelectorAll<HTMLElement>('[data-task-id]')].filter(
    (card) => card.dataset.taskId !== draggedId,
  );
  const index = cards.findIndex((card) => {
    const rect = card.getBoundingClientRect();
    return clientY < rect.top + rect.height / 2;
  });
  return index === -1 ? cards.length : index;
}
