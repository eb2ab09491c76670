import { type RequestContext } from '../../core/context/request-context';
import { Role } from '../../core/auth/role';
import { unitInHrScope } from '../unit/unit.facts';

/** How the caller sees a unit's analytics. */
export enum AnalyticsMode {
  /** HR admins whose scope covers the unit: every figure, and the people behind them. */
  HR = 'HR',
  /** Analysts: aggregates only, over whole reporting cells (reporting-cells.ts). */
  AGGREGATES = 'AGGREGATES',
  /** A signed-in employee: only the people below them in the supervisor tree. */
  SUPERVISOR = 'SUPERVISOR',
}

export enum Breakdown {
  UNIT = 'UNIT',
  POSITION_KIND = 'POSITION_KIND',
  GRADE = 'GRADE',
}

/** The plans an analytics statement covers: a period (or years), a unit subtree, cut to what the caller may see. */
export interface AnalyticsScope {
  mode: AnalyticsMode;
  unitId: number;
  includeSubunits: boolean;
  periodId: number;
  /** The period's year: analysts' reporting cells are a year's. */
  year: number;
  /** Supervisor mode: only plans of people below this employee. */
  belowEmployeeId?: number;
  /** A scoped HR admin: only plans in this unit's subtree. */
  hrScopeUnitId?: number | null;
  /** Groups with fewer employees are withheld (aggregates-only callers). */
  floor: number;
  /** Every plan of the period whatever its unit (analysts: reporting cells are whole, whatever the tree is now). */
  wholePeriod?: boolean;
}

/** The caller's mode for a unit, or null when they get no analytics at all (clients without a role, anonymous). */
export async function analyticsModeFor(ctx: RequestContext, unitId: number): Promise<AnalyticsMode | null> {
  const { actor } = ctx;
  if (actor.isHrAdmin && (await ctx.loaders.get(unitInHrScope).load(unitId))) return AnalyticsMode.HR;
  if (actor.employeeId !== undefined) return AnalyticsMode.SUPERVISOR;
  // Aggregates only to a caller who sees no individual: an HR admin (of another subtree) or an employee who also
  // holds ANALYST could subtract the people they know from a reporting cell and be left with fewer than the floor.
  if (actor.has(Role.ANALYST) && !actor.isHrAdmin) return AnalyticsMode.AGGREGATES;
  return null;
}

/** The SQL of the group key of a breakdown, over `plan` (an appraisal: its unit, position kind and grade are snapshots). */
export function groupKey(breakdown: Breakdown): string {
  switch (breakdown) {
    case Breakdown.UNIT:
      return 'plan.unit_id';
    case Breakdown.POSITION_KIND:
      return 'plan.position_kind';
    case Breakdown.GRADE:
      return 'plan.grade';
  }
}

/**
 * `FROM appraisal plan …` restricted to the scope, with its parameters: the unit subtree, the caller's cut, and
 * either the period or a range of years (then `period` is joined). Plans closed by a transfer are left out, so
 * nobody counts twice.
 */
export function scopedPlans(
  scope: AnalyticsScope,
  years?: { from: number; to: number },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  let sql = 'FROM appraisal plan';
  if (!scope.wholePeriod) {
    sql += `
    JOIN unit_closure within ON within.descendant_id = plan.unit_id AND within.ancestor_id = ?${scope.includeSubunits ? '' : ' AND within.depth = 0'}`;
    params.push(scope.unitId);
  }
  sql += `
    JOIN performance_period period ON period.id = plan.period_id`;
  if (scope.hrScopeUnitId != null) {
    sql += ' JOIN unit_closure hrscope ON hrscope.descendant_id = plan.unit_id AND hrscope.ancestor_id = ?';
    params.push(scope.hrScopeUnitId);
  }
  if (scope.belowEmployeeId !== undefined) {
    sql +=
      ' JOIN employee_closure below ON below.descendant_id = plan.employee_id AND below.ancestor_id = ? AND below.depth > 0';
    params.push(scope.belowEmployeeId);
  }
  sql += " WHERE plan.status <> 'CLOSED'";
  if (years) {
    sql += ' AND period.year BETWEEN ? AND ?';
    params.push(years.from, years.to);
  } else {
    sql += ' AND plan.period_id = ?';
    params.push(scope.periodId);
  }
  return { sql, params };
}

/** Hours between two datetime columns, in the dialect at hand. */
export function hoursBetween(ctx: RequestContext, from: string, to: string): string {
  return ctx.em.connection.driver.options.type === 'better-sqlite3'
    ? `((julianday(${to}) - julianday(${from})) * 24.0)`
    : `(TIMESTAMPDIFF(SECOND, ${from}, ${to}) / 3600.0)`;
}
