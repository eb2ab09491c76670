/**
 * The domain events a portal can receive (webhooks, the changes feed): `docs/events.md` lists each with its
 * payload. Names are `subject.what-happened`, as Standard Webhooks suggests; a name never changes once released.
 */
export enum EventType {
  FEEDBACK_RECEIVED = 'feedback.received',
  ACTIVITY_REVIEWED = 'activity.reviewed',
  APPRAISAL_CHANGED = 'appraisal.changed',
  EMPLOYEE_DEACTIVATED = 'employee.deactivated',
  /** Reminders (`docs/reminders.md`): one type per kind, so that an endpoint subscribes to the kinds it relays. */
  REMINDER_PLANNING_DEADLINE = 'reminder.planning_deadline',
  REMINDER_REALIZATION_MISSING = 'reminder.realization_missing',
  REMINDER_ACTIVITY_REVIEW_PENDING = 'reminder.activity_review_pending',
  REMINDER_PLAN_APPROVAL_PENDING = 'reminder.plan_approval_pending',
  REMINDER_OBJECTION_WINDOW_CLOSING = 'reminder.objection_window_closing',
}
