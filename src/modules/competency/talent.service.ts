import { type SelectQueryBuilder, type ObjectLiteral, In } from 'typeorm';
import { type RequestContext } from '../../core/context/request-context';
import { Permission } from '../../core/policy/permission';
import { Appraisal } from '../appraisal/appraisal.entity';
import { Employee } from '../employee/employee.entity';
import { ANNUAL_SUB_PERIOD, Evaluation } from '../evaluation/evaluation.entity';
import { EvaluationKind, type ExpectationRating } from '../evaluation/evaluation-enums';
import { type PerformancePeriod } from '../period/performance-period.entity';
import { UnitClosure } from '../unit/unit-closure.entity';
import { type Unit } from '../unit/unit.entity';
import { CompetencyAssessment } from './competency-assessment.entity';
import { PerformanceLevel, PotentialLevel } from './competency-enums';
import {
  type TalentBoxCount,
  type TalentMatrix,
  type TalentPlacement,
  type UnitCompetencyGap,
} from './competency.types';
import { currentAssessments, jobMatch } from './job-match';
import { PositionRequirement } from './position-requirement.entity';
import { PotentialRating } from './potential-rating.entity';
import { performanceOf, potentialOf, talentBox } from './talent';

/** Whose employees: a unit subtree, or given employees. */
type Scope = { unitId: number } | { employeeIds: number[] };

/** Restricts a query on `alias.employee_id` (or the employee itself) to the scope. */
function scoped<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  employeeColumn: string,
  scope: Scope,
): SelectQueryBuilder<T> {
  if ('employeeIds' in scope)
    return qb.andWhere(`${employeeColumn} IN (:...scopeIds)`, {
      scopeIds: scope.employeeIds.length ? scope.employeeIds : [-1],
    });
  return qb
    .innerJoin(Employee, 'scope_e', `scope_e.id = ${employeeColumn}`)
    .innerJoin(UnitClosure, 'scope_c', 'scope_c.descendant_id = scope_e.unit_id AND scope_c.ancestor_id = :scopeUnit', {
      scopeUnit: scope.unitId,
    });
}

const BOX_ORDER: Array<[number, PerformanceLevel, PotentialLevel]> = [
  [1, PerformanceLevel.BELOW, PotentialLevel.LOW],
  [2, PerformanceLevel.MEETS, PotentialLevel.LOW],
  [3, PerformanceLevel.BELOW, PotentialLevel.MEDIUM],
  [4, PerformanceLevel.ABOVE, PotentialLevel.LOW],
  [5, PerformanceLevel.MEETS, PotentialLevel.MEDIUM],
  [6, PerformanceLevel.BELOW, PotentialLevel.HIGH],
  [7, PerformanceLevel.ABOVE, PotentialLevel.MEDIUM],
  [8, PerformanceLevel.MEETS, PotentialLevel.HIGH],
  [9, PerformanceLevel.ABOVE, PotentialLevel.HIGH],
];

