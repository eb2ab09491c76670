import { Router, type Request } from 'express';
import { type RequestContext } from '../../core/context/request-context';
import {
  chargeOrRefuse,
  type ExportDeps,
  fail,
  signedInContext,
  unauthenticatedAs401,
} from '../../core/http/export-route';
import { EvaluationKind, Predikat } from '../evaluation/evaluation-enums';
import { ANNUAL_SUB_PERIOD } from '../evaluation/evaluation.entity';
import { analyticsMessages as say } from './analytics.messages';
import { AnalyticsMode, type AnalyticsScope, Breakdown, scopedPlans } from './analytics-scope';
import { ANALYTICS_FIELD_COST, resolveAnalytics } from './analytics.resolver';
import { analyticsService } from './analytics.service';
import { type Analytics } from './analytics.types';
import { exportRequest } from './export-request';
import { sendTable } from './table-download';

/** Rows fetched per statement: memory stays flat however large the export. */
const BATCH = 1000;

/** A file name's stem and its extension, if it has one of ours (`distribution.xlsx` → distribution, xlsx). */
function splitName(file: string): { stem: string; extension: string | undefined } {
  const match = /^(.*)\.(csv|xlsx)$/.exec(file);
  return match ? { stem: match[1]!, extension: match[2] } : { stem: file, extension: undefined };
}

/**
 * The columns every analytics export begins with: the year, the unit a row is about (in the unit breakdown the
 * group's own unit, otherwise the unit asked for), and the group's key and label. The unit breakdown is keyed by
 * unit code, what a spreadsheet can join on.
 */
const LEADING = ['year', 'unit_code', 'unit_name', 'key', 'label'];
const leading = (a: Analytics, g: { key: string; label: string; unitCode: string | null }): unknown[] =>
  a.breakdown === Breakdown.UNIT
    ? [a.period.year, g.unitCode, g.label, g.unitCode, g.label]
    : [a.period.year, a.unit.code, a.unit.name, g.key, g.label];

/** Each analytics export: its columns after the leading ones, and its rows (the GraphQL groups, cell by cell). */
const ANALYTICS_FILES: Record<
  'distribution' | 'completion' | 'achievement' | 'responsiveness',
  { columns: string[]; rows(ctx: RequestContext, a: Analytics): Promise<unknown[][]> }
> = {
  distribution: {
    columns: [
      'employees',
      'suppressed',
      'pending',
      ...Object.values(Predikat).map((p) => p.toLowerCase()),
      'unit_rating',
      'curve_violations',
    ],
    rows: async (ctx, a) =>
      (await analyticsService.distribution(ctx, a.scope, a.breakdown)).map((g) => [
        ...leading(a, g),
        g.employees,
        g.suppressed,
        g.pending,
        ...g.counts.map((c) => c.count),
        g.unitRating,
        g.violations.map((v) => v.rule).join('; '),
      ]),
  },
  completion: {
    columns: [
      'employees',
      'suppressed',
      'draft',
      'submitted',
      'returned',
      'approved',
      'revising',
      'evaluated',
      'final',
      'planning_overdue',
      'evaluation_overdue',
    ],
    rows: async (ctx, a) =>
      (await analyticsService.completion(ctx, a.scope, a.breakdown)).map((g) => [
        ...leading(a, g),
        g.employees,
        g.suppressed,
        g.draft,
        g.submitted,
        g.returned,
        g.approved,
        g.revising,
        g.evaluated,
        g.final,
        g.planningOverdue,
        g.evaluationOverdue,
      ]),
  },
  achievement: {
    columns: ['employees', 'suppressed', 'indicators', 'average_achievement', 'met'],
    rows: async (ctx, a) =>
      (await analyticsService.achievement(ctx, a.scope, a.breakdown)).map((g) => [
        ...leading(a, g),
        g.employees,
        g.suppressed,
        g.indicators,
        g.averageAchievement,
        g.met,
      ]),
  },
  responsiveness: {
    columns: [
      'employees',
      'suppressed',
      'realizations',
      'realization_feedback_share',
      'median_hours_to_feedback',
      'activities',
      'activity_review_share',
      'median_hours_to_review',
    ],
    rows: async (ctx, a) =>
      (await analyticsService.responsiveness(ctx, a.scope, a.breakdown)).map((g) => [
        ...leading(a, g),
        g.employees,
        g.suppressed,
        g.realizations,
        g.realizationFeedbackShare,
        g.medianHoursToFeedback,
        g.activities,
        g.activityReviewShare,
        g.medianHoursToReview,
      ]),
  },
};

