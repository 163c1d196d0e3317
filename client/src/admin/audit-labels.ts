import type { AuditAction } from '@tasklane/shared/admin';

/** Audit actions in words an administrator reads. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'project.archived': 'Project archived',
  'project.unarchived': 'Project restored',
  'project.deleted': 'Project deleted',
  'task.deleted_by_admin': "Task deleted (someone else's)",
  'comment.deleted_by_admin': "Comment deleted (someone else's)",
  'settings.updated': 'Settings changed',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action;
}

/** The entry's details, short: a name or title if there is one, else what changed. */
export function auditDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  if (typeof d.name === 'string') {
    return typeof d.taskCount === 'number' ? `${d.name} (${d.taskCount} tasks)` : d.name;
  }
  if (typeof d.title === 'string') return d.title;
  if (d.before && d.after && typeof d.before === 'object' && typeof d.after === 'object') {
    const before = d.before as Record<string, unknown>;
    const after = d.after as Record<string, unknown>;
    return Object.keys(after)
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${key}: ${JSON.stringify(before[key])} → ${JSON.stringify(after[key])}`)
      .join(', ');
  }
  return '';
}
