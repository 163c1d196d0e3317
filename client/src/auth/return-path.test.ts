import { describe, expect, it } from 'vitest';
import { returnPathFrom, safeReturnPath, signInPathFor } from './return-path.ts';

describe('return path', () => {
  it('round-trips a path with its query through the sign-in URL', () => {
    const signIn = signInPathFor('/admin?tab=audit#top');
    expect(signIn).toBe('/sign-in?returnTo=%2Fadmin%3Ftab%3Daudit%23top');
    expect(returnPathFrom(signIn.slice(signIn.indexOf('?')))).toBe('/admin?tab=audit#top');
  });

  it.each(['https://evil.test/', '//evil.test/x', '/\\evil.test', 'admin', '', null])(
    'refuses %s (open redirect or not a path) and returns home instead',
    (value) => {
      expect(safeReturnPath(value)).toBe('/');
    },
  );

  it('never returns to the sign-in page itself', () => {
    expect(safeReturnPath('/sign-in?returnTo=/admin')).toBe('/');
    expect(signInPathFor('/')).toBe('/sign-in');
  });
});
