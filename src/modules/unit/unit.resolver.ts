import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { EmployeeConnection } from '../employee/employee.types';
import { EmployeeOrder } from '../employee/employee.inputs';
import { Unit } from './unit.entity';
import { CreateUnitInput, MoveUnitInput, UnitFilter, UnitOrder, UpdateUnitInput } from './unit.inputs';
import { unitService } from './unit.service';
import { CreateUnitPayload, MoveUnitPayload, UnitConnection, UpdateUnitPayload } from './unit.types';
import { Idempotent } from '../../core/idempotency/idempotent';

@Resolver(() => Unit)
export class UnitResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => Unit, {
    nullable: true,
    description: 'A unit by global id; null if it does not exist or you may not see it.',
  })
  unit(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'A global id.' }) id: string,
  ): Promise<Unit | null> {
    const dbId = idOfType(id, Unit.typeName);
    return dbId === null ? Promise.resolve(null) : unitService.get(ctx, dbId);
  }

  @Allow(Permission.SIGNED_IN)
  @Query(() => Unit, { nullable: true, description: 'A unit by its code (kode unit kerja).' })
  unitByCode(
    @Ctx() ctx: RequestContext,
    @Arg('code', { description: 'A unit code.' }) code: string,
  ): Promise<Unit | null> {
    return unitService.getByCode(ctx, code);
  }

  @Allow(Permission.SIGNED_IN)
  @Query(() => UnitConnection, { description: 'Units of the region (unit kerja), filtered and ordered.' })
  async units(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => UnitFilter, { nullable: true, description: 'Which items to list.' }) filter?: UnitFilter,
    @Arg('orderBy', () => UnitOrder, {
      nullable: true,
      description: 'Sort order; by default by name (employees) or code (units).',
    })
    orderBy?: UnitOrder,
  ): Promise<UnitConnection> {
    return UnitConnection.from(await unitService.list(ctx, filter, orderBy, args));
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit above this one; null at the top.' })
  parent(@Ctx() ctx: RequestContext, @Root() unit: Unit): Promise<Unit | null> {
    return unit.parentId === null ? Promise.resolve(null) : unitService.get(ctx, unit.parentId);
  }

  @FieldResolver(() => UnitConnection, { description: 'The direct sub-units.' })
  async children(
    @Ctx() ctx: RequestContext,
    @Root() unit: Unit,
    @Args() args: ConnectionArgs,
    @Arg('orderBy', () => UnitOrder, {
      nullable: true,
      description: 'Sort order; by default by name (employees) or code (units).',
    })
    orderBy?: UnitOrder,
  ): Promise<UnitConnection> {
    return UnitConnection.from(await unitService.children(ctx, unit, orderBy, args));
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The head of the unit (kepala unit kerja), if set.' })
  head(@Ctx() ctx: RequestContext, @Root() unit: Unit): Promise<Employee | null> {
    return unit.headId === null ? Promise.resolve(null) : employeeService.get(ctx, unit.headId);
  }

  @FieldResolver(() => EmployeeConnection, {
    description: 'Employees of the unit, and of its sub-units unless `includeSubunits` is false.',
  })
  async employees(
    @Ctx() ctx: RequestContext,
    @Root() unit: Unit,
    @Args() args: ConnectionArgs,
    @Arg('includeSubunits', { defaultValue: false, description: 'Also list employees of every unit below.' })
    includeSubunits: boolean,
    @Arg('active', () => Boolean, {
      nullable: true,
      description: 'Only active (true) or deactivated (false) employees.',
    })
    active?: boolean | null,
    @Arg('orderBy', () => EmployeeOrder, {
      nullable: true,
      description: 'Sort order; by default by name (employees) or code (units).',
    })
    orderBy?: EmployeeOrder,
  ): Promise<EmployeeConnection> {
    return EmployeeConnection.from(
      await employeeService.ofUnit(ctx, unit, { includeSubunits, active: active ?? null }, orderBy, args),
    );
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Idempotent()
  @Mutation(() => CreateUnitPayload, { description: 'Creates a unit (HR admins).' })
  createUnit(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: CreateUnitInput,
  ): Promise<CreateUnitPayload> {
    return runMutation(ctx, (tx) => unitService.create(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => UpdateUnitPayload, {
    description: 'Renames a unit, changes its code or kind, or sets its head (HR admins).',
  })
  updateUnit(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: UpdateUnitInput,
  ): Promise<UpdateUnitPayload> {
    return runMutation(ctx, (tx) => unitService.update(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => MoveUnitPayload, { description: 'Moves a unit and its subtree under another parent (HR admins).' })
  moveUnit(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: MoveUnitInput,
  ): Promise<MoveUnitPayload> {
    return runMutation(ctx, (tx) => unitService.move(tx, input));
  }
}
