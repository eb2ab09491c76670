import { type RequestContext } from '../../core/context/request-context';
import { toGlobalId } from '../../core/graphql/global-id';
import { curveViolations } from '../evaluation/distribution-curve';
import { EvaluationKind, type OrganisationRating, Predikat } from '../evaluation/evaluation-enums';
import { ANNUAL_SUB_PERIOD } from '../evaluation/evaluation.entity';
import { Unit } from '../unit/unit.entity';
import { unitById } from '../unit/unit.loaders';
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
const RATE_UNITS = "('%', 'persen', 'poin', 'indeks')";

type Num = number | string | null;
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

/** The analytics of `analytics.md`-style breakdowns: one aggregate statement each, whatever the number of units. */
export class AnalyticsService {
  /**
   * Readable names of groups: unit names for the unit breakdown (one batched read), the key itself otherwise.
   * Each group's answer copies `key` and `label` by name, not by object spread: in this Node (V8 11) every
   * property written after a spread costs about a microsecond (O3: 0.4 ms per 50 groups and field, measured).
   */
  private async labels(ctx: RequestContext, breakdown: Breakdown, keys: string[]): Promise<Map<string, { key: string; label: string }>> {
    const out = new Map<string, { key: string; label: string }>();
    if (breakdown !== Breakdown.UNIT) {
      for (const k of keys) out.set(k, { key: k, label: k });
      return out;
    }
    const units = await Promise.all(keys.map((k) => ctx.loaders.get(unitById).load(Number(k))));
    keys.forEach((k, i) => out.set(k, { key: toGlobalId(Unit.typeName, Number(k)), label: units[i]?.name ?? k }));
    return out;
  }

  private withheld(scope: AnalyticsScope, employees: number): boolean {
    return scope.mode === AnalyticsMode.AGGREGATES && employees < scope.floor;
  }

  private shares(counts: Record<Predikat, number>, rated: number, suppressed: boolean): PredikatShare[] {
    return PREDIKATS.map((predikat) => ({
      predikat,
      count: suppressed ? null : counts[predikat],
      share: suppressed || rated === 0 ? null : Math.round((counts[predikat] / rated) * 10_000) / 10_000,
    }));
  }

  async distribution(ctx: RequestContext, scope: AnalyticsScope, breakdown: Breakdown): Promise<DistributionGroup[]> {
    const key = groupKey(breakdown);
    const base = scopedPlans(scope);
    const rows: Array<{ k: string | number; predikat: Predikat | null; n: Num; unitRating: OrganisationRating | null }> = await ctx.em.query(
      `SELECT ${key} AS k, ev.predikat AS predikat, COUNT(*) AS n, MAX(ur.rating) AS ${ctx.em.connection.driver.escape('unitRating')}
         ${base.sql.replace('FROM appraisal plan', `FROM appraisal plan
           LEFT JOIN evaluation ev ON ev.appraisal_id = plan.id AND ev.kind = '${EvaluationKind.ANNUAL}' AND ev.sub_period = ${ANNUAL_SUB_PERIOD}
           LEFT JOIN unit_rating ur ON ur.unit_id = plan.unit_id AND ur.period_id = plan.period_id`)}
        GROUP BY ${key}, ev.predikat
        ORDER BY ${key}`,
      base.params,
    );
    const groups = new Map<string, { counts: Record<Predikat, number>; pending: number; unitRating: OrganisationRating | null }>();
    for (const row of rows) {
      const k = String(row.k);
      const g = groups.get(k) ?? { counts: Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>, pending: 0, unitRating: null };
      if (row.predikat === null) g.pending += num(row.n);
      else g.counts[row.predikat] = num(row.n);
      g.unitRating = g.unitRating ?? row.unitRating;
      groups.set(k, g);
    }
    const labels = await this.labels(ctx, breakdown, [...groups.keys()]);
    return [...groups].map(([k, g]) => {
      const rated = PREDIKATS.reduce((s, p) => s + g.counts[p], 0);
      const employees = rated + g.pending;
      const suppressed = this.withheld(scope, employees);
      const unitRating = breakdown === Breakdown.UNIT ? g.unitRating : null;
      const violations = unitRating && !suppressed ? curveViolations(unitRating, g.counts).map((v) => ({ rule: v.bound.description, count: v.count, total: v.total })) : [];
      const named = labels.get(k)!;
      return { key: named.key, label: named.label, employees, suppressed, pending: suppressed ? null : g.pending, counts: this.shares(g.counts, rated, suppressed), unitRating, violations };
    });
  }

