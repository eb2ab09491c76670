import { registerEnumType } from 'type-graphql';
import { EventType } from '../outbox/event-type';

/** What a reminder is about (`docs/reminders.md`). */
export enum ReminderKind {
  PLANNING_DEADLINE = 'PLANNING_DEADLINE',
  REALIZATION_MISSING = 'REALIZATION_MISSING',
  ACTIVITY_REVIEW_PENDING = 'ACTIVITY_REVIEW_PENDING',
  PLAN_APPROVAL_PENDING = 'PLAN_APPROVAL_PENDING',
  OBJECTION_WINDOW_CLOSING = 'OBJECTION_WINDOW_CLOSING',
}

registerEnumType(ReminderKind, {
  name: 'ReminderKind',
  description: 'What a reminder is about.',
  valuesConfig: {
    PLANNING_DEADLINE: {
      description: 'The year’s planning deadline is near and your plan (SKP) is not approved yet; subject: the period.',
    },
    REALIZATION_MISSING: {
      description:
        'The month (or quarter) is ending and some indicators of your plan have no realization for it; subject: the plan.',
    },
    ACTIVITY_REVIEW_PENDING: {
      description: 'Daily-log entries of someone you review have waited too many working days; subject: that employee.',
    },
    PLAN_APPROVAL_PENDING: { description: 'A plan submitted to you waits for your approval; subject: the plan.' },
    OBJECTION_WINDOW_CLOSING: {
      description: 'The window to object to your final rating closes soon; subject: the plan.',
    },
  },
});

/** The outbox event type of each kind: `reminder.<kind in lower case>`. */
export const REMINDER_EVENT_TYPES: Record<ReminderKind, EventType> = {
  [ReminderKind.PLANNING_DEADLINE]: EventType.REMINDER_PLANNING_DEADLINE,
  [ReminderKind.REALIZATION_MISSING]: EventType.REMINDER_REALIZATION_MISSING,
  [ReminderKind.ACTIVITY_REVIEW_PENDING]: EventType.REMINDER_ACTIVITY_REVIEW_PENDING,
  [ReminderKind.PLAN_APPROVAL_PENDING]: EventType.REMINDER_PLAN_APPROVAL_PENDING,
  [ReminderKind.OBJECTION_WINDOW_CLOSING]: EventType.REMINDER_OBJECTION_WINDOW_CLOSING,
};

export const REMINDER_TYPES: readonly string[] = Object.values(REMINDER_EVENT_TYPES);
