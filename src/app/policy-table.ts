import { type PolicyTable } from '../core/policy/policy';
import { Permission } from '../core/policy/permission';
import { auditRules } from '../modules/audit/audit.policy';
import { activityRules } from '../modules/activity/activity.policy';
import { appraisalRules } from '../modules/appraisal/appraisal.policy';
import { feedbackRules } from '../modules/feedback/feedback.policy';
import { competencyRules } from '../modules/competency/competency.policy';
import { employeeRules } from '../modules/employee/employee.policy';
import { importRules } from '../modules/import/import.policy';
import { unitRules } from '../modules/unit/unit.policy';
import { outboxRules } from '../modules/outbox/outbox.policy';
import { webhookRules } from '../modules/webhook/webhook.policy';

/**
 * The one table of rules: every permission maps to exactly one rule (a missing one does not compile). The rules
 * themselves live with their module; `src/core/policy/README.md` explains the engine.
 */
export const policyTable: PolicyTable = {
  [Permission.PUBLIC]: {
    description: 'Anyone, signed in or not (only `serverInfo`).',
    subject: null,
    evaluate: () => true,
  },
  [Permission.SIGNED_IN]: {
    description: 'Any verified principal; the row rules then decide.',
    subject: null,
    evaluate: (ctx) => ctx.actor.isAuthenticated,
  },
  [Permission.READ_UNITS]: unitRules.readUnits,
  [Permission.READ_DIRECTORY]: employeeRules.readDirectory,
  [Permission.READ_EMPLOYEE_PERSONAL]: employeeRules.readPersonal,
  [Permission.MANAGE_ORGANISATION]: unitRules.manageOrganisation,
  [Permission.ADMINISTER_UNIT]: unitRules.administerUnit,
  [Permission.ADMINISTER_REGION]: unitRules.administerRegion,
  [Permission.IMPORT_ORGANISATION]: importRules.importOrganisation,
  [Permission.IMPORT_INTO_UNIT]: unitRules.importIntoUnit,
  [Permission.READ_APPRAISAL]: appraisalRules.readAppraisal,
  [Permission.EDIT_PLAN]: appraisalRules.editPlan,
  [Permission.DECIDE_PLAN]: appraisalRules.decidePlan,
  [Permission.MANAGE_APPRAISAL]: appraisalRules.manageAppraisal,
  [Permission.READ_WORK_PLAN]: appraisalRules.readWorkPlan,
  [Permission.READ_ACTIVITY]: activityRules.readActivity,
  [Permission.REVIEW_ACTIVITY]: activityRules.reviewActivity,
  [Permission.READ_FEEDBACK]: feedbackRules.readFeedback,
  [Permission.DECIDE_OBJECTION]: appraisalRules.decideObjection,
  [Permission.READ_COMPETENCY_PROFILE]: competencyRules.readProfile,
  [Permission.DEVELOP_EMPLOYEE]: competencyRules.develop,
  [Permission.READ_TALENT]: competencyRules.readTalent,
  [Permission.READ_UNIT_AGGREGATES]: competencyRules.readUnitAggregates,
  [Permission.EXPORT_PERSONAL_DATA]: employeeRules.exportPersonalData,
  [Permission.READ_CHANGES]: outboxRules.readChanges,
  [Permission.READ_AUDIT_TRAIL]: auditRules.readAuditTrail,
  [Permission.MANAGE_WEBHOOKS]: webhookRules.manageWebhooks,
};
