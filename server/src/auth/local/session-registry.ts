import { and, desc, eq, gt, inArray, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { localSessions } from '../../db/schema.ts';
import { SESSION_LIFETIME_SECONDS } from './session-cookie.ts';

/** Far more than a developer signs in; a flood of sign-ins ends the oldest sessions instead. */
const MAX_LIVE_SESSIONS = 10_000;

/**
 * Which local sessions are live: local mode's stand-in for the session list Clerk keeps on
 * its side. The signed cookie says who a session is; this says whether it still exists, so
 * signing out ends it for every copy of the cookie, as revoking a Clerk session does.
 *
 * The sessions are rows of `local_sessions`, so every API instance on one database knows
 * every session (behind a round-robin proxy any instance may refresh a token) and they
 * survive a restart. Expired rows are deleted as new sessions start.
 */
export class LocalSessionRegistry {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly maxSessions = MAX_LIVE_SESSIONS,
  ) {}

  private expiry() {
    return new Date(this.now() + SESSION_LIFETIME_SECONDS * 1000);
  }

  /** A new session (sign-in): live for a full lifetime, like its cookie. */
  async start(sessionId: string, userId: string): Promise<void> {
    const expiresAt = this.expiry();
    await this.db
      .insert(localSessions)
      .values({ id: sessionId, userId, expiresAt })
      .onConflictDoUpdate({ target: localSessions.id, set: { userId, expiresAt } });
    await this.prune();
  }

  /**
   * A live session used again: its lifetime restarts, like its cookie's. False when it has
   * ended or expired. One conditional UPDATE, so a sign-out on another instance racing a
   * token refresh can never bring the session back.
   */
  async touch(sessionId: string, userId: string): Promise<boolean> {
    const renewed = await this.db
      .update(localSessions)
      .set({ expiresAt: this.expiry() })
      .where(this.liveCondition(sessionId, userId))
      .returning({ id: localSessions.id });
    return renewed.length > 0;
  }

  /** Whether the session exists, has not expired, and belongs to this user. */
  async isLive(sessionId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: localSessions.id })
      .from(localSessions)
      .where(this.liveCondition(sessionId, userId));
    return rows.length > 0;
  }

  /** Ends the session: its cookie, wherever copied, mints no more tokens. */
  async end(sessionId: string): Promise<void> {
    await this.db.delete(localSessions).where(eq(localSessions.id, sessionId));
  }

  /** How many rows are kept, expired ones not yet pruned included (tests). */
  async count(): Promise<number> {
    return this.db.$count(localSessions);
  }

  private liveCondition(sessionId: string, userId: string) {
    return and(
      eq(localSessions.id, sessionId),
      eq(localSessions.userId, userId),
      gt(localSessions.expiresAt, new Date(this.now())),
    );
  }

  /**
   * Deletes expired sessions and, past the cap, the least recently used (the earliest
   * expiry: each use pushes it back). Both walk the expiry index
   * of a table that stays small: only sessions signed in during the last week are in it.
   */
  private async prune() {
    const beyondCap = this.db
      .select({ id: localSessions.id })
      .from(localSessions)
      .orderBy(desc(localSessions.expiresAt))
      .offset(this.maxSessions);
    await this.db
      .delete(localSessions)
      .where(
        or(
          lte(localSessions.expiresAt, new Date(this.now())),
          inArray(localSessions.id, beyondCap),
        ),
      );
  }
}
