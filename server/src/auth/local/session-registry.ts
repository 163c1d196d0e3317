import { SESSION_LIFETIME_SECONDS } from './session-cookie.ts';

/** Far more than a developer signs in; a flood of sign-ins ends the oldest sessions instead. */
const MAX_LIVE_SESSIONS = 10_000;

/**
 * Which local sessions are live: local mode's stand-in for the session list Clerk keeps on
 * its side. The signed cookie says who a session is; this says whether it still exists, so
 * signing out ends it for every copy of the cookie, as revoking a Clerk session does.
 *
 * It is held in memory on purpose: local mode is for development, and the schema has no
 * table for it. A restart therefore ends every local session (as if all were revoked): a
 * signed-out cookie can never come back to life, and the SPA answers the 401 with its
 * sign-in page, keeping what was being typed. Tokens minted before still live out their 60 s.
 */
export class LocalSessionRegistry {
  /** Session id → user and expiry, least recently used first (each use moves it to the end). */
  private readonly sessions = new Map<string, { userId: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxSessions = MAX_LIVE_SESSIONS,
  ) {}

  /** A new session, or a live one used again: its lifetime restarts, like its cookie's. */
  touch(sessionId: string, userId: string): void {
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, {
      userId,
      expiresAt: this.now() + SESSION_LIFETIME_SECONDS * 1000,
    });
    this.prune();
  }

  /** Whether the session exists, has not expired, and belongs to this user. */
  isLive(sessionId: string, userId: string): boolean {
    const session = this.sessions.get(sessionId);
    return session !== undefined && session.userId === userId && session.expiresAt > this.now();
  }

  /** Ends the session: its cookie, wherever copied, mints no more tokens. */
  end(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drops expired sessions (the oldest come first) and, past the cap, the least recently used. */
  private prune() {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (session.expiresAt > now && this.sessions.size <= this.maxSessions) break;
      this.sessions.delete(id);
    }
  }
}
