import type { Gate } from '../trpc.ts';

/**
 * The reviewed access policy: every procedure of `appRouter` and the gate it must have.
 * The access-matrix test fails for a procedure missing here, a procedure whose meta
 * declares no gate or another gate, and any persona whose outcome does not match.
 * Permissions on top of a gate are checked from each procedure's meta.
 */
export const ACCESS_POLICY: Record<string, Gate> = {
  health: 'public',
  'me.whoami': 'public',
  'me.session': 'protected',
  'me.openTasks': 'org',
  'org.current': 'org',
  'org.members': 'org',
  'org.adminCheck': 'orgAdmin',
  'projects.list': 'org',
  'projects.get': 'org',
  'projects.create': 'org',
  'projects.rename': 'org',
  'projects.archive': 'orgAdmin',
  'projects.delete': 'orgAdmin',
  'board.events': 'org',
  'tasks.list': 'org',
  'tasks.get': 'org',
  'tasks.create': 'org',
  'tasks.update': 'org',
  'tasks.move': 'org',
  'tasks.delete': 'org',
  'comments.list': 'org',
  'comments.add': 'org',
  'comments.delete': 'org',
  'admin.auditLog': 'orgAdmin',
  'admin.settings.get': 'orgAdmin',
  'admin.settings.update': 'orgAdmin',
};
