import { type RequestContext } from '../../core/context/request-context';
import { AuditEntry } from './audit-entry.entity';
import { type AuditAction } from './audit-action';

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId: number;
  before?: object | null;
  after?: object | null;
}

/**
 * The columns of an entity as plain data, for before/after: relations and getters are left out. The primary key
 * is written `id`, its column's name (the property of a Node entity is `rowId`), so entries keep one shape over time.
 */
export function auditSnapshot(entity: object): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (value === undefined || (typeof value === 'object' && value !== null && !(value instanceof Date))) continue;
    snapshot[key === 'rowId' ? 'id' : key] = value;
  }
  return snapshot;
}

/**
 * Writes audit entries in the caller's transaction, so that a change and its audit row commit or roll back
 * together. Many entries go in one multi-row INSERT.
 */
export async function recordAudit(tx: RequestContext, records: AuditRecord | AuditRecord[]): Promise<void> {
  if (!tx.inTransaction) throw new Error('recordAudit must run inside the transaction of the change it records');
  const list = Array.isArray(records) ? records : [records];
  if (list.length === 0) return;
  const occurredAt = tx.now();
  const { actor } = tx;
  const rows = list.map((r) => ({
    occurredAt,
    actorKind: actor.principal.kind,
    actorEmployeeId: actor.employeeId ?? null,
    actorSubject: actor.subject,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ? JSON.stringify(r.before) : null,
    after: r.after ? JSON.stringify(r.after) : null,
    requestId: tx.requestId,
  }));
  // Chunks keep each statement well under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await tx.em
      .createQueryBuilder()
      .insert()
      .into(AuditEntry)
      .values(rows.slice(i, i + 500))
      .updateEntity(false)
      .execute();
  }
}
