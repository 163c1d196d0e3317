import { describe, expect, it } from 'vitest';
import { apiAuthorization, readBearer } from './bearer-authorization.ts';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyX3gifQ.c2lnbmF0dXJl';

describe('readBearer: `Bearer <token>` only (RFC 6750 §2.1)', () => {
  it('spells every accepted header `Bearer <token>`, the one key of the verified-token cache', () => {
    for (const header of [
      `Bearer ${TOKEN}`,
      `bearer ${TOKEN}`,
      `BEARER ${TOKEN}`,
      `bEaReR ${TOKEN}`,
      `Bearer   ${TOKEN}`,
    ]) {
      expect(readBearer(header), header).toEqual({ kind: 'bearer', header: `Bearer ${TOKEN}` });
    }
    expect(readBearer('Bearer abc+/~_-.==')).toEqual({
      kind: 'bearer',
      header: 'Bearer abc+/~_-.==',
    });
  });

  it('hands back the very string when it is already spelled that way', () => {
    const header = `Bearer ${TOKEN}`;
    const verdict = readBearer(header);
    expect(verdict.kind === 'bearer' && verdict.header).toBe(header);
  });

  it('takes no header and an empty one as no credentials', () => {
    expect(readBearer(undefined)).toEqual({ kind: 'none' });
    expect(readBearer(null)).toEqual({ kind: 'none' });
    expect(readBearer('')).toEqual({ kind: 'none' });
  });

  it('refuses everything else, saying why without repeating the token', () => {
    const refused: [string, RegExp][] = [
      [TOKEN, /bare token/],
      ['Bearer', /without a token/],
      ['Bearer ', /not one b64token/],
      [`Bearer ${TOKEN} trailing`, /not one b64token/],
      [`Bearer\t${TOKEN}`, /not one b64token/],
      [`Bearer ${TOKEN}, Bearer ${TOKEN}`, /not one b64token/],
      [`Bearer =${TOKEN}`, /not one b64token/],
      ['Bearer eyJ\u00ff.eyJ.AAAA', /not one b64token/],
      ['Basic dXNlcjpwYXNz', /the Basic scheme/],
      [`Token ${TOKEN}`, /the Token scheme/],
      [`${TOKEN.slice(0, 30)}:x ${TOKEN}`, /malformed scheme/],
    ];
    for (const [header, why] of refused) {
      const verdict = readBearer(header);
      expect(verdict.kind, header).toBe('refused');
      const reason = verdict.kind === 'refused' ? verdict.why : '';
      expect(reason, header).toMatch(why);
      expect(reason).not.toContain(TOKEN.slice(0, 16));
    }
  });
});

describe('apiAuthorization: the header a request goes on with', () => {
  it('the canonical header, nothing for a refused one (reported), the rest as it came', () => {
    const reported: string[] = [];
    const log = (reason: string) => reported.push(reason);
    expect(apiAuthorization(`bearer ${TOKEN}`, log)).toBe(`Bearer ${TOKEN}`);
    expect(apiAuthorization(undefined, log)).toBeUndefined();
    expect(apiAuthorization('', log)).toBe('');
    expect(reported).toEqual([]);
    expect(apiAuthorization(TOKEN, log)).toBeUndefined();
    expect(reported).toEqual([
      'an Authorization header with a bare token, without the Bearer scheme',
    ]);
  });
});
