import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { retryDelayMs } from '../api/api-errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { movingTaskIds } from '../board/use-move-task.ts';
import { useMemberName } from '../org/use-org-members.ts';
import { applyBoardEvent } from './apply-board-event.ts';
import { type BoardEvent, isTaskChange, type TaskChangeEvent } from './board-event.ts';
import type { LiveState } from './live-state.ts';
import { reloadProject } from './reload-project.ts';
import { streamEnd } from './stream-end.ts';

/** One page's following of one project: reset when the page shows another project. */
interface LiveSession {
  projectId: string;
  /** The last event received: a new connection resumes after it. */
  lastEventId: string | null;
  /** What the current subscription was started with. */
  resumeFrom: string | null;
  /** Connected at least once: a lost connection is then "reconnecting". */
  wasLive: boolean;
  /** Failed connections in a row, for the pause before the next. */
  failures: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Events about tasks the user is moving, kept (latest version) until the move settles. */
  held: Map<string, TaskChangeEvent>;
  disposed: boolean;
}

const newSession = (projectId: string): LiveSession => ({
  projectId,
  lastEventId: null,
  resumeFrom: null,
  wasLive: false,
  failures: 0,
  retryTimer: undefined,
  held: new Map(),
  disposed: false,
});

/**
 * Follows a project's `board.events` while the page is open and applies every change to
 * the React Query cache (apply-board-event.ts), so the board, a task's detail and its
 * comments show other people's changes without a refetch. Returns what to tell the user.
 *
 * - The user's own moves win until they settle: an event about a task with a move on its
 *   way is held, then applied through the version check, which drops it if the move's
 *   answer was newer (see use-move-task.ts).
 * - A stream started with nothing to resume from, and `board.resync`, reload the project.
 * - tRPC's link reconnects on its own (after the token expires, the server restarts) and
 *   resumes from the last event id. When the link gives up (an error page, a refused
 *   token), this starts a new subscription from that id after a growing pause; FORBIDDEN
 *   and NOT_FOUND end it for good.
 * - `project.deleted` leaves for the projects page, saying so.
 */
export function useLiveProject(
  projectId: string,
  options: { onEvent?: (event: BoardEvent) => void } = {},
): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const memberName = useMemberName();

  const sessionRef = useRef<LiveSession>(newSession(projectId));
  if (sessionRef.current.projectId !== projectId) sessionRef.current = newSession(projectId);
  const session = sessionRef.current;

  const [live, setLive] = useState<{ projectId: string; state: LiveState }>({
    projectId,
    state: { kind: 'connecting' },
  });
  const show = (state: LiveState) => {
    if (!session.disposed) setLive({ projectId: session.projectId, state });
  };
  const lostConnection = (): LiveState => ({
    kind: session.wasLive ? 'reconnecting' : 'connecting',
  });
  // Re-renders with the session's `resumeFrom` as the subscription's input.
  const [, setRestarts] = useState(0);

  const apply = (event: BoardEvent) => {
    applyBoardEvent({ queryClient, trpc, moving: movingTaskIds(queryClient, projectId) }, event);
    if (event.type === 'project.deleted') {
      const name = queryClient.getQueryData(trpc.projects.get.queryKey({ projectId }))?.name;
      const what = name ? `“${name}”` : 'The project';
      void navigate('/projects', {
        replace: true,
        state: { notice: `${what} was deleted by ${memberName(event.actorId)}.` },
      });
    }
    options.onEvent?.(event);
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  const receive = (event: BoardEvent) => {
    if (event.type === 'board.resync') {
      reloadProject(queryClient, trpc, projectId);
      return;
    }
    if (isTaskChange(event) && movingTaskIds(queryClient, projectId).has(event.task.id)) {
      const held = session.held.get(event.task.id);
      if (!held || held.task.version < event.task.version) session.held.set(event.task.id, event);
      return;
    }
    apply(event);
  };

  const subscription = useSubscription(
    trpc.board.events.subscriptionOptions(
      { projectId, lastEventId: session.resumeFrom },
      {
        enabled: projectId !== '',
        onStarted: () => {
          session.failures = 0;
          session.wasLive = true;
          show({ kind: 'live' });
          if (session.lastEventId === null) reloadProject(queryClient, trpc, projectId);
        },
        onData: ({ id, data }) => {
          session.lastEventId = id;
          receive(data);
        },
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting') show(lostConnection());
          // The stream finished without an error: not something this server does on purpose.
          if (state.state === 'idle') restartLater(null);
        },
        onError: (error) => {
          const end = streamEnd(error);
          if (end.final) {
            show({ kind: 'ended', message: end.message });
            return;
          }
          // A refused token: the page's own queries find out whether the session is over
          // (and send the user to sign in, as for any 401).
          if (end.unauthorized) void queryClient.invalidateQueries({ type: 'active' });
          show(lostConnection());
          restartLater(error);
        },
      },
    ),
  );
  const resetRef = useRef(subscription.reset);
  resetRef.current = subscription.reset;

  function restartLater(error: unknown) {
    clearTimeout(session.retryTimer);
    const delay = retryDelay(queryClient, session.failures++, error);
    session.retryTimer = setTimeout(() => {
      if (session.disposed) return;
      if (session.resumeFrom === session.lastEventId) {
        resetRef.current();
      } else {
        session.resumeFrom = session.lastEventId;
        setRestarts((n) => n + 1);
      }
    }, delay);
  }

  // Held events are applied once the user's moves of their tasks have settled.
  useEffect(() => {
    return queryClient.getMutationCache().subscribe(() => {
      if (session.held.size === 0) return;
      const moving = movingTaskIds(queryClient, session.projectId);
      for (const [taskId, event] of session.held) {
        if (moving.has(taskId)) continue;
        session.held.delete(taskId);
        applyRef.current(event);
      }
    });
  }, [queryClient, session]);

  useEffect(() => {
    session.disposed = false; // StrictMode runs effects twice: mounted again
    return () => {
      session.disposed = true;
      clearTimeout(session.retryTimer);
    };
  }, [session]);

  return live.projectId === projectId ? live.state : { kind: 'connecting' };
}

/** The app's backoff for queries (tests shorten it), for connections too. */
function retryDelay(queryClient: QueryClient, failures: number, error: unknown): number {
  const delay = queryClient.getDefaultOptions().queries?.retryDelay;
  if (typeof delay === 'function') return delay(failures, error as Error);
  return delay ?? retryDelayMs(failures);
}
