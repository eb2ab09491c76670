import { type RequestContext } from '../../core/context/request-context';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { lockedRow } from '../../core/database/row-locks';
import { Topic } from '../../core/events/event-bus';
import { idOfType, toGlobalId } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { localDateOf } from '../../core/time/local-date';
import { requiredText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalStatus } from '../appraisal/appraisal-enums';
import { appraisalService } from '../appraisal/appraisal.service';
import { requirePlan, touchPlan } from '../appraisal/plan-access';
import { PositionKind } from '../employee/employee-enums';
import { ANNUAL_SUB_PERIOD, Evaluation } from './evaluation.entity';
import { EvaluationKind, type ExpectationRating } from './evaluation-enums';
import { evaluationError, EvaluationProblem } from './evaluation.errors';
import { type DecideObjectionInput, type FileObjectionInput } from './evaluation.inputs';
import { Objection, ObjectionStatus } from './objection.entity';
import { objectionDeadline } from './objection-window';
import { creditPoints, functionalCoefficient, predikatOf } from './predikat';
import { announce } from '../outbox/announce';
import { type DomainEvent } from '../outbox/outbox';
import { EventType } from '../outbox/event-type';
import { Employee } from '../employee/employee.entity';

const inputPath = (field: string) => ['input', field];

/**
 * Objections (keberatan, PP 30/2019 art. 59): the employee objects to the final annual rating within the window;
 * the appraiser's supervisor decides, finally. An accepted objection puts a new annual evaluation in force, the
 * decided one; the appraiser's stays readable as it was (`evaluations`), and the objection keeps both predikats.
 */
