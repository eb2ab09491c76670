import { type Permission } from './permission';
// Type-only: the entities a rule decides on. Nothing of the modules is loaded by the engine.
import type { DailyActivity } from '../../modules/activity/daily-activity.entity';
import type { Appraisal } from '../../modules/appraisal/appraisal.entity';
import type { Employee } from '../../modules/employee/employee.entity';
import type { Feedback } from '../../modules/feedback/feedback.entity';
import type { AuditOwner } from '../../modules/audit/audit.policy';

/**
 * What each permission's rule decides on. `void`: the rule looks at the caller alone (such a permission may guard an
 * operation). `Policy.can(permission, subject)` takes exactly this type, so passing the wrong object does not compile.
 * A missing entry does not compile either (`PolicyTable` is indexed by every `Permission`).
 */
export interface PermissionSubjects {
  [Permission.PUBLIC]: void;
  [Permission.SIGNED_IN]: void;
  [Permission.READ_UNITS]: void;
  [Permission.READ_DIRECTORY]: void;
  [Permission.READ_EMPLOYEE_PERSONAL]: Employee;
  [Permission.MANAGE_ORGANISATION]: void;
  /** The unit id. */
  [Permission.ADMINISTER_UNIT]: number;
  [Permission.ADMINISTER_REGION]: void;
  [Permission.IMPORT_ORGANISATION]: void;
  /** The unit id, or null for a new root unit. */
  [Permission.IMPORT_INTO_UNIT]: number | null;
  [Permission.READ_APPRAISAL]: Appraisal;
  [Permission.EDIT_PLAN]: Appraisal;
  [Permission.DECIDE_PLAN]: Appraisal;
  [Permission.MANAGE_APPRAISAL]: Appraisal;
  [Permission.READ_WORK_PLAN]: Appraisal;
  [Permission.READ_ACTIVITY]: DailyActivity;
  [Permission.REVIEW_ACTIVITY]: DailyActivity;
  [Permission.READ_FEEDBACK]: Feedback;
  [Permission.DECIDE_OBJECTION]: Appraisal;
  [Permission.READ_COMPETENCY_PROFILE]: Employee;
  [Permission.DEVELOP_EMPLOYEE]: Employee;
  [Permission.READ_TALENT]: Employee;
  /** The unit id. */
  [Permission.READ_UNIT_AGGREGATES]: number;
  [Permission.EXPORT_PERSONAL_DATA]: Employee;
  [Permission.READ_CHANGES]: void;
  /** The unit and the person a record belongs to. */
  [Permission.READ_AUDIT_TRAIL]: AuditOwner;
  [Permission.MANAGE_WEBHOOKS]: void;
}

/**
 * The subject of a permission; for a union of permissions (a helper taking "any permission on a plan"), what every
 * one of them accepts. A bare `Permission` accepts nothing, so a helper cannot pass subjects around untyped.
 */
export type SubjectOf<P extends Permission> = (
  P extends Permission ? (subject: [PermissionSubjects[P]]) => void : never
) extends (subject: infer All) => void
  ? All extends readonly unknown[]
    ? All[0]
    : never
  : never;

/** The arguments after the permission: none when the rule decides on the caller alone. */
export type SubjectArgs<P extends Permission> = [SubjectOf<P>] extends [never]
  ? [subject: never]
  : [SubjectOf<P>] extends [void]
    ? []
    : [subject: SubjectOf<P>];

/** The permissions whose rule decides on a `S` (e.g. every permission on a plan), for helpers that take one. */
export type PermissionOn<S> = {
  [P in Permission]: [PermissionSubjects[P]] extends [S] ? ([S] extends [PermissionSubjects[P]] ? P : never) : never;
}[Permission];
