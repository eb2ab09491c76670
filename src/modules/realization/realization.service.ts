import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { lockedRow } from '../../core/database/row-locks';
import { Topic } from '../../core/events/event-bus';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { optionalText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalStatus, PlanApproach } from '../appraisal/appraisal-enums';
import { appraisalService } from '../appraisal/appraisal.service';
import { requirePlan } from '../appraisal/plan-access';
import { changePlanProgress } from '../appraisal/plan-stamps';
import { Evaluation } from '../evaluation/evaluation.entity';
import { EvaluationKind } from '../evaluation/evaluation-enums';
import { type PerformancePeriod } from '../period/performance-period.entity';
import { deriveSubPeriods, type SubPeriod } from '../period/sub-periods';
import { Indicator } from '../work-plan/indicator.entity';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- record() finds the indicator before requirePlan answers APPRAISAL_NOT_FOUND or FORBIDDEN
import { indicatorById, workResultPlanById } from '../work-plan/work-plan.loaders';
import { workPlanService } from '../work-plan/work-plan.service';
import { type Evidence, parseEvidence, validateEvidence } from './evidence';
import { Realization } from './realization.entity';
import { realizationError, RealizationProblem } from './realization.errors';
import { type RecordRealizationInput } from './realization.inputs';
import { latestRealizationShown } from './plan-progress.loaders';
import { realizationById, realizationsOf } from './realization.loaders';
import { announce } from '../outbox/announce';
import { EventType } from '../outbox/event-type';

const inputPath = (field: string) => ['input', field];

/** The sub-period of a period by its number, or undefined. */
export function subPeriodOf(period: PerformancePeriod, index: number): SubPeriod | undefined {
  return deriveSubPeriods(period.year, period.cadence, period.periodicEvaluationDays).find((s) => s.index === index);
}

/**
 * What was achieved, month by month or quarter by quarter: the employee records it against an approved plan until
 * the sub-period is evaluated; never in a closed period or for a sub-period that has not started.
 */
export class RealizationService {
  /** Realizations by id, each null unless the caller may read its plan. */
  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(Realization | null)[]> {
    const rows = await loadAll(ctx.loaders.get(realizationById), ids);
    const plans = await appraisalService.getMany(
      ctx,
      rows.map((r) => r?.appraisalId ?? 0),
    );
    return rows.map((row, i) => (row && plans[i] ? row : null));
  }

  /** An indicator's realizations, if the caller may read the plan (content readers below the owner may not). */
  async ofIndicator(ctx: RequestContext, indicator: Indicator): Promise<Realization[]> {
    const [rhk] = await workPlanService.getMany(ctx, [indicator.workResultPlanId]);
    const plan = rhk && (await appraisalService.get(ctx, rhk.appraisalId));
    if (!plan) return [];
    return ctx.loaders.get(realizationsOf).load(indicator.rowId);
  }

  /** The latest realization of an indicator of a plan the caller reads (the dashboard's figure). */
  latestOf(ctx: RequestContext, indicator: Indicator): Realization | null | Promise<Realization | null> {
    return ctx.loaders.peekOrLoad(latestRealizationShown, indicator);
  }

  evidenceOf(realization: Realization): Evidence[] {
    return parseEvidence(realization.evidenceJson);
  }

