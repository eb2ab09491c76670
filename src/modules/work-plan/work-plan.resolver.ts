import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ListSize } from '../../core/graphql/list-size';
import { toGlobalId } from '../../core/graphql/global-id';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Appraisal } from '../appraisal/appraisal.entity';
import { appraisalService } from '../appraisal/appraisal.service';
import { Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { behaviorService } from './behavior.service';
import { Indicator } from './indicator.entity';
import {
  AddIndicatorInput,
  AddWorkResultPlanInput,
  RemoveIndicatorInput,
  RemoveWorkResultPlanInput,
  SetBehaviorExpectationInput,
  UpdateIndicatorInput,
  UpdateWorkResultPlanInput,
} from './work-plan.inputs';
import { workPlanService } from './work-plan.service';
import {
  AddIndicatorPayload,
  AddWorkResultPlanPayload,
  CascadeEntry,
  RemoveIndicatorPayload,
  RemoveWorkResultPlanPayload,
  SetBehaviorExpectationPayload,
  UpdateIndicatorPayload,
  UpdateWorkResultPlanPayload,
} from './work-plan.types';
import { WorkResultPlan } from './work-result-plan.entity';
import { Idempotent } from '../../core/idempotency/idempotent';

const INPUT = { description: 'What to create or change.' };

@Resolver(() => WorkResultPlan)
export class WorkResultPlanResolver {
  @FieldResolver(() => Appraisal, {
    nullable: true,
    description: 'The plan it belongs to, if you may read the plan (not only its content).',
  })
  appraisal(@Ctx() ctx: RequestContext, @Root() rhk: WorkResultPlan): Promise<Appraisal | null> {
    return appraisalService.get(ctx, rhk.appraisalId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Whose RHK it is.' })
  async owner(@Ctx() ctx: RequestContext, @Root() rhk: WorkResultPlan): Promise<Employee | null> {
    // The RHK is shown, so its plan's content is readable: whose it is goes with it.
    const [plan] = await appraisalService.getManyFor(ctx, Permission.READ_WORK_PLAN, [rhk.appraisalId]);
    return plan ? employeeService.get(ctx, plan.employeeId) : null;
  }

  @ListSize(5)
  @FieldResolver(() => [Indicator], { description: 'Its indicators (IKI), in order.' })
  indicators(@Ctx() ctx: RequestContext, @Root() rhk: WorkResultPlan): Indicator[] | Promise<Indicator[]> {
    return workPlanService.indicatorsOf(ctx, rhk);
  }

  @FieldResolver(() => WorkResultPlan, {
    nullable: true,
    description: 'The appraiser’s RHK this one supports (RHK pimpinan yang diintervensi), if you may see it.',
  })
  supports(@Ctx() ctx: RequestContext, @Root() rhk: WorkResultPlan): Promise<WorkResultPlan | null> {
    return workPlanService.supports(ctx, rhk);
  }

  @ListSize(20)
  @FieldResolver(() => [WorkResultPlan], {
    description: 'The RHK of the team’s open plans that support this one, as far as you may see them.',
  })
  supportedBy(@Ctx() ctx: RequestContext, @Root() rhk: WorkResultPlan): Promise<WorkResultPlan[]> {
    return workPlanService.supporters(ctx, rhk);
  }

  @ListSize(50)
  @FieldResolver(() => [CascadeEntry], {
    description: 'The whole cascade under this RHK, level by level (this one at level 0), as far as you may see it.',
  })
  async cascade(
    @Ctx() ctx: RequestContext,
    @Root() rhk: WorkResultPlan,
    @Arg('maxDepth', () => Int, { defaultValue: 6, description: 'How many levels below to follow (1 to 10).' })
    maxDepth: number,
  ): Promise<CascadeEntry[]> {
    const entries = await workPlanService.cascade(ctx, rhk, Math.min(Math.max(maxDepth, 1), 10));
    return entries.map((e) => ({
      ...e,
      supportsId:
        e.workResultPlan.supportsId === null ? null : toGlobalId(WorkResultPlan.typeName, e.workResultPlan.supportsId),
    }));
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => AddWorkResultPlanPayload, {
    description: 'Adds an RHK to your plan; a main RHK of staff must support one of the appraiser’s RHK.',
  })
  addWorkResultPlan(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: AddWorkResultPlanInput,
  ): Promise<AddWorkResultPlanPayload> {
    return runMutation(ctx, (tx) => workPlanService.addWorkResultPlan(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => UpdateWorkResultPlanPayload, {
    description: 'Changes an RHK of your plan (text, kind, order, the RHK it supports).',
  })
  updateWorkResultPlan(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: UpdateWorkResultPlanInput,
  ): Promise<UpdateWorkResultPlanPayload> {
    return runMutation(ctx, (tx) => workPlanService.updateWorkResultPlan(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => RemoveWorkResultPlanPayload, {
    description: 'Removes an RHK and its indicators from your plan, unless other plans’ RHK support it.',
  })
  removeWorkResultPlan(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RemoveWorkResultPlanInput,
  ): Promise<RemoveWorkResultPlanPayload> {
    return runMutation(ctx, (tx) => workPlanService.removeWorkResultPlan(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => AddIndicatorPayload, {
    description: 'Adds an indicator (IKI) with its target to an RHK of your plan.',
  })
  addIndicator(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: AddIndicatorInput,
  ): Promise<AddIndicatorPayload> {
    return runMutation(ctx, (tx) => workPlanService.addIndicator(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => UpdateIndicatorPayload, { description: 'Changes an indicator of your plan.' })
  updateIndicator(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: UpdateIndicatorInput,
  ): Promise<UpdateIndicatorPayload> {
    return runMutation(ctx, (tx) => workPlanService.updateIndicator(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => RemoveIndicatorPayload, { description: 'Removes an indicator from your plan.' })
  removeIndicator(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RemoveIndicatorInput,
  ): Promise<RemoveIndicatorPayload> {
    return runMutation(ctx, (tx) => workPlanService.removeIndicator(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => SetBehaviorExpectationPayload, {
    description: 'Writes or clears your specific expectation for one core value of a plan you appraise.',
  })
  setBehaviorExpectation(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: SetBehaviorExpectationInput,
  ): Promise<SetBehaviorExpectationPayload> {
    return runMutation(ctx, (tx) => behaviorService.setExpectation(tx, input));
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => WorkResultPlan, { nullable: true, description: 'The RHK it measures.' })
  async workResultPlan(@Ctx() ctx: RequestContext, @Root() indicator: Indicator): Promise<WorkResultPlan | null> {
    return (await workPlanService.getMany(ctx, [indicator.workResultPlanId]))[0] ?? null;
  }
}