/** The talent matrix and the competency gaps of a unit subtree: a fixed number of statements, whatever its size. */
export class TalentService {
  /**
   * Placements of the employees in scope for a period: employees, their annual ratings, the requirements of their
   * positions, their assessments and potential ratings, one statement each.
   */
  async placements(
    ctx: RequestContext,
    scope: Scope,
    period: PerformancePeriod,
    known?: Employee[],
  ): Promise<TalentPlacement[]> {
    const employees =
      known ??
      (await scoped(ctx.em.getRepository(Employee).createQueryBuilder('e'), 'e.id', scope)
        .andWhere('e.active = :active', { active: true })
        .orderBy('e.name', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .getMany());
    if (employees.length === 0) return [];
    const byEmployee = { employeeIds: employees.map((e) => e.rowId) };
    const narrow: Scope = 'employeeIds' in scope || employees.length <= 500 ? byEmployee : scope;
    const [ratings, requirements, assessments, potentials] = await Promise.all([
      scoped(
        ctx.em
          .getRepository(Evaluation)
          .createQueryBuilder('ev')
          .innerJoin(Appraisal, 'a', 'a.id = ev.appraisal_id')
          .select('a.employee_id', 'employeeId')
          .addSelect('a.id', 'appraisalId')
          .addSelect('ev.result_rating', 'resultRating')
          .where('ev.kind = :annual AND ev.sub_period = :slot AND a.period_id = :period', {
            annual: EvaluationKind.ANNUAL,
            slot: ANNUAL_SUB_PERIOD,
            period: period.rowId,
          }),
        'a.employee_id',
        narrow,
      ).getRawMany<{ employeeId: number | string; appraisalId: number | string; resultRating: ExpectationRating }>(),
      ctx.em.getRepository(PositionRequirement).findBy({ unitId: In([...new Set(employees.map((e) => e.unitId))]) }),
      scoped(ctx.em.getRepository(CompetencyAssessment).createQueryBuilder('ca'), 'ca.employee_id', narrow).getMany(),
      scoped(ctx.em.getRepository(PotentialRating).createQueryBuilder('pr'), 'pr.employee_id', narrow)
        .andWhere('pr.period_id = :period', { period: period.rowId })
        .getMany(),
    ]);
    // After a transfer in the year, the latest plan's annual rating counts.
    const rating = new Map<number, { appraisalId: number; result: ExpectationRating }>();
    for (const r of ratings) {
      const id = Number(r.employeeId);
      const prior = rating.get(id);
      if (!prior || Number(r.appraisalId) > prior.appraisalId)
        rating.set(id, { appraisalId: Number(r.appraisalId), result: r.resultRating });
    }
    const assessmentsOf = new Map<number, CompetencyAssessment[]>();
    for (const a of assessments) assessmentsOf.set(a.employeeId, [...(assessmentsOf.get(a.employeeId) ?? []), a]);
    const potentialOfEmployee = new Map(potentials.map((p) => [p.employeeId, p]));
    const today = ctx.today();
    return employees.map((employee): TalentPlacement => {
      const position = requirements.filter(
        (r) => r.unitId === employee.unitId && r.positionTitle === employee.positionTitle,
      );
      const match = jobMatch(position, currentAssessments(assessmentsOf.get(employee.rowId) ?? [], today));
      const result = rating.get(employee.rowId)?.result;
      const performance = result ? performanceOf(result) : null;
      const potentialRatingRow = potentialOfEmployee.get(employee.rowId) ?? null;
      const potential = potentialOf(match.band, potentialRatingRow?.rating ?? null);
      return {
        employee,
        period,
        potentialRatingRow,
        performance,
        matchPercentage: match.percentage,
        matchBand: match.band,
        potential,
        box: performance && potential ? talentBox(performance, potential) : null,
      };
    });
  }

  /** The caller's view of the matrix: counts for those who read the unit's aggregates, people only where READ_TALENT allows. */
  async matrix(ctx: RequestContext, unit: Unit, period: PerformancePeriod): Promise<TalentMatrix | null> {
    if (!(await ctx.policy.can(Permission.READ_UNIT_AGGREGATES, unit.rowId))) return null;
    const all = await this.placements(ctx, { unitId: unit.rowId }, period);
    const boxes = BOX_ORDER.map(([box, performance, potential]): TalentBoxCount => ({
      box,
      performance,
      potential,
      count: all.filter((p) => p.box === box).length,
      suppressed: false,
    }));
    const unplaced = all.filter((p) => p.box === null).length;
    const visible = await ctx.policy.filter(
      Permission.READ_TALENT,
      all.map((p) => p.employee),
    );
    const visiblePlacements = all.filter((_, i) => visible[i] != null).sort((a, b) => (b.box ?? 0) - (a.box ?? 0));
    return { unit, period, boxes, employees: all.length, unplaced, visiblePlacements };
  }

  /**
   * The competencies a unit subtree's positions require, aggregated over its active employees: one statement, the
   * current level chosen in SQL (most authoritative valid assessment, then the latest) by a window function.
   */
  async unitGaps(ctx: RequestContext, unit: Unit, includeSubunits: boolean): Promise<UnitCompetencyGap[] | null> {
    if (!(await ctx.policy.can(Permission.READ_UNIT_AGGREGATES, unit.rowId))) return null;
    const escape = (name: string) => ctx.em.connection.driver.escape(name);
    const rows: Array<{
      competencyId: number | string;
      employees: number | string;
      withGap: number | string;
      averageRequired: number | string;
      averageCurrent: number | string;
      averageGap: number | string;
    }> = await ctx.em.query(
      `SELECT r.competency_id AS ${escape('competencyId')}, COUNT(*) AS ${escape('employees')},
                SUM(CASE WHEN COALESCE(cur.level, 0) < r.required_level THEN 1 ELSE 0 END) AS ${escape('withGap')},
                AVG(r.required_level) AS ${escape('averageRequired')},
                AVG(COALESCE(cur.level, 0)) AS ${escape('averageCurrent')},
                AVG(CASE WHEN COALESCE(cur.level, 0) < r.required_level THEN r.required_level - COALESCE(cur.level, 0) ELSE 0 END) AS ${escape('averageGap')}
           FROM employee e
           JOIN unit_closure uc ON uc.descendant_id = e.unit_id AND uc.ancestor_id = ?${includeSubunits ? '' : ' AND uc.depth = 0'}
           JOIN position_requirement r ON r.unit_id = e.unit_id AND r.position_title = e.position_title
           LEFT JOIN (
             SELECT ca.employee_id, ca.competency_id, ca.level,
                    ROW_NUMBER() OVER (PARTITION BY ca.employee_id, ca.competency_id ORDER BY ca.authority DESC, ca.assessed_on DESC, ca.id DESC) AS rn
               FROM competency_assessment ca
               JOIN employee ce ON ce.id = ca.employee_id
               JOIN unit_closure cc ON cc.descendant_id = ce.unit_id AND cc.ancestor_id = ?
              WHERE ca.valid_until IS NULL OR ca.valid_until >= ?
           ) cur ON cur.employee_id = e.id AND cur.competency_id = r.competency_id AND cur.rn = 1
          WHERE e.active = ?
          GROUP BY r.competency_id
          ORDER BY ${escape('averageGap')} DESC, r.competency_id ASC`,
      [unit.rowId, unit.rowId, ctx.today(), true],
    );
    const round = (n: number | string) => Math.round(Number(n) * 100) / 100;
    return rows.map((r): UnitCompetencyGap => {
      const employees = Number(r.employees);
      return {
        competencyId: Number(r.competencyId),
        employees,
        withGap: Number(r.withGap),
        averageRequired: round(r.averageRequired),
        averageCurrent: round(r.averageCurrent),
        averageGap: round(r.averageGap),
        suppressed: false,
      };
    });
  }
}

export const talentService = new TalentService();
