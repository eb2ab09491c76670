/**
 * The domain events a portal can receive (webhooks, the changes feed): `docs/events.md` lists each with its
 * payload. Names are `subject.what-happened`, as Standard Webhooks suggests; a name never changes once released.
 */
export enum EventType {
  FEEDBACK_RECEIVED = 'feedback.received',
  ACTIVITY_REVIEWED = 'activity.reviewed',
  /** A plan's progress changed without a more specific event: a realization recorded, a reply to feedback. */
  APPRAISAL_CHANGED = 'appraisal.changed',
  EMPLOYEE_DEACTIVATED = 'employee.deactivated',
  /** The plan workflow, one per step (`appraisal-workflow.ts`). */
  APPRAISAL_SUBMITTED = 'appraisal.submitted',
  APPRAISAL_APPROVED = 'appraisal.approved',
  APPRAISAL_RETURNED = 'appraisal.returned',
  APPRAISAL_REOPENED = 'appraisal.reopened',
  APPRAISAL_EVALUATED = 'appraisal.evaluated',
  /** The annual rating is final and delivered to the employee. */
  APPRAISAL_FINALIZED = 'appraisal.finalized',
  APPRAISAL_CLOSED = 'appraisal.closed',
  /** A monthly or quarterly rating (the annual one is `appraisal.evaluated`). */
  EVALUATION_RECORDED = 'evaluation.recorded',
  UNIT_RATING_SET = 'unit-rating.set',
  /** HR finalized a unit's ratings: each delivered plan has its own `appraisal.finalized`. */
  UNIT_RATING_FINALIZED = 'unit-rating.finalized',
  OBJECTION_FILED = 'objection.filed',
  OBJECTION_DECIDED = 'objection.decided',
  /** One per import call or CSV file, with its counts. */
  IMPORT_FINISHED = 'import.finished',
  /** Reminders (`docs/reminders.md`): one type per kind, so that an endpoint subscribes to the kinds it relays. */
  REMINDER_PLANNING_DEADLINE = 'reminder.planning_deadline',
  REMINDER_REALIZATION_MISSING = 'reminder.realization_missing',
  REMINDER_ACTIVITY_REVIEW_PENDING = 'reminder.activity_review_pending',
  REMINDER_PLAN_APPROVAL_PENDING = 'reminder.plan_approval_pending',
  REMINDER_OBJECTION_WINDOW_CLOSING = 'reminder.objection_window_closing',
  /** A registered (or re-keyed) webhook endpoint's first event, sent to that endpoint only (`docs/webhooks.md`). */
  WEBHOOK_PING = 'webhook.ping',
}
