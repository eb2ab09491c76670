import { type LoaderFactory } from '../../core/context/loader-registry';
import { PeekableLoader } from '../../core/context/peekable-loader';
import { Permission } from '../../core/policy/permission';
import { type Appraisal } from '../appraisal/appraisal.entity';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- primes the progress the process keeps for plans this batch answered, so that indicators answer without a promise (ADR 0002)
import { primeProgressFromCache } from '../realization/plan-progress.loaders';
import { type Indicator } from './indicator.entity';
import { type PlanContent, PlanContentCache, planContent } from './plan-content-cache';
import { primeRhk, readPlanContent, workResultPlansOf } from './work-plan.loaders';
import { type WorkResultPlan } from './work-result-plan.entity';

/**
 * Each plan's RHK (main first, then additional, each in order) if the caller may read the plan's content, else
 * none. By plan and version: a plan changed within the request is a new key. Content read before at the plan's
 * version comes from the cache of this process (`PlanContentCache`); the rest is read in one statement, kept
 * by version, and primed into the loaders of RHK and indicators, so that the fields below answer at once.
 * Outside a transaction only does it use the cache (a transaction sees its own writes).
 */
export const planContentOf: LoaderFactory<Appraisal, WorkResultPlan[]> = (ctx) =>
  new PeekableLoader(
    async (plans) => {
      const allowed = await ctx.policy.filter(Permission.READ_WORK_PLAN, plans);
      const cache = ctx.inTransaction ? undefined : PlanContentCache.of(ctx.db);
      const contents = new Map<Appraisal, PlanContent>();
      const missed: Appraisal[] = [];
      for (const plan of allowed) {
        if (!plan) continue;
        const content = cache?.get(plan);
        if (content) contents.set(plan, content);
        else missed.push(plan);
      }
      if (missed.length > 0) {
        const read = await readPlanContent(
          ctx,
          missed.map((plan) => plan.rowId),
        );
        missed.forEach((plan, n) => {
          const rhks = read[n]!.map((c) => c.rhk);
          const indicators = read[n]!.map((c) => c.indicators);
          contents.set(plan, cache ? cache.set(plan, rhks, indicators) : planContent(rhks, indicators));
        });
      }
      const byPlan = ctx.loaders.get(workResultPlansOf);
      for (const [plan, content] of contents) {
        byPlan.clear(plan.rowId).prime(plan.rowId, content.rhks as WorkResultPlan[]);
        for (const rhk of content.rhks) primeRhk(ctx, rhk, content.indicatorsOf.get(rhk.rowId) as Indicator[]);
      }
      await primeProgressFromCache(ctx, contents);
      return plans.map((plan) => (contents.get(plan)?.rhks as WorkResultPlan[] | undefined) ?? []);
    },
    { cacheKeyFn: (plan) => `${plan.rowId}:${plan.version}` },
  );
