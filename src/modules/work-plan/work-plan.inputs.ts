import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { CoreValue } from './core-values';
import { IndicatorAspect, Perspective, WorkResultKind } from './work-plan-enums';

@InputType({ description: 'Adds an RHK to your plan (while it is DRAFT, RETURNED or REVISING).' })
export class AddWorkResultPlanInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  appraisalId!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => WorkResultKind, { description: 'Main or additional.' })
  kind!: WorkResultKind;

  @Field({ description: 'The planned result, at most 1,000 characters.' })
  text!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The appraiser’s RHK this one supports; required for a main RHK of staff (not JPT).',
  })
  supportsId?: string | null;
}

@InputType({
  description: 'Changes an RHK of your plan. Omitted fields stay as they are; supportsId null clears the link.',
})
export class UpdateWorkResultPlanInput {
  @Field(() => ID, { description: 'Global id of the RHK.' })
  id!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => WorkResultKind, { nullable: true, description: 'Main or additional.' })
  kind?: WorkResultKind | null;

  @Field(() => String, { nullable: true, description: 'The planned result.' })
  text?: string | null;

  @Field(() => Int, { nullable: true, description: 'New position among the plan’s RHK of the same kind, from 1.' })
  position?: number | null;

  @Field(() => ID, { nullable: true, description: 'The appraiser’s RHK it supports.' })
  supportsId?: string | null;
}

@InputType({ description: 'Removes something from your plan (with its indicators, for an RHK).' })
export class RemovePlanItemInput {
  @Field(() => ID, { description: 'Global id of the RHK or indicator.' })
  id!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;
}

@InputType({ description: 'Adds an indicator (IKI) to an RHK of your plan.' })
export class AddIndicatorInput {
  @Field(() => ID, { description: 'Global id of the RHK.' })
  workResultPlanId!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field({ description: 'The indicator, at most 1,000 characters.' })
  text!: string;

  @Field(() => IndicatorAspect, { nullable: true, description: 'Required in a quantitative plan.' })
  aspect?: IndicatorAspect | null;

  @Field(() => Float, { nullable: true, description: 'Numeric target, ≥ 0; required in a quantitative plan.' })
  targetValue?: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the numeric target, e.g. "%".' })
  targetUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'Target statement; required in a qualitative plan.' })
  targetText?: string | null;

  @Field(() => Perspective, { nullable: true, description: 'Required on a JPT plan, not allowed on others.' })
  perspective?: Perspective | null;
}

@InputType({
  description: 'Changes an indicator of your plan. Omitted fields stay as they are; null clears an optional one.',
})
export class UpdateIndicatorInput {
  @Field(() => ID, { description: 'Global id of the indicator.' })
  id!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'The indicator.' })
  text?: string | null;

  @Field(() => IndicatorAspect, { nullable: true, description: 'Aspect.' })
  aspect?: IndicatorAspect | null;

  @Field(() => Float, { nullable: true, description: 'Numeric target.' })
  targetValue?: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the numeric target.' })
  targetUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'Target statement.' })
  targetText?: string | null;

  @Field(() => Perspective, { nullable: true, description: 'Perspective (JPT).' })
  perspective?: Perspective | null;
}

@InputType({
  description:
    'Writes (or clears, with null) the appraiser’s specific expectation for one core value (ekspektasi khusus pimpinan).',
})
export class SetBehaviorExpectationInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  appraisalId!: string;

  @Field(() => Int, { description: 'The plan’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => CoreValue, { description: 'The core value.' })
  coreValue!: CoreValue;

  @Field(() => String, { nullable: true, description: 'The expectation, at most 2,000 characters; null clears it.' })
  expectation?: string | null;
}

@InputType({ description: 'Removes an RHK (with its indicators) from your plan.' })
export class RemoveWorkResultPlanInput extends RemovePlanItemInput {}

@InputType({ description: 'Removes an indicator from your plan.' })
export class RemoveIndicatorInput extends RemovePlanItemInput {}
