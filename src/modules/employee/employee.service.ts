import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { type ConnectionArgs, emptyPage, type Page } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { paginate } from '../../core/graphql/pagination';
import { Permission } from '../../core/policy/permission';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { lockedRow, withShareLock } from '../../core/database/row-locks';
import { containsPattern, LIKE_ESCAPE } from '../../core/database/like';
import { searchText } from '../../core/validation/text';
import { ClosureTable } from '../../core/tree/closure-table';
import { Topic } from '../../core/events/event-bus';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { ExternalOfficial } from '../official/external-official.entity';
import { externalOfficialService } from '../official/external-official.service';
import { Unit } from '../unit/unit.entity';
import { type UnitScope } from '../unit/unit.service';
import { Employee } from './employee.entity';
import { EmploymentType } from './employee-enums';
import { type EmployeeValues, validateEmployeeDraft } from './employee-draft';
import { employeeError, EmployeeProblem } from './employee.errors';
import {
  type CreateEmployeeInput,
  DEFAULT_EMPLOYEE_ORDER,
  type EmployeeFilter,
  type EmployeeOrder,
  employeeSort,
  type SetEmployeeActiveInput,
  type SetSupervisorInput,
  SubordinateDepth,
  type UpdateEmployeeInput,
} from './employee.inputs';
import {
  employeeById,
  employeeByNip,
  type EmployeeCondition,
  subordinatesPage,
  unitEmployeesPage,
} from './employee.loaders';
import { actorIsAbove } from './employee.facts';
import { unitService } from '../unit/unit.service';
import { announce } from '../outbox/announce';
import { EventType } from '../outbox/event-type';

/** The supervisor tree (atasan langsung), kept in the same transaction as every supervisor change. */
export const supervisorTree = new ClosureTable('employee_closure');

/** Who supervises an employee: another employee, an official outside the civil service, or nobody. */
export interface SupervisorChoice {
  supervisorId: number | null;
  externalSupervisorId: number | null;
}

const inputPath = (field: string) => ['input', field];

/** Employees: directory reads under the policy, and HR administration of records and the supervisor tree. */
export class EmployeeService {
  async get(ctx: RequestContext, id: number): Promise<Employee | null> {
    return (await this.getMany(ctx, [id]))[0] ?? null;
  }

  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(Employee | null)[]> {
    if (!(await ctx.policy.can(Permission.READ_DIRECTORY))) return ids.map(() => null);
    return loadAll(ctx.loaders.get(employeeById), ids);
  }

  /**
   * By NIP for an import (IMPORT_ORGANISATION: integration clients and HR admins): rows are matched by NIP before
   * any row rule can apply; each row is then checked with IMPORT_INTO_UNIT.
   */
  async getByNipToImport(ctx: RequestContext, nip: string): Promise<Employee | null> {
    if (!(await ctx.policy.can(Permission.IMPORT_ORGANISATION))) return null;
    return ctx.loaders.get(employeeByNip).load(nip);
  }

  /** Employees another module just read with its own statement: later reads in the request need none. Returns nothing. */
  remember(ctx: RequestContext, employees: readonly Employee[]): void {
    const loader = ctx.loaders.get(employeeById);
    for (const e of employees) loader.prime(e.rowId, e);
  }

  /** By NIP only for those who may read that employee's NIP: a lookup must not reveal whose a NIP is. */
  async getByNip(ctx: RequestContext, nip: string): Promise<Employee | null> {
    if (!(await ctx.policy.can(Permission.READ_DIRECTORY))) return null;
    const employee = await ctx.loaders.get(employeeByNip).load(nip.trim());
    return employee && (await ctx.policy.can(Permission.READ_EMPLOYEE_PERSONAL, employee)) ? employee : null;
  }

  async list(
    ctx: RequestContext,
    filter: EmployeeFilter | undefined,
    order: EmployeeOrder | undefined,
    args: ConnectionArgs,
  ): Promise<Page<Employee>> {
    if (!(await ctx.policy.can(Permission.READ_DIRECTORY))) return emptyPage();
    const qb = ctx.em.getRepository(Employee).createQueryBuilder('employee');
    if (filter?.unitId != null) {
      const unitId = idOfType(filter.unitId, Unit.typeName) ?? 0;
      if (filter.includeSubunits === false) qb.andWhere('employee.unit_id = :unitId', { unitId });
      else
        qb.innerJoin(
          'unit_closure',
          'within',
          'within.descendant_id = employee.unit_id AND within.ancestor_id = :unitId',
          { unitId },
        );
    }
    const search = searchText(filter?.search);
    if (search) qb.andWhere(`LOWER(employee.name) LIKE :search ${LIKE_ESCAPE}`, { search: containsPattern(search) });
    if (filter?.active != null) qb.andWhere('employee.active = :active', { active: filter.active });
    if (filter?.positionKind)
      qb.andWhere('employee.position_kind = :positionKind', { positionKind: filter.positionKind });
    return paginate(qb, employeeSort(order ?? DEFAULT_EMPLOYEE_ORDER), args);
  }

