import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { type LocalDate } from '../../core/time/local-date';
import { PositionKind } from '../employee/employee-enums';
import { AppraisalStatus, PlanApproach } from './appraisal-enums';

@InputType({ description: 'Starts a plan (SKP) for a period: your own, or (HR admins) an employee’s.' })
export class CreateAppraisalInput {
  @Field(() => ID, { nullable: true, description: 'The period; default the current one.' })
  periodId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The employee (HR admins); default yourself.' })
  employeeId?: string | null;

  @Field(() => PlanApproach, {
    defaultValue: PlanApproach.QUANTITATIVE,
    description: 'Quantitative (default) or qualitative indicators.',
  })
  approach: PlanApproach = PlanApproach.QUANTITATIVE;
}

@InputType({
  description: 'Starts plans for every active employee of a unit subtree who has none open in the period (HR admins).',
})
export class CreateAppraisalsForUnitInput {
  @Field(() => ID, { description: 'The period.' })
  periodId!: string;

  @Field(() => ID, { description: 'The unit.' })
  unitId!: string;

  @Field({ defaultValue: true, description: 'Include every unit below (default).' })
  includeSubunits: boolean = true;

  @Field(() => PlanApproach, { defaultValue: PlanApproach.QUANTITATIVE, description: 'The approach of the new plans.' })
  approach: PlanApproach = PlanApproach.QUANTITATIVE;
}

@InputType({ description: 'Changes the plan’s approach or annex (the employee, while the plan is editable).' })
export class UpdateAppraisalInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => PlanApproach, { nullable: true, description: 'Quantitative or qualitative.' })
  approach?: PlanApproach | null;

  @Field(() => String, { nullable: true, description: 'Annex: resource support (dukungan sumber daya); null clears.' })
  resourceSupport?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Annex: accountability scheme (skema pertanggungjawaban); null clears.',
  })
  accountabilityScheme?: string | null;

  @Field(() => String, { nullable: true, description: 'Annex: consequences (konsekuensi); null clears.' })
  consequences?: string | null;
}

@InputType({ description: 'A workflow step on a plan.' })
export class AppraisalStepInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Why: required to return or reopen a plan.' })
  reason?: string | null;
}

@InputType({
  description: 'Gives a plan another appraiser, e.g. an acting official (Plt) or a vacancy (HR admins in scope).',
})
export class ReassignAppraiserInput {
  @Field(() => ID, { description: 'Global id of the plan.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => ID, { nullable: true, description: 'The new appraiser, an active employee.' })
  appraiserId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Or an official outside the civil service (the Bupati).' })
  externalAppraiserId?: string | null;

  @Field(() => String, { nullable: true, description: 'Why, for the history.' })
  reason?: string | null;
}

@InputType({
  description:
    'Moves an employee to another position or unit on a date: the open plan closes the day before and a new one starts (HR admins).',
})
export class TransferEmployeeInput {
  @Field(() => ID, { description: 'Global id of the employee.' })
  employeeId!: string;

  @Field(() => Int, { description: 'The employee’s version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => LocalDateResolver, { description: 'First day in the new position.' })
  effectiveDate!: LocalDate;

  @Field(() => ID, { nullable: true, description: 'The new unit; default unchanged.' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'The new position title; default unchanged.' })
  positionTitle?: string | null;

  @Field(() => PositionKind, { nullable: true, description: 'The new position kind; default unchanged.' })
  positionKind?: PositionKind | null;

  @Field(() => String, { nullable: true, description: 'The grade in the new position; default unchanged.' })
  grade?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new direct supervisor (the new appraiser).' })
  supervisorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Or a supervisor outside the civil service (the Bupati).' })
  externalSupervisorId?: string | null;
}

@InputType({ description: 'Which plans to list. Filters combine with AND.' })
export class AppraisalFilter {
  @Field(() => ID, { nullable: true, description: 'Only plans of this period.' })
  periodId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only plans made in this unit or below it (the unit snapshot).' })
  unitId?: string | null;

  @Field(() => [AppraisalStatus], { nullable: true, description: 'Only plans in these states.' })
  statuses?: AppraisalStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only plans this employee appraises (snapshot).' })
  appraiserId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only plans approved after the planning deadline (true) or not (false).',
  })
  approvedLate?: boolean | null;
}

@InputType({ description: 'Submits your plan to your appraiser.' })
export class SubmitAppraisalInput extends AppraisalStepInput {}

@InputType({ description: 'Approves a submitted plan (its appraiser).' })
export class ApproveAppraisalInput extends AppraisalStepInput {}

@InputType({ description: 'Returns a submitted plan with a reason (its appraiser).' })
export class ReturnAppraisalInput extends AppraisalStepInput {}

@InputType({ description: 'Reopens an approved plan for revision, with a reason (its appraiser).' })
export class ReopenAppraisalInput extends AppraisalStepInput {}
