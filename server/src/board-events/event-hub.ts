import { Doorbell } from './doorbell.ts';
import { ProjectFeed } from './project-feed.ts';

/** The PostgreSQL channels instances talk on (see migration 0003 and access-revoked.ts). */
export const BOARD_EVENTS_CHANNEL = 'board_events';
export const ACCESS_REVOKED_CHANNEL = 'access_revoked';

/** One open `board.events` stream, as the hub sees it. */
export interface StreamWatch {
  readonly bell: Doorbell;
  /** Set when the caller's access may have ended: the stream checks it again. */
  recheckAccess: boolean;
  /** Set when the instance is shutting down: the stream ends, and the client reconnects. */
  closing: boolean;
  close(): void;
}

/**
 * This instance's switchboard for board streams. Notifications from PostgreSQL (every
 * instance's writes) ring the doorbells of the streams of that project; a revocation rings
 * those of the user (or the whole organization). Notifications only wake streams: each
 * reads the rows after its last id, so a lost or doubled notification loses nothing.
 */
export class BoardEventHub {
  private readonly byProject = new Map<
    string,
    Set<StreamWatch & { orgId: string; userId: string }>
  >();
  private readonly feeds = new Map<string, ProjectFeed>();
  private closing = false;

  /** `payload` of `board_events`: "<org id> <project id> <event id>". */
  onBoardEvent(payload: string): void {
    const projectId = payload.split(' ')[1];
    if (!projectId) return;
    for (const watch of this.byProject.get(projectId) ?? []) watch.bell.ring();
  }

  /** `payload` of `access_revoked`: "<org id or *> <user id or *>". */
  onAccessRevoked(payload: string): void {
    const [orgId, userId] = payload.split(' ');
    for (const watches of this.byProject.values()) {
      for (const watch of watches) {
        if (
          (orgId === '*' || orgId === watch.orgId) &&
          (userId === '*' || userId === watch.userId)
        ) {
          watch.recheckAccess = true;
          watch.bell.ring();
        }
      }
    }
  }

  /** The listening connection was lost and is back: notifications may have been missed. */
  wakeAll(): void {
    for (const watches of this.byProject.values()) for (const watch of watches) watch.bell.ring();
  }

  watch(who: { orgId: string; userId: string; projectId: string }): StreamWatch {
    const { projectId } = who;
    let watches = this.byProject.get(projectId);
    if (!watches) {
      watches = new Set();
      this.byProject.set(projectId, watches);
    }
    const set = watches;
    const watch = {
      orgId: who.orgId,
      userId: who.userId,
      bell: new Doorbell(),
      recheckAccess: false,
      closing: this.closing,
      close: () => {
        set.delete(watch);
        if (set.size === 0 && this.byProject.get(projectId) === set) {
          this.byProject.delete(projectId);
          this.feeds.delete(projectId);
        }
      },
    };
    set.add(watch);
    return watch;
  }

  /** The project's shared feed (project-feed.ts), made at `start` by its first stream. */
  feedFor(projectId: string, start: number): ProjectFeed {
    let feed = this.feeds.get(projectId);
    if (!feed) {
      feed = new ProjectFeed(start);
      this.feeds.set(projectId, feed);
    }
    return feed;
  }

  /** Ends every stream (shutdown): clients reconnect, to another instance behind a proxy. */
  closeAll(): void {
    this.closing = true;
    for (const watches of this.byProject.values()) {
      for (const watch of watches) {
        watch.closing = true;
        watch.bell.ring();
      }
    }
  }
}