  async record(ctx: RequestContext, input: RecordRealizationInput): Promise<{ realization: Realization }> {
    const indicatorId = idOfType(input.indicatorId, Indicator.typeName);
    const indicator = indicatorId === null ? null : await ctx.loaders.get(indicatorById).load(indicatorId);
    const rhk = indicator && (await ctx.loaders.get(workResultPlanById).load(indicator.workResultPlanId));
    if (!indicator || !rhk)
      throw new UserErrorsException([
        realizationError(RealizationProblem.INDICATOR_NOT_FOUND, inputPath('indicatorId')),
      ]);
    const { appraisal, period } = await requirePlan(
      ctx,
      rhk.appraisalId,
      Permission.EDIT_PLAN,
      inputPath('indicatorId'),
    );
    if (appraisal.status !== AppraisalStatus.APPROVED && appraisal.status !== AppraisalStatus.REVISING) {
      throw new UserErrorsException([realizationError(RealizationProblem.PLAN_NOT_APPROVED, inputPath('indicatorId'))]);
    }
    await this.assertOpenSubPeriod(ctx, appraisal, period, input.subPeriod);

    const errors = new UserErrorList();
    const statement = optionalText(errors, input.statement, inputPath('statement'), 'The statement', 1000) ?? null;
    const narrative = optionalText(errors, input.narrative, inputPath('narrative'), 'The narrative', 4000) ?? null;
    const value = input.value ?? null;
    if (value !== null && (!Number.isFinite(value) || value < 0))
      errors.addError(realizationError(RealizationProblem.VALUE_NEGATIVE, inputPath('value')));
    if (appraisal.approach === PlanApproach.QUANTITATIVE && value === null)
      errors.addError(realizationError(RealizationProblem.VALUE_REQUIRED, inputPath('value')));
    // A blank statement is no statement (a too-long one already has its error).
    const tooLong = typeof input.statement === 'string' && input.statement.trim().length > 1000;
    if (appraisal.approach === PlanApproach.QUALITATIVE && statement === null && !tooLong) {
      errors.addError(realizationError(RealizationProblem.STATEMENT_REQUIRED, inputPath('statement')));
    }
    const existing = await ctx.em
      .getRepository(Realization)
      .findOneBy({ indicatorId: indicator.rowId, subPeriod: input.subPeriod });
    const evidence = input.evidence
      ? validateEvidence(errors, input.evidence, inputPath('evidence'))
      : existing
        ? parseEvidence(existing.evidenceJson)
        : [];
    errors.throwIfAny();

    const now = ctx.now();
    const values = { value, statement, narrative, evidenceJson: JSON.stringify(evidence) };
    if (existing && input.expectedVersion == null)
      throw new UserErrorsException([
        realizationError(RealizationProblem.VERSION_REQUIRED, inputPath('expectedVersion'), existing.version),
      ]);
    if (existing) assertExpectedVersion(existing.version, input.expectedVersion!);
    const realization = await changePlanProgress(ctx, appraisal.rowId, async () => {
      if (existing) {
        await updateVersioned(ctx.em, Realization, existing.rowId, input.expectedVersion!, {
          ...values,
          updatedAt: now,
        });
        return Object.assign(new Realization(), existing, values, { version: existing.version + 1, updatedAt: now });
      }
      const created = ctx.em.getRepository(Realization).create({
        ...values,
        indicatorId: indicator.rowId,
        appraisalId: appraisal.rowId,
        subPeriod: input.subPeriod,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await ctx.em.getRepository(Realization).insert(created);
      } catch (error) {
        // Someone recorded it first: like a stale version, reload and correct it.
        if (isUniqueViolation(error))
          throw new UserErrorsException([
            realizationError(RealizationProblem.VERSION_REQUIRED, inputPath('expectedVersion')),
          ]);
        throw error;
      }
      return created;
    });
    await recordAudit(ctx, {
      action: existing ? AuditAction.REALIZATION_UPDATED : AuditAction.REALIZATION_RECORDED,
      entityType: Realization.typeName,
      entityId: realization.rowId,
      before: existing ? auditSnapshot(existing) : null,
      after: auditSnapshot(realization),
    });
    await announce(
      ctx,
      {
        type: EventType.APPRAISAL_CHANGED,
        subjectId: appraisal.id,
        unitId: appraisal.unitId,
        employeeId: appraisal.employeeId,
        payload: {
          appraisalId: appraisal.id,
          change: 'REALIZATION',
          realizationId: realization.id,
          subPeriod: realization.subPeriod,
          version: realization.version,
        },
      },
      { topic: Topic.APPRAISAL_CHANGED, payload: { appraisalId: appraisal.rowId, change: 'REALIZATION' } },
    );
    return { realization };
  }

  /** The sub-period exists in the period, has started, lies in the plan's dates, and is not evaluated yet. */
  private async assertOpenSubPeriod(
    ctx: RequestContext,
    appraisal: Appraisal,
    period: PerformancePeriod,
    index: number,
  ): Promise<void> {
    const field = inputPath('subPeriod');
    const sub = subPeriodOf(period, index);
    if (!sub) throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_INVALID, field)]);
    if (sub.startDate > ctx.today())
      throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_NOT_STARTED, field)]);
    if (sub.endDate < appraisal.startDate || sub.startDate > appraisal.endDate)
      throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_OUTSIDE_PLAN, field)]);
    // The plan row is locked (requirePlan): an evaluation of this sub-period cannot slip in meanwhile.
    const evaluated = await ctx.em
      .getRepository(Evaluation)
      .existsBy({ appraisalId: appraisal.rowId, kind: EvaluationKind.PERIODIC, subPeriod: index });
    if (evaluated) throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_EVALUATED, field)]);
  }

  /** The realization row, locked, for feedback and evaluation checks. */
  locked(ctx: RequestContext, id: number): Promise<Realization | null> {
    return lockedRow(ctx.em, Realization, id);
  }
}

export const realizationService = new RealizationService();
