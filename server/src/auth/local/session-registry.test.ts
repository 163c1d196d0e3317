import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite } from '../../db/database.ts';
import { createTestPglite } from '../../test/test-db.ts';
import { SESSION_LIFETIME_SECONDS } from './session-cookie.ts';
import { LocalSessionRegistry } from './session-registry.ts';

const LIFETIME_MS = SESSION_LIFETIME_SECONDS * 1000;

// A migrated PGlite of this file's own: the tests count rows and the cap deletes them.
let database: Database;
beforeAll(async () => {
  database = openPglite(await createTestPglite());
});
afterAll(() => database?.close());

/** A registry on an empty table, with a clock the test moves. */
async function registry(maxSessions?: number) {
  await database.db.execute('delete from local_sessions');
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  return { clock, sessions: new LocalSessionRegistry(database.db, () => clock.now, maxSessions) };
}

describe('LocalSessionRegistry', () => {
  it('knows a session once started, for its own user only, until it ends', async () => {
    const { sessions } = await registry();
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(false);
    await sessions.start('sess_a', 'user_a');
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(true);
    expect(await sessions.isLive('sess_a', 'user_b')).toBe(false);
    await sessions.end('sess_a');
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(false);
  });

  it('expires a session left unused for its lifetime; each use restarts the count', async () => {
    const { clock, sessions } = await registry();
    await sessions.start('sess_a', 'user_a');
    clock.now += LIFETIME_MS - 1;
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(true);
    expect(await sessions.touch('sess_a', 'user_a')).toBe(true);
    clock.now += LIFETIME_MS - 1;
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(true);
    clock.now += 1;
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(false);
  });

  it('touches only a live session of the same user: an ended one stays ended', async () => {
    const { clock, sessions } = await registry();
    expect(await sessions.touch('sess_never', 'user_a')).toBe(false);
    await sessions.start('sess_a', 'user_a');
    expect(await sessions.touch('sess_a', 'user_b')).toBe(false);
    await sessions.end('sess_a');
    expect(await sessions.touch('sess_a', 'user_a')).toBe(false);
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(false);

    await sessions.start('sess_b', 'user_b');
    clock.now += LIFETIME_MS;
    expect(await sessions.touch('sess_b', 'user_b')).toBe(false);
    expect(await sessions.isLive('sess_b', 'user_b')).toBe(false);
  });

  it('is shared: another registry on the same database (an instance, a restart) knows it', async () => {
    const { clock, sessions } = await registry();
    const other = new LocalSessionRegistry(database.db, () => clock.now);
    await sessions.start('sess_a', 'user_a');
    expect(await other.isLive('sess_a', 'user_a')).toBe(true);
    expect(await other.touch('sess_a', 'user_a')).toBe(true);
    await other.end('sess_a');
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(false);
  });

  it('deletes expired sessions as new ones start', async () => {
    const { clock, sessions } = await registry();
    await sessions.start('sess_old', 'user_a');
    clock.now += LIFETIME_MS;
    await sessions.start('sess_new', 'user_a');
    expect(await sessions.count()).toBe(1);
    expect(await sessions.isLive('sess_new', 'user_a')).toBe(true);
  });

  it('past its cap, ends the least recently used session', async () => {
    const { clock, sessions } = await registry(2);
    await sessions.start('sess_a', 'user_a');
    clock.now += 1;
    await sessions.start('sess_b', 'user_b');
    clock.now += 1;
    await sessions.touch('sess_a', 'user_a');
    clock.now += 1;
    await sessions.start('sess_c', 'user_c');
    expect(await sessions.count()).toBe(2);
    expect(await sessions.isLive('sess_b', 'user_b')).toBe(false);
    expect(await sessions.isLive('sess_a', 'user_a')).toBe(true);
    expect(await sessions.isLive('sess_c', 'user_c')).toBe(true);
  });
});