  async ofUnit(
    ctx: RequestContext,
    unit: Unit,
    options: { includeSubunits: boolean; active: boolean | null },
    order: EmployeeOrder | undefined,
    args: ConnectionArgs,
  ): Promise<Page<Employee>> {
    if (!(await ctx.policy.can(Permission.READ_DIRECTORY))) return emptyPage();
    return ctx.loaders
      .get(unitEmployeesPage, { args: { ...args }, order: order ?? DEFAULT_EMPLOYEE_ORDER, ...options })
      .load(unit.rowId);
  }

  async subordinates(
    ctx: RequestContext,
    supervisorId: number,
    options: { depth: SubordinateDepth; active: boolean | null; condition?: EmployeeCondition },
    order: EmployeeOrder | undefined,
    args: ConnectionArgs,
  ): Promise<Page<Employee>> {
    if (!(await ctx.policy.can(Permission.READ_DIRECTORY))) return emptyPage();
    const page = await ctx.loaders
      .get(subordinatesPage, { args: { ...args }, order: order ?? DEFAULT_EMPLOYEE_ORDER, ...options })
      .load(supervisorId);
    // The caller's own team: the same closure rows that found them say the caller is above each of them.
    if (supervisorId === ctx.actor.employeeId)
      for (const edge of page.edges) ctx.loaders.get(actorIsAbove).prime(edge.node.rowId, true);
    return page;
  }