const RESULT_COLUMNS = [
  'year',
  'nip',
  'name',
  'unit_code',
  'unit_name',
  'position_title',
  'position_kind',
  'grade',
  'status',
  'result_rating',
  'behavior_rating',
  'predikat',
  'credit_points',
  'objection',
  'delivered_at',
];

/** The row-level results, a batch of plans at a time (keyset on the plan id). */
async function* appraisalResults(ctx: RequestContext, scope: AnalyticsScope): AsyncGenerator<unknown[]> {
  const base = scopedPlans(scope);
  let after = 0;
  for (;;) {
    const rows: Array<Record<string, unknown>> = await ctx.em.query(
      `SELECT plan.id AS id, e.nip AS nip, e.name AS name, u.code AS unit_code, u.name AS unit_name, plan.position_title AS position_title,
              plan.position_kind AS position_kind, plan.grade AS grade, plan.status AS status, ev.result_rating AS result_rating,
              ev.behavior_rating AS behavior_rating, ev.predikat AS predikat, ev.credit_points AS credit_points, o.status AS objection,
              plan.delivered_at AS delivered_at
         ${base.sql.replace(
           'FROM appraisal plan',
           `FROM appraisal plan JOIN employee e ON e.id = plan.employee_id JOIN unit u ON u.id = plan.unit_id
              LEFT JOIN evaluation ev ON ev.appraisal_id = plan.id AND ev.kind = '${EvaluationKind.ANNUAL}' AND ev.sub_period = ${ANNUAL_SUB_PERIOD}
              LEFT JOIN objection o ON o.appraisal_id = plan.id`,
         )}
          AND plan.id > ?
        ORDER BY plan.id
        LIMIT ${BATCH}`,
      [...base.params, after],
    );
    for (const r of rows) {
      yield [
        scope.year,
        r.nip,
        r.name,
        r.unit_code,
        r.unit_name,
        r.position_title,
        r.position_kind,
        r.grade,
        r.status,
        r.result_rating,
        r.behavior_rating,
        r.predikat,
        r.credit_points === null ? null : Number(r.credit_points),
        r.objection,
        r.delivered_at === null
          ? null
          : String(r.delivered_at instanceof Date ? r.delivered_at.toISOString() : r.delivered_at),
      ];
    }
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/**
 * Exports with the same bearer token and policy as GraphQL, as CSV or xlsx (docs/api.md, Files):
 * `/exports/analytics/<breakdown>` (aggregates, withheld groups as empty cells) and `/exports/appraisal-results`
 * (one row per plan: HR admins in scope and supervisors for the people below them; not analysts).
 */
export function exportRouter(deps: ExportDeps): Router {
  const router = Router();

  router.get('/analytics/:file', async (req: Request, res, next) => {
    try {
      const { stem, extension } = splitName(String(req.params.file));
      if (!Object.hasOwn(ANALYTICS_FILES, stem)) return fail(res, 404, 'NOT_FOUND', say.unknownExport);
      const kind = stem as keyof typeof ANALYTICS_FILES;
      const params = exportRequest(req, extension);
      if (!('target' in params)) return fail(res, 400, 'BAD_REQUEST', params);
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      const analytics = await resolveAnalytics(ctx, { ...params.target, ...params });
      if (!analytics) return fail(res, 404, 'NOT_FOUND', say.noAnalytics);
      // The same weight as the field over GraphQL: an export is no way around the budget.
      if (!chargeOrRefuse(deps, ctx, res, ANALYTICS_FIELD_COST[kind])) return;
      const file = ANALYTICS_FILES[kind];
      return sendTable(
        res,
        `${kind}-${analytics.period.year}-${analytics.unit.code}`,
        params.format,
        [...LEADING, ...file.columns],
        await file.rows(ctx, analytics),
      );
    } catch (error) {
      next(error);
    }
  });

  router.get(['/appraisal-results', '/appraisal-results.csv', '/appraisal-results.xlsx'], async (req, res, next) => {
    try {
      const params = exportRequest(req, splitName(req.path).extension);
      if (!('target' in params)) return fail(res, 400, 'BAD_REQUEST', params);
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      const analytics = await resolveAnalytics(ctx, { ...params.target, ...params });
      if (!analytics) return fail(res, 404, 'NOT_FOUND', say.noResults);
      if (analytics.mode === AnalyticsMode.AGGREGATES) return fail(res, 403, 'FORBIDDEN', say.aggregatesOnly);
      return sendTable(
        res,
        `appraisal-results-${analytics.period.year}-${analytics.unit.code}`,
        params.format,
        RESULT_COLUMNS,
        appraisalResults(ctx, analytics.scope),
      );
    } catch (error) {
      next(error);
    }
  });

  router.use(unauthenticatedAs401);
  return router;
}
