import { type LoaderFactory } from '../../core/context/loader-registry';
import { PeekableLoader } from '../../core/context/peekable-loader';
import { type RequestContext } from '../../core/context/request-context';
import { placeholders, RawEntities } from '../../core/database/raw-entities';
import { Permission } from '../../core/policy/permission';
import { distinct } from '../../core/util/distinct';
import { type Appraisal } from '../appraisal/appraisal.entity';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the plans of the indicators in the batch, whose READ_APPRAISAL the batch applies itself (ADR 0002)
import { appraisalById } from '../appraisal/appraisal.loaders';
import { Feedback, FeedbackTarget } from '../feedback/feedback.entity';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- primes the caller-filtered feedback read in the same statement as the realizations (ADR 0002)
import { readableFeedback, readableFeedbackOnRealization } from '../feedback/feedback.loaders';
import { type Indicator } from '../work-plan/indicator.entity';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the RHK of the indicators in the batch, to find their plans; nothing of it is answered to the caller
import { workResultPlanById } from '../work-plan/work-plan.loaders';
import { PlanProgressCache } from './plan-progress-cache';
import { Realization } from './realization.entity';
import { realizationById } from './realization.loaders';

/**
 * Each indicator's latest realization (the highest sub-period) if the caller may read its plan (READ_APPRAISAL;
 * readers of the content alone see null). Progress read before at the plan's current stamp comes from the cache
 * of this process (`PlanProgressCache`); the rest is read in one statement with the feedback on it, kept by
 * stamp, and what the caller may read of that feedback is primed for `Realization.feedback`. Outside a
 * transaction only does it use the cache.
 */
export const latestRealizationShown: LoaderFactory<Indicator, Realization | null> = (ctx) =>
  new PeekableLoader(
    async (indicators) => {
      const rhks = (
        await ctx.loaders.peekOrLoadMany(workResultPlanById, distinct(indicators.map((i) => i.workResultPlanId)))
      ).filter((r) => r !== null);
      const plans = await ctx.loaders.peekOrLoadMany(appraisalById, distinct(rhks.map((r) => r.appraisalId)));
      const readable = new Map(
        (await ctx.policy.filter(Permission.READ_APPRAISAL, plans)).filter((p) => p !== null).map((p) => [p.rowId, p]),
      );
      const planOfRhk = new Map(
        rhks.filter((r) => readable.has(r.appraisalId)).map((r) => [r.rowId, readable.get(r.appraisalId)!]),
      );
      const cache = ctx.inTransaction ? undefined : PlanProgressCache.of(ctx.db);

      const latest = new Map<number, Realization | null>();
      const feedbackOn = new Map<number, readonly Feedback[]>();
      const missed: Indicator[] = [];
      for (const indicator of indicators) {
        const plan = planOfRhk.get(indicator.workResultPlanId);
        if (!plan) continue;
        const kept = cache?.get(plan);
        if (!kept?.latestOf.has(indicator.rowId)) {
          missed.push(indicator);
          continue;
        }
        const realization = kept.latestOf.get(indicator.rowId)!;
        latest.set(indicator.rowId, realization);
        if (realization) feedbackOn.set(realization.rowId, kept.feedbackOn.get(realization.rowId)!);
      }
      if (missed.length > 0) {
        const read = await readProgress(
          ctx,
          missed.map((i) => i.rowId),
        );
        const byPlan = new Map<
          Appraisal,
          { latestOf: Map<number, Realization | null>; feedbackOn: Map<number, readonly Feedback[]> }
        >();
        for (const indicator of missed) {
          const plan = planOfRhk.get(indicator.workResultPlanId)!;
          let part = byPlan.get(plan);
          if (!part) byPlan.set(plan, (part = { latestOf: new Map(), feedbackOn: new Map() }));
          const realization = read.latestOf.get(indicator.rowId) ?? null;
          latest.set(indicator.rowId, realization);
          part.latestOf.set(indicator.rowId, realization);
          if (realization) {
            const feedback = read.feedbackOn.get(realization.rowId) ?? [];
            feedbackOn.set(realization.rowId, feedback);
            part.feedbackOn.set(realization.rowId, feedback);
          }
        }
        if (cache) for (const [plan, part] of byPlan) cache.add(plan, part.latestOf, part.feedbackOn);
      }
      await primeFeedback(ctx, feedbackOn);
      const byId = ctx.loaders.get(realizationById);
      for (const realization of latest.values()) if (realization) byId.prime(realization.rowId, realization);
      return indicators.map((i) => latest.get(i.rowId) ?? null);
    },
    { cacheKeyFn: (indicator) => indicator.rowId },
  );

