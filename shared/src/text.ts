import { z } from 'zod';

/**
 * Free text stored in Postgres `text` columns. Postgres cannot store U+0000, so a NUL
 * would fail the query (a 500); refuse it at the input instead, as a BAD_REQUEST.
 */
export function freeText() {
  return z.string().refine((value) => !value.includes('\u0000'), 'Remove the NUL character.');
}
