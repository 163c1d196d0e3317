import type { OrganizationWebhookEvent } from '@clerk/backend';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database.ts';
import { organizations } from '../db/schema.ts';
import type { IdentitySync } from '../identity/identity-sync.ts';
import {
  clerkEvent,
  clerkOrganization,
  newWebhookSecret,
  signDelivery,
} from '../test/clerk-webhooks.ts';
import { captureConsole } from '../test/console-capture.ts';
import { getTestDatabase } from '../test/test-db.ts';
import { clerkWebhookRoute } from './clerk-webhook-route.ts';

/**
 * A delivery the database fails on: the answer Clerk retries (5xx), and one safe line in
 * the log, without the failed query's parameters (what Clerk, or whoever holds the signing
 * secret, sent).
 */
const SECRET = newWebhookSecret();
const SENT = 'Name sent by the client';
const { db } = await getTestDatabase();
const failedQuery: unknown = await db
  .insert(organizations)
  .values({ id: `org_fail_${Date.now()}`, name: `${SENT}\u0000` })
  .then(
    () => undefined,
    (error: unknown) => error,
  );

const identity: IdentitySync = { ensure: async () => {}, forget: () => {} };
/** A database whose every transaction fails with `error`. */
const failingDb = (error: unknown) =>
  ({
    transaction: async () => {
      throw error;
    },
  }) as unknown as Db;

function deliver(error: unknown) {
  const at = Date.now();
  const org = clerkOrganization({ id: 'org_fail', name: SENT, slug: 'fail', updatedAt: at });
  const { body, headers } = signDelivery(
    JSON.stringify(clerkEvent<OrganizationWebhookEvent>('organization.updated', org, at)),
    SECRET,
  );
  const route = clerkWebhookRoute({ db: failingDb(error), identity, signingSecret: SECRET });
  return route.handle(
    new Request('http://tasklane.test/webhooks/clerk', { method: 'POST', headers, body }),
  );
}

afterEach(() => vi.restoreAllMocks());

describe('POST /webhooks/clerk when the database fails', () => {
  it('answers 500 JSON and logs one line without the parameters or a NUL byte', async () => {
    expect(failedQuery).toBeInstanceOf(Error);
    const lines = captureConsole('error');
    const res = await deliver(failedQuery);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
    });
    expect(lines).toHaveLength(1);
    const [line] = lines as [string];
    expect(line).toMatch(/^Clerk webhook organization\.updated failed: DatabaseError 22021: /);
    expect(line).not.toContain(SENT);
    expect(line).not.toContain('\u0000');
    expect(line).not.toContain('\n');
  });

  it('answers 503 while the database is unreachable, so Clerk retries later', async () => {
    const lines = captureConsole('error');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const res = await deliver(refused);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    expect(lines).toEqual([
      'Clerk webhook organization.updated failed: Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432',
    ]);
  });
});
