import { type RequestContext } from '../../core/context/request-context';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion } from '../../core/database/versioned-update';
import { Permission } from '../../core/policy/permission';
import { type PermissionOn } from '../../core/policy/permission-subjects';
import { localDateOf } from '../../core/time/local-date';
import { optionalText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { PerformancePeriod } from '../period/performance-period.entity';
import { Employee } from '../employee/employee.entity';
import { Evaluation } from '../evaluation/evaluation.entity';
import { submitProblems } from '../work-plan/work-plan-rules';
import { workPlanService } from '../work-plan/work-plan.service';
import { announce } from '../outbox/announce';
import { type DomainEvent } from '../outbox/outbox';
import { EventType } from '../outbox/event-type';
import { toGlobalId } from '../../core/graphql/global-id';
import { AppraisalTransition } from './appraisal-transition.entity';
import { type Appraisal } from './appraisal.entity';
import { AppraisalStatus, TransitionAction } from './appraisal-enums';
import { appraisalError, AppraisalProblem } from './appraisal.errors';
import { type AppraisalStepInput } from './appraisal.inputs';
import { nextStatus, TRANSITIONS, WorkflowRole } from './appraisal-workflow';
import { requirePlanById, touchPlan } from './plan-access';

const inputPath = (field: string) => ['input', field];

/** Each step's domain event (`docs/events.md`). */
export const EVENT_OF_STEP: Record<TransitionAction, EventType> = {
  [TransitionAction.SUBMIT]: EventType.APPRAISAL_SUBMITTED,
  [TransitionAction.APPROVE]: EventType.APPRAISAL_APPROVED,
  [TransitionAction.RETURN]: EventType.APPRAISAL_RETURNED,
  [TransitionAction.REOPEN]: EventType.APPRAISAL_REOPENED,
  [TransitionAction.EVALUATE]: EventType.APPRAISAL_EVALUATED,
  [TransitionAction.FINALIZE]: EventType.APPRAISAL_FINALIZED,
  [TransitionAction.CLOSE]: EventType.APPRAISAL_CLOSED,
};

const PERMISSION_OF: Record<WorkflowRole, PermissionOn<Appraisal>> = {
  [WorkflowRole.EMPLOYEE]: Permission.EDIT_PLAN,
  [WorkflowRole.APPRAISER]: Permission.DECIDE_PLAN,
  [WorkflowRole.SYSTEM]: Permission.MANAGE_APPRAISAL,
};

/** The plan workflow: each step checked against the transition table, recorded with who, when, from, to and why. */
export class AppraisalWorkflowService {
  async step(
    ctx: RequestContext,
    input: AppraisalStepInput,
    action: TransitionAction,
  ): Promise<{ appraisal: Appraisal }> {
    const transition = TRANSITIONS[action];
    const { appraisal, period } = await requirePlanById(ctx, input.id, PERMISSION_OF[transition.by], inputPath('id'));
    assertExpectedVersion(appraisal.version, input.expectedVersion);
    const to = nextStatus(appraisal.status, action);
    if (to === undefined)
      throw new UserErrorsException([appraisalError(AppraisalProblem.TRANSITION_NOT_ALLOWED, inputPath('id'))]);
    const errors = new UserErrorList();
    const reason = optionalText(errors, input.reason, inputPath('reason'), 'The reason', 2000) ?? null;
    errors.throwIfAny();
    if (transition.reasonRequired && reason === null)
      throw new UserErrorsException([appraisalError(AppraisalProblem.REASON_REQUIRED, inputPath('reason'))]);
    if (action === TransitionAction.SUBMIT) await this.assertComplete(ctx, appraisal);
    return { appraisal: await this.apply(ctx, appraisal, period, action, to, reason, input.expectedVersion) };
  }

  /**
   * Writes a step: the plan's new status and timestamps (an approval after the planning deadline, region time, is
   * flagged late), the history row, the audit row, the step's domain event (`rating`: the annual evaluation the
   * step rates or delivers).
   */
  async apply(
    ctx: RequestContext,
    appraisal: Appraisal,
    period: PerformancePeriod,
    action: TransitionAction,
    to: AppraisalStatus,
    reason: string | null,
    expectedVersion: number,
    extra: Partial<Appraisal> = {},
    rating?: { evaluationId: number; predikat: string | null },
  ): Promise<Appraisal> {
    const now = ctx.now();
    const changes: Partial<Appraisal> = { status: to, ...extra };
    if (action === TransitionAction.SUBMIT) changes.submittedAt = now;
    if (action === TransitionAction.APPROVE) {
      changes.approvedAt = now;
      changes.approvedLate = localDateOf(now, ctx.timeZone) > period.planningDeadline;
    }
    if (to === AppraisalStatus.CLOSED) {
      changes.closedAt = now;
      changes.openPeriodId = null;
    }
    const after = await touchPlan(ctx, appraisal, expectedVersion, changes);
    await ctx.em.getRepository(AppraisalTransition).insert({
      appraisalId: appraisal.rowId,
      action,
      fromStatus: appraisal.status,
      toStatus: to,
      actorKind: ctx.actor.principal.kind,
      actorEmployeeId: ctx.actor.employeeId ?? null,
      actorSubject: ctx.actor.subject,
      reason,
      occurredAt: now,
    });
    await recordAudit(ctx, {
      action: AuditAction.APPRAISAL_TRANSITION,
      entityType: 'Appraisal',
      entityId: appraisal.rowId,
      before: auditSnapshot(appraisal),
      after: { ...auditSnapshot(after), step: action, reason },
    });
    await announce(ctx, stepEvent(after, action, appraisal.status, rating));
    return after;
  }

  /** A plan is submitted whole: every problem is listed at once. */
  private async assertComplete(ctx: RequestContext, appraisal: Appraisal): Promise<void> {
    const rhks = await workPlanService.rhksOf(ctx, appraisal);
    const indicators = await Promise.all(rhks.map((r) => workPlanService.indicatorsOf(ctx, r)));
    const byRhk = new Map(rhks.map((r, i) => [r.rowId, indicators[i]!]));
    const supportable =
      appraisal.appraiserEmployeeId === null
        ? null
        : new Set((await workPlanService.supportable(ctx, appraisal)).map((r) => r.rowId));
    const problems = submitProblems(appraisal, rhks, (r) => byRhk.get(r.rowId) ?? [], supportable);
    if (problems.length) throw new UserErrorsException(problems);
  }
}

/** A step as a domain event: ids and states only (a return's or a reopening's reason stays out). */
export function stepEvent(
  after: Appraisal,
  action: TransitionAction,
  from: AppraisalStatus,
  rating?: { evaluationId: number; predikat: string | null },
): DomainEvent {
  return {
    type: EVENT_OF_STEP[action],
    subjectId: after.id,
    unitId: after.unitId,
    employeeId: after.employeeId,
    payload: {
      appraisalId: after.id,
      employeeId: toGlobalId(Employee.typeName, after.employeeId),
      periodId: toGlobalId(PerformancePeriod.typeName, after.periodId),
      fromStatus: from,
      toStatus: after.status,
      version: after.version,
      ...(rating
        ? { evaluationId: toGlobalId(Evaluation.typeName, rating.evaluationId), predikat: rating.predikat }
        : {}),
    },
  };
}

export const appraisalWorkflowService = new AppraisalWorkflowService();