  async completion(ctx: RequestContext, scope: AnalyticsScope, breakdown: Breakdown): Promise<CompletionGroup[]> {
    const key = groupKey(breakdown);
    const base = scopedPlans(scope);
    const today = ctx.today();
    const rows: Array<{ k: string | number; status: string; n: Num; po: Num; eo: Num }> = await ctx.em.query(
      `SELECT ${key} AS k, plan.status AS status, COUNT(*) AS n,
              SUM(CASE WHEN plan.status IN ('DRAFT', 'SUBMITTED', 'RETURNED') AND period.planning_deadline < ? THEN 1 ELSE 0 END) AS po,
              SUM(CASE WHEN plan.status NOT IN ('EVALUATED', 'FINAL') AND period.annual_evaluation_deadline < ? THEN 1 ELSE 0 END) AS eo
         ${base.sql}
        GROUP BY ${key}, plan.status
        ORDER BY ${key}`,
      [today, today, ...base.params],
    );
    const groups = new Map<string, Record<string, number>>();
    for (const row of rows) {
      const k = String(row.k);
      const g = groups.get(k) ?? { total: 0, po: 0, eo: 0 };
      g[row.status] = num(row.n);
      g.total! += num(row.n);
      g.po! += num(row.po);
      g.eo! += num(row.eo);
      groups.set(k, g);
    }
    const labels = await this.labels(ctx, breakdown, [...groups.keys()]);
    return [...groups].map(([k, g]) => {
      const suppressed = this.withheld(scope, g.total!);
      const v = (n: number | undefined) => (suppressed ? null : (n ?? 0));
      const named = labels.get(k)!;
      return {
        key: named.key,
        label: named.label,
        employees: g.total!,
        suppressed,
        draft: v(g.DRAFT),
        submitted: v(g.SUBMITTED),
        returned: v(g.RETURNED),
        approved: v(g.APPROVED),
        revising: v(g.REVISING),
        evaluated: v(g.EVALUATED),
        final: v(g.FINAL),
        planningOverdue: v(g.po),
        evaluationOverdue: v(g.eo),
      };
    });
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

  async achievement(ctx: RequestContext, scope: AnalyticsScope, breakdown: Breakdown): Promise<AchievementGroup[]> {
    const inner = indicatorAchievements(scope, groupKey(breakdown));
    const rows: Array<{ k: string | number; employees: Num; indicators: Num; average: Num; met: Num }> = await ctx.em.query(
      `SELECT g.k AS k, COUNT(DISTINCT g.emp) AS employees, COUNT(*) AS indicators, AVG(g.ach) AS average,
              SUM(CASE WHEN g.ach >= 1 THEN 1 ELSE 0 END) AS met
         FROM (${inner.sql}) g
        WHERE g.ach IS NOT NULL
        GROUP BY g.k
        ORDER BY g.k`,
      inner.params,
    );
    const labels = await this.labels(ctx, breakdown, rows.map((r) => String(r.k)));
    return rows.map((r) => {
      const employees = num(r.employees);
      const suppressed = this.withheld(scope, employees);
      const named = labels.get(String(r.k))!;
      return {
        key: named.key,
        label: named.label,
        employees,
        suppressed,
        indicators: suppressed ? null : num(r.indicators),
        averageAchievement: suppressed ? null : maybe(r.average),
        met: suppressed ? null : num(r.met),
      };
    });
  }

  /** The RHK that support one RHK, each with the mean achievement of its indicators, and all of them together. */
  async cascade(ctx: RequestContext, scope: AnalyticsScope, workResultPlanId: number): Promise<CascadeAchievement> {
    const inner = indicatorAchievements(scope, 'plan.unit_id');
    const rows: Array<{ rhk: number | string; emp: number | string; indicators: Num; average: Num }> = await ctx.em.query(
      `SELECT g.rhk AS rhk, MIN(g.emp) AS emp, COUNT(*) AS indicators, AVG(g.ach) AS average
         FROM (${inner.sql}) g
        WHERE g.ach IS NOT NULL AND g.supports = ?
        GROUP BY g.rhk
        ORDER BY g.rhk`,
      [...inner.params, workResultPlanId],
    );
    const indicators = rows.reduce((s, r) => s + num(r.indicators), 0);
    const weighted = rows.reduce((s, r) => s + num(r.average) * num(r.indicators), 0);
    // Each RHK is one person's; the floor counts people.
    const employees = new Set(rows.map((r) => Number(r.emp))).size;
    const suppressed = this.withheld(scope, employees);
    return {
      indicators: suppressed ? 0 : indicators,
      averageAchievement: suppressed || indicators === 0 ? null : Math.round((weighted / indicators) * 10_000) / 10_000,
      rows:
        scope.mode === AnalyticsMode.AGGREGATES
          ? []
          : rows.map((r) => ({ workResultPlanId: Number(r.rhk), indicators: num(r.indicators), averageAchievement: maybe(r.average) })),
    };
  }

  /**
   * Share of realizations with feedback and of daily-log entries reviewed, and the median hours to them: one
   * statement (both kinds in a UNION, the median by row numbers over each group's answered items).
   */
  async responsiveness(ctx: RequestContext, scope: AnalyticsScope, breakdown: Breakdown): Promise<ResponsivenessGroup[]> {
    const key = groupKey(breakdown);
    const base = scopedPlans(scope);
    const realizationSql = `SELECT 'R' AS kind, ${key} AS k, plan.employee_id AS emp,
        ${hoursBetween(ctx, 'r.created_at', '(SELECT MIN(f.created_at) FROM feedback f WHERE f.target_kind = \'REALIZATION\' AND f.target_id = r.id)')} AS h
        ${base.sql.replace('FROM appraisal plan', 'FROM appraisal plan JOIN realization r ON r.appraisal_id = plan.id')}`;
    const activitySql = `SELECT 'A' AS kind, ${key} AS k, plan.employee_id AS emp, ${hoursBetween(ctx, 'da.created_at', 'da.reviewed_at')} AS h
        ${base.sql.replace('FROM appraisal plan', 'FROM appraisal plan JOIN daily_activity da ON da.appraisal_id = plan.id')}`;
    const rows: Array<{ kind: 'R' | 'A'; k: string | number; total: Num; answered: Num; median: Num; employees: Num }> = await ctx.em.query(
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
    const groups = new Map<string, { r?: (typeof rows)[number]; a?: (typeof rows)[number] }>();
    for (const row of rows) {
      const g = groups.get(String(row.k)) ?? {};
      if (row.kind === 'R') g.r = row;
      else g.a = row;
      groups.set(String(row.k), g);
    }
    const labels = await this.labels(ctx, breakdown, [...groups.keys()]);
    const round = (v: number) => Math.round(v * 100) / 100;
    return [...groups].map(([k, g]) => {
      const employees = Math.max(num(g.r?.employees ?? 0), num(g.a?.employees ?? 0));
      const suppressed = this.withheld(scope, employees);
      const share = (x?: (typeof rows)[number]) => (suppressed || !x || num(x.total) === 0 ? null : Math.round((num(x.answered) / num(x.total)) * 10_000) / 10_000);
      const median = (x?: (typeof rows)[number]) => (suppressed || !x || x.median === null ? null : round(Number(x.median)));
      const named = labels.get(k)!;
      return {
        key: named.key,
        label: named.label,
        employees,
        suppressed,
        realizations: suppressed ? null : num(g.r?.total ?? 0),
        realizationFeedbackShare: share(g.r),
        medianHoursToFeedback: median(g.r),
        activities: suppressed ? null : num(g.a?.total ?? 0),
        activityReviewShare: share(g.a),
        medianHoursToReview: median(g.a),
      };
    });
  }

  /** The predikat spread per year (annual) and per month or quarter (periodic) over a range of years: one statement. */
  async trend(ctx: RequestContext, scope: AnalyticsScope, years: { from: number; to: number }): Promise<TrendPoint[]> {
    const base = scopedPlans(scope, years);
    const rows: Array<{ year: Num; sp: Num; kind: string; predikat: Predikat; n: Num }> = await ctx.em.query(
      `SELECT period.year AS year, ev.sub_period AS sp, ev.kind AS kind, ev.predikat AS predikat, COUNT(*) AS n
         ${base.sql.replace('FROM appraisal plan', 'FROM appraisal plan JOIN evaluation ev ON ev.appraisal_id = plan.id')}
        GROUP BY period.year, ev.kind, ev.sub_period, ev.predikat
        ORDER BY period.year, ev.kind DESC, ev.sub_period`,
      base.params,
    );
    const points = new Map<string, { year: number; subPeriod: number | null; counts: Record<Predikat, number> }>();
    for (const r of rows) {
      const subPeriod = r.kind === EvaluationKind.ANNUAL ? null : num(r.sp);
      const k = `${num(r.year)}:${subPeriod ?? 'year'}`;
      const p = points.get(k) ?? { year: num(r.year), subPeriod, counts: Object.fromEntries(PREDIKATS.map((x) => [x, 0])) as Record<Predikat, number> };
      p.counts[r.predikat] = num(r.n);
      points.set(k, p);
    }
    return [...points.values()]
      .sort((a, b) => a.year - b.year || (a.subPeriod ?? 99) - (b.subPeriod ?? 99))
      .map((p) => {
        const rated = PREDIKATS.reduce((s, x) => s + p.counts[x], 0);
        const suppressed = this.withheld(scope, rated);
        return { year: p.year, subPeriod: p.subPeriod, rated, suppressed, counts: this.shares(p.counts, rated, suppressed) };
      });
  }
}

export const analyticsService = new AnalyticsService();
