import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiErrorCode, retryDelayMs, shouldRetryQuery } from './api-errors.ts';

/** A TRPCClientError as the client builds it from a server's error response. */
function serverError(code: string, message = 'refused') {
  return TRPCClientError.from({ error: { message, code: -32000, data: { code } } });
}

describe('apiErrorCode', () => {
  it("reads the server's tRPC code", () => {
    expect(apiErrorCode(serverError('FORBIDDEN'))).toBe('FORBIDDEN');
  });

  it('calls a failure without any tRPC answer NETWORK', () => {
    expect(apiErrorCode(TRPCClientError.from(new TypeError('Failed to fetch')))).toBe('NETWORK');
  });

  it('calls anything else UNKNOWN', () => {
    expect(apiErrorCode(new Error('bug'))).toBe('UNKNOWN');
  });
});

describe('shouldRetryQuery', () => {
  it.each(['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT'])(
    'never retries %s',
    (code) => {
      expect(shouldRetryQuery(0, serverError(code))).toBe(false);
    },
  );

  it('keeps retrying network failures', () => {
    const error = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(shouldRetryQuery(0, error)).toBe(true);
    expect(shouldRetryQuery(50, error)).toBe(true);
  });

  it('retries server errors a couple of times only', () => {
    expect(shouldRetryQuery(0, serverError('INTERNAL_SERVER_ERROR'))).toBe(true);
    expect(shouldRetryQuery(2, serverError('INTERNAL_SERVER_ERROR'))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('backs off exponentially up to 30 s', () => {
    expect([0, 1, 2, 3].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(20)).toBe(30_000);
  });
});
