import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { ExternalOfficial } from '../official/external-official.entity';
import { externalOfficialService } from '../official/external-official.service';
import { Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { Employee } from './employee.entity';
import {
  CreateEmployeeInput,
  DeactivateEmployeeInput,
  EmployeeFilter,
  EmployeeOrder,
  ReactivateEmployeeInput,
  SetSupervisorInput,
  SubordinateDepth,
  UpdateEmployeeInput,
} from './employee.inputs';
import { employeeService } from './employee.service';
import {
  CreateEmployeePayload,
  DeactivateEmployeePayload,
  EmployeeConnection,
  ReactivateEmployeePayload,
  SetSupervisorPayload,
  UpdateEmployeePayload,
} from './employee.types';
import { Idempotent } from '../../core/idempotency/idempotent';

@Resolver(() => Employee)
export class EmployeeResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => Employee, {
    nullable: true,
    description: 'An employee by global id; null if absent or not visible to you.',
  })
  employee(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'A global id.' }) id: string,
  ): Promise<Employee | null> {
    const dbId = idOfType(id, Employee.typeName);
    return dbId === null ? Promise.resolve(null) : employeeService.get(ctx, dbId);
  }

  @Allow(Permission.SIGNED_IN)
  @Query(() => Employee, {
    nullable: true,
    description: 'An employee by NIP; null unless you may read that employee’s personal fields.',
  })
  employeeByNip(
    @Ctx() ctx: RequestContext,
    @Arg('nip', { description: 'An 18-digit NIP or NI PPPK.' }) nip: string,
  ): Promise<Employee | null> {
    return employeeService.getByNip(ctx, nip);
  }

  @Allow(Permission.SIGNED_IN)
  @Query(() => EmployeeConnection, {
    description: 'The employee directory, filtered and ordered. Empty for callers without directory access.',
  })
  async employees(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => EmployeeFilter, { nullable: true, description: 'Which items to list.' })
    filter?: EmployeeFilter,
    @Arg('orderBy', () => EmployeeOrder, {
      nullable: true,
      description: 'Sort order; by default by name (employees) or code (units).',
    })
    orderBy?: EmployeeOrder,
  ): Promise<EmployeeConnection> {
    return EmployeeConnection.from(await employeeService.list(ctx, filter, orderBy, args));
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit the employee works in (unit kerja).' })
  unit(@Ctx() ctx: RequestContext, @Root() employee: Employee): Promise<Unit | null> {
    return unitService.get(ctx, employee.unitId);
  }

  @FieldResolver(() => Employee, {
    nullable: true,
    description: 'Direct supervisor (atasan langsung); null for a top official.',
  })
  supervisor(@Ctx() ctx: RequestContext, @Root() employee: Employee): Promise<Employee | null> {
    return employee.supervisorId === null ? Promise.resolve(null) : employeeService.get(ctx, employee.supervisorId);
  }

  @FieldResolver(() => ExternalOfficial, {
    nullable: true,
    description: 'For a top official: the supervisor outside the civil service (the Bupati), who appraises them.',
  })
  externalSupervisor(@Ctx() ctx: RequestContext, @Root() employee: Employee): Promise<ExternalOfficial | null> {
    return employee.externalSupervisorId === null
      ? Promise.resolve(null)
      : externalOfficialService.get(ctx, employee.externalSupervisorId);
  }

  @FieldResolver(() => EmployeeConnection, {
    description: 'Who this employee supervises: direct reports, or everyone below.',
  })
  async subordinates(
    @Ctx() ctx: RequestContext,
    @Root() employee: Employee,
    @Args() args: ConnectionArgs,
    @Arg('depth', () => SubordinateDepth, {
      defaultValue: SubordinateDepth.DIRECT,
      description: 'Direct reports only (default) or everyone below.',
    })
    depth: SubordinateDepth,
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
      await employeeService.subordinates(ctx, employee.rowId, { depth, active: active ?? null }, orderBy, args),
    );
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Idempotent()
  @Mutation(() => CreateEmployeePayload, { description: 'Records a new employee (HR admins).' })
  createEmployee(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: CreateEmployeeInput,
  ): Promise<CreateEmployeePayload> {
    return runMutation(ctx, (tx) => employeeService.create(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => UpdateEmployeePayload, {
    description: 'Changes an employee record, or moves them to another unit (HR admins).',
  })
  updateEmployee(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: UpdateEmployeeInput,
  ): Promise<UpdateEmployeePayload> {
    return runMutation(ctx, (tx) => employeeService.update(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => SetSupervisorPayload, {
    description: 'Sets the direct supervisor (atasan langsung) of an employee (HR admins). Refuses cycles.',
  })
  setSupervisor(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: SetSupervisorInput,
  ): Promise<SetSupervisorPayload> {
    return runMutation(ctx, (tx) => employeeService.setSupervisor(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => DeactivateEmployeePayload, {
    description: 'Deactivates an employee (retired, left the region): they can no longer sign in (HR admins).',
  })
  deactivateEmployee(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: DeactivateEmployeeInput,
  ): Promise<DeactivateEmployeePayload> {
    return runMutation(ctx, (tx) => employeeService.setActive(tx, input, false));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => ReactivateEmployeePayload, { description: 'Reactivates a deactivated employee (HR admins).' })
  reactivateEmployee(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: ReactivateEmployeeInput,
  ): Promise<ReactivateEmployeePayload> {
    return runMutation(ctx, (tx) => employeeService.setActive(tx, input, true));
  }
}
