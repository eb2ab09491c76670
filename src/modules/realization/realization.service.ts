import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { distinct } from '../../core/util/distinct';
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
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- latestOfMany's batch (being rewritten on the datapath branch)
import { appraisalById } from '../appraisal/appraisal.loaders';
import { appraisalService } from '../appraisal/appraisal.service';
import { requirePlan, touchProgress } from '../appraisal/plan-access';
import { Evaluation } from '../evaluation/evaluation.entity';
import { EvaluationKind } from '../evaluation/evaluation-enums';
import { type PerformancePeriod } from '../period/performance-period.entity';
import { deriveSubPeriods, type SubPeriod } from '../period/sub-periods';
import { Indicator } from '../work-plan/indicator.entity';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- latestOfMany's batch (datapath branch); record() finds the indicator before requirePlan answers APPRAISAL_NOT_FOUND or FORBIDDEN
import { indicatorById, workResultPlanById } from '../work-plan/work-plan.loaders';
import { workPlanService } from '../work-plan/work-plan.service';
import { type Evidence, parseEvidence, validateEvidence } from './evidence';
import { Realization } from './realization.entity';
import { realizationError, RealizationProblem } from './realization.errors';
import { type RecordRealizationInput } from './realization.inputs';
import { latestRealizationOf, realizationById, realizationsOf } from './realization.loaders';

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
    const plans = await appraisalService.getMany(ctx, rows.map((r) => r?.appraisalId ?? 0));
    return rows.map((row, i) => (row && plans[i] ? row : null));
  }

  /** An indicator's realizations, if the caller may read the plan (content readers below the owner may not). */
  async ofIndicator(ctx: RequestContext, indicator: Indicator): Promise<Realization[]> {
    const [rhk] = await workPlanService.getMany(ctx, [indicator.workResultPlanId]);
    const plan = rhk && (await appraisalService.get(ctx, rhk.appraisalId));
    if (!plan) return [];
    return ctx.loaders.get(realizationsOf).load(indicator.id);
  }

  /** The latest realization of an indicator of a plan the caller reads (the dashboard's figure). */
  async latestOf(ctx: RequestContext, indicator: Indicator): Promise<Realization | null> {
    return (await this.latestOfMany(ctx, [indicator]))[0]!;
  }

  /**
   * `latestOf` for many indicators at once, in order: each RHK, plan and policy decision once, however many
   * indicators share it. `fresh` reads the realizations again even if this request read them before (for a
   * cache filled from this read).
   */
  async latestOfMany(ctx: RequestContext, indicators: readonly Indicator[], options: { fresh?: boolean } = {}): Promise<(Realization | null)[]> {
    const rhks = (await loadAll(ctx.loaders.get(workResultPlanById), distinct(indicators.map((i) => i.workResultPlanId)))).filter((r) => r !== null);
    const plans = await loadAll(ctx.loaders.get(appraisalById), distinct(rhks.map((r) => r.appraisalId)));
    const readable = new Set((await ctx.policy.filter(Permission.READ_APPRAISAL, plans)).filter((p) => p !== null).map((p) => p.id));
    const readableRhks = new Set(rhks.filter((r) => readable.has(r.appraisalId)).map((r) => r.id));
    const shown = indicators.filter((i) => readableRhks.has(i.workResultPlanId));
    const latest = new Map(shown.map((i, n) => [i, n]));
    if (options.fresh) for (const i of shown) ctx.loaders.get(latestRealizationOf).clear(i.id);
    const found = await loadAll(ctx.loaders.get(latestRealizationOf), shown.map((i) => i.id));
    return indicators.map((i) => (latest.has(i) ? found[latest.get(i)!]! : null));
  }

  evidenceOf(realization: Realization): Evidence[] {
    return parseEvidence(realization.evidenceJson);
  }

  async record(ctx: RequestContext, input: RecordRealizationInput): Promise<{ realization: Realization }> {
    const indicatorId = idOfType(input.indicatorId, Indicator.typeName);
    const indicator = indicatorId === null ? null : await ctx.loaders.get(indicatorById).load(indicatorId);
    const rhk = indicator && (await ctx.loaders.get(workResultPlanById).load(indicator.workResultPlanId));
    if (!indicator || !rhk) throw new UserErrorsException([realizationError(RealizationProblem.INDICATOR_NOT_FOUND, inputPath('indicatorId'))]);
    const { appraisal, period } = await requirePlan(ctx, rhk.appraisalId, Permission.EDIT_PLAN, inputPath('indicatorId'));
    if (appraisal.status !== AppraisalStatus.APPROVED && appraisal.status !== AppraisalStatus.REVISING) {
      throw new UserErrorsException([realizationError(RealizationProblem.PLAN_NOT_APPROVED, inputPath('indicatorId'))]);
    }
    await this.assertOpenSubPeriod(ctx, appraisal, period, input.subPeriod);

    const errors = new UserErrorList();
    const statement = optionalText(errors, input.statement, inputPath('statement'), 'The statement', 1000) ?? null;
    const narrative = optionalText(errors, input.narrative, inputPath('narrative'), 'The narrative', 4000) ?? null;
    const value = input.value ?? null;
    if (value !== null && (!Number.isFinite(value) || value < 0)) errors.addError(realizationError(RealizationProblem.VALUE_NEGATIVE, inputPath('value')));
    if (appraisal.approach === PlanApproach.QUANTITATIVE && value === null) errors.addError(realizationError(RealizationProblem.VALUE_REQUIRED, inputPath('value')));
    // A blank statement is no statement (a too-long one already has its error).
    const tooLong = typeof input.statement === 'string' && input.statement.trim().length > 1000;
    if (appraisal.approach === PlanApproach.QUALITATIVE && statement === null && !tooLong) {
      errors.addError(realizationError(RealizationProblem.STATEMENT_REQUIRED, inputPath('statement')));
    }
    const existing = await ctx.em.getRepository(Realization).findOneBy({ indicatorId: indicator.id, subPeriod: input.subPeriod });
    const evidence = input.evidence ? validateEvidence(errors, input.evidence, inputPath('evidence')) : existing ? parseEvidence(existing.evidenceJson) : [];
    errors.throwIfAny();

    await touchProgress(ctx, appraisal.id);
    const now = ctx.now();
    const values = { value, statement, narrative, evidenceJson: JSON.stringify(evidence) };
    let realization: Realization;
    if (existing) {
      if (input.expectedVersion == null) throw new UserErrorsException([realizationError(RealizationProblem.VERSION_REQUIRED, inputPath('expectedVersion'), existing.version)]);
      assertExpectedVersion(existing.version, input.expectedVersion);
      realization = Object.assign(new Realization(), existing, values, { version: existing.version + 1, updatedAt: now });
      await updateVersioned(ctx.em, Realization, existing.id, input.expectedVersion, { ...values, updatedAt: now });
    } else {
      realization = ctx.em.getRepository(Realization).create({ ...values, indicatorId: indicator.id, appraisalId: appraisal.id, subPeriod: input.subPeriod, version: 1, createdAt: now, updatedAt: now });
      try {
        await ctx.em.getRepository(Realization).insert(realization);
      } catch (error) {
        // Someone recorded it first: like a stale version, reload and correct it.
        if (isUniqueViolation(error)) throw new UserErrorsException([realizationError(RealizationProblem.VERSION_REQUIRED, inputPath('expectedVersion'))]);
        throw error;
      }
    }
    await recordAudit(ctx, {
      action: existing ? AuditAction.REALIZATION_UPDATED : AuditAction.REALIZATION_RECORDED,
      entityType: Realization.typeName,
      entityId: realization.id,
      before: existing ? auditSnapshot(existing) : null,
      after: auditSnapshot(realization),
    });
    ctx.publish(Topic.APPRAISAL_CHANGED, { appraisalId: appraisal.id, change: 'REALIZATION' });
    return { realization };
  }

  /** The sub-period exists in the period, has started, lies in the plan's dates, and is not evaluated yet. */
  private async assertOpenSubPeriod(ctx: RequestContext, appraisal: Appraisal, period: PerformancePeriod, index: number): Promise<void> {
    const field = inputPath('subPeriod');
    const sub = subPeriodOf(period, index);
    if (!sub) throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_INVALID, field)]);
    if (sub.startDate > ctx.today()) throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_NOT_STARTED, field)]);
    if (sub.endDate < appraisal.startDate || sub.startDate > appraisal.endDate) throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_OUTSIDE_PLAN, field)]);
    // The plan row is locked (requirePlan): an evaluation of this sub-period cannot slip in meanwhile.
    const evaluated = await ctx.em.getRepository(Evaluation).existsBy({ appraisalId: appraisal.id, kind: EvaluationKind.PERIODIC, subPeriod: index });
    if (evaluated) throw new UserErrorsException([realizationError(RealizationProblem.SUB_PERIOD_EVALUATED, field)]);
  }

  /** The realization row, locked, for feedback and evaluation checks. */
  locked(ctx: RequestContext, id: number): Promise<Realization | null> {
    return lockedRow(ctx.em, Realization, id);
  }
}

export const realizationService = new RealizationService();
