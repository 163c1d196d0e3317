import type { Task } from '../tasks/task-types.ts';
import type { FakeBackend } from './fake-backend.ts';

/**
 * A small stateful Tasklane domain behind the fake backend: one project's tasks with
 * versions, paging like the server (keyset on `number`) and CONFLICT on a stale version.
 */
export const PROJECT_ID = '00000000-0000-4000-8000-000000000001';
export const taskId = (n: number) =>
  `00000000-0000-4000-8000-${String(1000 + n).padStart(12, '0')}`;

export function demoTask(n: number, status: Task['status'], position: number): Task {
  return {
    id: taskId(n),
    projectId: PROJECT_ID,
    number: n,
    title: `Task ${n}`,
    description: '',
    status,
    assigneeId: null,
    dueDate: null,
    position,
    version: 1,
    createdBy: 'user_demo_max',
    updatedBy: 'user_demo_max',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The one project, as `projects.get` answers (`projects.list` adds `openTaskCount`). */
export const DEMO_PROJECT = {
  id: PROJECT_ID,
  name: 'Launch site',
  description: '',
  archivedAt: null as string | null,
  createdBy: 'user_demo_ada',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const MEMBERS = [
  { userId: 'user_demo_ada', name: 'Ada Admin', email: 'ada@acme.test', role: 'org:admin' },
  { userId: 'user_demo_max', name: 'Max Member', email: 'max@acme.test', role: 'org:member' },
];

interface MoveInput {
  taskId: string;
  version: number;
  status: Task['status'];
  position: number;
}

export class DemoDomain {
  tasks: Task[];
  /** What each tasks.move call sent, in order. */
  readonly moves: MoveInput[] = [];

  constructor(
    readonly backend: FakeBackend,
    tasks: Task[],
    readonly role: 'org:admin' | 'org:member' = 'org:member',
  ) {
    this.tasks = tasks;
    const userId = role === 'org:admin' ? 'user_demo_ada' : 'user_demo_max';
    backend
      .on('me.whoami', () => ({
        data: { signedIn: true, userId, orgId: 'org_demo_acme', orgRole: role },
      }))
      .on('org.current', () => ({
        data: {
          orgId: 'org_demo_acme',
          orgName: 'Acme Rockets',
          orgSlug: 'acme',
          orgRole: role,
          orgPermissions: ['org:tasks:write'],
          taskKeyPrefix: 'ACME',
        },
      }))
      .on('org.members', () => ({ data: MEMBERS }))
      .on('me.openTasks', () => ({ data: [] }))
      .on('projects.get', () => ({ data: DEMO_PROJECT }))
      .on('tasks.list', ({ input }) => {
        const { cursor = 0, limit = 50 } = input as { cursor?: number; limit?: number };
        const rows = this.tasks
          .filter((task) => task.number > cursor)
          .sort((a, b) => a.number - b.number)
          .slice(0, limit + 1);
        const items = rows.slice(0, limit);
        return {
          data: {
            items,
            nextCursor: rows.length > limit ? (items.at(-1)?.number ?? null) : null,
          },
        };
      })
      .on('tasks.move', ({ input }) => this.move(input as MoveInput));
  }

  /** When set, every move renumbers the column it lands in, as the server does when crowded. */
  renumberOnMove = false;

  /** The server's rule: only the version the client saw may be changed. */
  move(input: MoveInput) {
    this.moves.push(input);
    const task = this.tasks.find((t) => t.id === input.taskId);
    if (!task) return { error: { code: 'NOT_FOUND', message: 'Task not found.' } };
    if (task.version !== input.version) {
      return {
        error: {
          code: 'CONFLICT',
          message: `Someone else changed this task (it is now at version ${task.version}). Reload it and try again.`,
        },
      };
    }
    Object.assign(task, {
      status: input.status,
      position: input.position,
      version: task.version + 1,
    });
    if (this.renumberOnMove) {
      this.tasks
        .filter((t) => t.status === task.status)
        .sort((a, b) => a.position - b.position)
        .forEach((t, rank) => {
          t.position = (rank + 1) * 1024;
        });
    }
    return { data: { ...task } };
  }

  /** Someone else moves a task on the server (the next stale move gets CONFLICT). */
  movedElsewhere(n: number, status: Task['status'], position: number) {
    const task = this.tasks.find((t) => t.number === n)!;
    Object.assign(task, { status, position, version: task.version + 1 });
  }
}
