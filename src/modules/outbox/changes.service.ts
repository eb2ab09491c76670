import { type RequestContext } from '../../core/context/request-context';
import { type Page } from '../../core/graphql/connection';
import { paginate } from '../../core/graphql/pagination';
import { ChangeEvent, type ChangesArgs } from './change-event.types';
import { EventType } from './event-type';
import { OutboxEvent } from './outbox-event.entity';
import { changesScope, eventInSubtreeSql } from './outbox.policy';

/** How long an event waits before the feed serves it, when configuration says nothing (`CHANGES_SETTLE_SECONDS`). */
export const DEFAULT_SETTLE_SECONDS = 2;

/**
 * The changes feed: the outbox in id order, scoped like webhooks (`outbox.policy.ts`), one statement a page.
 *
 * Ids are taken at insert but transactions commit in any order, so a reader could pass id 11 while id 10 is still
 * uncommitted and never see 10. The feed therefore serves only events older than the settle time: by then the
 * transaction that wrote them has committed or rolled back (`docs/events.md`, The changes feed).
 */
export class ChangesService {
  async page(ctx: RequestContext, args: ChangesArgs): Promise<Page<ChangeEvent>> {
    const settle = ctx.settings.changesSettleSeconds ?? DEFAULT_SETTLE_SECONDS;
    const occurredAt = ctx.em.connection.getMetadata(OutboxEvent).findColumnWithPropertyName('occurredAt')!;
    // As the column stores it (SQLite keeps a UTC text): the driver prepares the bound, as it does the column.
    const settled: unknown = ctx.em.connection.driver.preparePersistentValue(
      new Date(ctx.now().getTime() - settle * 1000),
      occurredAt,
    );
    const qb = ctx.em
      .getRepository(OutboxEvent)
      .createQueryBuilder('event')
      .where('event.occurred_at <= :settled', { settled });
    // Only types this build names: an event of a newer type (written during a rollout) could not be served as the enum.
    // A webhook's ping is its endpoint's alone (`docs/webhooks.md`), not a domain event.
    const types = (args.types?.length ? args.types : Object.values(EventType)).filter(
      (t) => t !== EventType.WEBHOOK_PING,
    );
    if (types.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere('event.type IN (:...types)', { types });
    const scope = changesScope(ctx.actor);
    if (scope.kind === 'subtree') qb.andWhere(eventInSubtreeSql('event', 'scopeUnit'), { scopeUnit: scope.unitId });
    const page = await paginate(
      qb,
      { column: 'event.id', idColumn: 'event.id', direction: 'ASC', valueOf: (e) => e.id, idOf: (e) => e.id },
      { first: args.first, after: args.after },
    );
    return {
      ...page,
      edges: page.edges.map((edge) => ({
        node: new ChangeEvent(edge.node),
        get cursor() {
          return edge.cursor;
        },
      })),
    };
  }
}

export const changesService = new ChangesService();
