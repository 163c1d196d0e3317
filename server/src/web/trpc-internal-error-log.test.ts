import { formatWithOptions } from 'node:util';
import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { users } from '../db/schema.ts';
import { getTestDatabase } from '../test/test-db.ts';
import { logTrpcInternalError } from './trpc-options.ts';

/**
 * What the server log receives when a procedure fails on the database: the error of a real
 * failed query, as the hosts' tRPC adapters pass it to `onError`.
 */
const { db } = await getTestDatabase();
const SECRET = 'Bearer eyJ.client-token';
const failedQuery: unknown = await db
  .insert(users)
  .values({ id: `user_log_${Date.now()}`, name: `${SECRET}\u0000` })
  .then(
    () => undefined,
    (error: unknown) => error,
  );

afterEach(() => vi.restoreAllMocks());

/** Every console.error call as the console prints it. */
function captureConsoleError() {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(formatWithOptions({ colors: false }, ...args));
  });
  return lines;
}

describe('logTrpcInternalError', () => {
  it('logs one safe line: no SQL parameters, no NUL byte, no token', () => {
    expect(failedQuery).toBeInstanceOf(Error);
    const lines = captureConsoleError();
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: failedQuery });
    logTrpcInternalError({ error, path: 'tasks.create' });

    expect(lines).toHaveLength(1);
    const [line] = lines as [string];
    expect(line).toMatch(/^tRPC tasks\.create failed: DatabaseError 22021: /);
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain('\u0000');
    expect(line).not.toContain('params');
    expect(line).not.toContain('\n');
  });

  it('logs nothing for the errors a client is told about', () => {
    const lines = captureConsoleError();
    logTrpcInternalError({ error: new TRPCError({ code: 'BAD_REQUEST', cause: failedQuery }) });
    expect(lines).toEqual([]);
  });
});
