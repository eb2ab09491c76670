import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/connection';
import { toGlobalId } from '../../core/graphql/global-id';
import { Unit } from '../unit/unit.entity';
import { EventType } from './event-type';
import { type OutboxEvent } from './outbox-event.entity';

/** One line per type for the schema; a new type does not compile without one (`docs/events.md` has the detail). */
const EVENT_TYPE_DESCRIPTIONS: Record<EventType, string> = {
  [EventType.FEEDBACK_RECEIVED]: 'Feedback was given to an employee.',
  [EventType.ACTIVITY_REVIEWED]: 'A daily log entry was acknowledged or returned.',
  [EventType.APPRAISAL_CHANGED]: 'A plan’s progress changed: a realization recorded, a reply to feedback.',
  [EventType.EMPLOYEE_DEACTIVATED]: 'An employee can no longer sign in.',
  [EventType.APPRAISAL_SUBMITTED]: 'The employee submitted the plan.',
  [EventType.APPRAISAL_APPROVED]: 'The appraiser approved the plan.',
  [EventType.APPRAISAL_RETURNED]: 'The appraiser returned the plan.',
  [EventType.APPRAISAL_REOPENED]: 'The appraiser reopened an approved plan.',
  [EventType.APPRAISAL_EVALUATED]: 'The appraiser rated (or re-rated) the year.',
  [EventType.APPRAISAL_FINALIZED]: 'The annual rating is final and delivered to the employee.',
  [EventType.APPRAISAL_CLOSED]: 'The plan closed (a transfer).',
  [EventType.EVALUATION_RECORDED]: 'The appraiser rated a month or a quarter.',
  [EventType.UNIT_RATING_SET]: 'HR set a unit’s own rating for a year.',
  [EventType.UNIT_RATING_FINALIZED]: 'HR finalized a unit’s annual ratings.',
  [EventType.OBJECTION_FILED]: 'The employee objected to a final rating.',
  [EventType.OBJECTION_DECIDED]: 'An objection was decided.',
  [EventType.IMPORT_FINISHED]: 'An import of units or employees finished, with its counts.',
  [EventType.REMINDER_PLANNING_DEADLINE]: 'Reminder: the planning deadline is near and the plan is not approved.',
  [EventType.REMINDER_REALIZATION_MISSING]: 'Reminder: the month or quarter ends and a realization is missing.',
  [EventType.REMINDER_ACTIVITY_REVIEW_PENDING]: 'Reminder: daily-log entries wait for their reviewer.',
  [EventType.REMINDER_PLAN_APPROVAL_PENDING]: 'Reminder: a submitted plan waits for its appraiser.',
  [EventType.REMINDER_OBJECTION_WINDOW_CLOSING]: 'Reminder: the window to object to a final rating closes soon.',
  [EventType.WEBHOOK_PING]:
    'A webhook endpoint was registered or re-keyed: sent to that endpoint only, never in `changes`.',
};

registerEnumType(EventType, {
  name: 'EventType',
  description:
    'A kind of domain event (docs/events.md lists each with its payload). On the wire (webhooks) an event is named by ' +
    'its dotted value, e.g. FEEDBACK_RECEIVED is `feedback.received`.',
  valuesConfig: Object.fromEntries(
    (Object.keys(EventType) as Array<keyof typeof EventType>).map((key) => [
      key,
      { description: EVENT_TYPE_DESCRIPTIONS[EventType[key]] },
    ]),
  ),
});

@ObjectType('ChangeEvent', {
  description: 'One domain event of the outbox, as webhooks deliver it: ids and states only (docs/events.md).',
})
export class ChangeEvent {
  constructor(private readonly row: OutboxEvent) {}

  @Field(() => ID, { description: 'The event’s stable id (the `webhook-id` of its deliveries): deduplicate on it.' })
  get id(): string {
    return this.row.eventId;
  }

  @Field(() => EventType, { description: 'What happened.' })
  get type(): EventType {
    // The feed reads only the types this build names (`changes.service.ts`).
    return this.row.type as EventType;
  }

  @Field({ description: 'The event’s dotted name as webhooks send it, e.g. `appraisal.submitted`.' })
  get name(): string {
    return this.row.type;
  }

  @Field(() => Date, { description: 'When the change was made (UTC, to the second).' })
  get occurredAt(): Date {
    return this.row.occurredAt;
  }

  @Field(() => ID, { description: 'The global id of what the event is about (or an import’s own id).' })
  get subjectId(): string {
    return this.row.subjectId;
  }

  @Field(() => ID, { nullable: true, description: 'The unit the subject belongs to (HR scope is applied on it).' })
  get unitId(): string | null {
    return this.row.unitId === null ? null : toGlobalId(Unit.typeName, this.row.unitId);
  }

  @Field({ description: 'The payload, a JSON object of global ids and states (docs/events.md, per type).' })
  get payload(): string {
    return this.row.payload;
  }

  /** The cursor's position. */
  get position(): number {
    return this.row.id;
  }
}

export const ChangeConnection = ConnectionType(
  ChangeEvent,
  'Change',
  'A page of the changes feed, oldest first; the cursor is stable, so a reader resumes where it stopped.',
);

@ArgsType()
export class ChangesArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Resume after this cursor (the `endCursor` of the page read last); from the beginning when absent.',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many events (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => [EventType], { nullable: true, description: 'Only these kinds of event; every kind when absent.' })
  types?: EventType[] | null;
}
