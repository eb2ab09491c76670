import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ListSize } from '../../core/graphql/list-size';
import { ConnectionArgs } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { ExternalOfficial } from '../official/external-official.entity';
import { externalOfficialService } from '../official/external-official.service';
import { PerformancePeriod } from '../period/performance-period.entity';
import { periodService } from '../period/period.service';
import { Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { behaviorService } from '../work-plan/behavior.service';
import { workPlanService } from '../work-plan/work-plan.service';
import { BehaviorItem } from '../work-plan/work-plan.types';
import { WorkResultPlan } from '../work-plan/work-result-plan.entity';
import { transitionsOf } from './appraisal.loaders';
import { AppraisalTransition } from './appraisal-transition.entity';
import { Appraisal } from './appraisal.entity';
import { TransitionAction } from './appraisal-enums';
import {
  AppraisalFilter,
  ApproveAppraisalInput,
  ReopenAppraisalInput,
  ReturnAppraisalInput,
  SubmitAppraisalInput,
  CreateAppraisalInput,
  CreateAppraisalsForUnitInput,
  ReassignAppraiserInput,
  TransferEmployeeInput,
  UpdateAppraisalInput,
} from './appraisal.inputs';
import { appraisalService } from './appraisal.service';
import {
  AppraisalConnection,
  ApproveAppraisalPayload,
  CreateAppraisalPayload,
  CreateAppraisalsForUnitPayload,
  ReassignAppraiserPayload,
  ReopenAppraisalPayload,
  ReturnAppraisalPayload,
  SubmitAppraisalPayload,
  TransferEmployeePayload,
  UpdateAppraisalPayload,
} from './appraisal.types';
import { appraisalWorkflowService } from './appraisal-workflow.service';
import { transferService } from './transfer.service';
import { Idempotent } from '../../core/idempotency/idempotent';

const INPUT = { description: 'What to create or change.' };

@Resolver(() => Appraisal)
export class AppraisalResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => Appraisal, {
    nullable: true,
    description: 'A plan (SKP) by global id; null if absent or not yours to see.',
  })
  appraisal(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'A global id.' }) id: string,
  ): Promise<Appraisal | null> {
    const dbId = idOfType(id, Appraisal.typeName);
    return dbId === null ? Promise.resolve(null) : appraisalService.get(ctx, dbId);
  }

  @Allow(Permission.SIGNED_IN)
  @Query(() => AppraisalConnection, {
    description: 'Plans you may read (yours, your team’s, your HR scope’s), newest first.',
  })
  async appraisals(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => AppraisalFilter, { nullable: true, description: 'Which plans to list.' })
    filter?: AppraisalFilter,
  ): Promise<AppraisalConnection> {
    return AppraisalConnection.from(await appraisalService.list(ctx, filter, args));
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The employee whose plan it is.' })
  employee(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Employee | null> {
    return employeeService.get(ctx, appraisal.employeeId);
  }

  @FieldResolver(() => PerformancePeriod, { nullable: true, description: 'The performance year.' })
  period(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<PerformancePeriod | null> {
    return periodService.get(ctx, appraisal.periodId);
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit the employee worked in when the plan was made (snapshot).',
  })
  unit(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Unit | null> {
    return unitService.get(ctx, appraisal.unitId);
  }

  @FieldResolver(() => Employee, {
    nullable: true,
    description: 'The appraiser (pejabat penilai kinerja) when a civil servant (snapshot, or as reassigned by HR).',
  })
  appraiser(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Employee | null> {
    return appraisal.appraiserEmployeeId === null
      ? Promise.resolve(null)
      : employeeService.get(ctx, appraisal.appraiserEmployeeId);
  }

  @FieldResolver(() => ExternalOfficial, {
    nullable: true,
    description: 'The appraiser when outside the civil service (the Bupati, for a JPT).',
  })
  externalAppraiser(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<ExternalOfficial | null> {
    return appraisal.appraiserExternalId === null
      ? Promise.resolve(null)
      : externalOfficialService.get(ctx, appraisal.appraiserExternalId);
  }

  @FieldResolver(() => Employee, {
    nullable: true,
    description: 'The appraiser’s supervisor (atasan pejabat penilai kinerja) when a civil servant (snapshot).',
  })
  appraiserSupervisor(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Employee | null> {
    return appraisal.appraiserSupervisorEmployeeId === null
      ? Promise.resolve(null)
      : employeeService.get(ctx, appraisal.appraiserSupervisorEmployeeId);
  }

  @FieldResolver(() => ExternalOfficial, {
    nullable: true,
    description: 'The appraiser’s supervisor when outside the civil service (snapshot).',
  })
  externalAppraiserSupervisor(
    @Ctx() ctx: RequestContext,
    @Root() appraisal: Appraisal,
  ): Promise<ExternalOfficial | null> {
    return appraisal.appraiserSupervisorExternalId === null
      ? Promise.resolve(null)
      : externalOfficialService.get(ctx, appraisal.appraiserSupervisorExternalId);
  }

  @ListSize(10)
  @FieldResolver(() => [WorkResultPlan], { description: 'The RHK: main first, then additional, each in order.' })
  workResultPlans(
    @Ctx() ctx: RequestContext,
    @Root() appraisal: Appraisal,
  ): WorkResultPlan[] | Promise<WorkResultPlan[]> {
    return workPlanService.workResultPlansOf(ctx, appraisal);
  }

  @ListSize(10)
  @FieldResolver(() => [WorkResultPlan], {
    description: 'The RHK of the appraiser’s plan for the same period: what this plan’s RHK can support.',
  })
  async supportableWorkResultPlans(
    @Ctx() ctx: RequestContext,
    @Root() appraisal: Appraisal,
  ): Promise<WorkResultPlan[]> {
    if (
      !(await ctx.policy.can(Permission.EDIT_PLAN, appraisal)) &&
      !(await ctx.policy.can(Permission.DECIDE_PLAN, appraisal))
    )
      return [];
    return workPlanService.supportable(ctx, appraisal);
  }

  @ListSize(7)
  @FieldResolver(() => [BehaviorItem], {
    description:
      'The seven BerAKHLAK values with their guides and the appraiser’s specific expectations (perilaku kerja).',
  })
  behaviors(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<BehaviorItem[]> {
    return behaviorService.behaviorsOf(ctx, appraisal);
  }

  @ListSize(10)
  @FieldResolver(() => [AppraisalTransition], {
    description: 'The workflow history, oldest first: who, when, from, to and why.',
  })
  history(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<AppraisalTransition[]> {
    return ctx.loaders.get(transitionsOf).load(appraisal.rowId);
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => CreateAppraisalPayload, {
    description:
      'Starts your plan (SKP) for a period, with your current supervisor as appraiser; HR admins may start one for an employee.',
  })
  createAppraisal(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: CreateAppraisalInput,
  ): Promise<CreateAppraisalPayload> {
    return runMutation(ctx, (tx) => appraisalService.create(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Idempotent()
  @Mutation(() => CreateAppraisalsForUnitPayload, {
    description: 'Starts plans in bulk for a unit subtree (HR admins in scope).',
  })
  createAppraisalsForUnit(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: CreateAppraisalsForUnitInput,
  ): Promise<CreateAppraisalsForUnitPayload> {
    return runMutation(ctx, (tx) => appraisalService.createForUnit(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => UpdateAppraisalPayload, {
    description: 'Changes your plan’s approach or annex while it is editable.',
  })
  updateAppraisal(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: UpdateAppraisalInput,
  ): Promise<UpdateAppraisalPayload> {
    return runMutation(ctx, (tx) => appraisalService.update(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => SubmitAppraisalPayload, {
    description: 'Submits your plan to your appraiser; every missing piece is listed in userErrors.',
  })
  submitAppraisal(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: SubmitAppraisalInput,
  ): Promise<SubmitAppraisalPayload> {
    return runMutation(ctx, (tx) => appraisalWorkflowService.step(tx, input, TransitionAction.SUBMIT));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => ApproveAppraisalPayload, {
    description: 'Approves a submitted plan (its appraiser); after the planning deadline it is flagged late.',
  })
  approveAppraisal(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: ApproveAppraisalInput,
  ): Promise<ApproveAppraisalPayload> {
    return runMutation(ctx, (tx) => appraisalWorkflowService.step(tx, input, TransitionAction.APPROVE));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => ReturnAppraisalPayload, {
    description: 'Returns a submitted plan to the employee with a reason (its appraiser).',
  })
  returnAppraisal(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: ReturnAppraisalInput,
  ): Promise<ReturnAppraisalPayload> {
    return runMutation(ctx, (tx) => appraisalWorkflowService.step(tx, input, TransitionAction.RETURN));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => ReopenAppraisalPayload, {
    description:
      'Reopens an approved plan for revision, with a reason (its appraiser); the history keeps both versions’ steps.',
  })
  reopenAppraisal(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: ReopenAppraisalInput,
  ): Promise<ReopenAppraisalPayload> {
    return runMutation(ctx, (tx) => appraisalWorkflowService.step(tx, input, TransitionAction.REOPEN));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => ReassignAppraiserPayload, {
    description: 'Gives a plan another appraiser, e.g. an acting official (HR admins in scope).',
  })
  reassignAppraiser(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: ReassignAppraiserInput,
  ): Promise<ReassignAppraiserPayload> {
    return runMutation(ctx, (tx) => appraisalService.reassignAppraiser(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => TransferEmployeePayload, {
    description:
      'Moves an employee to another position or unit on a date: the open plan closes and a new one opens (HR admins in scope).',
  })
  transferEmployee(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: TransferEmployeeInput,
  ): Promise<TransferEmployeePayload> {
    return runMutation(ctx, (tx) => transferService.transfer(tx, input));
  }
}
