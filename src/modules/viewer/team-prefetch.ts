import { type GraphQLResolveInfo } from 'graphql';
import { type RequestContext } from '../../core/context/request-context';
import { plainSubfields } from '../../core/graphql/selection';
import { appraisalService } from '../appraisal/appraisal.service';
import { type Employee } from '../employee/employee.entity';
import { FeedbackTarget } from '../feedback/feedback.entity';
import { feedbackService } from '../feedback/feedback.service';
import { realizationService } from '../realization/realization.service';
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
 * The team dashboard (`performance.md`, O1) asks, for each person on the page, for their current plan, its RHK
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
  const rhkLists = await workPlanService.workResultPlansOfMany(ctx, readable);
  readable.forEach((plan, n) => ctx.prefetched.set(plan, 'workResultPlans', rhkLists[n]));

  const indicatorFields = plainSubfields(rhkFields, fragments, 'indicators');
  const rhks = rhkLists.flat();
  if (indicatorFields.length === 0 || rhks.length === 0) return;
  const indicatorLists = await workPlanService.indicatorsOfMany(ctx, rhks);
  rhks.forEach((rhk, n) => ctx.prefetched.set(rhk, 'indicators', indicatorLists[n]));

  const latestFields = plainSubfields(indicatorFields, fragments, 'latestRealization');
  const indicators = indicatorLists.flat();
  if (latestFields.length === 0 || indicators.length === 0) return;
  const latest = await realizationService.latestOfMany(ctx, indicators);
  indicators.forEach((indicator, n) => ctx.prefetched.set(indicator, 'latestRealization', latest[n]));

  const realizations = latest.filter(present);
  if (plainSubfields(latestFields, fragments, 'feedback').length === 0 || realizations.length === 0) return;
  const feedback = await feedbackService.onMany(ctx, FeedbackTarget.REALIZATION, realizations.map((r) => r.id));
  realizations.forEach((realization, n) => ctx.prefetched.set(realization, 'feedback', feedback[n]));
}