  async create(ctx: RequestContext, input: CreateEmployeeInput): Promise<{ employee: Employee }> {
    // Tree lock before any row lock, in every transaction that changes the tree: one order, no deadlock.
    await supervisorTree.lock(ctx.em);
    const errors = new UserErrorList();
    const values = validateEmployeeDraft(errors, input, inputPath);
    const unitId = idOfType(input.unitId, Unit.typeName);
    const unit = unitId === null ? null : await unitService.get(ctx, unitId);
    if (!unit) errors.addError(employeeError(EmployeeProblem.UNIT_NOT_FOUND, inputPath('unitId')));
    const supervisor = this.resolveSupervisorIds(errors, input.supervisorId, input.externalSupervisorId, inputPath);
    errors.throwIfAny();
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, unit!.rowId))) {
      throw new UserErrorsException([employeeError(EmployeeProblem.OUT_OF_SCOPE, inputPath('unitId'))]);
    }
    await this.checkSupervisor(ctx, errors, null, supervisor, inputPath);
    errors.throwIfAny();
    return { employee: await this.insert(ctx, values!, unit!.rowId, supervisor!, inputPath('nip')) };
  }

  async update(ctx: RequestContext, input: UpdateEmployeeInput): Promise<{ employee: Employee }> {
    const current = await this.requireAdministered(ctx, input.id, inputPath('id'));
    const errors = new UserErrorList();
    const values = validateEmployeeDraft(
      errors,
      {
        nip: input.nip ?? current.nip,
        name: input.name ?? current.name,
        titlePrefix: input.titlePrefix === undefined ? current.titlePrefix : input.titlePrefix,
        titleSuffix: input.titleSuffix === undefined ? current.titleSuffix : input.titleSuffix,
        employmentType: input.employmentType ?? current.employmentType,
        grade: input.grade ?? current.grade,
        // A PNS's gender follows the NIP: a changed NIP or type re-derives it unless one is given.
        gender:
          input.gender !== undefined
            ? input.gender
            : (input.nip != null || input.employmentType != null) &&
                (input.employmentType ?? current.employmentType) === EmploymentType.PNS
              ? null
              : current.gender,
        positionTitle: input.positionTitle ?? current.positionTitle,
        positionKind: input.positionKind ?? current.positionKind,
        email: input.email === undefined ? current.email : input.email,
      },
      inputPath,
    );
    let unitId = current.unitId;
    if (input.unitId != null) {
      const id = idOfType(input.unitId, Unit.typeName);
      const unit = id === null ? null : await unitService.get(ctx, id);
      if (!unit) errors.addError(employeeError(EmployeeProblem.UNIT_NOT_FOUND, inputPath('unitId')));
      else unitId = unit.rowId;
    }
    errors.throwIfAny();
    return { employee: await this.applyChanges(ctx, current, values!, unitId, input.expectedVersion) };
  }

  async setSupervisor(ctx: RequestContext, input: SetSupervisorInput): Promise<{ employee: Employee }> {
    await supervisorTree.lock(ctx.em);
    const employee = await this.requireAdministered(ctx, input.employeeId, inputPath('employeeId'));
    const errors = new UserErrorList();
    const choice = this.resolveSupervisorIds(errors, input.supervisorId, input.externalSupervisorId, inputPath);
    errors.throwIfAny();
    return { employee: await this.changeSupervisor(ctx, employee, choice!, input.expectedVersion) };
  }

  async setActive(
    ctx: RequestContext,
    input: SetEmployeeActiveInput,
    active: boolean,
  ): Promise<{ employee: Employee }> {
    const employee = await this.requireAdministered(ctx, input.id, inputPath('id'));
    // A stale version is reported as such, even when the state already is what was asked.
    assertExpectedVersion(employee.version, input.expectedVersion, inputPath('expectedVersion'));
    if (employee.active === active) {
      throw new UserErrorsException([
        employeeError(active ? EmployeeProblem.ALREADY_ACTIVE : EmployeeProblem.ALREADY_INACTIVE, inputPath('id')),
      ]);
    }
    // The mutation names the employee by `id`; an import row by its `active` column.
    return {
      employee: await this.changeActive(ctx, employee, active, input.expectedVersion, (f) =>
        inputPath(f === 'active' ? 'id' : f),
      ),
    };
  }

  /** Deactivates (not while heading a unit) or reactivates an employee; unchanged state only checks the version. */
  async changeActive(
    ctx: RequestContext,
    employee: Employee,
    active: boolean,
    expectedVersion: number,
    path = inputPath,
  ): Promise<Employee> {
    if (employee.active === active) {
      assertExpectedVersion(employee.version, expectedVersion, path('expectedVersion'));
      return employee;
    }
    if (!active && (await this.headsAUnit(ctx, employee.rowId)))
      throw new UserErrorsException([employeeError(EmployeeProblem.HEAD_CANNOT_DEACTIVATE, path('active'))]);
    const after = Object.assign(new Employee(), employee, {
      active,
      version: employee.version + 1,
      updatedAt: ctx.now(),
    });
    await updateVersioned(
      ctx.em,
      Employee,
      employee.rowId,
      expectedVersion,
      { active, updatedAt: after.updatedAt },
      path('expectedVersion'),
    );
    await recordAudit(ctx, {
      action: active ? AuditAction.EMPLOYEE_REACTIVATED : AuditAction.EMPLOYEE_DEACTIVATED,
      entityType: Employee.typeName,
      entityId: employee.rowId,
      before: auditSnapshot(employee),
      after: auditSnapshot(after),
    });
    // After the commit, every instance closes the person's open sockets: HTTP already refuses them from now on.
    if (!active)
      await announce(
        ctx,
        {
          type: EventType.EMPLOYEE_DEACTIVATED,
          subjectId: after.id,
          unitId: after.unitId,
          employeeId: after.rowId,
          payload: { employeeId: after.id, active: false, version: after.version },
        },
        { topic: Topic.EMPLOYEE_DEACTIVATED, payload: { employeeId: employee.rowId } },
      );
    return after;
  }

  /** Inserts a validated employee with its place in the supervisor tree and its audit row. */
  async insert(
    ctx: RequestContext,
    values: EmployeeValues,
    unitId: number,
    supervisor: SupervisorChoice,
    nipField: string[],
  ): Promise<Employee> {
    if (await ctx.loaders.get(employeeByNip).load(values.nip))
      throw new UserErrorsException([employeeError(EmployeeProblem.NIP_TAKEN, nipField)]);
    const now = ctx.now();
    const employee = ctx.em
      .getRepository(Employee)
      .create({ ...values, unitId, ...supervisor, active: true, version: 1, createdAt: now, updatedAt: now });
    try {
      await ctx.em.getRepository(Employee).insert(employee);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserErrorsException([employeeError(EmployeeProblem.NIP_TAKEN, nipField)]);
      throw error;
    }
    await supervisorTree.insertNode(ctx.em, employee.rowId, employee.supervisorId);
    await recordAudit(ctx, {
      action: AuditAction.EMPLOYEE_CREATED,
      entityType: Employee.typeName,
      entityId: employee.rowId,
      after: auditSnapshot(employee),
    });
    ctx.loaders.get(employeeById).prime(employee.rowId, employee);
    return employee;
  }

  /**
   * Applies validated values and a unit to a stored employee, if the version still matches. Nothing changed:
   * only the version is checked. A move to another unit needs that unit in scope and the employee not heading theirs.
   */
  async applyChanges(
    ctx: RequestContext,
    current: Employee,
    values: EmployeeValues,
    unitId: number,
    expectedVersion: number,
    path = inputPath,
    scope: UnitScope = Permission.ADMINISTER_UNIT,
  ): Promise<Employee> {
    const changes: Partial<Employee> = {};
    for (const [key, value] of Object.entries(values) as Array<[keyof EmployeeValues, unknown]>) {
      if (current[key] !== value) Object.assign(changes, { [key]: value });
    }
    if (unitId !== current.unitId) {
      if (!(await ctx.policy.can(scope, unitId)))
        throw new UserErrorsException([employeeError(EmployeeProblem.OUT_OF_SCOPE, path('unitId'))]);
      if (await this.headsAUnit(ctx, current.rowId))
        throw new UserErrorsException([employeeError(EmployeeProblem.HEAD_CANNOT_MOVE, path('unitId'))]);
      changes.unitId = unitId;
    }
    if (changes.nip !== undefined) {
      const holder = await ctx.loaders.get(employeeByNip).load(changes.nip);
      if (holder && holder.rowId !== current.rowId)
        throw new UserErrorsException([employeeError(EmployeeProblem.NIP_TAKEN, path('nip'))]);
    }
    if (Object.keys(changes).length === 0) {
      assertExpectedVersion(current.version, expectedVersion, path('expectedVersion'));
      return current;
    }
    const after = Object.assign(new Employee(), current, changes, {
      version: current.version + 1,
      updatedAt: ctx.now(),
    });
    try {
      await updateVersioned(
        ctx.em,
        Employee,
        current.rowId,
        expectedVersion,
        { ...changes, updatedAt: after.updatedAt },
        path('expectedVersion'),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new UserErrorsException([employeeError(EmployeeProblem.NIP_TAKEN, path('nip'))]);
      throw error;
    }
    await recordAudit(ctx, {
      action: AuditAction.EMPLOYEE_UPDATED,
      entityType: Employee.typeName,
      entityId: current.rowId,
      before: auditSnapshot(current),
      after: auditSnapshot(after),
    });
    return after;
  }

  /** Re-hangs an employee (with everyone below them) under a new supervisor, refusing cycles. */
  async changeSupervisor(
    ctx: RequestContext,
    employee: Employee,
    choice: SupervisorChoice,
    expectedVersion: number,
    path = inputPath,
    scope: UnitScope = Permission.ADMINISTER_UNIT,
  ): Promise<Employee> {
    const errors = new UserErrorList();
    await this.checkSupervisor(ctx, errors, employee.rowId, choice, path, scope);
    errors.throwIfAny();
    if (
      employee.supervisorId === choice.supervisorId &&
      employee.externalSupervisorId === choice.externalSupervisorId
    ) {
      assertExpectedVersion(employee.version, expectedVersion, path('expectedVersion'));
      return employee;
    }
    const after = Object.assign(new Employee(), employee, choice, {
      version: employee.version + 1,
      updatedAt: ctx.now(),
    });
    await updateVersioned(
      ctx.em,
      Employee,
      employee.rowId,
      expectedVersion,
      { ...choice, updatedAt: after.updatedAt },
      path('expectedVersion'),
    );
    if (choice.supervisorId !== employee.supervisorId)
      await supervisorTree.moveSubtree(ctx.em, employee.rowId, choice.supervisorId);
    await recordAudit(ctx, {
      action: AuditAction.EMPLOYEE_SUPERVISOR_SET,
      entityType: Employee.typeName,
      entityId: employee.rowId,
      before: auditSnapshot(employee),
      after: auditSnapshot(after),
    });
    return after;
  }

  /**
   * Checks a supervisor choice for an employee (`employeeId` null for a new one): active, no cycle, and inside
   * the caller's scope — being above someone grants their personal fields, so a scoped HR admin may only link
   * people they administer.
   */
  async checkSupervisor(
    ctx: RequestContext,
    errors: UserErrorList,
    employeeId: number | null,
    choice: SupervisorChoice | undefined,
    path: (f: string) => string[],
    scope: UnitScope = Permission.ADMINISTER_UNIT,
  ): Promise<void> {
    if (!choice) return;
    if (choice.supervisorId !== null) {
      const supervisor = await ctx.loaders.get(employeeById).load(choice.supervisorId);
      if (!supervisor) errors.addError(employeeError(EmployeeProblem.SUPERVISOR_NOT_FOUND, path('supervisorId')));
      else if (!(await ctx.policy.can(scope, supervisor.unitId)))
        errors.addError(employeeError(EmployeeProblem.SUPERVISOR_OUT_OF_SCOPE, path('supervisorId')));
      else if (employeeId !== null && (await supervisorTree.wouldCycle(ctx.em, employeeId, supervisor.rowId))) {
        errors.addError(employeeError(EmployeeProblem.SUPERVISOR_CYCLE, path('supervisorId')));
      } else if (!supervisor.active)
        errors.addError(employeeError(EmployeeProblem.SUPERVISOR_INACTIVE, path('supervisorId')));
    }
    if (choice.externalSupervisorId !== null) {
      const official = await externalOfficialService.getToAssign(ctx, choice.externalSupervisorId);
      if (!official)
        errors.addError(employeeError(EmployeeProblem.EXTERNAL_SUPERVISOR_NOT_FOUND, path('externalSupervisorId')));
      else if (!official.active)
        errors.addError(employeeError(EmployeeProblem.SUPERVISOR_INACTIVE, path('externalSupervisorId')));
    }
  }

  /** Decodes the two supervisor ids of an input; unknown ids are NOT_FOUND. */
  private resolveSupervisorIds(
    errors: UserErrorList,
    supervisorGlobalId: string | null | undefined,
    externalGlobalId: string | null | undefined,
    path: (f: string) => string[],
  ): SupervisorChoice | undefined {
    if (supervisorGlobalId != null && externalGlobalId != null) {
      errors.addError(employeeError(EmployeeProblem.BOTH_SUPERVISORS, path('externalSupervisorId')));
      return undefined;
    }
    const supervisorId = supervisorGlobalId == null ? null : (idOfType(supervisorGlobalId, Employee.typeName) ?? -1);
    const externalSupervisorId =
      externalGlobalId == null ? null : (idOfType(externalGlobalId, ExternalOfficial.typeName) ?? -1);
    if (supervisorId === -1) errors.addError(employeeError(EmployeeProblem.SUPERVISOR_NOT_FOUND, path('supervisorId')));
    if (externalSupervisorId === -1)
      errors.addError(employeeError(EmployeeProblem.EXTERNAL_SUPERVISOR_NOT_FOUND, path('externalSupervisorId')));
    return supervisorId === -1 || externalSupervisorId === -1 ? undefined : { supervisorId, externalSupervisorId };
  }

  /** The employee to change, locked and as committed now; refused as NOT_FOUND or OUT_OF_SCOPE. */
  private async requireAdministered(ctx: RequestContext, globalId: string, field: string[]): Promise<Employee> {
    const id = idOfType(globalId, Employee.typeName);
    const employee = id === null ? null : await this.lockForChange(ctx, id);
    if (!employee) throw new UserErrorsException([employeeError(EmployeeProblem.EMPLOYEE_NOT_FOUND, field)]);
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, employee.unitId)))
      throw new UserErrorsException([employeeError(EmployeeProblem.OUT_OF_SCOPE, field)]);
    return employee;
  }

  /**
   * Locks an employee row for the rest of the transaction and reads it as committed now: the checks that follow
   * (heads a unit? still in that unit?) must not pass on a snapshot another transaction is changing.
   */
  async lockForChange(ctx: RequestContext, id: number): Promise<Employee | null> {
    const employee = await lockedRow(ctx.em, Employee, id);
    if (employee) ctx.loaders.get(employeeById).clear(id).prime(id, employee);
    return employee;
  }

  private async headsAUnit(ctx: RequestContext, employeeId: number): Promise<boolean> {
    const qb = ctx.em
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .where('unit.head_id = :employeeId', { employeeId });
    return (await withShareLock(qb).getCount()) > 0;
  }
}

export const employeeService = new EmployeeService();
