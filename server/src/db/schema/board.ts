import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { organizations, users } from './identity.ts';
import { tenantPolicies } from './tenancy.ts';

/** The board: projects, tasks and comments, each carrying its organization's id. */

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
  (t) => [
    index('projects_org_idx').on(t.orgId, t.archivedAt, t.createdAt),
    ...tenantPolicies('org_id'),
  ],
).enableRLS();

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
    ...tenantPolicies('org_id'),
  ],
).enableRLS();

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
  (t) => [index('comments_task_idx').on(t.taskId, t.createdAt, t.id), ...tenantPolicies('org_id')],
).enableRLS();
