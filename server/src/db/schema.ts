import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Tasklane's tables. Organizations and users mirror Clerk's ids (`org_…`, `user_…`);
 * everything else belongs to one organization and carries its `org_id`, so every query
 * can be scoped by the caller's active organization without a join.
 */

/**
 * `timestamp with time zone`, read as the text PostgreSQL prints: the API answers with ISO
 * strings anyway (domain/iso-timestamp.ts), and a Date in between cost more CPU time than
 * the rest of reading a page of tasks.
 */
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => timestamptz('created_at').notNull().defaultNow();
const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();
/**
 * When Clerk last changed what a mirrored row says (milliseconds since the epoch: Clerk's
 * `updated_at`, or a webhook event's `timestamp`). Clerk delivers webhooks at least once
 * and in no fixed order, so an event older than this does not overwrite the row. Null for
 * rows only a session token wrote (identity-sync.ts): any webhook event is newer.
 */
const clerkUpdatedAt = () => bigint('clerk_updated_at', { mode: 'number' });

export const organizations = pgTable('organizations', {
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
});

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
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/**
 * Memberships Clerk's webhooks removed, and when. A removed member's session token still
 * names the organization until it expires (60 s), and the first request it makes would
 * mirror the membership back (identity-sync.ts): a token issued before the removal does not.
 * Clerk adding the member again (a membership webhook) deletes the record.
 */
export const membershipRemovals = pgTable(
  'membership_removals',
  {
    // No foreign keys: a removal may name an organization or user this database has not
    // mirrored yet, whose first request must not mirror the membership either.
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    removedAt: timestamptz('removed_at').notNull().defaultNow(),
    /** The removal event's `timestamp` (ms): an older membership event does not undo it. */
    clerkRemovedAt: bigint('clerk_removed_at', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

/**
 * Users and organizations Clerk deleted (`object` is `user` or `organization`). Clerk never
 * reuses an id, so a deletion is final: an event about the object that arrives after it
 * (a late or redelivered `organization.updated`, a membership) changes nothing.
 */
export const clerkDeletions = pgTable(
  'clerk_deletions',
  {
    object: text('object').$type<'user' | 'organization'>().notNull(),
    id: text('id').notNull(),
    /** The deletion event's `timestamp` (ms). */
    clerkDeletedAt: bigint('clerk_deleted_at', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.object, t.id] })],
);

/**
 * The Clerk webhook deliveries applied, by their `svix-id` (the same for every retry of a
 * message). Svix delivers at least once: a delivery already here is acknowledged and not
 * applied again. Rows older than the retry window are pruned as new ones arrive.
 */
export const clerkWebhookDeliveries = pgTable(
  'clerk_webhook_deliveries',
  {
    svixId: text('svix_id').primaryKey(),
    eventType: text('event_type').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [index('clerk_webhook_deliveries_received_idx').on(t.receivedAt)],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    archivedAt: timestamptz('archived_at'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('projects_org_idx').on(t.orgId, t.archivedAt, t.createdAt)],
);

export const taskStatus = pgEnum('task_status', ['todo', 'doing', 'done']);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Per-organization, never reused: the stable key cursor pagination walks. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: taskStatus('status').notNull().default('todo'),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    dueDate: date('due_date', { mode: 'string' }),
    /** Order within a status column (fractional: a move writes one row). */
    position: doublePrecision('position').notNull(),
    /** Optimistic concurrency: every update names the version it saw. */
    version: integer('version').notNull().default(1),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    updatedBy: text('updated_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tasks_org_number_idx').on(t.orgId, t.number),
    index('tasks_project_number_idx').on(t.projectId, t.number),
    index('tasks_project_status_position_idx').on(t.projectId, t.status, t.position),
    index('tasks_org_assignee_idx')
      .on(t.orgId, t.assigneeId, t.status)
      .where(sql`${t.assigneeId} is not null`),
  ],
);

export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('comments_task_idx').on(t.taskId, t.createdAt, t.id)],
);

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
  ],
);
