import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateSigningKey } from '../auth/local/signing-key.ts';
import { buildPublishableKey } from '../auth/publishable-key.ts';
import { testConfig } from '../test/auth-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { captureConsole } from '../test/console-capture.ts';
import { HOSTS, type RunningHost, startHost } from '../test/host-server.ts';
import { rawRequest } from './raw-http.ts';

/**
 * Clerk mode reports each refused token in one line saying why (Clerk's reason, or the
 * API's own for a header that is not `Bearer <token>`), never the token; an expired token
 * or none at all is ordinary and not reported. Local mode reports nothing. Every host alike.
 */

const h = await createCallerHarness();
const CLERK_HOST = 'clerk.refusals.test';
const ISSUER = `https://${CLERK_HOST}`;
const clerkConfig = testConfig({
  CLERK_PUBLISHABLE_KEY: buildPublishableKey(CLERK_HOST, 'live'),
  CLERK_SECRET_KEY: 'sk_live_never_used_offline',
  CLERK_JWT_KEY: h.signingKey.publicKeyPem,
});

const now = () => Math.floor(Date.now() / 1000);
const valid = () => h.tokenFor('member', { issuer: ISSUER });

/** Refused Authorization headers, the token each holds, and what its log line must say. */
const REPORTED: [string, () => { header: string; token: string }, RegExp][] = [
  [
    'signed by another key',
    () => bearer(h.tokenFor('member', { issuer: ISSUER, key: generateSigningKey() })),
    /token-invalid-signature/,
  ],
  [
    'for another authorized party',
    () => bearer(h.tokenFor('member', { issuer: ISSUER, authorizedParty: 'https://evil.test' })),
    /token-invalid-authorized-parties/,
  ],
  [
    'from another issuer',
    () => bearer(h.tokenFor('member', { issuer: 'https://clerk.evil.test' })),
    /token-invalid-issuer/,
  ],
  [
    'not valid for another minute',
    () => bearer(h.tokenFor('member', { issuer: ISSUER, extraClaims: { nbf: now() + 60 } })),
    /nbf/,
  ],
  [
    'validly signed, with claims Clerk cannot read',
    () => bearer(h.tokenFor('member', { issuer: ISSUER, extraClaims: { fea: 7 } })),
    /claims Clerk cannot read/,
  ],
  [
    'a bare token, without the scheme',
    () => {
      const token = valid();
      return { header: token, token };
    },
    /bare token/,
  ],
  [
    'the Basic scheme',
    () => ({ header: 'Basic dXNlcjpwYXNzd29yZA==', token: 'dXNlcjpwYXNzd29yZA==' }),
    /Basic scheme/,
  ],
];

function bearer(token: string) {
  return { header: `Bearer ${token}`, token };
}

/** Everything logged as a warning during the current test. */
let warnings: string[];
beforeEach(() => {
  warnings = captureConsole('warn');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(HOSTS)('%s host', (kind) => {
  const whoami = (baseUrl: string, authorization?: string) =>
    rawRequest(baseUrl, '/trpc/me.whoami', {
      headers: authorization === undefined ? {} : { authorization },
    });

  describe('Clerk mode', () => {
    let server: RunningHost;
    beforeAll(async () => {
      server = await startHost(kind, clerkConfig, {
        database: h.database,
        signingKey: h.signingKey,
      });
    });
    afterAll(() => server?.close());

    it.each(REPORTED)(
      'a token %s: one line with the reason, not the token',
      async (_, make, says) => {
        const { header, token } = make();
        const res = await whoami(server.baseUrl, header);
        expect(res.json).toMatchObject({ result: { data: { signedIn: false } } });
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/^Refused a session token: /);
        expect(warnings[0]).toMatch(says);
        expect(warnings[0]).not.toContain(token);
        expect(warnings[0]).not.toMatch(/\n/);
      },
    );

    it('nothing for a valid token in any spelling, an expired one, or none', async () => {
      for (const authorization of [`Bearer ${valid()}`, `bearer ${valid()}`, undefined]) {
        await whoami(server.baseUrl, authorization);
      }
      const expired = h.tokenFor('member', { issuer: ISSUER, now: now() - 600 });
      const res = await whoami(server.baseUrl, `Bearer ${expired}`);
      expect(res.json).toMatchObject({ result: { data: { signedIn: false } } });
      expect(warnings).toEqual([]);
    });
  });

  describe('local mode', () => {
    let server: RunningHost;
    beforeAll(async () => {
      server = await startHost(kind, h.config, { database: h.database, signingKey: h.signingKey });
    });
    afterAll(() => server?.close());

    it('reports nothing: the server minted every token it can accept', async () => {
      await whoami(server.baseUrl, `Bearer ${h.tokenFor('member', { key: generateSigningKey() })}`);
      await whoami(server.baseUrl, h.tokenFor('member'));
      expect(warnings).toEqual([]);
    });
  });
});
