import { type RequestContext } from '../../core/context/request-context';
import { curveViolations } from '../evaluation/distribution-curve';
import { EvaluationKind, type OrganisationRating, Predikat } from '../evaluation/evaluation-enums';
import { ANNUAL_SUB_PERIOD, inForce } from '../evaluation/evaluation.entity';
import { analystSqlScope, AnalystView, classKeySql, countsMeasure, type Measure, namedGroups } from './analyst-view';
import { AnalyticsMode, type AnalyticsScope, Breakdown, groupKey, hoursBetween, scopedPlans } from './analytics-scope';
import {
  type AchievementGroup,
  type CascadeAchievement,
  type CompletionGroup,
  type DistributionGroup,
  type PredikatShare,
  type ResponsivenessGroup,
  type TrendPoint,
} from './analytics.types';

const PREDIKATS = Object.values(Predikat);
/** The count of plans not rated yet, next to the predikat counts of a class. */
const PENDING = 'pending';
const RATE_UNITS = "('%', 'persen', 'poin', 'indeks')";

type Num = number | string | null;
type ResponsivenessRow = {
  kind: 'R' | 'A';
  k: string | number;
  total: Num;
  answered: Num;
  median: Num;
  employees: Num;
};
const num = (v: Num): number => Number(v ?? 0);
const maybe = (v: Num): number | null => (v === null ? null : Math.round(Number(v) * 10_000) / 10_000);

/**
 * Per indicator in scope: its group, owner and achievement (a rate's latest value, a count's sum, over the target),
 * as a derived table for the aggregate statements. Mirrors `achievement()` of result-suggestion; `* 1.0` keeps
 * SQLite from dividing integers.
 */
function indicatorAchievements(scope: AnalyticsScope, key: string): { sql: string; params: unknown[] } {
  const base = scopedPlans(scope);
  return {
    sql: `SELECT ${key} AS k, plan.employee_id AS emp, w.id AS rhk, w.supports_id AS supports,
            (CASE WHEN LOWER(TRIM(COALESCE(i.target_unit, ''))) IN ${RATE_UNITS}
                  THEN (SELECT r2.value FROM realization r2 WHERE r2.indicator_id = i.id AND r2.value IS NOT NULL ORDER BY r2.sub_period DESC LIMIT 1)
                  ELSE (SELECT SUM(r3.value) FROM realization r3 WHERE r3.indicator_id = i.id) END) * 1.0 / i.target_value AS ach
          ${base.sql.replace('FROM appraisal plan', 'FROM appraisal plan JOIN work_result_plan w ON w.appraisal_id = plan.id JOIN indicator i ON i.work_result_plan_id = w.id')}
            AND i.target_value IS NOT NULL AND i.target_value <> 0`,
    params: base.params,
  };
}

/**
 * The analytics breakdowns: one aggregate statement each, whatever the number of units. HR admins and supervisors
 * get the groups of the breakdown; analysts get sums over reporting cells (analyst-view.ts).
 */
export class AnalyticsService {
  private shares(counts: Record<Predikat, number>, rated: number): PredikatShare[] {
    return PREDIKATS.map((predikat) => ({
      predikat,
      count: counts[predikat],
      share: rated === 0 ? null : Math.round((counts[predikat] / rated) * 10_000) / 10_000,
    }));
  }

  /** Annual predikat counts per group and predikat (null: not rated yet), with the unit's own rating. */
  private distributionRows(
    ctx: RequestContext,
    scope: AnalyticsScope,
    key: string,
  ): Promise<Array<{ k: string | number; predikat: Predikat | null; n: Num; unitRating: OrganisationRating | null }>> {
    const base = scopedPlans(scope);
    return ctx.em.query(
      `SELECT ${key} AS k, ev.predikat AS predikat, COUNT(*) AS n, MAX(ur.rating) AS ${ctx.em.connection.driver.escape('unitRating')}
         ${base.sql.replace(
           'FROM appraisal plan',
           `FROM appraisal plan
           LEFT JOIN evaluation ev ON ev.appraisal_id = plan.id AND ev.kind = '${EvaluationKind.ANNUAL}' AND ev.sub_period = ${ANNUAL_SUB_PERIOD}
           LEFT JOIN unit_rating ur ON ur.unit_id = plan.unit_id AND ur.period_id = plan.period_id`,
         )}
        GROUP BY ${key}, ev.predikat
        ORDER BY ${key}`,
      base.params,
    );
  }

