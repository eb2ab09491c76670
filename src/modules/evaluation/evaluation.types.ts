import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../core/errors/user-error';
import { Appraisal } from '../appraisal/appraisal.entity';
import { CoreValue } from '../work-plan/core-values';
import { ExpectationRating, OrganisationRating, Predikat } from './evaluation-enums';
import { Evaluation } from './evaluation.entity';
import { Objection } from './objection.entity';
import { UnitRating } from './unit-rating.entity';

@ObjectType({ description: 'What the appraiser said of one core value in an evaluation.' })
export class BehaviorAssessmentView {
  @Field(() => CoreValue, { description: 'The core value.' })
  coreValue!: CoreValue;

  @Field({ description: 'Its name.' })
  label!: string;

  @Field(() => ExpectationRating, { nullable: true, description: 'The rating on this value, if given.' })
  rating!: ExpectationRating | null;

  @Field(() => String, { nullable: true, description: 'Feedback on this value.' })
  feedback!: string | null;
}

@ObjectType({ description: 'How many of a unit’s employees got one predikat.' })
export class PredikatCount {
  @Field(() => Predikat, { description: 'The predikat.' })
  predikat!: Predikat;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'A bound of the distribution curve that a unit’s predikat break.' })
export class CurveViolationView {
  @Field({ description: 'The bound in the request’s language, e.g. "BAIK at most 70%" ("BAIK paling banyak 70%").' })
  rule!: string;

  @Field(() => Int, { description: 'How many employees fall in the bound’s predikat.' })
  count!: number;

  @Field(() => Int, { description: 'Of how many rated.' })
  total!: number;
}

@ObjectType({ description: 'A unit’s annual ratings for a period against its distribution curve.' })
export class UnitEvaluationSummary {
  @Field(() => OrganisationRating, { nullable: true, description: 'The unit’s own rating, if set.' })
  rating!: OrganisationRating | null;

  @Field(() => [PredikatCount], { description: 'Employees per predikat.' })
  counts!: PredikatCount[];

  @Field(() => Int, { description: 'Plans still without an annual rating.' })
  pending!: number;

  @Field(() => [CurveViolationView], { description: 'Where the spread breaks the curve the unit’s rating allows.' })
  violations!: CurveViolationView[];
}

@ObjectType({ description: 'Result of ratePeriod.' })
export class RatePeriodPayload {
  @Field(() => Appraisal, { nullable: true, description: 'The plan, with its new version.' })
  appraisal?: Appraisal | null;

  @Field(() => Evaluation, { nullable: true, description: 'The evaluation as recorded.' })
  evaluation?: Evaluation | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of rateYear.' })
export class RateYearPayload {
  @Field(() => Appraisal, { nullable: true, description: 'The plan (EVALUATED), with its new version.' })
  appraisal?: Appraisal | null;

  @Field(() => Evaluation, { nullable: true, description: 'The annual evaluation as recorded.' })
  evaluation?: Evaluation | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of setUnitRating.' })
export class SetUnitRatingPayload {
  @Field(() => UnitRating, { nullable: true, description: 'The unit’s rating as set.' })
  unitRating?: UnitRating | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of finalizeUnitEvaluations.' })
export class FinalizeUnitEvaluationsPayload {
  @Field(() => UnitRating, { nullable: true, description: 'The unit’s rating, now finalized.' })
  unitRating?: UnitRating | null;

  @Field(() => Int, { nullable: true, description: 'Plans whose rating was delivered (FINAL).' })
  finalized?: number | null;

  @Field(() => Int, { nullable: true, description: 'Plans still without an annual rating, left as they are.' })
  pending?: number | null;

  @Field(() => [CurveViolationView], {
    nullable: true,
    description: 'Where the spread breaks the curve (warnings, or overridden with a justification).',
  })
  violations?: CurveViolationView[] | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of fileObjection.' })
export class FileObjectionPayload {
  @Field(() => Objection, { nullable: true, description: 'The objection filed.' })
  objection?: Objection | null;

  @Field(() => Appraisal, { nullable: true, description: 'The plan, with its new version.' })
  appraisal?: Appraisal | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of decideObjection.' })
export class DecideObjectionPayload {
  @Field(() => Objection, { nullable: true, description: 'The objection, decided.' })
  objection?: Objection | null;

  @Field(() => Appraisal, { nullable: true, description: 'The plan, showing the decided rating.' })
  appraisal?: Appraisal | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}
