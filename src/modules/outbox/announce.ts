import { type RequestContext } from '../../core/context/request-context';
import { type Topic, type TopicPayloads } from '../../core/events/event-bus';
import { type DomainEvent, recordEvents } from './outbox';

/** A subscription topic and its payload, typed together. */
export type Publication = { [T in Topic]: { topic: T; payload: TopicPayloads[T] } }[Topic];

/**
 * Announces a committed change: the domain event is written to the outbox in the change's transaction, and the
 * subscription topics, if any, go out after the commit. Services announce through this one call, so a change
 * that reaches an open browser also reaches webhooks and the changes feed (`test/outbox-only-announcer.spec.ts`).
 */
export async function announce(tx: RequestContext, event: DomainEvent, ...publications: Publication[]): Promise<void> {
  await recordEvents(tx, event);
  for (const p of publications) tx.publish(p.topic, p.payload);
}
