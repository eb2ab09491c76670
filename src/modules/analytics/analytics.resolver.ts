import { aggregateFloor } from '../../core/config/config';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { badUserInput } from '../../core/errors/app-error';
import { MAX_PAGE_SIZE } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { FieldCost } from '../../core/graphql/field-cost';
import { ListSize } from '../../core/graphql/list-size';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Appraisal } from '../appraisal/appraisal.entity';
import { appraisalService } from '../appraisal/appraisal.service';
import { UnitCompetencyGap } from '../competency/competency.types';
import { talentService } from '../competency/talent.service';
import { PerformancePeriod } from '../period/performance-period.entity';
import { PeriodStatus } from '../period/period-enums';
import { periodService } from '../period/period.service';
import { Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { WorkResultPlan } from '../work-plan/work-result-plan.entity';
import { workPlanService } from '../work-plan/work-plan.service';
import { AnalyticsMode, analyticsModeFor, Breakdown } from './analytics-scope';
import { analyticsService } from './analytics.service';
import {
  AchievementGroup,
  Analytics,
  CascadeAchievement,
  CascadeRow,
  CompletionGroup,
  DistributionGroup,
  ResponsivenessGroup,
  TrendPoint,
} from './analytics.types';

/** Resolves the unit, period and caller's view behind `analytics` and the CSV exports; null when nothing may be seen. */
export async function resolveAnalytics(
  ctx: RequestContext,
  args: { unitId: string; periodId: string; includeSubunits: boolean; breakdown: Breakdown },
): Promise<Analytics | null> {
  const uid = idOfType(args.unitId, Unit.typeName);
  const pid = idOfType(args.periodId, PerformancePeriod.typeName);
  const [unit] = uid === null ? [null] : await unitService.getMany(ctx, [uid]);
  const [period] = pid === null ? [null] : await periodService.getMany(ctx, [pid]);
  if (!unit || !period) return null;
  const mode = await analyticsModeFor(ctx, unit.rowId);
  if (mode === null) return null;
  const floor = aggregateFloor(ctx.settings);
  return {
    unit,
    period,
    mode,
    withheldUntilClosed: mode === AnalyticsMode.AGGREGATES && period.status !== PeriodStatus.CLOSED,
    breakdown: args.breakdown,
    floor,
    scope: {
      mode,
      unitId: unit.rowId,
      includeSubunits: args.includeSubunits,
      periodId: period.rowId,
      year: period.year,
      belowEmployeeId: mode === AnalyticsMode.SUPERVISOR ? ctx.actor.employeeId : undefined,
      hrScopeUnitId: mode === AnalyticsMode.HR ? ctx.actor.hrScopeUnitId : null,
      floor,
    },
  };
}

/**
 * Each aggregate's weight in the query cost estimate (`@FieldCost`): proportional to the time it took over a whole
 * seeded region of 5,000 employees (`npm run seed -- --employees 5000`, the slower of SQLite and MariaDB), at a
 * scale where a dashboard's `analytics` with every aggregate stays under half the per-operation cost limit (as every
 * frontend operation does) and three in one operation do not fit. The estimate cannot see how large the asked
 * subtree is, so it prices the region-wide case.
 */
export const ANALYTICS_FIELD_COST = {
  distribution: 100,
  completion: 100,
  overdue: 100,
  achievement: 3_000,
  cascade: 100,
  responsiveness: 25_000,
  competencyGaps: 5_500,
  // The seeded region has one year of ratings; a trend reads up to eleven (three by default).
  trend: 300,
} as const;

@Resolver(() => Analytics)
export class AnalyticsResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => Analytics, {
    nullable: true,
    description:
      'Aggregates for a period over a unit subtree, computed in SQL: HR admins in scope see everything, analysts aggregates only (groups under the floor withheld), other employees the people below them. Null for callers who get no analytics.',
  })
  analytics(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID, { description: 'The unit.' }) unitId: string,
    @Arg('periodId', () => ID, { description: 'The period (year).' }) periodId: string,
    @Arg('includeSubunits', { defaultValue: true, description: 'Include the sub-units (default).' })
    includeSubunits: boolean,
    @Arg('breakdown', () => Breakdown, { defaultValue: Breakdown.UNIT, description: 'How to group (default by unit).' })
    breakdown: Breakdown,
  ): Promise<Analytics | null> {
    return resolveAnalytics(ctx, { unitId, periodId, includeSubunits, breakdown });
  }

  @FieldResolver(() => Unit, { description: 'The unit.' })
  unit(@Root() a: Analytics): Unit {
    return a.unit;
  }

  @FieldResolver(() => PerformancePeriod, { description: 'The period.' })
  period(@Root() a: Analytics): PerformancePeriod {
    return a.period;
  }

  @FieldCost(ANALYTICS_FIELD_COST.distribution)
  @ListSize(50)
  @FieldResolver(() => [DistributionGroup], {
    description: 'Predikat distribution per group, with the units out of their curve (unit breakdown).',
  })
  distribution(@Ctx() ctx: RequestContext, @Root() a: Analytics): Promise<DistributionGroup[]> {
    return analyticsService.distribution(ctx, a.scope, a.breakdown);
  }

  @FieldCost(ANALYTICS_FIELD_COST.completion)
  @ListSize(50)
  @FieldResolver(() => [CompletionGroup], {
    description: 'Workflow completion per group and who is late against the period’s deadlines.',
  })
  completion(@Ctx() ctx: RequestContext, @Root() a: Analytics): Promise<CompletionGroup[]> {
    return analyticsService.completion(ctx, a.scope, a.breakdown);
  }

  @FieldCost(ANALYTICS_FIELD_COST.overdue)
  @ListSize(MAX_PAGE_SIZE)
  @FieldResolver(() => [Appraisal], {
    description: `The overdue plans themselves (not for analysts), at most ${MAX_PAGE_SIZE}.`,
  })
  async overdue(
    @Ctx() ctx: RequestContext,
    @Root() a: Analytics,
    @Arg('first', () => Int, { defaultValue: 20, description: `How many, at most ${MAX_PAGE_SIZE}.` }) first: number,
  ): Promise<Appraisal[]> {
    if (first < 0 || first > MAX_PAGE_SIZE)
      throw badUserInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}.`, { argument: 'first' });
    const ids = await analyticsService.overdue(ctx, a.scope, first);
    return (await appraisalService.getMany(ctx, ids)).filter((p): p is Appraisal => p !== null);
  }

  @FieldCost(ANALYTICS_FIELD_COST.achievement)
  @ListSize(50)
  @FieldResolver(() => [AchievementGroup], {
    description: 'Indicator achievement (realization against target) per group.',
  })
  achievement(@Ctx() ctx: RequestContext, @Root() a: Analytics): Promise<AchievementGroup[]> {
    return analyticsService.achievement(ctx, a.scope, a.breakdown);
  }

  @FieldCost(ANALYTICS_FIELD_COST.cascade)
  @FieldResolver(() => CascadeAchievement, { description: 'The indicators cascaded from one RHK, rolled up under it.' })
  cascade(
    @Ctx() ctx: RequestContext,
    @Root() a: Analytics,
    @Arg('workResultPlanId', () => ID, { description: 'The RHK at the top.' }) workResultPlanId: string,
  ): Promise<CascadeAchievement> {
    return analyticsService.cascade(ctx, a.scope, idOfType(workResultPlanId, WorkResultPlan.typeName) ?? -1);
  }

  @FieldCost(ANALYTICS_FIELD_COST.responsiveness)
  @ListSize(50)
  @FieldResolver(() => [ResponsivenessGroup], {
    description: 'Feedback responsiveness per group: shares answered and the median hours to an answer.',
  })
  responsiveness(@Ctx() ctx: RequestContext, @Root() a: Analytics): Promise<ResponsivenessGroup[]> {
    return analyticsService.responsiveness(ctx, a.scope, a.breakdown);
  }

  @FieldCost(ANALYTICS_FIELD_COST.competencyGaps)
  @ListSize(30)
  @FieldResolver(() => [UnitCompetencyGap], {
    nullable: true,
    description: 'Competency gaps by competency over the unit subtree (as `Unit.competencyGaps`).',
  })
  competencyGaps(@Ctx() ctx: RequestContext, @Root() a: Analytics): Promise<UnitCompetencyGap[] | null> {
    return talentService.unitGaps(ctx, a.unit, a.scope.includeSubunits);
  }

  @FieldCost(ANALYTICS_FIELD_COST.trend)
  @ListSize(26)
  @FieldResolver(() => [TrendPoint], {
    description:
      'The predikat spread per year and per month or quarter, over a range of years (default: the period’s year and the two before).',
  })
  trend(
    @Ctx() ctx: RequestContext,
    @Root() a: Analytics,
    @Arg('fromYear', () => Int, { nullable: true, description: 'First year (default: two before the period’s).' })
    fromYear?: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: 'Last year (default: the period’s).' })
    toYear?: number | null,
  ): Promise<TrendPoint[]> {
    const to = toYear ?? a.period.year;
    const from = fromYear ?? to - 2;
    if (to - from > 10 || to < from)
      throw badUserInput('Ask for a range of at most ten years, from before to.', { argument: 'fromYear' });
    return analyticsService.trend(ctx, a.scope, { from, to });
  }
}

@Resolver(() => CascadeRow)
export class CascadeRowResolver {
  @FieldResolver(() => WorkResultPlan, { nullable: true, description: 'The supporting RHK, if you may read it.' })
  async workResultPlan(@Ctx() ctx: RequestContext, @Root() row: CascadeRow): Promise<WorkResultPlan | null> {
    return (await workPlanService.getMany(ctx, [row.workResultPlanId]))[0] ?? null;
  }
}
