import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationRating, Predikat } from '../evaluation/evaluation-enums';
import { CurveViolationView } from '../evaluation/evaluation.types';
import { type PerformancePeriod } from '../period/performance-period.entity';
import { type Unit } from '../unit/unit.entity';
import { AnalyticsMode, type AnalyticsScope, Breakdown } from './analytics-scope';

registerEnumType(AnalyticsMode, {
  name: 'AnalyticsMode',
  description: 'How you see analytics.',
  valuesConfig: {
    HR: { description: 'HR admin whose scope covers the unit: every figure.' },
    AGGREGATES: {
      description:
        'Analyst (a client token with the ANALYST role and no HR role): aggregates of closed years only, each a sum over whole reporting cells of at least `floor` people.',
    },
    SUPERVISOR: { description: 'Only the people below you in the supervisor tree.' },
  },
});
registerEnumType(Breakdown, {
  name: 'AnalyticsBreakdown',
  description: 'How figures are grouped.',
  valuesConfig: {
    UNIT: { description: 'By the plan’s unit.' },
    POSITION_KIND: { description: 'By kind of position (JPT, administrator, …).' },
    GRADE: { description: 'By rank or grade (golongan).' },
  },
});

@ObjectType({ description: 'One predikat’s count and share in a group.' })
export class PredikatShare {
  @Field(() => Predikat, { description: 'The predikat.' })
  predikat!: Predikat;

  @Field(() => Int, { nullable: true, description: 'How many (null when withheld).' })
  count!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of the rated, 0–1 (null when withheld or none rated).' })
  share!: number | null;
}

@ObjectType({ description: 'The predikat distribution of one group.' })
export class DistributionGroup {
  @Field({ description: 'The group: a unit’s global id, a position kind or a grade.' })
  key!: string;

  @Field({ description: 'A readable name of the group.' })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The unit’s code in the unit breakdown (beside `key`, its global id); null in the other breakdowns.',
  })
  unitCode!: string | null;

  @Field(() => Int, { description: 'Employees (plans) in the group.' })
  employees!: number;

  @Field({
    description: 'Always false: figures are never withheld group by group any more.',
    deprecationReason:
      'Analysts get sums over whole reporting cells; a cell under the floor is left out of every figure.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Not rated yet (null when withheld).' })
  pending!: number | null;

  @Field(() => [PredikatShare], { description: 'Each predikat, SANGAT_BAIK first.' })
  counts!: PredikatShare[];

  @Field(() => OrganisationRating, { nullable: true, description: 'The unit’s own rating (unit breakdown).' })
  unitRating!: OrganisationRating | null;

  @Field(() => [CurveViolationView], {
    description: 'Where the spread breaks the curve the unit’s rating allows (unit breakdown; empty when withheld).',
  })
  violations!: CurveViolationView[];
}

@ObjectType({ description: 'Where the plans of one group stand in the workflow, and who is late.' })
export class CompletionGroup {
  @Field({ description: 'The group key.' })
  key!: string;

  @Field({ description: 'A readable name of the group.' })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The unit’s code in the unit breakdown (beside `key`, its global id); null in the other breakdowns.',
  })
  unitCode!: string | null;

  @Field(() => Int, { description: 'Plans in the group.' })
  employees!: number;

  @Field({
    description: 'Always false: figures are never withheld group by group any more.',
    deprecationReason:
      'Analysts get sums over whole reporting cells; a cell under the floor is left out of every figure.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Draft.' })
  draft!: number | null;

  @Field(() => Int, { nullable: true, description: 'Submitted, waiting for the appraiser.' })
  submitted!: number | null;

  @Field(() => Int, { nullable: true, description: 'Returned to the employee.' })
  returned!: number | null;

  @Field(() => Int, { nullable: true, description: 'Approved.' })
  approved!: number | null;

  @Field(() => Int, { nullable: true, description: 'Reopened for revision.' })
  revising!: number | null;

  @Field(() => Int, { nullable: true, description: 'Rated for the year.' })
  evaluated!: number | null;

  @Field(() => Int, { nullable: true, description: 'Final (delivered).' })
  final!: number | null;

  @Field(() => Int, { nullable: true, description: 'Not approved although the planning deadline has passed.' })
  planningOverdue!: number | null;

  @Field(() => Int, { nullable: true, description: 'Not rated although the annual evaluation deadline has passed.' })
  evaluationOverdue!: number | null;
}

@ObjectType({ description: 'Realization against target over the indicators of one group.' })
export class AchievementGroup {
  @Field({ description: 'The group key.' })
  key!: string;

