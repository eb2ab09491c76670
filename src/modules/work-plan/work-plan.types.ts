import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../core/errors/user-error';
import { Appraisal } from '../appraisal/appraisal.entity';
import { CoreValue } from './core-values';
import { Indicator } from './indicator.entity';
import { WorkResultPlan } from './work-result-plan.entity';

@ObjectType({
  description: 'One BerAKHLAK core value on a plan: its behaviour guides and the appraiser’s specific expectation.',
})
export class BehaviorItem {
  @Field(() => CoreValue, { description: 'The core value.' })
  coreValue!: CoreValue;

  @Field({ description: 'Its name, e.g. "Berorientasi Pelayanan".' })
  label!: string;

  @Field(() => [String], { description: 'Its three behaviour guides (panduan perilaku).' })
  guides!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'The appraiser’s specific expectation for this employee (ekspektasi khusus pimpinan), if any.',
  })
  specificExpectation!: string | null;
}

@ObjectType({ description: 'One RHK in a cascade, with how far below the root it sits.' })
export class CascadeEntry {
  @Field(() => Int, { description: '0 for the root, 1 for the RHK supporting it, and so on.' })
  level!: number;

  @Field(() => WorkResultPlan, { description: 'The RHK.' })
  workResultPlan!: WorkResultPlan;

  @Field(() => ID, { nullable: true, description: 'Global id of the RHK it supports (its parent in the cascade).' })
  supportsId!: string | null;
}

@ObjectType({ description: 'Result of an RHK mutation.' })
export class WorkResultPlanPayload {
  @Field(() => Appraisal, { nullable: true, description: 'The plan, with its new version.' })
  appraisal?: Appraisal | null;

  @Field(() => WorkResultPlan, { nullable: true, description: 'The RHK as changed.' })
  workResultPlan?: WorkResultPlan | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of an indicator mutation.' })
export class IndicatorPayload {
  @Field(() => Appraisal, { nullable: true, description: 'The plan, with its new version.' })
  appraisal?: Appraisal | null;

  @Field(() => Indicator, { nullable: true, description: 'The indicator as changed.' })
  indicator?: Indicator | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of removing an RHK or an indicator.' })
export class RemovePlanItemPayload {
  @Field(() => Appraisal, { nullable: true, description: 'The plan, with its new version.' })
  appraisal?: Appraisal | null;

  @Field(() => ID, { nullable: true, description: 'Global id of what was removed.' })
  removedId?: string | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of setBehaviorExpectation.' })
export class BehaviorExpectationPayload {
  @Field(() => Appraisal, { nullable: true, description: 'The plan, with its new version.' })
  appraisal?: Appraisal | null;

  @Field(() => BehaviorItem, { nullable: true, description: 'The core value as now written.' })
  behavior?: BehaviorItem | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of addWorkResultPlan.' })
export class AddWorkResultPlanPayload extends WorkResultPlanPayload {}

@ObjectType({ description: 'Result of updateWorkResultPlan.' })
export class UpdateWorkResultPlanPayload extends WorkResultPlanPayload {}

@ObjectType({ description: 'Result of removeWorkResultPlan.' })
export class RemoveWorkResultPlanPayload extends RemovePlanItemPayload {}

@ObjectType({ description: 'Result of addIndicator.' })
export class AddIndicatorPayload extends IndicatorPayload {}

@ObjectType({ description: 'Result of updateIndicator.' })
export class UpdateIndicatorPayload extends IndicatorPayload {}

@ObjectType({ description: 'Result of removeIndicator.' })
export class RemoveIndicatorPayload extends RemovePlanItemPayload {}

@ObjectType({ description: 'Result of setBehaviorExpectation.' })
export class SetBehaviorExpectationPayload extends BehaviorExpectationPayload {}
