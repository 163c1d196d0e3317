import { bigint, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { organizations } from './identity.ts';
import { tenantPolicies } from './tenancy.ts';

/** The audit log of administrative actions. */

export const auditLog = pgTable(
  'audit_log',
  {
    /** Monotonic: the audit log's cursor. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_org_idx').on(t.orgId, t.id),
    index('audit_log_org_action_idx').on(t.orgId, t.action, t.id),
    ...tenantPolicies('org_id'),
  ],
).enableRLS();
