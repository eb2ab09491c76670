import { In } from 'typeorm';
import { type RequestContext } from '../../core/context/request-context';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { lockedRow, supportsRowLocks } from '../../core/database/row-locks';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { optionalText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalStatus, TransitionAction } from '../appraisal/appraisal-enums';
import { appraisalWorkflowService } from '../appraisal/appraisal-workflow.service';
import { PeriodStatus } from '../period/period-enums';
import { periodService } from '../period/period.service';
import { PerformancePeriod } from '../period/performance-period.entity';
import { Unit } from '../unit/unit.entity';
import { curveViolations, type CurveViolation } from './distribution-curve';
import { ANNUAL_SUB_PERIOD, Evaluation } from './evaluation.entity';
import { EvaluationKind, type OrganisationRating, Predikat } from './evaluation-enums';
import { curveViolationDetail, evaluationError, EvaluationProblem } from './evaluation.errors';
import { type FinalizeUnitEvaluationsInput, type SetUnitRatingInput } from './evaluation.inputs';
import { UnitRating } from './unit-rating.entity';
import { unitService } from '../unit/unit.service';
import { announce } from '../outbox/announce';
import { type DomainEvent } from '../outbox/outbox';
import { EventType } from '../outbox/event-type';
import { toGlobalId } from '../../core/graphql/global-id';

const inputPath = (field: string) => ['input', field];

export interface UnitDistribution {
  rating: OrganisationRating | null;
  counts: Record<Predikat, number>;
  /** Plans of the unit still waiting for their annual rating. */
  pending: number;
  violations: CurveViolation[];
}

/** A unit's own rating for the year, its employees' predikat against the distribution curve, and finalization. */
export class UnitRatingService {
  async get(ctx: RequestContext, unitId: number, periodId: number): Promise<UnitRating | null> {
    return ctx.em.getRepository(UnitRating).findOneBy({ unitId, periodId });
  }

