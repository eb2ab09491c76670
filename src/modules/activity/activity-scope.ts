import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type Actor } from '../../core/auth/actor';

let seq = 0;

/** Restricts a query over `daily_activity` (as `alias`) to the entries the caller may read, in SQL. Mirrors `decideReadActivity`, held to it by `test/e2e/scope-agreement.e2e-spec.ts`. */
export function scopeActivitiesToReader<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  actor: Actor,
  alias = 'activity',
): SelectQueryBuilder<T> {
  if (actor.isRegionHrAdmin) return qb;
  const n = ++seq;
  const conditions: string[] = [];
  const parameters: Record<string, number> = {};
  if (actor.employeeId !== undefined) {
    parameters[`_me${n}`] = actor.employeeId;
    conditions.push(
      `${alias}.employee_id = :_me${n}`,
      `EXISTS (SELECT 1 FROM employee_closure above${n} WHERE above${n}.ancestor_id = :_me${n} AND above${n}.descendant_id = ${alias}.employee_id AND above${n}.depth > 0)`,
      `EXISTS (SELECT 1 FROM appraisal plan${n} WHERE plan${n}.id = ${alias}.appraisal_id AND plan${n}.appraiser_employee_id = :_me${n})`,
    );
  }
  if (actor.isHrAdmin && actor.hrScopeUnitId !== null) {
    parameters[`_scope${n}`] = actor.hrScopeUnitId;
    conditions.push(
      `EXISTS (SELECT 1 FROM employee owner${n} JOIN unit_closure hr${n} ON hr${n}.descendant_id = owner${n}.unit_id AND hr${n}.ancestor_id = :_scope${n} WHERE owner${n}.id = ${alias}.employee_id)`,
    );
  }
  return qb.andWhere(conditions.length ? `(${conditions.join(' OR ')})` : '1 = 0', parameters);
}
