import { type RequestContext } from '../../core/context/request-context';
import { UserErrorCode, UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion } from '../../core/database/versioned-update';
import { lockedRow } from '../../core/database/row-locks';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { addDays, isLocalDate } from '../../core/time/local-date';
import { AuditAction } from '../audit/audit-action';
import { recordAudit } from '../audit/audit.service';
import { Employee } from '../employee/employee.entity';
import { validateEmployeeDraft } from '../employee/employee-draft';
import { employeeService, supervisorTree } from '../employee/employee.service';
import { ExternalOfficial } from '../official/external-official.entity';
import { periodService } from '../period/period.service';
import { PerformancePeriod } from '../period/performance-period.entity';
import { Unit } from '../unit/unit.entity';
import { Appraisal } from './appraisal.entity';
import { TransitionAction, AppraisalStatus } from './appraisal-enums';
import { appraisalError, AppraisalProblem } from './appraisal.errors';
import { type TransferEmployeeInput } from './appraisal.inputs';
import { appraisalService } from './appraisal.service';
import { appraisalWorkflowService } from './appraisal-workflow.service';
import { unitService } from '../unit/unit.service';

const inputPath = (field: string) => ['input', field];

export interface TransferOutcome {
  employee: Employee;
  closedAppraisal: Appraisal | null;
  newAppraisal: Appraisal | null;
}

/**
 * A transfer to another position or unit during the year (`docs/domain.md`, The cycle): the employee's record and
 * supervisor change, the open plan closes the day before, and a new plan opens with the new appraiser. Both plans
 * stay in the history. One transaction.
 */
export class TransferService {
  async transfer(ctx: RequestContext, input: TransferEmployeeInput): Promise<TransferOutcome> {
    await supervisorTree.lock(ctx.em);
    const employeeId = idOfType(input.employeeId, Employee.typeName);
    const employee = employeeId === null ? null : await employeeService.lockForChange(ctx, employeeId);
    if (!employee)
      throw new UserErrorsException([appraisalError(AppraisalProblem.EMPLOYEE_NOT_FOUND, inputPath('employeeId'))]);
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, employee.unitId)))
      throw new UserErrorsException([appraisalError(AppraisalProblem.OUT_OF_SCOPE, inputPath('employeeId'))]);
    assertExpectedVersion(employee.version, input.expectedVersion);
    if (!isLocalDate(input.effectiveDate))
      throw new UserErrorsException([
        appraisalError(AppraisalProblem.EFFECTIVE_DATE_INVALID, inputPath('effectiveDate')),
      ]);

    const errors = new UserErrorList();
    const values = validateEmployeeDraft(
      errors,
      {
        ...employee,
        positionTitle: input.positionTitle ?? employee.positionTitle,
        positionKind: input.positionKind ?? employee.positionKind,
        grade: input.grade ?? employee.grade,
      },
      inputPath,
    );
    let unitId = employee.unitId;
    if (input.unitId != null) {
      const id = idOfType(input.unitId, Unit.typeName);
      const unit = id === null ? null : await unitService.get(ctx, id);
      if (!unit) errors.add(UserErrorCode.NOT_FOUND, 'The unit does not exist.', inputPath('unitId'));
      else unitId = unit.rowId;
    }
    errors.throwIfAny();

    // No open plan may start on or after the transfer: it would keep the old position and appraiser.
    const later = await ctx.em
      .getRepository(Appraisal)
      .createQueryBuilder('plan')
      .where('plan.employee_id = :id AND plan.open_period_id IS NOT NULL AND plan.start_date >= :day', {
        id: employee.rowId,
        day: input.effectiveDate,
      })
      .getExists();
    if (later)
      throw new UserErrorsException([
        appraisalError(AppraisalProblem.EFFECTIVE_DATE_INVALID, inputPath('effectiveDate')),
      ]);
    const period = await ctx.em
      .getRepository(PerformancePeriod)
      .createQueryBuilder('period')
      .where('period.start_date <= :day AND period.end_date >= :day', { day: input.effectiveDate })
      .getOne();
    const open = period
      ? await ctx.em.getRepository(Appraisal).findOneBy({ employeeId: employee.rowId, openPeriodId: period.rowId })
      : null;
    const plan = open && (await lockedRow(ctx.em, Appraisal, open.rowId));
    if (plan && period) {
      periodService.assertOpen(period, inputPath('effectiveDate'));
      if (input.effectiveDate <= plan.startDate)
        throw new UserErrorsException([
          appraisalError(AppraisalProblem.EFFECTIVE_DATE_INVALID, inputPath('effectiveDate')),
        ]);
    }

    let moved = await employeeService.applyChanges(ctx, employee, values!, unitId, employee.version);
    if (input.supervisorId !== undefined || input.externalSupervisorId !== undefined) {
      const supervisorId = input.supervisorId == null ? null : (idOfType(input.supervisorId, Employee.typeName) ?? -1);
      const externalSupervisorId =
        input.externalSupervisorId == null
          ? null
          : (idOfType(input.externalSupervisorId, ExternalOfficial.typeName) ?? -1);
      if (supervisorId === -1 || externalSupervisorId === -1)
        throw new UserErrorsException([
          appraisalError(AppraisalProblem.APPRAISER_NOT_FOUND, inputPath('supervisorId')),
        ]);
      moved = await employeeService.changeSupervisor(ctx, moved, { supervisorId, externalSupervisorId }, moved.version);
    }

    let closed: Appraisal | null = null;
    let started: Appraisal | null = null;
    if (plan && period) {
      const reason = `Transfer to ${moved.positionTitle} from ${input.effectiveDate}`;
      closed = await appraisalWorkflowService.apply(
        ctx,
        plan,
        period,
        TransitionAction.CLOSE,
        AppraisalStatus.CLOSED,
        reason,
        plan.version,
        {
          endDate: addDays(input.effectiveDate, -1),
        },
      );
      started = await appraisalService.start(ctx, moved, period, plan.approach, input.effectiveDate);
    }
    await recordAudit(ctx, {
      action: AuditAction.EMPLOYEE_TRANSFERRED,
      entityType: Employee.typeName,
      entityId: employee.rowId,
      before: {
        unitId: employee.unitId,
        positionTitle: employee.positionTitle,
        supervisorId: employee.supervisorId,
        appraisalId: plan?.rowId ?? null,
      },
      after: {
        unitId: moved.unitId,
        positionTitle: moved.positionTitle,
        supervisorId: moved.supervisorId,
        appraisalId: started?.rowId ?? null,
        effectiveDate: input.effectiveDate,
      },
    });
    return { employee: moved, closedAppraisal: closed, newAppraisal: started };
  }
}

export const transferService = new TransferService();