  async set(ctx: RequestContext, input: SetUnitRatingInput): Promise<{ unitRating: UnitRating }> {
    const { unit, period } = await this.requireScope(ctx, input.unitId, input.periodId);
    periodService.assertOpen(period, inputPath('periodId'));
    const repo = ctx.em.getRepository(UnitRating);
    const existing = await repo.findOneBy({ unitId: unit.rowId, periodId: period.rowId });
    const now = ctx.now();
    if (existing) {
      if (input.expectedVersion == null)
        throw new UserErrorsException([
          evaluationError(EvaluationProblem.UNIT_RATING_EXISTS, inputPath('expectedVersion')),
        ]);
      assertExpectedVersion(existing.version, input.expectedVersion);
      if (existing.finalizedAt)
        throw new UserErrorsException([evaluationError(EvaluationProblem.UNIT_FINALIZED, inputPath('unitId'))]);
      const after = Object.assign(new UnitRating(), existing, {
        rating: input.rating,
        setBySubject: ctx.actor.subject,
        updatedAt: now,
        version: existing.version + 1,
      });
      await updateVersioned(ctx.em, UnitRating, existing.rowId, input.expectedVersion, {
        rating: input.rating,
        setBySubject: ctx.actor.subject,
        updatedAt: now,
      });
      await recordAudit(ctx, {
        action: AuditAction.UNIT_RATING_SET,
        entityType: UnitRating.typeName,
        entityId: existing.rowId,
        before: auditSnapshot(existing),
        after: auditSnapshot(after),
      });
      await announce(ctx, unitRatingEvent(EventType.UNIT_RATING_SET, after));
      return { unitRating: after };
    }
    const rating = repo.create({
      unitId: unit.rowId,
      periodId: period.rowId,
      rating: input.rating,
      finalizedAt: null,
      overrideJustification: null,
      setBySubject: ctx.actor.subject,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await repo.insert(rating);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new UserErrorsException([
          evaluationError(EvaluationProblem.UNIT_RATING_EXISTS, inputPath('expectedVersion')),
        ]);
      throw error;
    }
    await recordAudit(ctx, {
      action: AuditAction.UNIT_RATING_SET,
      entityType: UnitRating.typeName,
      entityId: rating.rowId,
      after: auditSnapshot(rating),
    });
    await announce(ctx, unitRatingEvent(EventType.UNIT_RATING_SET, rating));
    return { unitRating: rating };
  }

  /** The predikat of the unit's annual ratings in a period (one aggregate statement) and what the curve says of them. */
  async distribution(
    ctx: RequestContext,
    unitId: number,
    periodId: number,
    includeSubunits: boolean,
  ): Promise<UnitDistribution> {
    const rating = await this.get(ctx, unitId, periodId);
    const rows: Array<{ predikat: string | null; n: number | string }> = await ctx.em
      .getRepository(Appraisal)
      .createQueryBuilder('plan')
      .innerJoin(
        'unit_closure',
        'within',
        `within.descendant_id = plan.unit_id AND within.ancestor_id = :unitId${includeSubunits ? '' : ' AND within.depth = 0'}`,
        { unitId },
      )
      .leftJoin(
        'evaluation',
        'annual',
        'annual.appraisal_id = plan.id AND annual.kind = :annual AND annual.sub_period = :slot',
        { annual: EvaluationKind.ANNUAL, slot: ANNUAL_SUB_PERIOD },
      )
      .select('annual.predikat', 'predikat')
      .addSelect('COUNT(*)', 'n')
      .where('plan.period_id = :periodId AND plan.status <> :closed', { periodId, closed: AppraisalStatus.CLOSED })
      .groupBy('annual.predikat')
      .getRawMany();
    const counts = Object.fromEntries(Object.values(Predikat).map((p) => [p, 0])) as Record<Predikat, number>;
    let pending = 0;
    for (const row of rows) {
      if (row.predikat === null) pending += Number(row.n);
      else counts[row.predikat as Predikat] = Number(row.n);
    }
    return {
      rating: rating?.rating ?? null,
      counts,
      pending,
      violations: rating ? curveViolations(rating.rating, counts) : [],
    };
  }

  /**
   * Checks the unit's annual ratings against its curve and delivers them (FINAL): configuration decides whether a
   * violation blocks (unless HR gives a written justification) or only warns. Plans not yet rated stay as they are.
   */
  async finalize(
    ctx: RequestContext,
    input: FinalizeUnitEvaluationsInput,
  ): Promise<{ unitRating: UnitRating; finalized: number; pending: number; violations: CurveViolation[] }> {
    const { unit, period } = await this.requireScope(ctx, input.unitId, input.periodId);
    periodService.assertOpen(period, inputPath('periodId'));
    if (period.status !== PeriodStatus.EVALUATING)
      throw new UserErrorsException([evaluationError(EvaluationProblem.PERIOD_NOT_EVALUATING, inputPath('periodId'))]);
    const existing = await ctx.em.getRepository(UnitRating).findOneBy({ unitId: unit.rowId, periodId: period.rowId });
    const rating = existing && (await lockedRow(ctx.em, UnitRating, existing.rowId));
    if (!rating)
      throw new UserErrorsException([evaluationError(EvaluationProblem.UNIT_RATING_MISSING, inputPath('unitId'))]);
    const errors = new UserErrorList();
    const justification =
      optionalText(
        errors,
        input.overrideJustification,
        inputPath('overrideJustification'),
        'The justification',
        4000,
      ) ?? null;
    errors.throwIfAny();
    const { violations, pending } = await this.distribution(ctx, unit.rowId, period.rowId, input.includeSubunits);
    if (violations.length && ctx.settings.distributionCurveMode === 'block' && justification === null) {
      throw new UserErrorsException(
        violations.map((v) =>
          evaluationError(EvaluationProblem.CURVE_VIOLATED, inputPath('unitId'), curveViolationDetail(v)),
        ),
      );
    }
    const query = ctx.em
      .getRepository(Appraisal)
      .createQueryBuilder('plan')
      .innerJoin(
        'unit_closure',
        'within',
        `within.descendant_id = plan.unit_id AND within.ancestor_id = :unitId${input.includeSubunits ? '' : ' AND within.depth = 0'}`,
        { unitId: unit.rowId },
      )
      .where('plan.period_id = :periodId AND plan.status = :evaluated', {
        periodId: period.rowId,
        evaluated: AppraisalStatus.EVALUATED,
      });
    // Locked: a re-rating cannot slip in between the check and the delivery.
    if (supportsRowLocks(ctx.em)) query.setLock('pessimistic_write');
    const plans = await query.getMany();
    await this.assertHeadsFollowUnits(ctx, plans, period.rowId);
    const ratings = await this.annualRatingsOf(ctx, plans);
    for (const plan of plans) {
      await appraisalWorkflowService.apply(
        ctx,
        plan,
        period,
        TransitionAction.FINALIZE,
        AppraisalStatus.FINAL,
        null,
        plan.version,
        { deliveredAt: ctx.now() },
        ratings.get(plan.rowId),
      );
    }
    const now = ctx.now();
    const after = Object.assign(new UnitRating(), rating, {
      finalizedAt: now,
      overrideJustification: violations.length ? justification : null,
      updatedAt: now,
      version: rating.version + 1,
    });
    await updateVersioned(ctx.em, UnitRating, rating.rowId, rating.version, {
      finalizedAt: now,
      overrideJustification: after.overrideJustification,
      updatedAt: now,
    });
    await recordAudit(ctx, {
      action: AuditAction.UNIT_EVALUATIONS_FINALIZED,
      entityType: UnitRating.typeName,
      entityId: rating.rowId,
      before: auditSnapshot(rating),
      after: {
        ...auditSnapshot(after),
        finalized: plans.length,
        violations: violations.map((v) => v.bound.description),
      },
    });
    await announce(
      ctx,
      unitRatingEvent(EventType.UNIT_RATING_FINALIZED, after, {
        includeSubunits: input.includeSubunits,
        finalized: plans.length,
        pending,
        curveViolated: violations.length > 0,
      }),
    );
    return { unitRating: after, finalized: plans.length, pending, violations };
  }

  /** The annual evaluation of each plan, for the delivery events: one statement. */
  private async annualRatingsOf(
    ctx: RequestContext,
    plans: Appraisal[],
  ): Promise<Map<number, { evaluationId: number; predikat: string | null }>> {
    if (plans.length === 0) return new Map();
    const rows = await ctx.em.getRepository(Evaluation).findBy({
      appraisalId: In(plans.map((p) => p.rowId)),
      kind: EvaluationKind.ANNUAL,
      subPeriod: ANNUAL_SUB_PERIOD,
    });
    return new Map(rows.map((e) => [e.appraisalId, { evaluationId: e.rowId, predikat: e.predikat }]));
  }

  /** A head's result rating follows their unit's rating: refuse to deliver one that followed an earlier rating. */
  private async assertHeadsFollowUnits(ctx: RequestContext, plans: Appraisal[], periodId: number): Promise<void> {
    if (plans.length === 0) return;
    const heads = await ctx.em
      .getRepository(Evaluation)
      .createQueryBuilder('e')
      .where(
        'e.appraisal_id IN (:...ids) AND e.kind = :annual AND e.sub_period = :slot AND e.unit_rating IS NOT NULL',
        { ids: plans.map((p) => p.rowId), annual: EvaluationKind.ANNUAL, slot: ANNUAL_SUB_PERIOD },
      )
      .getMany();
    if (heads.length === 0) return;
    const unitOf = new Map(plans.map((p) => [p.rowId, p.unitId]));
    const ratings = await ctx.em
      .getRepository(UnitRating)
      .findBy({ periodId, unitId: In([...new Set(heads.map((h) => unitOf.get(h.appraisalId)!))]) });
    const current = new Map(ratings.map((r) => [r.unitId, r.rating]));
    const outdated = heads.filter((h) => current.get(unitOf.get(h.appraisalId)!) !== h.unitRating);
    if (outdated.length)
      throw new UserErrorsException(
        outdated.map(() => evaluationError(EvaluationProblem.HEAD_RATING_OUTDATED, inputPath('unitId'))),
      );
  }

  private async requireScope(
    ctx: RequestContext,
    unitGlobalId: string,
    periodGlobalId: string,
  ): Promise<{ unit: Unit; period: PerformancePeriod }> {
    const unitId = idOfType(unitGlobalId, Unit.typeName);
    const unit = unitId === null ? null : await unitService.get(ctx, unitId);
    if (!unit) throw new UserErrorsException([evaluationError(EvaluationProblem.UNIT_NOT_FOUND, inputPath('unitId'))]);
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, unit.rowId)))
      throw new UserErrorsException([evaluationError(EvaluationProblem.OUT_OF_SCOPE, inputPath('unitId'))]);
    const periodId = idOfType(periodGlobalId, PerformancePeriod.typeName);
    const period = periodId === null ? null : await periodService.get(ctx, periodId);
    if (!period)
      throw new UserErrorsException([evaluationError(EvaluationProblem.PERIOD_NOT_FOUND, inputPath('periodId'))]);
    return { unit, period };
  }
}

function unitRatingEvent(
  type: EventType,
  rating: UnitRating,
  extra: Record<string, string | number | boolean | null> = {},
): DomainEvent {
  return {
    type,
    subjectId: rating.id,
    unitId: rating.unitId,
    employeeId: null,
    payload: {
      unitRatingId: rating.id,
      unitId: toGlobalId(Unit.typeName, rating.unitId),
      periodId: toGlobalId(PerformancePeriod.typeName, rating.periodId),
      rating: rating.rating,
      version: rating.version,
      ...extra,
    },
  };
}

export const unitRatingService = new UnitRatingService();