  async distribution(ctx: RequestContext, scope: AnalyticsScope, breakdown: Breakdown): Promise<DistributionGroup[]> {
    if (scope.mode === AnalyticsMode.AGGREGATES) return this.analystDistribution(ctx, scope, breakdown);
    const key = groupKey(breakdown);
    const rows = await this.distributionRows(ctx, scope, key);
    const groups = new Map<
      string,
      { counts: Record<Predikat, number>; pending: number; unitRating: OrganisationRating | null }
    >();
    for (const row of rows) {
      const k = String(row.k);
      const g = groups.get(k) ?? {
        counts: Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>,
        pending: 0,
        unitRating: null,
      };
      if (row.predikat === null) g.pending += num(row.n);
      else g.counts[row.predikat] = num(row.n);
      g.unitRating = g.unitRating ?? row.unitRating;
      groups.set(k, g);
    }
    const labels = await namedGroups(ctx, breakdown, [...groups.keys()]);
    return [...groups].map(([k, g]) => {
      const rated = PREDIKATS.reduce((s, p) => s + g.counts[p], 0);
      const employees = rated + g.pending;
      const unitRating = breakdown === Breakdown.UNIT ? g.unitRating : null;
      const violations = unitRating
        ? curveViolations(unitRating, g.counts).map((v) => ({
            rule: v.bound.description,
            count: v.count,
            total: v.total,
          }))
        : [];
      const named = labels.get(k)!;
      return {
        key: named.key,
        label: named.label,
        unitCode: named.unitCode,
        employees,
        suppressed: false,
        pending: g.pending,
        counts: this.shares(g.counts, rated),
        unitRating,
        violations,
      };
    });
  }

  /** Analysts: a closed year, over whole reporting cells with at least the floor rated; no unit rating or curve (a cell is not a unit). */
  private async analystDistribution(
    ctx: RequestContext,
    scope: AnalyticsScope,
    breakdown: Breakdown,
  ): Promise<DistributionGroup[]> {
    const view = await AnalystView.of(ctx, scope, scope.year);
    if (!view) return [];
    const perClass = new Map<string, Record<string, number>>();
    for (const row of await this.distributionRows(ctx, analystSqlScope(scope), classKeySql(ctx))) {
      const counts = perClass.get(String(row.k)) ?? {};
      counts[row.predikat ?? PENDING] = num(row.n);
      perClass.set(String(row.k), counts);
    }
    // The people behind a predikat are those rated: a cell with fewer is left out, however many plans it holds.
    const ratedPeople = countsMeasure((counts) => PREDIKATS.reduce((s, p) => s + (counts[p] ?? 0), 0));
    return (await view.groups(ctx, breakdown, perClass, ratedPeople, scope.floor)).map((g) => {
      const counts = Object.fromEntries(PREDIKATS.map((p) => [p, g.value[p] ?? 0])) as Record<Predikat, number>;
      const rated = PREDIKATS.reduce((s, p) => s + counts[p], 0);
      const pending = g.value[PENDING] ?? 0;
      return {
        key: g.key,
        label: g.label,
        unitCode: g.unitCode,
        employees: rated + pending,
        suppressed: false,
        pending,
        counts: this.shares(counts, rated),
        unitRating: null,
        violations: [],
      };
    });
  }

  /** Plans per group and status, with those late against the planning and evaluation deadlines. */
  private completionRows(
    ctx: RequestContext,
    scope: AnalyticsScope,
    key: string,
  ): Promise<Array<{ k: string | number; status: string; n: Num; po: Num; eo: Num }>> {
    const base = scopedPlans(scope);
    const today = ctx.today();
    return ctx.em.query(
      `SELECT ${key} AS k, plan.status AS status, COUNT(*) AS n,
              SUM(CASE WHEN plan.status IN ('DRAFT', 'SUBMITTED', 'RETURNED') AND period.planning_deadline < ? THEN 1 ELSE 0 END) AS po,
              SUM(CASE WHEN plan.status NOT IN ('EVALUATED', 'FINAL') AND period.annual_evaluation_deadline < ? THEN 1 ELSE 0 END) AS eo
         ${base.sql}
        GROUP BY ${key}, plan.status
        ORDER BY ${key}`,
      [today, today, ...base.params],
    );
  }

