import { describe, expect, it } from 'vitest';
import { errorSummary } from './error-summary.ts';
import { escapeControl } from './one-line.ts';

/** A failed query as drizzle reports it: the SQL and every parameter in its message. */
function queryError(cause?: unknown) {
  const error = new Error('Failed query: insert into users values ($1)\nparams: s3cret');
  return Object.assign(error, {
    query: 'insert into users values ($1)',
    params: ['s3cret'],
    cause,
  });
}
const databaseError = (message: string) =>
  Object.assign(new Error(message), { code: '22021', name: 'error' });

describe('errorSummary', () => {
  it("names the database's error by its SQLSTATE, without the query or its parameters", () => {
    const line = errorSummary(queryError(databaseError('invalid byte sequence for encoding')));
    expect(line).toBe('DatabaseError 22021: invalid byte sequence for encoding');
  });

  it('says a query failed when the wrapper has no cause, and keeps its parameters out', () => {
    expect(errorSummary(queryError())).toBe('DrizzleQueryError: a query failed');
  });

  it('escapes control characters, line separators and bidirectional overrides', () => {
    const line = errorSummary(new TypeError('a\u0000b\nc\r\u2028d\u202ee\u001b[31m'));
    expect(line).toBe('TypeError: a\\u0000b\\u000ac\\u000d\\u2028d\\u202ee\\u001b[31m');
  });

  it('keeps a system error code and clips a long message', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(errorSummary(refused)).toBe('Error ECONNREFUSED: connect ECONNREFUSED');
    expect(errorSummary(new Error('x'.repeat(5000))).length).toBeLessThan(260);
  });

  it('summarises what is thrown that is not an Error', () => {
    expect(errorSummary('boom\u0000')).toBe('thrown string: boom\\u0000');
  });
});

describe('escapeControl', () => {
  it('leaves printable text alone', () => {
    expect(escapeControl('Ünïcödé "quoted" 😀')).toBe('Ünïcödé "quoted" 😀');
  });
});
