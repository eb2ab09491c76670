import { Field, ID, InputType, Int } from 'type-graphql';
import { CoreValue } from '../work-plan/core-values';
import { ExpectationRating, OrganisationRating } from './evaluation-enums';

@InputType({ description: 'The appraiser’s feedback (and optional rating) on one core value.' })
export class BehaviorAssessmentInput {
  @Field(() => CoreValue, { description: 'The core value.' })
  coreValue!: CoreValue;

  @Field(() => ExpectationRating, { nullable: true, description: 'How the employee did on this value (optional).' })
  rating?: ExpectationRating | null;

  @Field(() => String, { nullable: true, description: 'Feedback on this value, at most 2,000 characters.' })
  feedback?: string | null;
}

@InputType({
  description: 'Rates one month or quarter of a plan you appraise (evaluasi periodik), after it has ended.',
})
export class RatePeriodInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  appraisalId!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => Int, { description: 'The month (1–12) or quarter (1–4).' })
  subPeriod!: number;

  @Field(() => ExpectationRating, { description: 'Rating of the work results.' })
  resultRating!: ExpectationRating;

  @Field(() => String, { nullable: true, description: 'Why, at most 4,000 characters.' })
  resultJustification?: string | null;

  @Field(() => ExpectationRating, { description: 'Overall rating of the work behaviour.' })
  behaviorRating!: ExpectationRating;

  @Field(() => [BehaviorAssessmentInput], { nullable: true, description: 'Feedback per core value.' })
  behaviors?: BehaviorAssessmentInput[] | null;
}

@InputType({
  description:
    'Rates the year of a plan you appraise (penilaian tahunan); it can be re-rated until HR finalizes the unit.',
})
export class RateYearInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  appraisalId!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => ExpectationRating, {
    nullable: true,
    description:
      'Rating of the work results; for the head of a unit it follows the unit’s own rating and may be omitted.',
  })
  resultRating?: ExpectationRating | null;

  @Field(() => String, { nullable: true, description: 'Why, at most 4,000 characters.' })
  resultJustification?: string | null;

  @Field(() => ExpectationRating, { description: 'Overall rating of the work behaviour.' })
  behaviorRating!: ExpectationRating;

  @Field(() => [BehaviorAssessmentInput], { nullable: true, description: 'Feedback per core value.' })
  behaviors?: BehaviorAssessmentInput[] | null;
}

@InputType({ description: 'Sets a unit’s own rating for a year (HR admins in scope).' })
export class SetUnitRatingInput {
  @Field(() => ID, { description: 'Global id of the unit.' })
  unitId!: string;

  @Field(() => ID, { description: 'Global id of the period.' })
  periodId!: string;

  @Field(() => OrganisationRating, { description: 'The rating.' })
  rating!: OrganisationRating;

  @Field(() => Int, { nullable: true, description: 'The version you read, to change a rating already set.' })
  expectedVersion?: number | null;
}

@InputType({
  description:
    'Finalizes a unit’s annual ratings: checks them against the distribution curve, then delivers them to the employees (HR admins in scope).',
})
export class FinalizeUnitEvaluationsInput {
  @Field(() => ID, { description: 'Global id of the unit.' })
  unitId!: string;

  @Field(() => ID, { description: 'Global id of the period.' })
  periodId!: string;

  @Field({ defaultValue: true, description: 'Count and finalize the sub-units’ employees too (default).' })
  includeSubunits: boolean = true;

  @Field(() => String, { nullable: true, description: 'Why to finalize despite the curve (required when it blocks).' })
  overrideJustification?: string | null;
}

@InputType({
  description: 'Objects to your final annual rating (keberatan), within the window after it was delivered.',
})
export class FileObjectionInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  appraisalId!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field({ description: 'Your reasons, at most 4,000 characters.' })
  reason!: string;
}

@InputType({
  description:
    'Decides an objection (the appraiser’s supervisor): accept with the new ratings, or reject with a reason. Final.',
})
export class DecideObjectionInput {
  @Field(() => ID, { description: 'Global id of the objection.' })
  id!: string;

  @Field(() => Int, { description: 'The objection’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field({ description: 'True to accept (and change the rating), false to reject.' })
  accept!: boolean;

  @Field(() => ExpectationRating, { nullable: true, description: 'The decided result rating (accepting).' })
  resultRating?: ExpectationRating | null;

  @Field(() => ExpectationRating, { nullable: true, description: 'The decided behaviour rating (accepting).' })
  behaviorRating?: ExpectationRating | null;

  @Field({ description: 'Why, at most 4,000 characters.' })
  reason!: string;
}
