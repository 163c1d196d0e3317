/**
 * One short, safe log line for a failure: what kind of error, its code, and its message with
 * control characters escaped. Never a query's parameters (drizzle's `DrizzleQueryError` puts
 * the SQL and every parameter in its message), never a stack, never a raw NUL or newline a
 * client could use to forge log lines.
 */

import { oneLine } from './one-line.ts';

const MAX_MESSAGE = 200;
const MAX_DEPTH = 5;

export function errorSummary(error: unknown): string {
  const chain = causeChain(error);
  // The database's own error says what went wrong; the wrappers above it add the query.
  const chosen = chain.find((e) => sqlState(e)) ?? chain.find((e) => !isQueryWrapper(e));
  if (chosen === undefined) return 'DrizzleQueryError: a query failed';
  if (!(chosen instanceof Error)) return `thrown ${typeof chosen}: ${clip(String(chosen))}`;
  const code = sqlState(chosen) ?? systemCode(chosen);
  const constraint = (chosen as { constraint?: unknown }).constraint;
  return [
    `${kind(chosen)}${code ? ` ${code}` : ''}: ${clip(chosen.message)}`,
    typeof constraint === 'string' ? ` (constraint ${clip(constraint)})` : '',
  ].join('');
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < MAX_DEPTH; ) {
    chain.push(current);
    if (!(current instanceof Error)) break;
    current = current.cause;
  }
  return chain;
}

/** drizzle's wrapper: its message is the SQL and the parameters, its cause the real error. */
function isQueryWrapper(error: unknown): boolean {
  const e = error as { query?: unknown; params?: unknown };
  return error instanceof Error && typeof e.query === 'string' && Array.isArray(e.params);
}

/** A PostgreSQL SQLSTATE: its class starts with a digit, F, H, P or X (not EPIPE's E). */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9FHPX][0-9A-Z]{4}$/.test(code) ? code : undefined;
}

/** Node's system error codes (ECONNREFUSED, …). */
function systemCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(code) ? code : undefined;
}

/**
 * What kind of error: the database's own errors say `DatabaseError` (node-postgres names
 * them "error", and PGlite's class name is minified), others their class or `name`.
 */
function kind(error: Error): string {
  if (sqlState(error)) return 'DatabaseError';
  const name = error.constructor?.name;
  return clip(name && /^[A-Z][A-Za-z]{2,}$/.test(name) ? name : error.name || 'Error');
}

function clip(text: string): string {
  return oneLine(text, MAX_MESSAGE);
}