  /** Workflow completion; analysts: a closed year, over whole reporting cells. */
  async completion(ctx: RequestContext, scope: AnalyticsScope, breakdown: Breakdown): Promise<CompletionGroup[]> {
    const view = scope.mode === AnalyticsMode.AGGREGATES ? await AnalystView.of(ctx, scope, scope.year) : undefined;
    if (view === null) return [];
    const key = view ? classKeySql(ctx) : groupKey(breakdown);
    const rows = await this.completionRows(ctx, view ? analystSqlScope(scope) : scope, key);
    const perKey = new Map<string, Record<string, number>>();
    for (const row of rows) {
      const k = String(row.k);
      const g = perKey.get(k) ?? { total: 0, po: 0, eo: 0 };
      g[row.status] = num(row.n);
      g.total! += num(row.n);
      g.po! += num(row.po);
      g.eo! += num(row.eo);
      perKey.set(k, g);
    }
    let groups: Array<{ key: string; label: string; unitCode: string | null; g: Record<string, number> }>;
    if (view) {
      groups = (
        await view.groups(
          ctx,
          breakdown,
          perKey,
          countsMeasure((g) => g.total ?? 0),
          scope.floor,
        )
      ).map((x) => ({ key: x.key, label: x.label, unitCode: x.unitCode, g: x.value }));
    } else {
      const labels = await namedGroups(ctx, breakdown, [...perKey.keys()]);
      groups = [...perKey].map(([k, g]) => ({ ...labels.get(k)!, g }));
    }
    return groups.map(({ key, label, unitCode, g }) => ({
      key,
      label,
      unitCode,
      employees: g.total!,
      suppressed: false,
      draft: g.DRAFT ?? 0,
      submitted: g.SUBMITTED ?? 0,
      returned: g.RETURNED ?? 0,
      approved: g.APPROVED ?? 0,
      revising: g.REVISING ?? 0,
      evaluated: g.EVALUATED ?? 0,
      final: g.FINAL ?? 0,
      planningOverdue: g.po ?? 0,
      evaluationOverdue: g.eo ?? 0,
    }));
  }

