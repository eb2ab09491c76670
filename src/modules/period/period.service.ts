import { forgetCurrentPeriods } from './period.loaders';
import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { lockedRow } from '../../core/database/row-locks';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { isLocalDate, type LocalDate } from '../../core/time/local-date';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { PeriodStatus } from './period-enums';
import { periodError, PeriodProblem } from './period.errors';
import { type ChangePeriodStatusInput, type OpenPeriodInput, type UpdatePeriodInput } from './period.inputs';
import { currentPeriodOn, periodById } from './period.loaders';
import { canMovePeriod } from './period-workflow';
import { PerformancePeriod } from './performance-period.entity';

const inputPath = (field: string) => ['input', field];

/** Performance years: everyone signed in reads them; region-wide HR admins open, adjust and close them. */
export class PeriodService {
  async get(ctx: RequestContext, id: number): Promise<PerformancePeriod | null> {
    return (await this.getMany(ctx, [id]))[0] ?? null;
  }

  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(PerformancePeriod | null)[]> {
    if (!(await ctx.policy.can(Permission.SIGNED_IN))) return ids.map(() => null);
    return loadAll(ctx.loaders.get(periodById), ids);
  }

  async list(ctx: RequestContext): Promise<PerformancePeriod[]> {
    if (!(await ctx.policy.can(Permission.SIGNED_IN))) return [];
    return ctx.em.getRepository(PerformancePeriod).find({ order: { year: 'DESC' }, take: 100 });
  }

  /** The period whose year contains today (region time), else the latest one not closed. */
  async current(ctx: RequestContext): Promise<PerformancePeriod | null> {
    if (!(await ctx.policy.can(Permission.SIGNED_IN))) return null;
    return ctx.loaders.get(currentPeriodOn).load(ctx.today());
  }