export class ObjectionService {
  async file(ctx: RequestContext, input: FileObjectionInput): Promise<{ objection: Objection; appraisal: Appraisal }> {
    const { appraisal } = await requirePlan(
      ctx,
      idOfType(input.appraisalId, Appraisal.typeName),
      Permission.EDIT_PLAN,
      inputPath('appraisalId'),
    );
    assertExpectedVersion(appraisal.version, input.expectedVersion);
    if (appraisal.status !== AppraisalStatus.FINAL || !appraisal.deliveredAt)
      throw new UserErrorsException([evaluationError(EvaluationProblem.NOT_FINAL, inputPath('appraisalId'))]);
    const delivered = localDateOf(appraisal.deliveredAt, ctx.timeZone);
    const deadline = objectionDeadline(delivered, ctx.settings.objectionWindowDays, ctx.settings.objectionDayCounting);
    if (ctx.today() > deadline)
      throw new UserErrorsException([
        evaluationError(EvaluationProblem.WINDOW_CLOSED, inputPath('appraisalId'), {
          id: `disampaikan ${delivered}, hari terakhir ${deadline}`,
          en: `delivered ${delivered}, last day ${deadline}`,
        }),
      ]);
    if (await ctx.em.getRepository(Objection).existsBy({ appraisalId: appraisal.rowId }))
      throw new UserErrorsException([evaluationError(EvaluationProblem.OBJECTION_EXISTS, inputPath('appraisalId'))]);
    const errors = new UserErrorList();
    const reason = requiredText(errors, input.reason, inputPath('reason'), 'The reason', 4000);
    errors.throwIfAny();
    const annual = await this.annual(ctx, appraisal.rowId);
    const now = ctx.now();
    const objection = ctx.em.getRepository(Objection).create({
      appraisalId: appraisal.rowId,
      reason: reason!,
      filedAt: now,
      status: ObjectionStatus.PENDING,
      originalResultRating: annual.resultRating,
      originalBehaviorRating: annual.behaviorRating,
      originalPredikat: annual.predikat,
      decidedResultRating: null,
      decidedBehaviorRating: null,
      decidedPredikat: null,
      decisionReason: null,
      decidedBySubject: null,
      decidedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.em.getRepository(Objection).insert(objection);
    const after = await touchPlan(ctx, appraisal, input.expectedVersion);
    await recordAudit(ctx, {
      action: AuditAction.OBJECTION_FILED,
      entityType: Objection.typeName,
      entityId: objection.rowId,
      after: auditSnapshot(objection),
    });
    await announce(ctx, objectionEvent(EventType.OBJECTION_FILED, objection, appraisal), {
      topic: Topic.APPRAISAL_CHANGED,
      payload: { appraisalId: appraisal.rowId, change: 'OBJECTION_FILED' },
    });
    return { objection, appraisal: after };
  }

  async decide(
    ctx: RequestContext,
    input: DecideObjectionInput,
  ): Promise<{ objection: Objection; appraisal: Appraisal }> {
    const id = idOfType(input.id, Objection.typeName);
    const objection = id === null ? null : await lockedRow(ctx.em, Objection, id);
    const plan = objection && (await appraisalService.get(ctx, objection.appraisalId));
    if (!objection || !plan) {
      throw new UserErrorsException([evaluationError(EvaluationProblem.OBJECTION_NOT_FOUND, inputPath('id'))]);
    }
    const { appraisal } = await requirePlan(ctx, plan.rowId, Permission.DECIDE_OBJECTION, inputPath('id'));
    assertExpectedVersion(objection.version, input.expectedVersion);
    if (objection.status !== ObjectionStatus.PENDING)
      throw new UserErrorsException([evaluationError(EvaluationProblem.OBJECTION_DECIDED, inputPath('id'))]);
    const errors = new UserErrorList();
    const reason = requiredText(errors, input.reason, inputPath('reason'), 'The reason', 4000);
    if (input.accept && (!input.resultRating || !input.behaviorRating))
      errors.addError(evaluationError(EvaluationProblem.RATINGS_REQUIRED, inputPath('resultRating')));
    errors.throwIfAny();
    const now = ctx.now();
    const changes: Partial<Objection> = {
      status: input.accept ? ObjectionStatus.ACCEPTED : ObjectionStatus.REJECTED,
      decisionReason: reason!,
      decidedBySubject: ctx.actor.subject,
      decidedAt: now,
      updatedAt: now,
    };
    if (input.accept) {
      const decided = await this.supersede(
        ctx,
        appraisal,
        objection,
        input.resultRating!,
        input.behaviorRating!,
        reason!,
      );
      Object.assign(changes, {
        decidedResultRating: decided.resultRating,
        decidedBehaviorRating: decided.behaviorRating,
        decidedPredikat: decided.predikat,
      });
    }
    const after = Object.assign(new Objection(), objection, changes, { version: objection.version + 1 });
    await updateVersioned(ctx.em, Objection, objection.rowId, input.expectedVersion, changes);
    const plan2 = await touchPlan(ctx, appraisal, appraisal.version);
    await recordAudit(ctx, {
      action: AuditAction.OBJECTION_DECIDED,
      entityType: Objection.typeName,
      entityId: objection.rowId,
      before: auditSnapshot(objection),
      after: auditSnapshot(after),
    });
    await announce(ctx, objectionEvent(EventType.OBJECTION_DECIDED, after, appraisal), {
      topic: Topic.APPRAISAL_CHANGED,
      payload: { appraisalId: appraisal.rowId, change: 'OBJECTION_DECIDED' },
    });
    return { objection: after, appraisal: plan2 };
  }

  /**
   * Puts the decided rating in force: a new annual evaluation, made by the decider with their reason as its
   * justification, takes the plan's annual slot; the appraiser's evaluation leaves it unchanged but for the link
   * to its successor (and its version), with its per-value feedback.
   */
  private async supersede(
    ctx: RequestContext,
    appraisal: Appraisal,
    objection: Objection,
    resultRating: ExpectationRating,
    behaviorRating: ExpectationRating,
    reason: string,
  ): Promise<Evaluation> {
    const repo = ctx.em.getRepository(Evaluation);
    const original = await this.annual(ctx, appraisal.rowId);
    const now = ctx.now();
    const predikat = predikatOf(resultRating, behaviorRating);
    const coefficient =
      appraisal.positionKind === PositionKind.FUNGSIONAL ? functionalCoefficient(appraisal.positionTitle) : undefined;
    // The slot (plan, ANNUAL, 0) is unique among evaluations in force: the original leaves it before the decided one takes it.
    await repo.update({ rowId: original.rowId }, { subPeriod: null, version: original.version + 1, updatedAt: now });
    const decided = repo.create({
      appraisalId: appraisal.rowId,
      kind: EvaluationKind.ANNUAL,
      subPeriod: ANNUAL_SUB_PERIOD,
      resultRating,
      resultJustification: reason,
      // What the realizations suggested, and the unit's rating for a head, are facts of the year, not of who rated.
      suggestedResultRating: original.suggestedResultRating,
      unitRating: original.unitRating,
      behaviorRating,
      predikat,
      creditPoints: coefficient === undefined ? null : creditPoints(predikat, coefficient),
      ratedByEmployeeId: ctx.actor.employeeId ?? null,
      ratedBySubject: ctx.actor.subject,
      ratedAt: now,
      supersededById: null,
      objectionId: objection.rowId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insert(decided);
    await repo.update({ rowId: original.rowId }, { supersededById: decided.rowId });
    const superseded = Object.assign(new Evaluation(), original, {
      subPeriod: null,
      supersededById: decided.rowId,
      version: original.version + 1,
      updatedAt: now,
    });
    await recordAudit(ctx, [
      {
        action: AuditAction.EVALUATION_RECORDED,
        entityType: Evaluation.typeName,
        entityId: decided.rowId,
        before: null,
        after: { ...auditSnapshot(decided), byObjection: objection.rowId, supersedes: original.rowId },
      },
      {
        action: AuditAction.EVALUATION_SUPERSEDED,
        entityType: Evaluation.typeName,
        entityId: original.rowId,
        before: auditSnapshot(original),
        after: { ...auditSnapshot(superseded), byObjection: objection.rowId },
      },
    ]);
    return decided;
  }

  /** The plan's annual evaluation in force. */
  private async annual(ctx: RequestContext, appraisalId: number): Promise<Evaluation> {
    const annual = await ctx.em
      .getRepository(Evaluation)
      .findOneBy({ appraisalId, kind: EvaluationKind.ANNUAL, subPeriod: ANNUAL_SUB_PERIOD });
    if (!annual)
      throw new UserErrorsException([evaluationError(EvaluationProblem.NOT_FINAL, inputPath('appraisalId'))]);
    return annual;
  }
}

/** An objection as a domain event: its state and, once decided, the predikat in force (never the reasons). */
function objectionEvent(type: EventType, objection: Objection, appraisal: Appraisal): DomainEvent {
  return {
    type,
    subjectId: objection.id,
    unitId: appraisal.unitId,
    employeeId: appraisal.employeeId,
    payload: {
      objectionId: objection.id,
      appraisalId: appraisal.id,
      employeeId: toGlobalId(Employee.typeName, appraisal.employeeId),
      status: objection.status,
      originalPredikat: objection.originalPredikat,
      decidedPredikat: objection.decidedPredikat,
      version: objection.version,
    },
  };
}

export const objectionService = new ObjectionService();