  @Field({ description: 'A readable name of the group.' })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The unit’s code in the unit breakdown (beside `key`, its global id); null in the other breakdowns.',
  })
  unitCode!: string | null;

  @Field(() => Int, { description: 'Employees with a measured indicator.' })
  employees!: number;

  @Field({
    description: 'Always false: figures are never withheld group by group any more.',
    deprecationReason:
      'Analysts get sums over whole reporting cells; a cell under the floor is left out of every figure.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Indicators measured (a numeric target and at least one value).' })
  indicators!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean achievement: a rate’s latest value, or a count’s sum, over its target (1 = 100%).',
  })
  averageAchievement!: number | null;

  @Field(() => Int, { nullable: true, description: 'Indicators at or above target.' })
  met!: number | null;
}

@ObjectType({
  description: 'How quickly supervisors answer realizations (feedback) and daily logs (review) in one group.',
})
export class ResponsivenessGroup {
  @Field({ description: 'The group key.' })
  key!: string;

  @Field({ description: 'A readable name of the group.' })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The unit’s code in the unit breakdown (beside `key`, its global id); null in the other breakdowns.',
  })
  unitCode!: string | null;

  @Field(() => Int, { description: 'Employees in the group.' })
  employees!: number;

  @Field({
    description: 'Always false: figures are never withheld group by group any more.',
    deprecationReason:
      'Analysts get sums over whole reporting cells; a cell under the floor is left out of every figure.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Realizations recorded.' })
  realizations!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of them with feedback, 0–1.' })
  realizationFeedbackShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from a realization to its first feedback.' })
  medianHoursToFeedback!: number | null;

  @Field(() => Int, { nullable: true, description: 'Daily-log entries recorded.' })
  activities!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of them acknowledged or returned, 0–1.' })
  activityReviewShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from an entry to its review.' })
  medianHoursToReview!: number | null;
}

@ObjectType({ description: 'The predikat spread of one year (or one of its months or quarters).' })
export class TrendPoint {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The month or quarter (periodic evaluations); null for the annual rating.',
  })
  subPeriod!: number | null;

  @Field(() => Int, { description: 'Ratings given.' })
  rated!: number;

  @Field({
    description: 'Always false: figures are never withheld point by point any more.',
    deprecationReason:
      'Analysts get sums over whole reporting cells; a cell under the floor is left out of every figure.',
  })
  suppressed!: boolean;

  @Field(() => [PredikatShare], { description: 'Each predikat, SANGAT_BAIK first.' })
  counts!: PredikatShare[];
}

@ObjectType({ description: 'Achievement of the RHK that support one RHK (the cascade), one row each.' })
export class CascadeRow {
  workResultPlanId!: number;

  @Field(() => Int, { nullable: true, description: 'Indicators measured.' })
  indicators!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean achievement of their indicators (1 = 100%).' })
  averageAchievement!: number | null;
}

@ObjectType({ description: 'The indicators cascaded from one RHK, rolled up under it.' })
export class CascadeAchievement {
  @Field(() => Int, { description: 'Indicators measured under it, all supporting RHK together.' })
  indicators!: number;

  @Field(() => Float, { nullable: true, description: 'Their mean achievement.' })
  averageAchievement!: number | null;

  @Field(() => [CascadeRow], {
    description: 'Per supporting RHK (empty for aggregates-only callers: each belongs to one person).',
  })
  rows!: CascadeRow[];

  @Field({
    description:
      'Withheld whole from aggregates-only callers: the people behind one RHK cut across the reporting cells.',
  })
  suppressed!: boolean;
}

@ObjectType({
  description: 'Aggregates over a unit subtree for a period, computed in SQL and cut to what you may see.',
})
export class Analytics {
  scope!: AnalyticsScope;
  unit!: Unit;
  period!: PerformancePeriod;

  @Field(() => AnalyticsMode, { description: 'How you see these figures.' })
  mode!: AnalyticsMode;

  @Field(() => Breakdown, { description: 'How groups are formed.' })
  breakdown!: Breakdown;

  @Field(() => Int, {
    description:
      'For aggregates-only callers: every reporting cell holds at least this many plans, and a cell with fewer people behind a figure is left out of it.',
  })
  floor!: number;

  @Field({
    description:
      'True when you see aggregates only and the year is not closed: analysts get a year’s figures once it is closed (a live figure would show each person’s change from one day to the next), and until then every list is empty.',
  })
  withheldUntilClosed!: boolean;
}
