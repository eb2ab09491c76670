import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ConnectionType } from '../../core/graphql/connection';
import { toGlobalId } from '../../core/graphql/global-id';
import { Node } from '../../core/graphql/node';
import { type LocalDate } from '../../core/time/local-date';
import { type OutboxEvent } from '../outbox/outbox-event.entity';
import { ReminderKind } from './reminder-kind';

/** The payload the scheduler writes (`reminder-queries.ts`): global ids and days only. */
interface ReminderPayload {
  kind: ReminderKind;
  subjectId: string;
  day: LocalDate;
  dueDate?: LocalDate | null;
  subPeriod?: number | null;
  count?: number | null;
  oldestDay?: LocalDate | null;
}

@ObjectType('Reminder', {
  implements: Node,
  description:
    'A reminder written for you by the scheduler (at most one per kind, subject and day); the same event reaches ' +
    'webhooks and the changes feed. `docs/reminders.md` lists the kinds.',
})
export class Reminder {
  static readonly typeName = 'Reminder';

  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Reminder.typeName, this.rowId);
  }

  @Field({ description: 'The outbox event id: the `webhook-id` a portal receives for this reminder.' })
  eventId!: string;

  @Field(() => ReminderKind, { description: 'What it is about.' })
  kind!: ReminderKind;

  @Field(() => ID, {
    description: 'Global id of what it is about: the period, a plan (Appraisal) or an employee, by kind.',
  })
  subjectId!: string;

  @Field(() => LocalDateResolver, { description: 'The day (region time) it was written for.' })
  day!: LocalDate;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'The deadline it is about (planning deadline, end of the month or quarter, last day to object).',
  })
  dueDate!: LocalDate | null;

  @Field(() => Int, { nullable: true, description: 'REALIZATION_MISSING: the month (1–12) or quarter (1–4).' })
  subPeriod!: number | null;

  @Field(() => Int, { nullable: true, description: 'ACTIVITY_REVIEW_PENDING: how many entries wait.' })
  count!: number | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'ACTIVITY_REVIEW_PENDING: the day of the oldest entry waiting.',
  })
  oldestDay!: LocalDate | null;

  @Field(() => Date, { description: 'When it was written (UTC).' })
  createdAt!: Date;

  static of(event: OutboxEvent): Reminder {
    const payload = JSON.parse(event.payload) as ReminderPayload;
    const reminder = new Reminder();
    reminder.rowId = event.id;
    reminder.eventId = event.eventId;
    reminder.kind = payload.kind;
    reminder.subjectId = payload.subjectId;
    reminder.day = payload.day;
    reminder.dueDate = payload.dueDate ?? null;
    reminder.subPeriod = payload.subPeriod ?? null;
    reminder.count = payload.count ?? null;
    reminder.oldestDay = payload.oldestDay ?? null;
    reminder.createdAt = event.occurredAt;
    return reminder;
  }
}

export const ReminderConnection = ConnectionType(Reminder, 'Reminder', 'A page of your reminders, newest first.');
export type ReminderConnection = InstanceType<typeof ReminderConnection>;
