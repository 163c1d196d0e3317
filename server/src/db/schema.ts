/**
 * Tasklane's tables. Organizations and users mirror Clerk's ids (`org_…`, `user_…`);
 * everything else belongs to one organization and carries its `org_id`, so every query
 * can be scoped by the caller's active organization without a join.
 */

export * from './schema/audit.ts';
export * from './schema/board.ts';
export * from './schema/board-events.ts';
export * from './schema/clerk-sync.ts';
export * from './schema/identity.ts';
export * from './schema/shared-state.ts';
export * from './schema/tenancy.ts';
