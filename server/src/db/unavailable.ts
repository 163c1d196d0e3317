/**
 * Errors that mean "the database cannot be reached right now" (as opposed to a query that
 * is wrong): connection refused or reset, timeouts, the server shutting down or starting.
 * They become 503 SERVICE_UNAVAILABLE, and the pool reconnects once the server is back.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** PostgreSQL SQLSTATE classes 08 (connection exception) and 57P0x (operator intervention). */
const SQLSTATE = /^(08\d{3}|57P0[1-4])$/;
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|PGlite is clos(ed|ing)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code)))
      return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable))
      return true;
    current = e.cause;
  }
  return false;
}