/**
 * Primes the latest realizations of the indicators of plans whose progress this process keeps at their current
 * stamp, for readers of those plans: the plan content batch calls it with what it just served, so that a
 * dashboard's indicators answer `latestRealization` and its `feedback` without a promise each. Reads nothing.
 */
export async function primeProgressFromCache(
  ctx: RequestContext,
  contents: ReadonlyMap<Appraisal, { indicatorsOf: ReadonlyMap<number, readonly Indicator[]> }>,
): Promise<void> {
  if (ctx.inTransaction || contents.size === 0) return;
  const cache = PlanProgressCache.of(ctx.db);
  const kept = [...contents.keys()].filter((plan) => cache.get(plan) !== undefined);
  if (kept.length === 0) return;
  const readable = (await ctx.policy.filter(Permission.READ_APPRAISAL, kept)).filter((p) => p !== null);
  const latestLoader = ctx.loaders.get(latestRealizationShown);
  const feedbackOn = new Map<number, readonly Feedback[]>();
  for (const plan of readable) {
    const progress = cache.get(plan)!;
    for (const indicators of contents.get(plan)!.indicatorsOf.values()) {
      for (const indicator of indicators) {
        if (!progress.latestOf.has(indicator.rowId)) continue;
        const realization = progress.latestOf.get(indicator.rowId)!;
        latestLoader.prime(indicator, realization);
        if (realization) feedbackOn.set(realization.rowId, progress.feedbackOn.get(realization.rowId)!);
      }
    }
  }
  await primeFeedback(ctx, feedbackOn);
}

/** Primes what the caller may read of the feedback on each realization (one policy pass). */
async function primeFeedback(ctx: RequestContext, feedbackOn: ReadonlyMap<number, readonly Feedback[]>): Promise<void> {
  if (feedbackOn.size === 0) return;
  const shown = await readableFeedback(ctx, [...feedbackOn.values()]);
  const loader = ctx.loaders.get(readableFeedbackOnRealization);
  let n = 0;
  for (const realizationId of feedbackOn.keys()) loader.prime(realizationId, shown[n++]!);
}

/** The latest realization of each indicator and the feedback on it, oldest first, in one statement. */
async function readProgress(
  ctx: RequestContext,
  indicatorIds: readonly number[],
): Promise<{ latestOf: Map<number, Realization>; feedbackOn: Map<number, Feedback[]> }> {
  const r = RawEntities.of(ctx.em, Realization, 'r');
  const f = RawEntities.of(ctx.em, Feedback, 'f');
  const rows: Array<Record<string, unknown>> = await ctx.em.query(
    `SELECT ${r.select()}, ${f.select()} FROM ${r.from()}
       JOIN (SELECT x.indicator_id AS iid, MAX(x.sub_period) AS sp FROM realization x WHERE x.indicator_id IN (${placeholders(indicatorIds)}) GROUP BY x.indicator_id) latest
         ON latest.iid = r.indicator_id AND latest.sp = r.sub_period
       LEFT JOIN ${f.from()} ON f.target_kind = ? AND f.target_id = r.id
     ORDER BY r.id ASC, f.id ASC`,
    [...indicatorIds, FeedbackTarget.REALIZATION],
  );
  const latestOf = new Map<number, Realization>();
  const feedbackOn = new Map<number, Feedback[]>();
  let realization: Realization | undefined;
  for (const row of rows) {
    if (realization?.rowId !== Number(row[r.primaryAlias])) {
      realization = r.entity(row)!;
      latestOf.set(realization.indicatorId, realization);
      feedbackOn.set(realization.rowId, []);
    }
    const feedback = f.entity(row);
    if (feedback) feedbackOn.get(realization.rowId)!.push(feedback);
  }
  return { latestOf, feedbackOn };
}
