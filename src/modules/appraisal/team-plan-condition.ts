import { type EmployeeCondition } from '../employee/employee.loaders';
import { type AppraisalStatus } from './appraisal-enums';

/**
 * A condition on `employee` rows for a team list: whose open plan in the period is in one of `statuses`, or who
 * has no open plan (`withoutPlan`). Either alone, or both (OR). Uses the open-plan index.
 */
export function teamPlanCondition(
  periodId: number,
  statuses: readonly AppraisalStatus[],
  withoutPlan: boolean,
): EmployeeCondition | undefined {
  const parts: string[] = [];
  if (statuses.length) {
    parts.push(
      'EXISTS (SELECT 1 FROM appraisal plan_f WHERE plan_f.employee_id = employee.id AND plan_f.open_period_id = :_planPeriod AND plan_f.status IN (:..._planStatuses))',
    );
  }
  if (withoutPlan)
    parts.push(
      'NOT EXISTS (SELECT 1 FROM appraisal plan_n WHERE plan_n.employee_id = employee.id AND plan_n.open_period_id = :_planPeriod)',
    );
  if (!parts.length) return undefined;
  return { sql: `(${parts.join(' OR ')})`, parameters: { _planPeriod: periodId, _planStatuses: [...statuses] } };
}
