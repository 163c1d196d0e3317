import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPublishableKey } from '../auth/publishable-key.ts';
import { TEST_ORIGIN, testConfig } from '../test/auth-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { captureConsole } from '../test/console-capture.ts';
import { HOSTS, startHost } from '../test/host-server.ts';
import { type RawResponse, rawRequest } from './raw-http.ts';
import { installSocketGuard } from './socket-guard.ts';
import {
  ACCEPTED_BEARER_FORMS,
  HOSTILE_CASES,
  ODD_SIGNED_CLAIMS,
  type TokenWorld,
} from './token-corpus.ts';

/**
 * Every hostile credential in the corpus, sent over HTTP to the real app on every host, in
 * local mode and in Clerk mode with a development (pk_test_) key (the one with a handshake
 * redirect):
 * 401 JSON in tRPC's error shape, never a 5xx or a redirect, no connection outside
 * loopback, and the next valid request is served. Refusals Clerk mode logs are one line
 * each and never hold the credential. Every accepted spelling of `Bearer` is signed in.
 */

const h = await createCallerHarness();
const guard = installSocketGuard();
afterEach(() => {
  expect(guard.take(), 'connections to non-loopback hosts').toEqual([]);
});
afterAll(() => guard.restore());

/** What the server logged as refusals during the current test (Clerk mode logs them). */
let warnings: string[];
beforeEach(() => {
  warnings = captureConsole('warn');
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The credentials in a case's headers: what no log line may repeat. */
function credentialsIn(headers: Record<string, string | string[]>): string[] {
  const values = [headers.authorization ?? [], headers.cookie ?? []].flat();
  return values
    .flatMap((value) => value.split(/[\s;=,]+/))
    .filter((part) => part.length >= 16 && !/^bearer$/i.test(part));
}

it('the socket guard sees a connection to a non-loopback host', () => {
  expect(() => connect(443, 'clerk.hostile.test')).toThrow(/socket guard/);
  expect(guard.take()).toEqual(['clerk.hostile.test']);
});

const CLERK_HOST = 'clerk.hostile.test';
const modes = {
  local: { config: h.config, issuer: h.setup.issuer },
  'clerk (pk_test_)': {
    config: testConfig({
      CLERK_PUBLISHABLE_KEY: buildPublishableKey(CLERK_HOST, 'test'),
      CLERK_SECRET_KEY: 'sk_test_never_used_offline',
      CLERK_JWT_KEY: h.signingKey.publicKeyPem,
    }),
    issuer: `https://${CLERK_HOST}`,
  },
};
const hostsAndModes = HOSTS.flatMap((kind) =>
  Object.entries(modes).map(([name, mode]) => [kind, name, mode] as const),
);

/** A browser navigation: what makes Clerk answer with its handshake redirect. */
const NAVIGATION = {
  accept: 'text/html',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
};

function expectUnauthorizedJson(res: RawResponse, path: string, alsoAllowed: number[] = []) {
  expect(res.status, res.text.slice(0, 300)).toSatisfy(
    (s: number) => s === 401 || alsoAllowed.includes(s),
  );
  expect(res.headers.location).toBeUndefined();
  if (res.status !== 401) return;
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.json).toMatchObject({
    error: { data: { code: 'UNAUTHORIZED', httpStatus: 401, path } },
  });
  expect(Object.keys(res.headers).filter((name) => name.startsWith('x-clerk'))).toEqual([]);
}

describe.each(hostsAndModes)('hostile tokens, %s host, %s mode', (kind, _mode, mode) => {
  let baseUrl: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ baseUrl, close } = await startHost(kind, mode.config, {
      database: h.database,
      signingKey: h.signingKey,
    }));
  });
  afterAll(() => close?.());

  const member = h.world.personas.member!;
  const world: TokenWorld = {
    key: h.signingKey,
    issuer: mode.issuer,
    authorizedParty: TEST_ORIGIN,
    userId: member.userId,
    valid: (extraClaims) => h.tokenFor('member', { issuer: mode.issuer, extraClaims }),
  };

  it('accepts the valid token the forgeries start from', async () => {
    const res = await rawRequest(baseUrl, '/trpc/me.whoami', {
      headers: { authorization: `Bearer ${world.valid()}` },
    });
    expect(res.json).toMatchObject({ result: { data: { signedIn: true, userId: member.userId } } });
  });

  it.each(HOSTILE_CASES)('$name: 401 JSON, then serves a valid request', async (hostile) => {
    const headers = hostile.headers(world);
    const query = await rawRequest(baseUrl, '/trpc/me.session', { headers });
    expectUnauthorizedJson(query, 'me.session', hostile.alsoAllowed);

    const navigation = await rawRequest(baseUrl, '/trpc/me.session', {
      headers: { ...headers, ...NAVIGATION },
    });
    expectUnauthorizedJson(navigation, 'me.session', hostile.alsoAllowed);

    const mutation = await rawRequest(baseUrl, '/trpc/projects.create', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', origin: TEST_ORIGIN },
      body: JSON.stringify({ name: 'Written by a forged token' }),
    });
    expectUnauthorizedJson(mutation, 'projects.create', hostile.alsoAllowed);

    // A public procedure sees the caller signed out: no crash on the way to the context.
    const publicCall = await rawRequest(baseUrl, '/trpc/me.whoami', { headers });
    if (!hostile.alsoAllowed?.includes(publicCall.status)) {
      expect(publicCall.status, publicCall.text.slice(0, 300)).toBe(200);
      expect(publicCall.json).not.toMatchObject({ result: { data: { userId: member.userId } } });
    }

    const next = await rawRequest(baseUrl, '/trpc/me.whoami', {
      headers: { authorization: `Bearer ${world.valid()}` },
    });
    expect(next.json).toMatchObject({
      result: { data: { signedIn: true, userId: member.userId } },
    });

    // At most one line per refused request (four of them), never the credential.
    expect(warnings.length).toBeLessThanOrEqual(4);
    for (const line of warnings) {
      expect(line).not.toMatch(/\n/);
      for (const credential of credentialsIn(headers)) expect(line).not.toContain(credential);
    }
  });

  it.each(ACCEPTED_BEARER_FORMS)('$name: signed in, on every request', async (form) => {
    const token = world.valid();
    for (let i = 0; i < 2; i++) {
      const res = await rawRequest(baseUrl, '/trpc/me.whoami', {
        headers: { authorization: form.header(token) },
      });
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      expect(res.json).toMatchObject({
        result: { data: { signedIn: true, userId: member.userId } },
      });
    }
    expect(warnings).toEqual([]);
  });
});

describe.each(HOSTS)('validly signed tokens with odd claims, %s host', (kind) => {
  let baseUrl: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ baseUrl, close } = await startHost(kind, h.config, {
      database: h.database,
      signingKey: h.signingKey,
    }));
  });
  afterAll(() => close?.());

  it.each(ODD_SIGNED_CLAIMS)('%s: no procedure answers 5xx', async (_name, extraClaims) => {
    const token = h.tokenFor('noOrg', { extraClaims });
    for (const path of ['me.whoami', 'me.session', 'org.current', 'projects.list']) {
      const res = await rawRequest(baseUrl, `/trpc/${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/application\/json/);
    }
  });
});
