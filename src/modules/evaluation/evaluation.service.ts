import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion } from '../../core/database/versioned-update';
import { Topic } from '../../core/events/event-bus';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { optionalText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalStatus, TransitionAction } from '../appraisal/appraisal-enums';
import { appraisalService } from '../appraisal/appraisal.service';
import { appraisalWorkflowService } from '../appraisal/appraisal-workflow.service';
import { requirePlan, touchPlan } from '../appraisal/plan-access';
import { PositionKind } from '../employee/employee-enums';
import { PeriodStatus } from '../period/period-enums';
import { type PerformancePeriod } from '../period/performance-period.entity';
import { realizationService, subPeriodOf } from '../realization/realization.service';
import { WorkResultKind } from '../work-plan/work-plan-enums';
import { workPlanService } from '../work-plan/work-plan.service';
import { CORE_VALUES } from '../work-plan/core-values';
import { EvaluationBehavior } from './evaluation-behavior.entity';
import { ANNUAL_SUB_PERIOD, Evaluation } from './evaluation.entity';
import { EvaluationKind, type ExpectationRating } from './evaluation-enums';
import { evaluationError, EvaluationProblem } from './evaluation.errors';
import { type BehaviorAssessmentInput, type RatePeriodInput, type RateYearInput } from './evaluation.inputs';
import {
  behaviorAssessmentsOf,
  evaluationById,
  evaluationsOf,
  objectionById,
  objectionOf,
  unitRatingById,
} from './evaluation.loaders';
import { Objection } from './objection.entity';
import { creditPoints, functionalCoefficient, predikatOf, resultRatingForUnitRating } from './predikat';
import { achievement, isRate, resultOfRhk, suggestResultRating } from './result-suggestion';
import { deriveSubPeriods } from '../period/sub-periods';
import { UnitRating } from './unit-rating.entity';
import { unitService } from '../unit/unit.service';
import { announce } from '../outbox/announce';
import { EventType } from '../outbox/event-type';

const inputPath = (field: string) => ['input', field];

export interface BehaviorAssessment {
  coreValue: string;
  label: string;
  rating: ExpectationRating | null;
  feedback: string | null;
}

/** Ratings by the appraiser: each month or quarter, and the year, with the predikat the matrix gives. */
export class EvaluationService {
  /** The objection to a plan's final rating, if any and if the caller may read the plan. */
  async objectionOf(ctx: RequestContext, appraisal: Appraisal): Promise<Objection | null> {
    if (!(await ctx.policy.can(Permission.READ_APPRAISAL, appraisal))) return null;
    return ctx.loaders.get(objectionOf).load(appraisal.rowId);
  }

  /** A readable plan's evaluations (the parent's read check covers them). */
  of(ctx: RequestContext, appraisal: Appraisal): Promise<Evaluation[]> {
    return ctx.loaders.get(evaluationsOf).load(appraisal.rowId);
  }

  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(Evaluation | null)[]> {
    const rows = await loadAll(ctx.loaders.get(evaluationById), ids);
    const plans = await appraisalService.getMany(
      ctx,
      rows.map((r) => r?.appraisalId ?? 0),
    );
    return rows.map((row, i) => (row && plans[i] ? row : null));
  }

  /** Objections by id, each null unless the caller may read the plan. */
  async getObjections(ctx: RequestContext, ids: readonly number[]): Promise<(Objection | null)[]> {
    const rows = await loadAll(ctx.loaders.get(objectionById), ids);
    const plans = await appraisalService.getMany(
      ctx,
      rows.map((r) => r?.appraisalId ?? 0),
    );
    return rows.map((row, i) => (row && plans[i] ? row : null));
  }

  /** Unit ratings by id: organisational, read like units. */
  async getUnitRatings(ctx: RequestContext, ids: readonly number[]): Promise<(UnitRating | null)[]> {
    if (!(await ctx.policy.can(Permission.READ_UNITS))) return ids.map(() => null);
    return loadAll(ctx.loaders.get(unitRatingById), ids);
  }

