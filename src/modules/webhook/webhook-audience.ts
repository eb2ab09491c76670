import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { toGlobalId } from '../../core/graphql/global-id';
import { Employee } from '../employee/employee.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { EventType } from '../outbox/event-type';
import { eventInSubtreeSql } from '../outbox/outbox.policy';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/**
 * The one place that decides "may this endpoint's owner read this event", applied when the event is fanned out
 * to the endpoint (after it was registered, so a later scope or deactivation counts):
 * - a deactivated owner receives nothing;
 * - a region-wide owner (integration client, region HR admin) receives every event of its types;
 * - an HR admin of a subtree receives the events that lie in it, by the changes feed's rule (`eventInSubtreeSql`);
 * - a `webhook.ping` goes to the endpoint it names only, whatever its types.
 */
export function eventsForEndpoint(
  em: EntityManager,
  endpoint: Pick<WebhookEndpoint, 'rowId' | 'scopeUnitId' | 'eventTypes'>,
  afterId: number,
  upToId: number,
): SelectQueryBuilder<OutboxEvent> {
  const qb = em
    .getRepository(OutboxEvent)
    .createQueryBuilder('e')
    .where('e.id > :afterId AND e.id <= :upToId', { afterId, upToId });
  const types = endpoint.eventTypes.filter((t) => t !== EventType.WEBHOOK_PING);
  const ping = '(e.type = :ping AND e.subjectId = :self)';
  const params = { ping: EventType.WEBHOOK_PING, self: toGlobalId(WebhookEndpoint.typeName, endpoint.rowId) };
  if (types.length === 0) return qb.andWhere(ping, params);
  let readable = 'e.type IN (:...types)';
  if (endpoint.scopeUnitId !== null) readable += ` AND ${eventInSubtreeSql('e', 'scope')}`;
  return qb.andWhere(`((${readable}) OR ${ping})`, { ...params, types, scope: endpoint.scopeUnitId });
}

/** Whether the endpoint's owner may receive anything now: a person who was deactivated may not. */
export async function ownerActive(
  em: EntityManager,
  endpoint: Pick<WebhookEndpoint, 'ownerEmployeeId'>,
): Promise<boolean> {
  if (endpoint.ownerEmployeeId === null) return true;
  const owner = await em
    .getRepository(Employee)
    .createQueryBuilder('p')
    .select('p.active', 'active')
    .where('p.id = :id', { id: endpoint.ownerEmployeeId })
    .getRawOne<{ active: number | boolean }>();
  return owner !== undefined && Boolean(owner.active);
}
