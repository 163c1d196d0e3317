import type { AuditAction } from '@tasklane/shared';
import type { DbOrTx } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';

export interface AuditEntry {
  orgId: string;
  actorId: string;
  action: AuditAction;
  targetType: 'project' | 'task' | 'comment' | 'organization';
  targetId: string;
  details?: Record<string, unknown>;
}

/** Records an administrative action; call it inside the transaction that performs it. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry) {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}
