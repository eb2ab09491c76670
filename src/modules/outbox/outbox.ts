import { randomUUID } from 'node:crypto';
import { type RequestContext } from '../../core/context/request-context';
import { OutboxEvent } from './outbox-event.entity';
import { type EventType } from './event-type';

export interface DomainEvent {
  type: EventType;
  /** Global id of the object the event is about. */
  subjectId: string;
  /** The subject's unit (HR scope), when it has one. */
  unitId: number | null;
  /** The person the event concerns, when there is one. */
  employeeId: number | null;
  /** Ids (global) and states only: no names, no free text. */
  payload: Record<string, string | number | boolean | null>;
  /** For an event that must exist once only: a second write with the same key is skipped. */
  dedupeKey?: string;
}

/**
 * Writes domain events to the outbox in the caller's transaction, so that an event exists exactly when its change
 * committed. Many events go in one multi-row INSERT.
 */
export async function recordEvents(tx: RequestContext, events: DomainEvent | DomainEvent[]): Promise<void> {
  if (!tx.inTransaction) throw new Error('recordEvents must run inside the transaction of the change it announces');
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  const occurredAt = tx.now();
  const rows = list.map((e) => ({
    eventId: `evt_${randomUUID()}`,
    type: e.type,
    occurredAt,
    subjectId: e.subjectId,
    unitId: e.unitId,
    employeeId: e.employeeId,
    payload: JSON.stringify(e.payload),
    dedupeKey: e.dedupeKey ?? null,
  }));
  // Chunks keep each statement well under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    const insert = tx.em
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values(rows.slice(i, i + 500))
      .updateEntity(false);
    // A deduplicated event already written (a reminder sent today) is kept as it is.
    if (rows.some((r) => r.dedupeKey !== null)) insert.orIgnore();
    await insert.execute();
  }
}
