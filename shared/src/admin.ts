import { z } from 'zod';
import { clerkUserIdSchema, cursorSchema, pageLimitSchema } from './ids.ts';

/** Every action the audit log records: administrative actions only. */
export const AUDIT_ACTIONS = [
  'project.archived',
  'project.unarchived',
  'project.deleted',
  'task.deleted_by_admin',
  'comment.deleted_by_admin',
  'settings.updated',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditLogInput = z
  .object({
    cursor: cursorSchema.optional(),
    limit: pageLimitSchema.default(50),
    action: auditActionSchema.optional(),
    actorId: clerkUserIdSchema.optional(),
  })
  .default({ limit: 50 });

export const orgSettingsSchema = z.object({
  /** Tasks show as `<prefix>-<number>`, e.g. ACME-12. */
  taskKeyPrefix: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,6}$/, '2 to 6 capital letters, e.g. ACME'),
  /** Days after creation a new task is due by default; null for no default. */
  defaultDueInDays: z.number().int().min(1).max(365).nullable(),
});
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

export const DEFAULT_ORG_SETTINGS: OrgSettings = { taskKeyPrefix: 'TASK', defaultDueInDays: null };

export const orgSettingsUpdateInput = orgSettingsSchema
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Change at least one setting.');
