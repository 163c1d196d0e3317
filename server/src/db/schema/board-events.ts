import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { organizations } from './identity.ts';
import { tenantPolicies } from './tenancy.ts';

/**
 * The board's transactional outbox: every change to a board writes its event here, in the
 * transaction that makes the change, so an event exists exactly when its change committed.
 * A trigger (migration 0003) announces each row with `NOTIFY board_events`, which every API
 * instance listens to; subscribers then read the rows after their last id. Rows older than
 * a day are pruned (board-events/prune.ts).
 */
export const boardEvents = pgTable(
  'board_events',
  {
    /** The stream position: `tracked()` ids and `lastEventId` are this number as a string. */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    // No foreign key: `project.deleted` outlives its project, for the subscribers to read.
    projectId: uuid('project_id').notNull(),
    type: text('type').notNull(),
    /** The event as subscribers receive it (board-events/events.ts). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actorId: text('actor_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('board_events_project_idx').on(t.projectId, t.id),
    index('board_events_created_idx').on(t.createdAt),
    ...tenantPolicies('org_id'),
  ],
).enableRLS();