  /** The seven values, each with what the appraiser wrote in this evaluation. */
  async behaviorsOf(ctx: RequestContext, evaluation: Evaluation): Promise<BehaviorAssessment[]> {
    const rows = new Map(
      (await ctx.loaders.get(behaviorAssessmentsOf).load(evaluation.rowId)).map((b) => [b.coreValue, b]),
    );
    return CORE_VALUES.map((v) => ({
      coreValue: v.value,
      label: v.label,
      rating: (rows.get(v.value)?.rating as ExpectationRating | null) ?? null,
      feedback: rows.get(v.value)?.feedback ?? null,
    }));
  }

  /**
   * The result rating the realizations suggest, for the year or one sub-period: each RHK from its indicators'
   * achievement against target, then the rule of `docs/domain.md`. The appraiser decides.
   */
  async suggestion(
    ctx: RequestContext,
    appraisal: Appraisal,
    subPeriod: number | null,
    subPeriodsInYear = 12,
  ): Promise<ExpectationRating | null> {
    const rhks = await workPlanService.rhksOf(ctx, appraisal);
    const perRhk = await Promise.all(
      rhks.map(async (rhk) => {
        const indicators = await workPlanService.indicatorsOf(ctx, rhk);
        const achievements = await Promise.all(
          indicators.map(async (indicator) => {
            const realizations = (await realizationService.ofIndicator(ctx, indicator)).filter(
              (r) => subPeriod === null || r.subPeriod === subPeriod,
            );
            // In one sub-period a count is held against its share of the yearly target; a rate ("%") against the target itself.
            const target =
              subPeriod !== null && indicator.targetValue !== null && !isRate(indicator.targetUnit)
                ? indicator.targetValue / subPeriodsInYear
                : indicator.targetValue;
            return achievement(target, indicator.targetUnit, realizations);
          }),
        );
        return { main: rhk.kind === WorkResultKind.MAIN, rating: resultOfRhk(achievements) };
      }),
    );
    return suggestResultRating(perRhk);
  }

  async ratePeriod(
    ctx: RequestContext,
    input: RatePeriodInput,
  ): Promise<{ appraisal: Appraisal; evaluation: Evaluation }> {
    const { appraisal, period } = await requirePlan(
      ctx,
      idOfType(input.appraisalId, Appraisal.typeName),
      Permission.DECIDE_PLAN,
      inputPath('appraisalId'),
    );
    assertExpectedVersion(appraisal.version, input.expectedVersion);
    if (appraisal.status !== AppraisalStatus.APPROVED)
      throw new UserErrorsException([evaluationError(EvaluationProblem.NOT_APPROVED, inputPath('appraisalId'))]);
    if (period.status !== PeriodStatus.RUNNING && period.status !== PeriodStatus.EVALUATING) {
      throw new UserErrorsException([evaluationError(EvaluationProblem.PERIOD_NOT_RUNNING, inputPath('appraisalId'))]);
    }
    const sub = subPeriodOf(period, input.subPeriod);
    if (!sub)
      throw new UserErrorsException([evaluationError(EvaluationProblem.SUB_PERIOD_INVALID, inputPath('subPeriod'))]);
    if (ctx.today() < sub.endDate)
      throw new UserErrorsException([evaluationError(EvaluationProblem.SUB_PERIOD_NOT_ENDED, inputPath('subPeriod'))]);
    const errors = new UserErrorList();
    const justification =
      optionalText(errors, input.resultJustification, inputPath('resultJustification'), 'The justification', 4000) ??
      null;
    const behaviors = this.checkBehaviors(errors, input.behaviors ?? []);
    errors.throwIfAny();
    const suggested = await this.suggestion(
      ctx,
      appraisal,
      input.subPeriod,
      deriveSubPeriods(period.year, period.cadence, period.periodicEvaluationDays).length,
    );
    const evaluation = await this.write(
      ctx,
      appraisal,
      EvaluationKind.PERIODIC,
      input.subPeriod,
      {
        resultRating: input.resultRating,
        resultJustification: justification,
        suggestedResultRating: suggested,
        unitRating: null,
        behaviorRating: input.behaviorRating,
        creditPoints: null,
      },
      behaviors,
    );
    const after = await touchPlan(ctx, appraisal, input.expectedVersion);
    await announce(
      ctx,
      {
        type: EventType.EVALUATION_RECORDED,
        subjectId: evaluation.id,
        unitId: appraisal.unitId,
        employeeId: appraisal.employeeId,
        payload: {
          evaluationId: evaluation.id,
          appraisalId: appraisal.id,
          kind: evaluation.kind,
          subPeriod: evaluation.subPeriod,
          predikat: evaluation.predikat,
          version: evaluation.version,
        },
      },
      { topic: Topic.APPRAISAL_CHANGED, payload: { appraisalId: appraisal.rowId, change: 'PERIODIC_EVALUATION' } },
    );
    return { appraisal: after, evaluation };
  }

