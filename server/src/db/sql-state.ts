/**
 * The PostgreSQL error code (SQLSTATE) of an error or of one it wraps: drizzle wraps the
 * driver's error in its own (`cause`), and tRPC wraps what a procedure throws.
 */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = cause;
  }
  return undefined;
}

/** SQLSTATE 23503: a write referred to a row that is not there (or no longer). */
export const FOREIGN_KEY_VIOLATION = '23503';
