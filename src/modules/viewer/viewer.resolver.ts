import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs, emptyPage } from '../../core/graphql/connection';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Employee } from '../employee/employee.entity';
import { EmployeeOrder, SubordinateDepth } from '../employee/employee.inputs';
import { employeeService } from '../employee/employee.service';
import { EmployeeConnection } from '../employee/employee.types';
import { Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { Viewer } from './viewer.types';
import { idOfType } from '../../core/graphql/global-id';
import { type EmployeeCondition } from '../employee/employee.loaders';
import { AppraisalStatus } from '../appraisal/appraisal-enums';
import { appraisalService } from '../appraisal/appraisal.service';
import { teamPlanCondition } from '../appraisal/team-plan-condition';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => Viewer, { description: 'The caller: their own record, their team, their roles.' })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    return new Viewer(ctx.actor);
  }

  @FieldResolver(() => Employee, {
    nullable: true,
    description: 'The signed-in employee’s own record; null for clients.',
  })
  employee(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<Employee | null> {
    const id = viewer.actor.employeeId;
    return id === undefined ? Promise.resolve(null) : employeeService.get(ctx, id);
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'For a unit-scoped HR admin: the root of the subtree they administer.',
  })
  hrScope(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<Unit | null> {
    const unitId = viewer.actor.isHrAdmin ? viewer.actor.hrScopeUnitId : null;
    return unitId === null ? Promise.resolve(null) : unitService.get(ctx, unitId);
  }

  @FieldResolver(() => EmployeeConnection, {
    description: 'The people the caller supervises: direct reports, or everyone below.',
  })
  async team(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Args() args: ConnectionArgs,
    @Arg('depth', () => SubordinateDepth, {
      defaultValue: SubordinateDepth.DIRECT,
      description: 'Direct reports only (default) or everyone below.',
    })
    depth: SubordinateDepth,
    @Arg('active', () => Boolean, {
      nullable: true,
      defaultValue: true,
      description: 'Only active (default) or deactivated employees; null for both.',
    })
    active: boolean | null,
    @Arg('orderBy', () => EmployeeOrder, {
      nullable: true,
      description: 'Sort order; by default by name (employees) or code (units).',
    })
    orderBy?: EmployeeOrder,
    @Arg('appraisalStatuses', () => [AppraisalStatus], {
      nullable: true,
      description: 'Only people whose plan in the period is in one of these states.',
    })
    appraisalStatuses?: AppraisalStatus[] | null,
    @Arg('withoutAppraisal', () => Boolean, {
      nullable: true,
      description: 'Only (or also, with appraisalStatuses) people without a plan in the period.',
    })
    withoutAppraisal?: boolean | null,
    @Arg('periodId', () => ID, {
      nullable: true,
      description: 'The period of the plan filters; default the current one.',
    })
    periodId?: string | null,
  ): Promise<EmployeeConnection> {
    const id = viewer.actor.employeeId;
    if (id === undefined) return EmployeeConnection.from(emptyPage<Employee>());
    let condition: EmployeeCondition | undefined;
    if (appraisalStatuses?.length || withoutAppraisal) {
      const period = await appraisalService.resolvePeriod(
        ctx,
        periodId == null ? null : (idOfType(periodId, 'PerformancePeriod') ?? -1),
      );
      condition = period
        ? teamPlanCondition(period.rowId, appraisalStatuses ?? [], withoutAppraisal ?? false)
        : { sql: '1 = 0', parameters: {} };
    }
    return EmployeeConnection.from(
      await employeeService.subordinates(ctx, id, { depth, active, condition }, orderBy, args),
    );
  }
}