  async rateYear(ctx: RequestContext, input: RateYearInput): Promise<{ appraisal: Appraisal; evaluation: Evaluation }> {
    const { appraisal, period } = await requirePlan(
      ctx,
      idOfType(input.appraisalId, Appraisal.typeName),
      Permission.DECIDE_PLAN,
      inputPath('appraisalId'),
    );
    assertExpectedVersion(appraisal.version, input.expectedVersion);
    if (appraisal.status === AppraisalStatus.FINAL)
      throw new UserErrorsException([evaluationError(EvaluationProblem.ALREADY_FINAL, inputPath('appraisalId'))]);
    if (appraisal.status !== AppraisalStatus.APPROVED && appraisal.status !== AppraisalStatus.EVALUATED) {
      throw new UserErrorsException([evaluationError(EvaluationProblem.NOT_APPROVED, inputPath('appraisalId'))]);
    }
    if (period.status !== PeriodStatus.EVALUATING)
      throw new UserErrorsException([
        evaluationError(EvaluationProblem.PERIOD_NOT_EVALUATING, inputPath('appraisalId')),
      ]);
    const errors = new UserErrorList();
    const justification =
      optionalText(errors, input.resultJustification, inputPath('resultJustification'), 'The justification', 4000) ??
      null;
    const behaviors = this.checkBehaviors(errors, input.behaviors ?? []);
    errors.throwIfAny();
    const unitRating = await this.unitRatingForHead(ctx, appraisal, period);
    let resultRating = input.resultRating ?? null;
    if (unitRating) {
      const required = resultRatingForUnitRating(unitRating.rating);
      if (resultRating !== null && resultRating !== required) {
        throw new UserErrorsException([
          evaluationError(EvaluationProblem.RESULT_FOLLOWS_UNIT, inputPath('resultRating'), {
            id: `${unitRating.rating} → ${required}`,
            en: `${unitRating.rating} → ${required}`,
          }),
        ]);
      }
      resultRating = required;
    }
    if (resultRating === null)
      throw new UserErrorsException([
        evaluationError(EvaluationProblem.RESULT_RATING_REQUIRED, inputPath('resultRating')),
      ]);
    const predikat = predikatOf(resultRating, input.behaviorRating);
    const coefficient =
      appraisal.positionKind === PositionKind.FUNGSIONAL ? functionalCoefficient(appraisal.positionTitle) : undefined;
    const evaluation = await this.write(
      ctx,
      appraisal,
      EvaluationKind.ANNUAL,
      ANNUAL_SUB_PERIOD,
      {
        resultRating,
        resultJustification: justification,
        suggestedResultRating: await this.suggestion(ctx, appraisal, null),
        unitRating: unitRating?.rating ?? null,
        behaviorRating: input.behaviorRating,
        creditPoints: coefficient === undefined ? null : creditPoints(predikat, coefficient),
      },
      behaviors,
    );
    const after = await appraisalWorkflowService.apply(
      ctx,
      appraisal,
      period,
      TransitionAction.EVALUATE,
      AppraisalStatus.EVALUATED,
      null,
      input.expectedVersion,
      {},
      { evaluationId: evaluation.rowId, predikat: evaluation.predikat },
    );
    return { appraisal: after, evaluation };
  }

