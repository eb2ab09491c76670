import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { forbidden } from '../../core/errors/app-error';
import { notAllowed, UserError, UserErrorCode, UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { lockedRow } from '../../core/database/row-locks';
import { Topic } from '../../core/events/event-bus';
import { type ConnectionArgs, type Page } from '../../core/graphql/connection';
import { fromGlobalId, idOfType, toGlobalId } from '../../core/graphql/global-id';
import { paginate } from '../../core/graphql/pagination';
import { Permission } from '../../core/policy/permission';
import { requiredText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { DailyActivity } from '../activity/daily-activity.entity';
import { activityService } from '../activity/activity.service';
import { Appraisal } from '../appraisal/appraisal.entity';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the plan of an activity given feedback (addressee, ACTIVITY)
import { appraisalById } from '../appraisal/appraisal.loaders';
import { changePlanProgress } from '../appraisal/plan-stamps';
import { appraisalService } from '../appraisal/appraisal.service';
import { Realization } from '../realization/realization.entity';
import { realizationService } from '../realization/realization.service';
import { Indicator } from '../work-plan/indicator.entity';
import { workPlanService } from '../work-plan/work-plan.service';
import { periodService } from '../period/period.service';
import { Feedback, FeedbackTarget } from './feedback.entity';
import { type GiveFeedbackInput, type ReplyToFeedbackInput } from './feedback.inputs';
import {
  feedbackById,
  feedbackOfAppraisal,
  readableFeedbackOnActivity,
  readableFeedbackOnIndicator,
  readableFeedbackOnRealization,
} from './feedback.loaders';
import { actorIsAbove } from '../employee/employee.facts';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';
import { announce, type Publication } from '../outbox/announce';
import { EventType } from '../outbox/event-type';
import { currentUnitOf } from '../outbox/employee-unit';
import { Employee } from '../employee/employee.entity';

const inputPath = (field: string) => ['input', field];
const notFound = (field: string) =>
  new UserErrorsException([
    UserError.of(
      UserErrorCode.NOT_FOUND,
      { id: 'Tidak ada hal tersebut untuk diberi umpan balik.', en: 'No such thing to give feedback on.' },
      inputPath(field),
    ),
  ]);

interface Addressee {
  recipientId: number;
  appraisal: Appraisal | null;
  targetId: number | null;
}

/** Continuous feedback: from the appraiser or anyone above the employee; the employee may reply. */
export class FeedbackService {
  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(Feedback | null)[]> {
    return ctx.policy.filter(Permission.READ_FEEDBACK, await loadAll(ctx.loaders.get(feedbackById), ids));
  }

  /**
   * What the caller may read of the feedback on a daily-log entry (READ_FEEDBACK), oldest first. Reading the entry
   * is not enough: feedback tied to a plan follows the plan's recorded unit, the entry its owner's current one.
   */
  onActivity(ctx: RequestContext, activityId: number): Feedback[] | Promise<Feedback[]> {
    return ctx.loaders.peekOrLoad(readableFeedbackOnActivity, activityId);
  }

  /** What the caller may read of the feedback on a realization (READ_FEEDBACK), oldest first. */
  onRealization(ctx: RequestContext, realizationId: number): Feedback[] | Promise<Feedback[]> {
    return ctx.loaders.peekOrLoad(readableFeedbackOnRealization, realizationId);
  }

  /** What the caller may read of the feedback on an indicator (READ_FEEDBACK), oldest first. */
  onIndicator(ctx: RequestContext, indicatorId: number): Feedback[] | Promise<Feedback[]> {
    return ctx.loaders.peekOrLoad(readableFeedbackOnIndicator, indicatorId);
  }

  /** All feedback within a plan the caller reads. */
  ofAppraisal(ctx: RequestContext, appraisal: Appraisal): Promise<Feedback[]> {
    return ctx.loaders.get(feedbackOfAppraisal).load(appraisal.rowId);
  }

  /** Feedback addressed to the caller (`received`) or written by them (`given`), newest first. */
  async mine(ctx: RequestContext, side: 'received' | 'given', args: ConnectionArgs): Promise<Page<Feedback>> {
    const me = ctx.actor.employeeId ?? -1;
    const column = side === 'received' ? 'feedback.recipient_employee_id' : 'feedback.author_employee_id';
    const qb = ctx.em.getRepository(Feedback).createQueryBuilder('feedback').where(`${column} = :me`, { me });
    return paginate(
      qb,
      {
        column: 'feedback.id',
        idColumn: 'feedback.id',
        direction: 'DESC',
        valueOf: (f) => f.rowId,
        idOf: (f) => f.rowId,
      },
      args,
    );
  }

  async give(ctx: RequestContext, input: GiveFeedbackInput): Promise<{ feedback: Feedback }> {
    const me = ctx.actor.employeeId;
    if (me === undefined) throw forbidden(ERROR_MESSAGES.noFeedbackAuthor);
    const addressee = await this.addressee(ctx, input);
    if (addressee.recipientId === me)
      throw notAllowed(
        { id: 'Umpan balik diberikan kepada orang lain.', en: 'Feedback is for someone else.' },
        inputPath('targetId'),
      );
    await this.assertPeriodOpen(ctx, addressee.appraisal?.periodId ?? null, inputPath('targetId'));
    const isAppraiser = addressee.appraisal?.appraiserEmployeeId === me;
    if (!isAppraiser && !(await ctx.loaders.get(actorIsAbove).load(addressee.recipientId)))
      throw notAllowed(
        {
          id: 'Umpan balik diberikan oleh pejabat penilai kinerja atau atasan pegawai.',
          en: 'Only the appraiser or someone above the employee gives feedback.',
        },
        inputPath('targetId'),
      );
    const errors = new UserErrorList();
    const text = requiredText(errors, input.text, inputPath('text'), 'The feedback', 2000);
    if (input.target === FeedbackTarget.BEHAVIOR && !input.coreValue)
      errors.add(
        UserErrorCode.INVALID,
        {
          id: 'Umpan balik atas perilaku kerja menyebutkan nilai dasarnya.',
          en: 'Feedback on behaviour names the core value.',
        },
        inputPath('coreValue'),
      );
    if (input.target !== FeedbackTarget.BEHAVIOR && input.coreValue)
      errors.add(
        UserErrorCode.INVALID,
        {
          id: 'Hanya umpan balik atas perilaku kerja yang menyebutkan nilai dasar.',
          en: 'Only feedback on behaviour names a core value.',
        },
        inputPath('coreValue'),
      );
    errors.throwIfAny();
    const now = ctx.now();
    const feedback = ctx.em.getRepository(Feedback).create({
      recipientEmployeeId: addressee.recipientId,
      appraisalId: addressee.appraisal?.rowId ?? null,
      authorEmployeeId: me,
      targetKind: input.target,
      targetId: addressee.targetId,
      coreValue: input.coreValue ?? null,
      text: text!,
      reply: null,
      repliedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await changePlanProgress(ctx, feedback.appraisalId, () => ctx.em.getRepository(Feedback).insert(feedback));
    await recordAudit(ctx, {
      action: AuditAction.FEEDBACK_GIVEN,
      entityType: Feedback.typeName,
      entityId: feedback.rowId,
      after: auditSnapshot(feedback),
    });
    const publications: Publication[] = [
      {
        topic: Topic.FEEDBACK_RECEIVED,
        payload: { feedbackId: feedback.rowId, recipientId: feedback.recipientEmployeeId },
      },
    ];
    if (feedback.appraisalId !== null)
      publications.push({
        topic: Topic.APPRAISAL_CHANGED,
        payload: { appraisalId: feedback.appraisalId, change: 'FEEDBACK' },
      });
    await announce(
      ctx,
      {
        type: EventType.FEEDBACK_RECEIVED,
        subjectId: feedback.id,
        unitId: addressee.appraisal?.unitId ?? (await currentUnitOf(ctx, feedback.recipientEmployeeId)),
        employeeId: feedback.recipientEmployeeId,
        payload: {
          feedbackId: feedback.id,
          recipientId: toGlobalId(Employee.typeName, feedback.recipientEmployeeId),
          appraisalId: feedback.appraisalId === null ? null : toGlobalId(Appraisal.typeName, feedback.appraisalId),
          target: feedback.targetKind,
        },
      },
      ...publications,
    );
    return { feedback };
  }

  async reply(ctx: RequestContext, input: ReplyToFeedbackInput): Promise<{ feedback: Feedback }> {
    const id = idOfType(input.id, Feedback.typeName);
    const feedback = id === null ? null : await lockedRow(ctx.em, Feedback, id);
    if (!feedback || !(await ctx.policy.can(Permission.READ_FEEDBACK, feedback))) {
      throw new UserErrorsException([
        UserError.of(
          UserErrorCode.NOT_FOUND,
          { id: 'Umpan balik tidak ditemukan.', en: 'No such feedback.' },
          inputPath('id'),
        ),
      ]);
    }
    if (feedback.recipientEmployeeId !== ctx.actor.employeeId)
      throw notAllowed(
        {
          id: 'Hanya pegawai yang dituju yang membalas umpan balik.',
          en: 'Only the employee it is addressed to replies.',
        },
        inputPath('id'),
      );
    // Feedback lies in its recipient's plan, which the recipient reads.
    const plan = feedback.appraisalId === null ? null : await appraisalService.get(ctx, feedback.appraisalId);
    await this.assertPeriodOpen(ctx, plan?.periodId ?? null, inputPath('id'));
    assertExpectedVersion(feedback.version, input.expectedVersion);
    const errors = new UserErrorList();
    const reply = requiredText(errors, input.reply, inputPath('reply'), 'The reply', 2000);
    errors.throwIfAny();
    const now = ctx.now();
    const after = Object.assign(new Feedback(), feedback, {
      reply: reply!,
      repliedAt: now,
      updatedAt: now,
      version: feedback.version + 1,
    });
    await changePlanProgress(ctx, feedback.appraisalId, () =>
      updateVersioned(ctx.em, Feedback, feedback.rowId, input.expectedVersion, {
        reply: reply!,
        repliedAt: now,
        updatedAt: now,
      }),
    );
    await recordAudit(ctx, {
      action: AuditAction.FEEDBACK_REPLIED,
      entityType: Feedback.typeName,
      entityId: feedback.rowId,
      before: auditSnapshot(feedback),
      after: auditSnapshot(after),
    });
    // Feedback outside a plan (on a daily log entry without one) changes no plan: nothing to announce, as before.
    const onPlan =
      feedback.appraisalId === null ? null : await ctx.loaders.get(appraisalById).load(feedback.appraisalId);
    if (onPlan)
      await announce(
        ctx,
        {
          type: EventType.APPRAISAL_CHANGED,
          subjectId: onPlan.id,
          unitId: onPlan.unitId,
          employeeId: onPlan.employeeId,
          payload: { appraisalId: onPlan.id, change: 'FEEDBACK_REPLY', feedbackId: after.id, version: after.version },
        },
        { topic: Topic.APPRAISAL_CHANGED, payload: { appraisalId: onPlan.rowId, change: 'FEEDBACK_REPLY' } },
      );
    return { feedback: after };
  }

  /** A closed year refuses every change, feedback and replies included (PERIOD_CLOSED). */
  private async assertPeriodOpen(ctx: RequestContext, periodId: number | null, field: string[]): Promise<void> {
    if (periodId === null) return;
    const period = await periodService.get(ctx, periodId);
    if (period) periodService.assertOpen(period, field);
  }

  /** Who the feedback goes to, and in which plan: resolved from the target, which the caller must be able to read. */
  private async addressee(ctx: RequestContext, input: GiveFeedbackInput): Promise<Addressee> {
    const decoded = fromGlobalId(input.targetId);
    // Each target through its module's service, which leaves out what the caller may not read; then its plan, which
    // the caller must read too (READ_APPRAISAL: content readers below the owner do not give feedback on it).
    const readablePlan = async (appraisalId: number | null) =>
      appraisalId === null ? null : appraisalService.get(ctx, appraisalId);
    switch (input.target) {
      case FeedbackTarget.APPRAISAL:
      case FeedbackTarget.BEHAVIOR: {
        const plan = decoded?.typeName === Appraisal.typeName ? await readablePlan(decoded.id) : null;
        if (!plan) throw notFound('targetId');
        return { recipientId: plan.employeeId, appraisal: plan, targetId: plan.rowId };
      }
      case FeedbackTarget.INDICATOR: {
        const [indicator] =
          decoded?.typeName === Indicator.typeName ? await workPlanService.getIndicators(ctx, [decoded.id]) : [null];
        const [rhk] = indicator ? await workPlanService.getMany(ctx, [indicator.workResultPlanId]) : [null];
        const plan = rhk ? await readablePlan(rhk.appraisalId) : null;
        if (!plan) throw notFound('targetId');
        return { recipientId: plan.employeeId, appraisal: plan, targetId: indicator!.rowId };
      }
      case FeedbackTarget.REALIZATION: {
        const [realization] =
          decoded?.typeName === Realization.typeName ? await realizationService.getMany(ctx, [decoded.id]) : [null];
        const plan = realization ? await readablePlan(realization.appraisalId) : null;
        if (!plan) throw notFound('targetId');
        return { recipientId: plan.employeeId, appraisal: plan, targetId: realization!.rowId };
      }
      case FeedbackTarget.ACTIVITY: {
        const [activity] =
          decoded?.typeName === DailyActivity.typeName ? await activityService.getMany(ctx, [decoded.id]) : [null];
        if (!activity) throw notFound('targetId');
        // The entry's plan, whether or not the caller reads it (an HR admin covering the person now may not cover the
        // plan's unit then): the feedback belongs there all the same. A fact for the write, never shown to the caller.
        const plan =
          activity.appraisalId === null ? null : await ctx.loaders.get(appraisalById).load(activity.appraisalId);
        return { recipientId: activity.employeeId, appraisal: plan, targetId: activity.rowId };
      }
    }
  }
}

export const feedbackService = new FeedbackService();
