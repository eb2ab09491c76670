import { type GraphQLResolveInfo } from 'graphql';
import { type RequestContext } from '../../core/context/request-context';
import { plainSubfields } from '../../core/graphql/selection';
import { appraisalService } from '../appraisal/appraisal.service';
import { type Employee } from '../employee/employee.entity';
import { type Feedback, FeedbackTarget } from '../feedback/feedback.entity';
import { feedbackService } from '../feedback/feedback.service';
import { type Realization } from '../realization/realization.entity';
import { realizationService } from '../realization/realization.service';
import { type Indicator } from '../work-plan/indicator.entity';
import { PlanProgressCache } from './plan-progress-cache';
import { workPlanService } from '../work-plan/work-plan.service';

/** The fields a team page answers ahead of their resolvers, as `answerPrefetchedFields` takes them. */
export const TEAM_PREFETCHED_FIELDS = [
  ['Employee', 'currentAppraisal'],
  ['Appraisal', 'workResultPlans'],
  ['WorkResultPlan', 'indicators'],
  ['Indicator', 'latestRealization'],
  ['Realization', 'feedback'],
] as const;

const present = <T>(value: T | null): value is T => value !== null;

/**
 * The team dashboard (`docs/performance.md`, O1) asks, for each person on the page, for their current plan, its RHK
 * and indicators, each indicator's latest realization and its feedback. Their resolvers would answer item by
 * item, each through loaders and a policy call; this answers each level for the whole page at once, through
 * the same service methods (so the same statements and the same policy), as far down as the query selects
 * without arguments, and leaves the answers in `ctx.prefetched` for the resolvers to return as they are.
 */
export async function prefetchTeamPlans(ctx: RequestContext, employees: readonly Employee[], info: GraphQLResolveInfo): Promise<void> {
  const fragments = info.fragments;
  const nodes = [...plainSubfields(info.fieldNodes, fragments, 'nodes'), ...plainSubfields(plainSubfields(info.fieldNodes, fragments, 'edges'), fragments, 'node')];
  const planFields = plainSubfields(nodes, fragments, 'currentAppraisal');
  if (planFields.length === 0 || employees.length === 0) return;
  const plans = await appraisalService.openPlansOf(ctx, employees.map((e) => e.id));
  employees.forEach((employee, n) => ctx.prefetched.set(employee, 'currentAppraisal', plans[n]));

  const rhkFields = plainSubfields(planFields, fragments, 'workResultPlans');
  const readable = plans.filter(present);
  if (rhkFields.length === 0 || readable.length === 0) return;
  const contents = await workPlanService.contentOfMany(ctx, readable);
  readable.forEach((plan, n) => ctx.prefetched.set(plan, 'workResultPlans', contents[n]!.rhks));

  const indicatorFields = plainSubfields(rhkFields, fragments, 'indicators');
  if (indicatorFields.length === 0 || contents.every((c) => c.rhks.length === 0)) return;
  for (const content of contents) for (const rhk of content.rhks) ctx.prefetched.set(rhk, 'indicators', content.indicatorsOf.get(rhk.id)!);

  const latestFields = plainSubfields(indicatorFields, fragments, 'latestRealization');
  const indicatorsOfPlan = contents.map((c) => c.rhks.flatMap((rhk) => c.indicatorsOf.get(rhk.id)!));
  if (latestFields.length === 0 || indicatorsOfPlan.every((list) => list.length === 0)) return;
  const wantsFeedback = plainSubfields(latestFields, fragments, 'feedback').length > 0;
  const setLatest = (indicator: Indicator, realization: Realization | null, feedback: readonly Feedback[] | undefined) => {
    ctx.prefetched.set(indicator, 'latestRealization', realization);
    if (realization && feedback) ctx.prefetched.set(realization, 'feedback', feedback);
  };

  // Progress read before at the plan's current versions. These plans passed READ_APPRAISAL above, the very
  // check `latestOf` makes, and what it answers beyond that does not depend on who reads.
  const cache = ctx.inTransaction ? undefined : PlanProgressCache.of(ctx.db);
  const stale: number[] = [];
  readable.forEach((plan, n) => {
    const progress = cache?.get(plan);
    const indicators = indicatorsOfPlan[n]!;
    if (!progress || (wantsFeedback && !progress.feedbackOn) || !indicators.every((i) => progress.latestOf.has(i.id))) return void stale.push(n);
    for (const indicator of indicators) {
      const latest = progress.latestOf.get(indicator.id)!;
      setLatest(indicator, latest, latest ? progress.feedbackOn?.get(latest.id) : undefined);
    }
  });
  if (stale.length === 0) return;

  const indicators = stale.flatMap((n) => indicatorsOfPlan[n]!);
  // Read again even if this request read them before: what is kept must be as new as the versions just read.
  const latest = await realizationService.latestOfMany(ctx, indicators, { fresh: cache !== undefined });
  const realizations = latest.filter(present);
  const feedback = wantsFeedback && realizations.length > 0 ? await feedbackService.onMany(ctx, FeedbackTarget.REALIZATION, realizations.map((r) => r.id), { fresh: cache !== undefined }) : [];
  const feedbackOn = new Map(realizations.map((r, n) => [r.id, feedback[n] ?? []]));
  let next = 0;
  for (const n of stale) {
    const latestOf = new Map<number, Realization | null>();
    for (const indicator of indicatorsOfPlan[n]!) {
      const realization = latest[next++]!;
      latestOf.set(indicator.id, realization);
      setLatest(indicator, realization, wantsFeedback && realization ? feedbackOn.get(realization.id) : undefined);
    }
    const planFeedback = wantsFeedback ? new Map([...latestOf.values()].filter(present).map((r) => [r.id, feedbackOn.get(r.id)!])) : undefined;
    cache?.set(readable[n]!, latestOf, planFeedback);
  }
}
