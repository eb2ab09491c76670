/**
 * The domain events a portal can receive (webhooks, the changes feed): `docs/events.md` lists each with its
 * payload. Names are `subject.what-happened`, as Standard Webhooks suggests; a name never changes once released.
 */
export enum EventType {
  FEEDBACK_RECEIVED = 'feedback.received',
  ACTIVITY_REVIEWED = 'activity.reviewed',
  APPRAISAL_CHANGED = 'appraisal.changed',
  EMPLOYEE_DEACTIVATED = 'employee.deactivated',
  /** A registered (or re-keyed) webhook endpoint's first event, sent to that endpoint only (`docs/webhooks.md`). */
  WEBHOOK_PING = 'webhook.ping',
}
