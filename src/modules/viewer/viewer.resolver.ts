import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
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

@Resolver(() => Viewer)
export class ViewerResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => Viewer, { description: 'The caller: their own record, their team, their roles.' })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    return new Viewer(ctx.actor);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The signed-in employee’s own record; null for clients.' })
  employee(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<Employee | null> {
    const id = viewer.actor.employeeId;
    return id === undefined ? Promise.resolve(null) : employeeService.get(ctx, id);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'For a unit-scoped HR admin: the root of the subtree they administer.' })
  hrScope(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<Unit | null> {
    const unitId = viewer.actor.isHrAdmin ? viewer.actor.hrScopeUnitId : null;
    return unitId === null ? Promise.resolve(null) : unitService.get(ctx, unitId);
  }

  @FieldResolver(() => EmployeeConnection, { description: 'The people the caller supervises: direct reports, or everyone below.' })
  async team(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Args() args: ConnectionArgs,
    @Arg('depth', () => SubordinateDepth, { defaultValue: SubordinateDepth.DIRECT, description: 'Direct reports only (default) or everyone below.' }) depth: SubordinateDepth,
    @Arg('active', () => Boolean, { nullable: true, defaultValue: true, description: 'Only active (default) or deactivated employees; null for both.' })
    active: boolean | null,
    @Arg('orderBy', () => EmployeeOrder, { nullable: true, description: 'Sort order; by default by name (employees) or code (units).' }) orderBy?: EmployeeOrder,
  ): Promise<EmployeeConnection> {
    const id = viewer.actor.employeeId;
    const page = id === undefined ? emptyPage<Employee>() : await employeeService.subordinates(ctx, id, { depth, active }, orderBy, args);
    return EmployeeConnection.from(page);
  }
}