  /** The overdue plans themselves (never for aggregates-only callers): ids, for the resolver to load under the policy. */
  async overdue(ctx: RequestContext, scope: AnalyticsScope, first: number): Promise<number[]> {
    if (scope.mode === AnalyticsMode.AGGREGATES) return [];
    const base = scopedPlans(scope);
    const today = ctx.today();
    const rows: Array<{ id: number | string }> = await ctx.em.query(
      `SELECT plan.id AS id ${base.sql}
          AND ((plan.status IN ('DRAFT', 'SUBMITTED', 'RETURNED') AND period.planning_deadline < ?)
            OR (plan.status NOT IN ('EVALUATED', 'FINAL') AND period.annual_evaluation_deadline < ?))
        ORDER BY plan.id LIMIT ${Math.max(0, Math.floor(first))}`,
      [...base.params, today, today],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Measured indicators per group: the people behind them, how many, their achievement summed and averaged, how many met. */
  private achievementRows(
    ctx: RequestContext,
    scope: AnalyticsScope,
    key: string,
  ): Promise<Array<{ k: string | number; employees: Num; indicators: Num; average: Num; total: Num; met: Num }>> {
    const inner = indicatorAchievements(scope, key);
    return ctx.em.query(
      `SELECT g.k AS k, COUNT(DISTINCT g.emp) AS employees, COUNT(*) AS indicators, AVG(g.ach) AS average, SUM(g.ach) AS total,
              SUM(CASE WHEN g.ach >= 1 THEN 1 ELSE 0 END) AS met
         FROM (${inner.sql}) g
        WHERE g.ach IS NOT NULL
        GROUP BY g.k
        ORDER BY g.k`,
      inner.params,
    );
  }

  async achievement(ctx: RequestContext, scope: AnalyticsScope, breakdown: Breakdown): Promise<AchievementGroup[]> {
    if (scope.mode === AnalyticsMode.AGGREGATES) return this.analystAchievement(ctx, scope, breakdown);
    const rows = await this.achievementRows(ctx, scope, groupKey(breakdown));
    const labels = await namedGroups(
      ctx,
      breakdown,
      rows.map((r) => String(r.k)),
    );
    return rows.map((r) => {
      const named = labels.get(String(r.k))!;
      return {
        key: named.key,
        label: named.label,
        unitCode: named.unitCode,
        employees: num(r.employees),
        suppressed: false,
        indicators: num(r.indicators),
        averageAchievement: maybe(r.average),
        met: num(r.met),
      };
    });
  }

  /** Analysts: a closed year only, over whole cells with at least the floor of people measured. */
  private async analystAchievement(
    ctx: RequestContext,
    scope: AnalyticsScope,
    breakdown: Breakdown,
  ): Promise<AchievementGroup[]> {
    const view = await AnalystView.of(ctx, scope, scope.year);
    if (!view) return [];
    const rows = await this.achievementRows(ctx, analystSqlScope(scope), classKeySql(ctx));
    const perClass = new Map(
      rows.map((r) => [
        String(r.k),
        { employees: num(r.employees), indicators: num(r.indicators), total: num(r.total), met: num(r.met) },
      ]),
    );
    const measure: Measure<{ employees: number; indicators: number; total: number; met: number }> = {
      empty: () => ({ employees: 0, indicators: 0, total: 0, met: 0 }),
      add: (into, from) => {
        into.employees += from.employees;
        into.indicators += from.indicators;
        into.total += from.total;
        into.met += from.met;
      },
      contributors: (v) => v.employees,
    };
    return (await view.groups(ctx, breakdown, perClass, measure, scope.floor)).map((g) => ({
      key: g.key,
      label: g.label,
      unitCode: g.unitCode,
      employees: g.employees,
      suppressed: false,
      indicators: g.value.indicators,
      averageAchievement: g.value.indicators === 0 ? null : maybe(g.value.total / g.value.indicators),
      met: g.value.met,
    }));
  }

  /**
   * The RHK that support one RHK, each with the mean achievement of its indicators, and all of them together.
   * Withheld from analysts whole: the people supporting one RHK cut across every reporting cell, so their figures
   * would reach below the cells.
   */
  async cascade(ctx: RequestContext, scope: AnalyticsScope, workResultPlanId: number): Promise<CascadeAchievement> {
    if (scope.mode === AnalyticsMode.AGGREGATES)
      return { indicators: 0, averageAchievement: null, rows: [], suppressed: true };
    const inner = indicatorAchievements(scope, 'plan.unit_id');
    const rows: Array<{ rhk: number | string; indicators: Num; average: Num }> = await ctx.em.query(
      `SELECT g.rhk AS rhk, COUNT(*) AS indicators, AVG(g.ach) AS average
         FROM (${inner.sql}) g
        WHERE g.ach IS NOT NULL AND g.supports = ?
        GROUP BY g.rhk
        ORDER BY g.rhk`,
      [...inner.params, workResultPlanId],
    );
    const indicators = rows.reduce((s, r) => s + num(r.indicators), 0);
    const weighted = rows.reduce((s, r) => s + num(r.average) * num(r.indicators), 0);
    return {
      indicators,
      averageAchievement: indicators === 0 ? null : Math.round((weighted / indicators) * 10_000) / 10_000,
      rows: rows.map((r) => ({
        workResultPlanId: Number(r.rhk),
        indicators: num(r.indicators),
        averageAchievement: maybe(r.average),
      })),
      suppressed: false,
    };
  }

  /**
   * Per group and kind (R: realizations, A: daily-log entries): how many, how many answered, by how many people, and
   * the median hours to the answer: one statement (both kinds in a UNION, the median by row numbers over each
   * group's answered items).
   */
  private responsivenessRows(ctx: RequestContext, scope: AnalyticsScope, key: string): Promise<ResponsivenessRow[]> {
    const base = scopedPlans(scope);
    const realizationSql = `SELECT 'R' AS kind, ${key} AS k, plan.employee_id AS emp,
        ${hoursBetween(ctx, 'r.created_at', "(SELECT MIN(f.created_at) FROM feedback f WHERE f.target_kind = 'REALIZATION' AND f.target_id = r.id)")} AS h
        ${base.sql.replace('FROM appraisal plan', 'FROM appraisal plan JOIN realization r ON r.appraisal_id = plan.id')}`;
    const activitySql = `SELECT 'A' AS kind, ${key} AS k, plan.employee_id AS emp, ${hoursBetween(ctx, 'da.created_at', 'da.reviewed_at')} AS h
        ${base.sql.replace('FROM appraisal plan', 'FROM appraisal plan JOIN daily_activity da ON da.appraisal_id = plan.id')}`;
    return ctx.em.query(
      `SELECT y.kind AS kind, y.k AS k, COUNT(*) AS total, COUNT(y.h) AS answered, COUNT(DISTINCT y.emp) AS employees,
              AVG(CASE WHEN y.h IS NOT NULL AND y.rn IN (FLOOR((y.cnt + 1) / 2), FLOOR((y.cnt + 2) / 2)) THEN y.h END) AS median
         FROM (
           SELECT x.kind, x.k, x.emp, x.h,
                  ROW_NUMBER() OVER (PARTITION BY x.kind, x.k, CASE WHEN x.h IS NULL THEN 1 ELSE 0 END ORDER BY x.h) AS rn,
                  COUNT(x.h) OVER (PARTITION BY x.kind, x.k) AS cnt
             FROM (${realizationSql} UNION ALL ${activitySql}) x
         ) y
        GROUP BY y.kind, y.k
        ORDER BY y.k`,
      [...base.params, ...base.params],
    );
  }

  async responsiveness(
    ctx: RequestContext,
    scope: AnalyticsScope,
    breakdown: Breakdown,
  ): Promise<ResponsivenessGroup[]> {
    if (scope.mode === AnalyticsMode.AGGREGATES) return this.analystResponsiveness(ctx, scope, breakdown);
    const rows = await this.responsivenessRows(ctx, scope, groupKey(breakdown));
    const groups = new Map<string, { r?: ResponsivenessRow; a?: ResponsivenessRow }>();
    for (const row of rows) {
      const g = groups.get(String(row.k)) ?? {};
      if (row.kind === 'R') g.r = row;
      else g.a = row;
      groups.set(String(row.k), g);
    }
    const labels = await namedGroups(ctx, breakdown, [...groups.keys()]);
    const round = (v: number) => Math.round(v * 100) / 100;
    return [...groups].map(([k, g]) => {
      const share = (x?: ResponsivenessRow) =>
        !x || num(x.total) === 0 ? null : Math.round((num(x.answered) / num(x.total)) * 10_000) / 10_000;
      const median = (x?: ResponsivenessRow) => (!x || x.median === null ? null : round(Number(x.median)));
      const named = labels.get(k)!;
      return {
        key: named.key,
        label: named.label,
        unitCode: named.unitCode,
        employees: Math.max(num(g.r?.employees ?? 0), num(g.a?.employees ?? 0)),
        suppressed: false,
        realizations: num(g.r?.total ?? 0),
        realizationFeedbackShare: share(g.r),
        medianHoursToFeedback: median(g.r),
        activities: num(g.a?.total ?? 0),
        activityReviewShare: share(g.a),
        medianHoursToReview: median(g.a),
      };
    });
  }

  /**
   * Analysts: a closed year only, over whole cells; realizations and daily-log entries each from cells where at
   * least the floor of people recorded some. No medians: an order statistic of overlapping groups can be narrowed
   * down to one person's value, where shares and counts only add up.
   */
  private async analystResponsiveness(
    ctx: RequestContext,
    scope: AnalyticsScope,
    breakdown: Breakdown,
  ): Promise<ResponsivenessGroup[]> {
    const view = await AnalystView.of(ctx, scope, scope.year);
    if (!view) return [];
    const rows = await this.responsivenessRows(ctx, analystSqlScope(scope), classKeySql(ctx));
    const perKind = (kind: 'R' | 'A') =>
      new Map(
        rows
          .filter((r) => r.kind === kind)
          .map((r) => [String(r.k), { employees: num(r.employees), total: num(r.total), answered: num(r.answered) }]),
      );
    const measure: Measure<{ employees: number; total: number; answered: number }> = {
      empty: () => ({ employees: 0, total: 0, answered: 0 }),
      add: (into, from) => {
        into.employees += from.employees;
        into.total += from.total;
        into.answered += from.answered;
      },
      contributors: (v) => v.employees,
    };
    const [realizations, activities] = await Promise.all([
      view.groups(ctx, breakdown, perKind('R'), measure, scope.floor),
      view.groups(ctx, breakdown, perKind('A'), measure, scope.floor),
    ]);
    const keys = [...new Set([...realizations, ...activities].map((g) => g.key))].sort();
    const share = (v?: { total: number; answered: number }) =>
      !v || v.total === 0 ? null : Math.round((v.answered / v.total) * 10_000) / 10_000;
    return keys.map((key) => {
      const r = realizations.find((g) => g.key === key);
      const a = activities.find((g) => g.key === key);
      return {
        key,
        label: (r ?? a)!.label,
        unitCode: (r ?? a)!.unitCode,
        employees: Math.max(r?.employees ?? 0, a?.employees ?? 0),
        suppressed: false,
        realizations: r?.value.total ?? null,
        realizationFeedbackShare: share(r?.value),
        medianHoursToFeedback: null,
        activities: a?.value.total ?? null,
        activityReviewShare: share(a?.value),
        medianHoursToReview: null,
      };
    });
  }

  /** The predikat spread per year (annual) and per month or quarter (periodic) over a range of years: one statement. */
  async trend(ctx: RequestContext, scope: AnalyticsScope, years: { from: number; to: number }): Promise<TrendPoint[]> {
    const analyst = scope.mode === AnalyticsMode.AGGREGATES;
    const base = scopedPlans(analyst ? analystSqlScope(scope) : scope, years);
    const key = analyst ? classKeySql(ctx) : "''";
    const rows: Array<{ year: Num; sp: Num; kind: string; predikat: Predikat; k: string; n: Num }> = await ctx.em.query(
      `SELECT period.year AS year, ev.sub_period AS sp, ev.kind AS kind, ev.predikat AS predikat, ${key} AS k, COUNT(*) AS n
         ${base.sql.replace('FROM appraisal plan', `FROM appraisal plan JOIN evaluation ev ON ev.appraisal_id = plan.id AND ${inForce('ev')}`)}
        GROUP BY period.year, ev.kind, ev.sub_period, ev.predikat${analyst ? `, ${key}` : ''}
        ORDER BY period.year, ev.kind DESC, ev.sub_period`,
      base.params,
    );
    const points = new Map<
      string,
      { year: number; subPeriod: number | null; perClass: Map<string, Record<string, number>> }
    >();
    for (const r of rows) {
      const subPeriod = r.kind === EvaluationKind.ANNUAL ? null : num(r.sp);
      const k = `${num(r.year)}:${subPeriod ?? 'year'}`;
      const p = points.get(k) ?? { year: num(r.year), subPeriod, perClass: new Map() };
      const counts = p.perClass.get(String(r.k)) ?? {};
      counts[r.predikat] = (counts[r.predikat] ?? 0) + num(r.n);
      p.perClass.set(String(r.k), counts);
      points.set(k, p);
    }
    const out: TrendPoint[] = [];
    const sorted = [...points.values()].sort((a, b) => a.year - b.year || (a.subPeriod ?? 99) - (b.subPeriod ?? 99));
    const views = analyst ? await AnalystView.ofYears(ctx, scope, [...new Set(sorted.map((p) => p.year))]) : undefined;
    for (const p of sorted) {
      const counts = countsMeasure((c) => Object.values(c).reduce((s, n) => s + n, 0));
      let total: Record<string, number>;
      if (analyst) {
        // Analysts: closed years only; each point over the cells with at least the floor of ratings in it.
        const view = views!.get(p.year);
        if (!view) continue;
        total = view.total(p.perClass, counts, scope.floor);
      } else {
        total = counts.empty();
        for (const c of p.perClass.values()) counts.add(total, c);
      }
      const full = Object.fromEntries(PREDIKATS.map((x) => [x, total[x] ?? 0])) as Record<Predikat, number>;
      const rated = PREDIKATS.reduce((s, x) => s + full[x], 0);
      // A point whose every cell was left out says nothing: not listed.
      if (analyst && rated === 0) continue;
      out.push({ year: p.year, subPeriod: p.subPeriod, rated, suppressed: false, counts: this.shares(full, rated) });
    }
    return out;
  }
}

export const analyticsService = new AnalyticsService();
