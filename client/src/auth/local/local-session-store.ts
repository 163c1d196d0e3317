import type { LocalSession, LocalUser } from '@tasklane/shared';
import { type LocalAuthApi, LocalAuthError } from './local-auth-api.ts';

/** Refresh this long before the token expires, so a request never leaves with a dying token. */
export const REFRESH_MARGIN_MS = 15_000;
/** After a failed background refresh (server unreachable), try again this soon. */
const RETRY_AFTER_MS = 5_000;

export interface LocalAuthState {
  /** False until the first POST /auth/local/token has said whether a session exists. */
  isLoaded: boolean;
  session: LocalSession | null;
}

/**
 * Local mode's session, outside React so its timing rules are easy to follow and test:
 * - on start it restores the session from the cookie (POST /auth/local/token);
 * - it refreshes the token REFRESH_MARGIN_MS before expiry, and `getToken()` refreshes
 *   too when the token is that close to expiry (a timer may have been throttled);
 * - concurrent callers share one in-flight refresh;
 * - sign-in, organization switch and sign-out replace the session; a refresh that was
 *   already in flight cannot bring back the session they replaced (see `generation`).
 */
export class LocalSessionStore {
  private state: LocalAuthState = { isLoaded: false, session: null };
  /** When the token expires by this browser's clock (the server's clock may differ). */
  private tokenExpiresAt = 0;
  private inFlightRefresh: { generation: number; promise: Promise<void> } | null = null;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<() => void>();
  private usersRequest: Promise<LocalUser[]> | null = null;

  constructor(
    private readonly api: LocalAuthApi,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.state;

  /** Restores the session kept in the cookie; retries while the server is unreachable. */
  start(): void {
    this.refresh().catch(() => this.schedule(RETRY_AFTER_MS, () => this.start()));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.generation++;
  }

  getToken = async (): Promise<string | null> => {
    const { isLoaded, session } = this.state;
    if (!isLoaded || !session) return null;
    if (this.tokenExpiresAt - this.now() > REFRESH_MARGIN_MS) return session.token;
    try {
      await this.refresh();
    } catch (error) {
      // Server unreachable: the current token still works until it expires.
      if (this.tokenExpiresAt > this.now()) return session.token;
      throw error;
    }
    return this.state.session?.token ?? null;
  };

  async signIn(userId: string, orgId?: string | null): Promise<void> {
    const generation = ++this.generation;
    const session = await this.api.signIn(userId, orgId);
    if (generation === this.generation) this.accept(session);
  }

  async switchOrganization(orgId: string | null): Promise<void> {
    const generation = ++this.generation;
    const session = await this.api.switchOrganization(orgId);
    if (generation === this.generation) this.accept(session);
  }

  async signOut(): Promise<void> {
    await this.api.signOut();
    this.generation++;
    this.accept(null);
  }

  /** The demo users (for the sign-in page and the organization switcher), fetched once. */
  users(): Promise<LocalUser[]> {
    this.usersRequest ??= this.api.listUsers().catch((error) => {
      this.usersRequest = null;
      throw error;
    });
    return this.usersRequest;
  }

  /** One refresh at a time: every caller awaits the same request. */
  private refresh(): Promise<void> {
    const generation = this.generation;
    if (this.inFlightRefresh?.generation === generation) return this.inFlightRefresh.promise;
    const promise = this.api
      .refreshToken()
      .then(
        (session) => {
          if (generation === this.generation) this.accept(session);
        },
        (error) => {
          // 401: the cookie holds no session (never signed in, signed out, or expired).
          if (error instanceof LocalAuthError && error.status === 401) {
            if (generation === this.generation) this.accept(null);
            return;
          }
          throw error;
        },
      )
      .finally(() => {
        if (this.inFlightRefresh?.promise === promise) this.inFlightRefresh = null;
      });
    this.inFlightRefresh = { generation, promise };
    return promise;
  }

  private accept(session: LocalSession | null) {
    clearTimeout(this.timer);
    this.tokenExpiresAt = session ? this.now() + tokenLifetimeMs(session, this.now()) : 0;
    this.state = { isLoaded: true, session };
    for (const listener of this.listeners) listener();
    if (session) {
      const delay = Math.max(0, this.tokenExpiresAt - this.now() - REFRESH_MARGIN_MS);
      this.schedule(delay, () => this.backgroundRefresh());
    }
  }

  private backgroundRefresh() {
    this.refresh().catch(() => this.schedule(RETRY_AFTER_MS, () => this.backgroundRefresh()));
  }

  private schedule(delay: number, run: () => void) {
    clearTimeout(this.timer);
    this.timer = setTimeout(run, delay);
  }
}

/**
 * How long the token lives, from its own `iat`/`exp` (both by the server's clock), so a
 * browser clock that is off does not make us refresh too late. Falls back to `expiresAt`.
 */
function tokenLifetimeMs(session: LocalSession, now: number): number {
  try {
    const payload = session.token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      iat?: unknown;
      exp?: unknown;
    };
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number') {
      return (claims.exp - claims.iat) * 1000;
    }
  } catch {
    // Not a JWT we can read: use the server's expiry as is.
  }
  return session.expiresAt - now;
}
