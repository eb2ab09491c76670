import { In } from 'typeorm';
import { type RequestContext } from '../../core/context/request-context';
import { type ConnectionArgs, emptyPage, type Page } from '../../core/graphql/connection';
import { paginate } from '../../core/graphql/pagination';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { REMINDER_TYPES } from './reminder-kind';
import { Reminder } from './reminder.types';

/** A person's reminders: the reminder events of the outbox whose recipient they are, and no one else's. */
export const reminderService = {
  async mine(ctx: RequestContext, args: ConnectionArgs): Promise<Page<Reminder>> {
    const me = ctx.actor.employeeId;
    if (me === undefined) return emptyPage();
    const qb = ctx.em
      .getRepository(OutboxEvent)
      .createQueryBuilder('event')
      .where('event.employee_id = :me', { me })
      .andWhere('event.type IN (:...types)', { types: REMINDER_TYPES });
    const page = await paginate(
      qb,
      { column: 'event.id', idColumn: 'event.id', direction: 'DESC', valueOf: (e) => e.id, idOf: (e) => e.id },
      args,
    );
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: Reminder.of(e.node) })) };
  },

  /** `ids` in the order asked, null where the reminder is not the caller's (or does not exist): for `node(id:)`. */
  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<Array<Reminder | null>> {
    const mine = new Map((await this.getMine(ctx, [...ids])).map((r) => [r.rowId, r]));
    return ids.map((id) => mine.get(id) ?? null);
  },

  /** Those of `ids` addressed to the caller, in id order. */
  async getMine(ctx: RequestContext, ids: number[]): Promise<Reminder[]> {
    const me = ctx.actor.employeeId;
    if (me === undefined || ids.length === 0) return [];
    const events = await ctx.em
      .getRepository(OutboxEvent)
      .find({ where: { id: In(ids), employeeId: me, type: In([...REMINDER_TYPES]) }, order: { id: 'ASC' } });
    return events.map((e) => Reminder.of(e));
  },
};
