import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/graphql/connection';
import { UserError } from '../../core/errors/user-error';
import { Employee } from '../employee/employee.entity';
import { Appraisal } from './appraisal.entity';

export const AppraisalConnection = ConnectionType(Appraisal, 'Appraisal', 'A page of plans (SKP).');
export type AppraisalConnection = InstanceType<typeof AppraisalConnection>;

@ObjectType({ description: 'Result of a plan mutation.' })
export class AppraisalPayload {
  @Field(() => Appraisal, { nullable: true, description: 'The plan as changed; null when userErrors is not empty.' })
  appraisal?: Appraisal | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createAppraisalsForUnit.' })
export class CreateAppraisalsForUnitPayload {
  @Field(() => Int, { nullable: true, description: 'Plans started.' })
  created?: number | null;

  @Field(() => Int, { nullable: true, description: 'Active employees skipped because they already had an open plan.' })
  skipped?: number | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of transferEmployee.' })
export class TransferEmployeePayload {
  @Field(() => Employee, { nullable: true, description: 'The employee in their new position.' })
  employee?: Employee | null;

  @Field(() => Appraisal, {
    nullable: true,
    description: 'The plan closed the day before the transfer, if one was open.',
  })
  closedAppraisal?: Appraisal | null;

  @Field(() => Appraisal, { nullable: true, description: 'The new plan for the new position, with the new appraiser.' })
  newAppraisal?: Appraisal | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createAppraisal.' })
export class CreateAppraisalPayload extends AppraisalPayload {}

@ObjectType({ description: 'Result of updateAppraisal.' })
export class UpdateAppraisalPayload extends AppraisalPayload {}

@ObjectType({ description: 'Result of submitAppraisal.' })
export class SubmitAppraisalPayload extends AppraisalPayload {}

@ObjectType({ description: 'Result of approveAppraisal.' })
export class ApproveAppraisalPayload extends AppraisalPayload {}

@ObjectType({ description: 'Result of returnAppraisal.' })
export class ReturnAppraisalPayload extends AppraisalPayload {}

@ObjectType({ description: 'Result of reopenAppraisal.' })
export class ReopenAppraisalPayload extends AppraisalPayload {}

@ObjectType({ description: 'Result of reassignAppraiser.' })
export class ReassignAppraiserPayload extends AppraisalPayload {}
