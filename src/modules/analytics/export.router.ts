import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { type RequestContext } from '../../core/context/request-context';
import {
  chargeOrRefuse,
  drainedOrGone,
  type ExportDeps,
  fail,
  signedInContext,
  unauthenticatedAs401,
} from '../../core/http/export-route';
import { csvStringifier } from '../../core/util/csv';
import { EvaluationKind, Predikat } from '../evaluation/evaluation-enums';
import { ANNUAL_SUB_PERIOD } from '../evaluation/evaluation.entity';
import { AnalyticsMode, type AnalyticsScope, Breakdown, scopedPlans } from './analytics-scope';
import { ANALYTICS_FIELD_COST, resolveAnalytics } from './analytics.resolver';
import { analyticsService } from './analytics.service';

/** Rows fetched per statement: memory stays flat however large the export. */
const BATCH = 1000;

/** The common query parameters of every export, or an error answer. */
function parameters(
  req: Request,
): { unitId: string; periodId: string; includeSubunits: boolean; breakdown: Breakdown } | string {
  const { unitId, periodId, includeSubunits, breakdown } = req.query;
  if (typeof unitId !== 'string' || typeof periodId !== 'string') return 'Give `unitId` and `periodId` (global ids).';
  if (includeSubunits !== undefined && includeSubunits !== 'true' && includeSubunits !== 'false')
    return '`includeSubunits` is true or false.';
  if (breakdown !== undefined && !(typeof breakdown === 'string' && breakdown in Breakdown))
    return '`breakdown` is UNIT, POSITION_KIND or GRADE.';
  return {
    unitId,
    periodId,
    includeSubunits: includeSubunits !== 'false',
    breakdown: (breakdown as Breakdown | undefined) ?? Breakdown.UNIT,
  };
}

/** Streams rows as CSV with backpressure; stops when the client goes away. */
async function sendCsv(
  res: Response,
  filename: string,
  columns: string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'private, no-store');
  // Quoted, with formula triggers neutralised wherever a reader may start a cell (CSV injection).
  const csv = csvStringifier(columns);
  csv.pipe(res);
  let gone = false;
  res.once('close', () => (gone = true));
  for await (const row of rows) {
    if (gone) break;
    if (!csv.write(row)) await drainedOrGone(csv, res);
  }
  csv.end();
  if (!gone) await once(res, 'finish').catch(() => undefined);
}

const PREDIKATS = Object.values(Predikat);

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
 * CSV exports with the same bearer token and policy as GraphQL: `/exports/analytics/<breakdown>.csv` (aggregates,
 * withheld groups as empty cells) and `/exports/appraisal-results.csv` (one row per plan: HR admins in scope and
 * supervisors for the people below them; not analysts).
 */
export function exportRouter(deps: ExportDeps): Router {
  const router = Router();

  router.get('/analytics/:file', async (req, res, next) => {
    try {
      const file = String(req.params.file);
      const kind = file.replace(/\.csv$/, '');
      if (!file.endsWith('.csv') || !['distribution', 'completion', 'achievement', 'responsiveness'].includes(kind)) {
        return fail(
          res,
          404,
          'NOT_FOUND',
          'Exports: distribution.csv, completion.csv, achievement.csv, responsiveness.csv.',
        );
      }
      const params = parameters(req);
      if (typeof params === 'string') return fail(res, 400, 'BAD_REQUEST', params);
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      const analytics = await resolveAnalytics(ctx, params);
      if (!analytics) return fail(res, 404, 'NOT_FOUND', 'No such unit or period that you may see analytics of.');
      // The same weight as the field over GraphQL: an export is no way around the budget.
      if (!chargeOrRefuse(deps, ctx, res, ANALYTICS_FIELD_COST[kind as keyof typeof ANALYTICS_FIELD_COST])) return;
      const { scope, breakdown } = analytics;
      const name = `${kind}-${analytics.period.year}-${analytics.unit.code}.csv`;
      switch (kind) {
        case 'distribution': {
          const groups = await analyticsService.distribution(ctx, scope, breakdown);
          return sendCsv(
            res,
            name,
            ['key', 'label', 'employees', 'suppressed', 'pending', ...PREDIKATS, 'unit_rating', 'curve_violations'],
            groups.map((g) => [
              g.key,
              g.label,
              g.employees,
              g.suppressed,
              g.pending,
              ...g.counts.map((c) => c.count),
              g.unitRating,
              g.violations.map((v) => v.rule).join('; '),
            ]),
          );
        }
        case 'completion': {
          const groups = await analyticsService.completion(ctx, scope, breakdown);
          return sendCsv(
            res,
            name,
            [
              'key',
              'label',
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
            groups.map((g) => [
              g.key,
              g.label,
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
          );
        }
        case 'achievement': {
          const groups = await analyticsService.achievement(ctx, scope, breakdown);
          return sendCsv(
            res,
            name,
            ['key', 'label', 'employees', 'suppressed', 'indicators', 'average_achievement', 'met'],
            groups.map((g) => [g.key, g.label, g.employees, g.suppressed, g.indicators, g.averageAchievement, g.met]),
          );
        }
        default: {
          const groups = await analyticsService.responsiveness(ctx, scope, breakdown);
          return sendCsv(
            res,
            name,
            [
              'key',
              'label',
              'employees',
              'suppressed',
              'realizations',
              'realization_feedback_share',
              'median_hours_to_feedback',
              'activities',
              'activity_review_share',
              'median_hours_to_review',
            ],
            groups.map((g) => [
              g.key,
              g.label,
              g.employees,
              g.suppressed,
              g.realizations,
              g.realizationFeedbackShare,
              g.medianHoursToFeedback,
              g.activities,
              g.activityReviewShare,
              g.medianHoursToReview,
            ]),
          );
        }
      }
    } catch (error) {
      next(error);
    }
  });

  router.get('/appraisal-results.csv', async (req, res, next) => {
    try {
      const params = parameters(req);
      if (typeof params === 'string') return fail(res, 400, 'BAD_REQUEST', params);
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      const analytics = await resolveAnalytics(ctx, params);
      if (!analytics) return fail(res, 404, 'NOT_FOUND', 'No such unit or period that you may see results of.');
      if (analytics.mode === AnalyticsMode.AGGREGATES)
        return fail(res, 403, 'FORBIDDEN', 'Analysts get aggregates only: use the analytics exports.');
      return sendCsv(
        res,
        `appraisal-results-${analytics.period.year}-${analytics.unit.code}.csv`,
        [
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
        ],
        appraisalResults(ctx, analytics.scope),
      );
    } catch (error) {
      next(error);
    }
  });

  router.use(unauthenticatedAs401);
  return router;
}
