import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { type ConnectionArgs, emptyPage, type Page } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { paginate } from '../../core/graphql/pagination';
import { Permission } from '../../core/policy/permission';
import { type PermissionOn } from '../../core/policy/permission-subjects';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { optionalText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Employee } from '../employee/employee.entity';
import { PositionKind } from '../employee/employee-enums';
import { employeeService } from '../employee/employee.service';
import { ExternalOfficial } from '../official/external-official.entity';
import { PeriodStatus } from '../period/period-enums';
import { periodService } from '../period/period.service';
import { type PerformancePeriod } from '../period/performance-period.entity';
import { Unit } from '../unit/unit.entity';
import { Appraisal, ANNEX_TEXT_MAX } from './appraisal.entity';
import { AppraisalForm, AppraisalStatus, type PlanApproach } from './appraisal-enums';
import { appraisalError, AppraisalProblem } from './appraisal.errors';
import {
  type AppraisalFilter,
  type CreateAppraisalInput,
  type CreateAppraisalsForUnitInput,
  type ReassignAppraiserInput,
  type UpdateAppraisalInput,
} from './appraisal.inputs';
import { appraisalById, employeeAppraisalsPage } from './appraisal.loaders';
import { readableOpenPlanOf } from './open-plan.loaders';
import { scopeAppraisalsToReader } from './appraisal-scope';
import { snapshotFor, snapshotForAppraiser } from './appraiser-snapshot';
import { beginPlanEdit, requirePlanById, touchPlan } from './plan-access';
import { externalOfficialService } from '../official/external-official.service';
import { unitService } from '../unit/unit.service';

const inputPath = (field: string) => ['input', field];

export const formFor = (kind: PositionKind): AppraisalForm =>
  kind === PositionKind.JPT ? AppraisalForm.JPT : AppraisalForm.JA_JF;

/** Plans (SKP): reading them under the policy, starting them, their fields, and HR reassignment of the appraiser. */
export class AppraisalService {
  async get(ctx: RequestContext, id: number): Promise<Appraisal | null> {
    return (await this.getMany(ctx, [id]))[0] ?? null;
  }

  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(Appraisal | null)[]> {
    return this.getManyFor(ctx, Permission.READ_APPRAISAL, ids);
  }

  /** Plans by id, each null unless `permission` allows it (READ_WORK_PLAN: the plan's content, for other modules). */
  async getManyFor(
    ctx: RequestContext,
    permission: PermissionOn<Appraisal>,
    ids: readonly number[],
  ): Promise<(Appraisal | null)[]> {
    return ctx.policy.filter(permission, await loadAll(ctx.loaders.get(appraisalById), ids));
  }

  /** An employee's open plan in a period (the current one by default), if the caller may read it. */
  openPlanOf(
    ctx: RequestContext,
    employeeId: number,
    periodId?: number | null,
  ): Appraisal | null | Promise<Appraisal | null> {
    return ctx.loaders.peekOrLoad(readableOpenPlanOf, employeeId, { periodId: periodId ?? null });
  }

  /** An employee's plans, newest first, scoped in SQL to what the caller may read. */
  ofEmployee(
    ctx: RequestContext,
    employeeId: number,
    periodId: number | null,
    args: ConnectionArgs,
  ): Promise<Page<Appraisal>> {
    return ctx.loaders.get(employeeAppraisalsPage, { args: { ...args }, periodId }).load(employeeId);
  }