  async open(ctx: RequestContext, input: OpenPeriodInput): Promise<{ period: PerformancePeriod }> {
    forgetCurrentPeriods(ctx.db);
    await this.assertRegionAdmin(ctx);
    const errors = new UserErrorList();
    if (!Number.isInteger(input.year) || input.year < 2020 || input.year > 2100)
      errors.addError(periodError(PeriodProblem.YEAR_INVALID, inputPath('year')));
    errors.throwIfAny();
    const year = input.year;
    const planningDeadline = this.date(errors, input.planningDeadline ?? `${year}-01-31`, year, 'planningDeadline');
    const annualEvaluationDeadline = this.date(
      errors,
      input.annualEvaluationDeadline ?? `${year + 1}-01-31`,
      year,
      'annualEvaluationDeadline',
    );
    const periodicEvaluationDays = this.days(errors, input.periodicEvaluationDays ?? 10);
    errors.throwIfAny();
    if (await ctx.em.getRepository(PerformancePeriod).findOneBy({ year }))
      throw new UserErrorsException([periodError(PeriodProblem.YEAR_TAKEN, inputPath('year'))]);
    const now = ctx.now();
    const period = ctx.em.getRepository(PerformancePeriod).create({
      year,
      cadence: input.cadence,
      status: PeriodStatus.PLANNING,
      startDate: `${year}-01-01`,
      endDate: `${year}-12-31`,
      planningDeadline: planningDeadline!,
      periodicEvaluationDays: periodicEvaluationDays!,
      annualEvaluationDeadline: annualEvaluationDeadline!,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await ctx.em.getRepository(PerformancePeriod).insert(period);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new UserErrorsException([periodError(PeriodProblem.YEAR_TAKEN, inputPath('year'))]);
      throw error;
    }
    await recordAudit(ctx, {
      action: AuditAction.PERIOD_OPENED,
      entityType: PerformancePeriod.typeName,
      entityId: period.rowId,
      after: auditSnapshot(period),
    });
    return { period };
  }

  async update(ctx: RequestContext, input: UpdatePeriodInput): Promise<{ period: PerformancePeriod }> {
    forgetCurrentPeriods(ctx.db);
    await this.assertRegionAdmin(ctx);
    const period = await this.requireOpen(ctx, input.id);
    const errors = new UserErrorList();
    const changes: Partial<PerformancePeriod> = {};
    if (input.cadence != null && input.cadence !== period.cadence) {
      if (period.status !== PeriodStatus.PLANNING)
        errors.addError(periodError(PeriodProblem.CADENCE_FIXED, inputPath('cadence')));
      else changes.cadence = input.cadence;
    }
    if (input.planningDeadline != null)
      changes.planningDeadline = this.date(errors, input.planningDeadline, period.year, 'planningDeadline');
    if (input.annualEvaluationDeadline != null)
      changes.annualEvaluationDeadline = this.date(
        errors,
        input.annualEvaluationDeadline,
        period.year,
        'annualEvaluationDeadline',
      );
    if (input.periodicEvaluationDays != null)
      changes.periodicEvaluationDays = this.days(errors, input.periodicEvaluationDays);
    errors.throwIfAny();
    for (const key of Object.keys(changes) as Array<keyof PerformancePeriod>)
      if (changes[key] === period[key]) delete changes[key];
    if (Object.keys(changes).length === 0) {
      assertExpectedVersion(period.version, input.expectedVersion);
      return { period };
    }
    return { period: await this.write(ctx, period, changes, input.expectedVersion, AuditAction.PERIOD_UPDATED) };
  }

  async changeStatus(ctx: RequestContext, input: ChangePeriodStatusInput): Promise<{ period: PerformancePeriod }> {
    forgetCurrentPeriods(ctx.db);
    await this.assertRegionAdmin(ctx);
    const period = await this.requireOpen(ctx, input.id);
    assertExpectedVersion(period.version, input.expectedVersion);
    if (!canMovePeriod(period.status, input.status))
      throw new UserErrorsException([periodError(PeriodProblem.TRANSITION_NOT_ALLOWED, inputPath('status'))]);
    return {
      period: await this.write(
        ctx,
        period,
        { status: input.status },
        input.expectedVersion,
        AuditAction.PERIOD_STATUS_CHANGED,
      ),
    };
  }

  /** Refuses any change in a closed period (PERIOD_CLOSED). */
  assertOpen(period: PerformancePeriod, field: string[]): void {
    if (period.status === PeriodStatus.CLOSED)
      throw new UserErrorsException([periodError(PeriodProblem.PERIOD_CLOSED, field)]);
  }

  private async write(
    ctx: RequestContext,
    period: PerformancePeriod,
    changes: Partial<PerformancePeriod>,
    expectedVersion: number,
    action: AuditAction,
  ): Promise<PerformancePeriod> {
    const after = Object.assign(new PerformancePeriod(), period, changes, {
      version: period.version + 1,
      updatedAt: ctx.now(),
    });
    await updateVersioned(ctx.em, PerformancePeriod, period.rowId, expectedVersion, {
      ...changes,
      updatedAt: after.updatedAt,
    });
    await recordAudit(ctx, {
      action,
      entityType: PerformancePeriod.typeName,
      entityId: period.rowId,
      before: auditSnapshot(period),
      after: auditSnapshot(after),
    });
    ctx.loaders.get(periodById).clear(period.rowId).prime(period.rowId, after);
    return after;
  }

  private async requireOpen(ctx: RequestContext, globalId: string): Promise<PerformancePeriod> {
    const id = idOfType(globalId, PerformancePeriod.typeName);
    const period = id === null ? null : await lockedRow(ctx.em, PerformancePeriod, id);
    if (!period) throw new UserErrorsException([periodError(PeriodProblem.PERIOD_NOT_FOUND, inputPath('id'))]);
    this.assertOpen(period, inputPath('id'));
    return period;
  }

  private async assertRegionAdmin(ctx: RequestContext): Promise<void> {
    if (!(await ctx.policy.can(Permission.ADMINISTER_REGION)))
      throw new UserErrorsException([periodError(PeriodProblem.REGION_ADMIN_ONLY, ['input'])]);
  }

  /** A deadline must be a real day from the year's start to the end of the next year. */
  private date(errors: UserErrorList, value: string, year: number, field: string): LocalDate | undefined {
    if (!isLocalDate(value) || value < `${year}-01-01` || value > `${year + 1}-12-31`) {
      errors.addError(periodError(PeriodProblem.DATE_INVALID, inputPath(field)));
      return undefined;
    }
    return value;
  }

  private days(errors: UserErrorList, value: number): number | undefined {
    if (!Number.isInteger(value) || value < 0 || value > 90) {
      errors.addError(periodError(PeriodProblem.DAYS_INVALID, inputPath('periodicEvaluationDays')));
      return undefined;
    }
    return value;
  }
}

export const periodService = new PeriodService();
