import { randomUUID } from 'node:crypto';
import { type RequestContext } from '../../core/context/request-context';
import { announce } from '../outbox/announce';
import { EventType } from '../outbox/event-type';

export interface ImportCounts {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/**
 * `import.finished`, once per import (a mutation call, or a whole CSV file over its chunks). An import has no record
 * of its own: its subject is an id minted for the run. It falls in the importing HR admin's scope (none for a
 * region-wide admin or an integration client, which region-wide readers see).
 */
export function announceImport(
  tx: RequestContext,
  kind: 'units' | 'employees',
  source: 'MUTATION' | 'CSV',
  counts: ImportCounts,
): Promise<void> {
  return announce(tx, {
    type: EventType.IMPORT_FINISHED,
    subjectId: `import_${randomUUID()}`,
    unitId: tx.actor.isHrAdmin ? tx.actor.hrScopeUnitId : null,
    employeeId: null,
    payload: { kind: kind.toUpperCase(), source, ...counts },
  });
}
