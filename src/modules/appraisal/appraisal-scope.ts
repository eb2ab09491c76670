import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type Actor } from '../../core/auth/actor';

let seq = 0;

/**
 * Restricts a query over `appraisal` (as `alias`) to the plans the caller may read, in SQL, so that lists and their
 * `totalCount` never include another's plan. Mirrors `decideReadAppraisal`; `test/e2e/scope-agreement.e2e-spec.ts`
 * holds the two to the same answers.
 */
export function scopeAppraisalsToReader<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  actor: Actor,
  alias = 'appraisal',
): SelectQueryBuilder<T> {
  if (actor.isRegionHrAdmin) return qb;
  const n = ++seq;
  const me = `_me${n}`;
  const scope = `_scope${n}`;
  const conditions: string[] = [];
  const parameters: Record<string, number> = {};
  if (actor.employeeId !== undefined) {
    parameters[me] = actor.employeeId;
    conditions.push(
      `${alias}.employee_id = :${me}`,
      `${alias}.appraiser_employee_id = :${me}`,
      `${alias}.appraiser_supervisor_employee_id = :${me}`,
      `EXISTS (SELECT 1 FROM employee_closure above${n} WHERE above${n}.ancestor_id = :${me} AND above${n}.descendant_id = ${alias}.employee_id AND above${n}.depth > 0)`,
    );
  }
  if (actor.isHrAdmin && actor.hrScopeUnitId !== null) {
    parameters[scope] = actor.hrScopeUnitId;
    conditions.push(
      `EXISTS (SELECT 1 FROM unit_closure hr${n} WHERE hr${n}.ancestor_id = :${scope} AND hr${n}.descendant_id = ${alias}.unit_id)`,
    );
  }
  return qb.andWhere(conditions.length ? `(${conditions.join(' OR ')})` : '1 = 0', parameters);
}