  /**
   * The unit's own rating when the plan's employee heads the plan's unit (`docs/domain.md`): their result rating
   * follows it; refused until HR sets it.
   */
  private async unitRatingForHead(
    ctx: RequestContext,
    appraisal: Appraisal,
    period: PerformancePeriod,
  ): Promise<UnitRating | null> {
    const unit = await unitService.get(ctx, appraisal.unitId);
    if (unit?.headId !== appraisal.employeeId) return null;
    const rating = await ctx.em.getRepository(UnitRating).findOneBy({ unitId: unit.rowId, periodId: period.rowId });
    if (!rating)
      throw new UserErrorsException([evaluationError(EvaluationProblem.UNIT_RATING_MISSING, inputPath('appraisalId'))]);
    return rating;
  }

  /** Inserts or replaces the evaluation of a slot, its per-value assessments, and the audit row. */
  private async write(
    ctx: RequestContext,
    appraisal: Appraisal,
    kind: EvaluationKind,
    subPeriod: number,
    values: Pick<
      Evaluation,
      | 'resultRating'
      | 'resultJustification'
      | 'suggestedResultRating'
      | 'unitRating'
      | 'behaviorRating'
      | 'creditPoints'
    >,
    behaviors: BehaviorAssessmentInput[],
  ): Promise<Evaluation> {
    const repo = ctx.em.getRepository(Evaluation);
    const existing = await repo.findOneBy({ appraisalId: appraisal.rowId, kind, subPeriod });
    const now = ctx.now();
    const rated = {
      ...values,
      predikat: predikatOf(values.resultRating, values.behaviorRating),
      ratedByEmployeeId: ctx.actor.employeeId ?? null,
      ratedBySubject: ctx.actor.subject,
      ratedAt: now,
      updatedAt: now,
    };
    let evaluation: Evaluation;
    if (existing) {
      evaluation = Object.assign(new Evaluation(), existing, rated, { version: existing.version + 1 });
      await repo.update({ rowId: existing.rowId }, { ...rated, version: evaluation.version });
      await ctx.em.getRepository(EvaluationBehavior).delete({ evaluationId: existing.rowId });
    } else {
      evaluation = repo.create({ ...rated, appraisalId: appraisal.rowId, kind, subPeriod, version: 1, createdAt: now });
      await repo.insert(evaluation);
    }
    if (behaviors.length) {
      await ctx.em.getRepository(EvaluationBehavior).insert(
        behaviors.map((b) => ({
          evaluationId: evaluation.rowId,
          coreValue: b.coreValue,
          rating: b.rating ?? null,
          feedback: b.feedback?.trim() || null,
        })),
      );
    }
    await recordAudit(ctx, {
      action: AuditAction.EVALUATION_RECORDED,
      entityType: Evaluation.typeName,
      entityId: evaluation.rowId,
      before: existing ? auditSnapshot(existing) : null,
      after: { ...auditSnapshot(evaluation), behaviors },
    });
    return evaluation;
  }

  private checkBehaviors(errors: UserErrorList, behaviors: BehaviorAssessmentInput[]): BehaviorAssessmentInput[] {
    const seen = new Set<string>();
    behaviors.forEach((b, i) => {
      if (seen.has(b.coreValue))
        errors.addError(
          evaluationError(EvaluationProblem.DUPLICATE_VALUE, ['input', 'behaviors', String(i), 'coreValue']),
        );
      seen.add(b.coreValue);
      optionalText(errors, b.feedback, ['input', 'behaviors', String(i), 'feedback'], 'The feedback', 2000);
    });
    return behaviors;
  }
}

export const evaluationService = new EvaluationService();