  /** Plans across the region, scoped in SQL to what the caller may read; newest first. */
  async list(ctx: RequestContext, filter: AppraisalFilter | undefined, args: ConnectionArgs): Promise<Page<Appraisal>> {
    if (!ctx.actor.isAuthenticated) return emptyPage();
    const qb = scopeAppraisalsToReader(ctx.em.getRepository(Appraisal).createQueryBuilder('appraisal'), ctx.actor);
    if (filter?.periodId != null)
      qb.andWhere('appraisal.period_id = :periodId', { periodId: idOfType(filter.periodId, 'PerformancePeriod') ?? 0 });
    if (filter?.unitId != null) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM unit_closure inunit WHERE inunit.ancestor_id = :unitId AND inunit.descendant_id = appraisal.unit_id)',
        {
          unitId: idOfType(filter.unitId, Unit.typeName) ?? 0,
        },
      );
    }
    if (filter?.statuses?.length) qb.andWhere('appraisal.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.appraiserId != null)
      qb.andWhere('appraisal.appraiser_employee_id = :appraiserId', {
        appraiserId: idOfType(filter.appraiserId, Employee.typeName) ?? 0,
      });
    if (filter?.approvedLate != null) qb.andWhere('appraisal.approved_late = :late', { late: filter.approvedLate });
    return paginate(
      qb,
      {
        column: 'appraisal.id',
        idColumn: 'appraisal.id',
        direction: 'DESC',
        valueOf: (a) => a.rowId,
        idOf: (a) => a.rowId,
      },
      args,
    );
  }

  async resolvePeriod(ctx: RequestContext, periodId?: number | null): Promise<PerformancePeriod | null> {
    if (periodId != null) return periodService.get(ctx, periodId);
    return periodService.current(ctx);
  }

  /** Starts a plan: the employee for themselves, or an HR admin covering the employee. */
  async create(ctx: RequestContext, input: CreateAppraisalInput): Promise<{ appraisal: Appraisal }> {
    const employeeId = input.employeeId == null ? ctx.actor.employeeId : idOfType(input.employeeId, Employee.typeName);
    const employee = employeeId == null ? null : await employeeService.lockForChange(ctx, employeeId);
    const mine = employee !== null && employee.rowId === ctx.actor.employeeId;
    if (!employee || (!mine && !(await ctx.policy.can(Permission.READ_DIRECTORY)))) {
      throw new UserErrorsException([appraisalError(AppraisalProblem.EMPLOYEE_NOT_FOUND, inputPath('employeeId'))]);
    }
    if (!mine && !(await ctx.policy.can(Permission.ADMINISTER_UNIT, employee.unitId))) {
      throw new UserErrorsException([appraisalError(AppraisalProblem.OUT_OF_SCOPE, inputPath('employeeId'))]);
    }
    const period = await this.resolvePeriod(
      ctx,
      input.periodId == null ? null : (idOfType(input.periodId, 'PerformancePeriod') ?? -1),
    );
    if (!period)
      throw new UserErrorsException([appraisalError(AppraisalProblem.PERIOD_NOT_FOUND, inputPath('periodId'))]);
    return { appraisal: await this.start(ctx, employee, period, input.approach, period.startDate) };
  }

  /** Starts plans for every active employee of a unit (subtree) without an open one in the period: one transaction. */
  async createForUnit(
    ctx: RequestContext,
    input: CreateAppraisalsForUnitInput,
  ): Promise<{ created: number; skipped: number }> {
    const unitId = idOfType(input.unitId, Unit.typeName);
    if (unitId === null || !(await unitService.get(ctx, unitId))) {
      throw new UserErrorsException([appraisalError(AppraisalProblem.UNIT_NOT_FOUND, inputPath('unitId'))]);
    }
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, unitId)))
      throw new UserErrorsException([appraisalError(AppraisalProblem.OUT_OF_SCOPE, inputPath('unitId'))]);
    const periodId = idOfType(input.periodId, 'PerformancePeriod');
    const period = periodId === null ? null : await periodService.get(ctx, periodId);
    if (!period)
      throw new UserErrorsException([appraisalError(AppraisalProblem.PERIOD_NOT_FOUND, inputPath('periodId'))]);
    this.assertPlanning(period);
    const employees = await ctx.em
      .getRepository(Employee)
      .createQueryBuilder('employee')
      .innerJoin(
        'unit_closure',
        'within',
        `within.descendant_id = employee.unit_id AND within.ancestor_id = :unitId${input.includeSubunits ? '' : ' AND within.depth = 0'}`,
        { unitId },
      )
      .where('employee.active = :active', { active: true })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM appraisal open WHERE open.employee_id = employee.id AND open.open_period_id = :periodId)',
        { periodId: period.rowId },
      )
      .orderBy('employee.id')
      .getMany();
    const total = await ctx.em
      .getRepository(Employee)
      .createQueryBuilder('employee')
      .innerJoin(
        'unit_closure',
        'within',
        `within.descendant_id = employee.unit_id AND within.ancestor_id = :unitId${input.includeSubunits ? '' : ' AND within.depth = 0'}`,
        { unitId },
      )
      .where('employee.active = :active', { active: true })
      .getCount();
    employeeService.remember(ctx, employees);
    // All at once, so the snapshots' lookups of supervisors batch into a few queries.
    const rows = await Promise.all(
      employees.map((employee) => this.build(ctx, employee, period, input.approach, period.startDate)),
    );
    for (let i = 0; i < rows.length; i += 500) await ctx.em.getRepository(Appraisal).insert(rows.slice(i, i + 500));
    await recordAudit(
      ctx,
      rows.map((a) => ({
        action: AuditAction.APPRAISAL_CREATED,
        entityType: Appraisal.typeName,
        entityId: a.rowId,
        after: auditSnapshot(a),
      })),
    );
    return { created: rows.length, skipped: total - rows.length };
  }

  async update(ctx: RequestContext, input: UpdateAppraisalInput): Promise<{ appraisal: Appraisal }> {
    const { appraisal } = await beginPlanEdit(
      ctx,
      idOfType(input.id, Appraisal.typeName),
      input.expectedVersion,
      inputPath('id'),
    );
    const errors = new UserErrorList();
    const changes: Partial<Appraisal> = {};
    if (input.approach != null && input.approach !== appraisal.approach) changes.approach = input.approach;
    for (const field of ['resourceSupport', 'accountabilityScheme', 'consequences'] as const) {
      const value = optionalText(errors, input[field], inputPath(field), 'The annex text', ANNEX_TEXT_MAX);
      if (value !== undefined && value !== appraisal[field]) changes[field] = value;
    }
    errors.throwIfAny();
    if (Object.keys(changes).length === 0) return { appraisal };
    const after = await touchPlan(ctx, appraisal, input.expectedVersion, changes);
    await recordAudit(ctx, {
      action: AuditAction.APPRAISAL_UPDATED,
      entityType: Appraisal.typeName,
      entityId: appraisal.rowId,
      before: auditSnapshot(appraisal),
      after: auditSnapshot(after),
    });
    return { appraisal: after };
  }

  /** HR gives a plan another appraiser (acting official, vacancy); the appraiser's supervisor follows from them. */
  async reassignAppraiser(ctx: RequestContext, input: ReassignAppraiserInput): Promise<{ appraisal: Appraisal }> {
    const { appraisal } = await requirePlanById(ctx, input.id, Permission.MANAGE_APPRAISAL, inputPath('id'));
    if (appraisal.status === AppraisalStatus.CLOSED)
      throw new UserErrorsException([appraisalError(AppraisalProblem.CLOSED, inputPath('id'))]);
    if (input.appraiserId != null && input.externalAppraiserId != null)
      throw new UserErrorsException([
        appraisalError(AppraisalProblem.BOTH_APPRAISERS, inputPath('externalAppraiserId')),
      ]);
    const errors = new UserErrorList();
    const reason = optionalText(errors, input.reason, inputPath('reason'), 'The reason', 2000);
    errors.throwIfAny();
    const appraiserId = input.appraiserId == null ? null : idOfType(input.appraiserId, Employee.typeName);
    const externalId =
      input.externalAppraiserId == null ? null : idOfType(input.externalAppraiserId, ExternalOfficial.typeName);
    if (appraiserId !== null) {
      const appraiser = await employeeService.get(ctx, appraiserId);
      if (!appraiser?.active)
        throw new UserErrorsException([appraisalError(AppraisalProblem.APPRAISER_NOT_FOUND, inputPath('appraiserId'))]);
      if (appraiser.rowId === appraisal.employeeId)
        throw new UserErrorsException([appraisalError(AppraisalProblem.APPRAISER_IS_SELF, inputPath('appraiserId'))]);
      // Appraising grants the plan: a scoped HR admin hands it only to someone they administer (as setSupervisor).
      if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, appraiser.unitId))) {
        throw new UserErrorsException([appraisalError(AppraisalProblem.OUT_OF_SCOPE, inputPath('appraiserId'))]);
      }
    } else if (externalId !== null) {
      const official = await externalOfficialService.get(ctx, externalId);
      if (!official?.active)
        throw new UserErrorsException([
          appraisalError(AppraisalProblem.APPRAISER_NOT_FOUND, inputPath('externalAppraiserId')),
        ]);
    } else if (input.appraiserId != null || input.externalAppraiserId != null) {
      throw new UserErrorsException([
        appraisalError(
          AppraisalProblem.APPRAISER_NOT_FOUND,
          inputPath(input.appraiserId != null ? 'appraiserId' : 'externalAppraiserId'),
        ),
      ]);
    }
    const snapshot = await snapshotForAppraiser(ctx, { employeeId: appraiserId, externalId });
    const after = await touchPlan(ctx, appraisal, input.expectedVersion, snapshot);
    await recordAudit(ctx, {
      action: AuditAction.APPRAISER_REASSIGNED,
      entityType: Appraisal.typeName,
      entityId: appraisal.rowId,
      before: auditSnapshot(appraisal),
      after: { ...auditSnapshot(after), reason: reason ?? null },
    });
    return { appraisal: after };
  }

  /** Inserts a new plan for an employee in a period from `startDate`, with the snapshots and its audit row. */
  async start(
    ctx: RequestContext,
    employee: Employee,
    period: PerformancePeriod,
    approach: PlanApproach,
    startDate: string,
  ): Promise<Appraisal> {
    if (!employee.active)
      throw new UserErrorsException([appraisalError(AppraisalProblem.EMPLOYEE_INACTIVE, inputPath('employeeId'))]);
    this.assertPlanning(period);
    const existing = await ctx.em
      .getRepository(Appraisal)
      .findOneBy({ employeeId: employee.rowId, openPeriodId: period.rowId });
    if (existing)
      throw new UserErrorsException([appraisalError(AppraisalProblem.ALREADY_HAS_PLAN, inputPath('employeeId'))]);
    const appraisal = await this.build(ctx, employee, period, approach, startDate);
    try {
      await ctx.em.getRepository(Appraisal).insert(appraisal);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new UserErrorsException([appraisalError(AppraisalProblem.ALREADY_HAS_PLAN, inputPath('employeeId'))]);
      throw error;
    }
    await recordAudit(ctx, {
      action: AuditAction.APPRAISAL_CREATED,
      entityType: Appraisal.typeName,
      entityId: appraisal.rowId,
      after: auditSnapshot(appraisal),
    });
    ctx.loaders.get(appraisalById).prime(appraisal.rowId, appraisal);
    return appraisal;
  }

  private async build(
    ctx: RequestContext,
    employee: Employee,
    period: PerformancePeriod,
    approach: PlanApproach,
    startDate: string,
  ): Promise<Appraisal> {
    const now = ctx.now();
    return ctx.em.getRepository(Appraisal).create({
      employeeId: employee.rowId,
      periodId: period.rowId,
      openPeriodId: period.rowId,
      status: AppraisalStatus.DRAFT,
      form: formFor(employee.positionKind),
      approach,
      startDate,
      endDate: period.endDate,
      positionTitle: employee.positionTitle,
      positionKind: employee.positionKind,
      grade: employee.grade,
      unitId: employee.unitId,
      ...(await snapshotFor(ctx, employee)),
      resourceSupport: null,
      accountabilityScheme: null,
      consequences: null,
      submittedAt: null,
      approvedAt: null,
      approvedLate: false,
      closedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  private assertPlanning(period: PerformancePeriod): void {
    periodService.assertOpen(period, inputPath('periodId'));
    if (period.status !== PeriodStatus.PLANNING && period.status !== PeriodStatus.RUNNING) {
      throw new UserErrorsException([appraisalError(AppraisalProblem.PERIOD_NOT_PLANNING, inputPath('periodId'))]);
    }
  }
}

export const appraisalService = new AppraisalService();
