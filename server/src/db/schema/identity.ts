import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { clerkUpdatedAt, createdAt, updatedAt } from './columns.ts';
import { tenantPolicies } from './tenancy.ts';

/** Organizations, users and memberships: Clerk's, mirrored by Clerk's ids. */

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug'),
    /** Organization settings, edited by admins (see shared/src/org-settings.ts). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Next per-organization task number (tasks are shown as PREFIX-<number>). */
    nextTaskNumber: integer('next_task_number').notNull().default(1),
    clerkUpdatedAt: clerkUpdatedAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => tenantPolicies('id'),
).enableRLS();

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email'),
  imageUrl: text('image_url'),
  clerkUpdatedAt: clerkUpdatedAt(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    clerkUpdatedAt: clerkUpdatedAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    ...tenantPolicies('org_id'),
  ],
).enableRLS();
