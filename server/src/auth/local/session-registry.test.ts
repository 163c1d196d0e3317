import { describe, expect, it } from 'vitest';
import { SESSION_LIFETIME_SECONDS } from './session-cookie.ts';
import { LocalSessionRegistry } from './session-registry.ts';

const LIFETIME_MS = SESSION_LIFETIME_SECONDS * 1000;

function registry(maxSessions?: number) {
  const clock = { now: 1_000_000 };
  return { clock, sessions: new LocalSessionRegistry(() => clock.now, maxSessions) };
}

describe('LocalSessionRegistry', () => {
  it('knows a session once touched, for its own user only, until it ends', () => {
    const { sessions } = registry();
    expect(sessions.isLive('sess_a', 'user_a')).toBe(false);
    sessions.touch('sess_a', 'user_a');
    expect(sessions.isLive('sess_a', 'user_a')).toBe(true);
    expect(sessions.isLive('sess_a', 'user_b')).toBe(false);
    sessions.end('sess_a');
    expect(sessions.isLive('sess_a', 'user_a')).toBe(false);
  });

  it('expires a session left unused for its lifetime; each use restarts the count', () => {
    const { clock, sessions } = registry();
    sessions.touch('sess_a', 'user_a');
    clock.now += LIFETIME_MS - 1;
    expect(sessions.isLive('sess_a', 'user_a')).toBe(true);
    sessions.touch('sess_a', 'user_a');
    clock.now += LIFETIME_MS - 1;
    expect(sessions.isLive('sess_a', 'user_a')).toBe(true);
    clock.now += 1;
    expect(sessions.isLive('sess_a', 'user_a')).toBe(false);
  });

  it('forgets expired sessions as new ones arrive', () => {
    const { clock, sessions } = registry();
    sessions.touch('sess_old', 'user_a');
    clock.now += LIFETIME_MS;
    sessions.touch('sess_new', 'user_a');
    expect(sessions.size).toBe(1);
  });

  it('past its cap, ends the least recently used session', () => {
    const { sessions } = registry(2);
    sessions.touch('sess_a', 'user_a');
    sessions.touch('sess_b', 'user_b');
    sessions.touch('sess_a', 'user_a');
    sessions.touch('sess_c', 'user_c');
    expect(sessions.size).toBe(2);
    expect(sessions.isLive('sess_b', 'user_b')).toBe(false);
    expect(sessions.isLive('sess_a', 'user_a')).toBe(true);
    expect(sessions.isLive('sess_c', 'user_c')).toBe(true);
  });
});
