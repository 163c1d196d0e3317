/**
 * Where a task lands in a column. Positions are floats chosen by the client: the midpoint
 * between the new neighbours keeps every other card where it is (one row updated per move),
 * and the server appends new tasks at max + POSITION_STEP, so ends step by the same gap.
 */
export const POSITION_STEP = 1024;

/** A position strictly between `before` and `after` (either may be missing at an end). */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return POSITION_STEP;
  if (before === undefined) return after! - POSITION_STEP;
  if (after === undefined) return before + POSITION_STEP;
  return (before + after) / 2;
}

/**
 * The position for dropping a task at `index` of a column, given that column's other tasks
 * in order (the moved task itself left out).
 */
export function positionAtIndex(column: readonly { position: number }[], index: number): number {
  const at = Math.max(0, Math.min(index, column.length));
  return positionBetween(column[at - 1]?.position, column[at]?.position);
}
