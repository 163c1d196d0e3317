/** Today as `YYYY-MM-DD` in the user's time zone: due dates are calendar days. */
export function today(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** "Due 2026-03-04", flagged overdue only while the task is still open. */
export function dueLabel(
  dueDate: string | null,
  status: string,
  now = new Date(),
): { text: string; overdue: boolean } | null {
  if (!dueDate) return null;
  const overdue = status !== 'done' && dueDate < today(now);
  return { text: overdue ? `Overdue: ${dueDate}` : `Due ${dueDate}`, overdue };
}
