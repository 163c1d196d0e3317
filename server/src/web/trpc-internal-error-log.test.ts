import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { users } from '../db/schema.ts';
import { captureConsole } from '../test/console-capture.ts';
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

describe('logTrpcInternalError', () => {
  it('logs one safe line: no SQL parameters, no NUL byte, no token', () => {
    expect(failedQuery).toBeInstanceOf(Error);
    const lines = captureConsole('error');
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
    const lines = captureConsole('error');
    logTrpcInternalError({ error: new TRPCError({ code: 'BAD_REQUEST', cause: failedQuery }) });
    expect(lines).toEqual([]);
  });
});
