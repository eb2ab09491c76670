import { type SelectQueryBuilder } from 'typeorm';
import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { forbidden } from '../../core/errors/app-error';
import { notAllowed, UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { lockedRow } from '../../core/database/row-locks';
import { Topic } from '../../core/events/event-bus';
import { type ConnectionArgs, type Page } from '../../core/graphql/connection';
import { idOfType, toGlobalId } from '../../core/graphql/global-id';
import { paginate } from '../../core/graphql/pagination';
import { Permission } from '../../core/policy/permission';
import { optionalText, requiredText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Appraisal } from '../appraisal/appraisal.entity';
import { PeriodStatus } from '../period/period-enums';
import { PerformancePeriod } from '../period/performance-period.entity';
import { isEvidenceUrl } from '../realization/evidence';
import { Indicator } from '../work-plan/indicator.entity';
import { workPlanService } from '../work-plan/work-plan.service';
import { ActivityStatus, DailyActivity } from './daily-activity.entity';
import { activityError, ActivityProblem } from './activity.errors';
import {
  ActivityDecision,
  type RecordActivityInput,
  type ReviewActivityInput,
  type UpdateActivityInput,
} from './activity.inputs';
import { activityById, type ActivityRange, activitySort, employeeActivitiesPage } from './activity.loaders';
import { scopeActivitiesToReader } from './activity-scope';
import { appraisalService } from '../appraisal/appraisal.service';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';
import { announce } from '../outbox/announce';
import { EventType } from '../outbox/event-type';
import { Employee } from '../employee/employee.entity';
import { currentUnitOf } from '../outbox/employee-unit';

const inputPath = (field: string) => ['input', field];

/**
 * The daily work log (aktivitas harian): the employee records each day's work (optionally against an indicator of
 * the plan), the plan's appraiser (or direct supervisor) acknowledges or returns each entry.
 */
export class ActivityService {
  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(DailyActivity | null)[]> {
    return ctx.policy.filter(Permission.READ_ACTIVITY, await loadAll(ctx.loaders.get(activityById), ids));
  }

  /** One employee's log (a page per employee when nested in a list). */
  ofEmployee(
    ctx: RequestContext,
    employeeId: number,
    range: ActivityRange,
    args: ConnectionArgs,
  ): Promise<Page<DailyActivity>> {
    return ctx.loaders.get(employeeActivitiesPage, { args: { ...args }, ...range }).load(employeeId);
  }

  /** The logs of the people the caller supervises or appraises (their own left out), newest first. */
  async ofTeam(ctx: RequestContext, range: ActivityRange, args: ConnectionArgs): Promise<Page<DailyActivity>> {
    const me = ctx.actor.employeeId ?? -1;
    const qb = ctx.em
      .getRepository(DailyActivity)
      .createQueryBuilder('activity')
      .where(
        `(EXISTS (SELECT 1 FROM employee_closure below WHERE below.ancestor_id = :me AND below.descendant_id = activity.employee_id AND below.depth > 0)
          OR EXISTS (SELECT 1 FROM appraisal plan WHERE plan.id = activity.appraisal_id AND plan.appraiser_employee_id = :me))`,
        { me },
      )
      .andWhere('activity.employee_id <> :me', { me });
    this.applyRange(qb, range);
    return paginate(scopeActivitiesToReader(qb, ctx.actor), activitySort, args);
  }

  async record(ctx: RequestContext, input: RecordActivityInput): Promise<{ activity: DailyActivity }> {
    return this.recordEntry(ctx, input, inputPath, { clientId: null, writtenAt: null });
  }

  /**
   * Records one entry of the caller's log: `recordActivity`, and each entry of `syncActivities` (with its device's
   * id and when it was written; `path` names the entry's fields in its errors).
   */
  async recordEntry(
    ctx: RequestContext,
    input: RecordActivityInput,
    path: (field: string) => string[],
    offline: Pick<DailyActivity, 'clientId' | 'writtenAt'>,
  ): Promise<{ activity: DailyActivity }> {
    const me = ctx.actor.employeeId;
    // A client (analyst, integration) has no daily log: refused like any other actor without the right.
    if (me === undefined) throw forbidden(ERROR_MESSAGES.noDailyLog);
    const errors = new UserErrorList();
    const description = requiredText(errors, input.description, path('description'), 'The description', 2000);
    this.checkDuration(errors, input.durationMinutes, path);
    const evidenceUrl = this.checkUrl(errors, input.evidenceUrl, path);
    if (input.date > ctx.today()) errors.addError(activityError(ActivityProblem.DATE_IN_FUTURE, path('date')));
    errors.throwIfAny();
    const plan = await this.planOn(ctx, me, input.date, path);
    const indicatorId =
      input.indicatorId == null ? null : await this.checkIndicator(ctx, plan, input.indicatorId, path);
    const now = ctx.now();
    const activity = ctx.em.getRepository(DailyActivity).create({
      employeeId: me,
      appraisalId: plan?.rowId ?? null,
      indicatorId,
      activityDate: input.date,
      description: description!,
      durationMinutes: input.durationMinutes,
      evidenceUrl: evidenceUrl ?? null,
      status: ActivityStatus.SUBMITTED,
      reviewComment: null,
      reviewerEmployeeId: null,
      reviewedAt: null,
      clientId: offline.clientId,
      writtenAt: offline.writtenAt,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.em.getRepository(DailyActivity).insert(activity);
    await recordAudit(ctx, {
      action: AuditAction.ACTIVITY_RECORDED,
      entityType: DailyActivity.typeName,
      entityId: activity.rowId,
      after: auditSnapshot(activity),
    });
    return { activity };
  }

  async update(ctx: RequestContext, input: UpdateActivityInput): Promise<{ activity: DailyActivity }> {
    const activity = await this.requireReadable(ctx, input.id);
    if (activity.employeeId !== ctx.actor.employeeId)
      throw notAllowed(
        {
          id: 'Aktivitas harian hanya diubah oleh pegawai yang mencatatnya.',
          en: 'Only its author changes a log entry.',
        },
        inputPath('id'),
      );
    assertExpectedVersion(activity.version, input.expectedVersion);
    if (activity.status === ActivityStatus.ACKNOWLEDGED)
      throw new UserErrorsException([activityError(ActivityProblem.ALREADY_ACKNOWLEDGED, inputPath('id'))]);
    await this.planOn(ctx, activity.employeeId, activity.activityDate);
    const errors = new UserErrorList();
    const changes: Partial<DailyActivity> = { status: ActivityStatus.SUBMITTED };
    if (input.description != null)
      changes.description = requiredText(errors, input.description, inputPath('description'), 'The description', 2000);
    if (input.durationMinutes != null) {
      this.checkDuration(errors, input.durationMinutes);
      changes.durationMinutes = input.durationMinutes;
    }
    if (input.evidenceUrl !== undefined) changes.evidenceUrl = this.checkUrl(errors, input.evidenceUrl) ?? null;
    errors.throwIfAny();
    if (input.indicatorId !== undefined) {
      // The entry's plan is its author's, who is the caller here.
      const plan = activity.appraisalId === null ? null : await appraisalService.get(ctx, activity.appraisalId);
      changes.indicatorId = input.indicatorId === null ? null : await this.checkIndicator(ctx, plan, input.indicatorId);
    }
    const after = Object.assign(new DailyActivity(), activity, changes, {
      version: activity.version + 1,
      updatedAt: ctx.now(),
    });
    await updateVersioned(ctx.em, DailyActivity, activity.rowId, input.expectedVersion, {
      ...changes,
      updatedAt: after.updatedAt,
    });
    await recordAudit(ctx, {
      action: AuditAction.ACTIVITY_UPDATED,
      entityType: DailyActivity.typeName,
      entityId: activity.rowId,
      before: auditSnapshot(activity),
      after: auditSnapshot(after),
    });
    return { activity: after };
  }

  async review(ctx: RequestContext, input: ReviewActivityInput): Promise<{ activity: DailyActivity }> {
    const activity = await this.requireReadable(ctx, input.id);
    if (!(await ctx.policy.can(Permission.REVIEW_ACTIVITY, activity)))
      throw notAllowed(
        {
          id: 'Aktivitas harian diperiksa oleh pejabat penilai kinerja atau atasan pegawai yang mencatatnya.',
          en: 'Only the appraiser or someone above the author reviews a log entry.',
        },
        inputPath('id'),
      );
    assertExpectedVersion(activity.version, input.expectedVersion);
    if (activity.status === ActivityStatus.ACKNOWLEDGED)
      throw new UserErrorsException([activityError(ActivityProblem.ALREADY_ACKNOWLEDGED, inputPath('id'))]);
    await this.planOn(ctx, activity.employeeId, activity.activityDate);
    const errors = new UserErrorList();
    const comment = optionalText(errors, input.comment, inputPath('comment'), 'The comment', 2000) ?? null;
    errors.throwIfAny();
    if (input.decision === ActivityDecision.RETURN && comment === null)
      throw new UserErrorsException([activityError(ActivityProblem.COMMENT_REQUIRED, inputPath('comment'))]);
    const now = ctx.now();
    const changes = {
      status: input.decision === ActivityDecision.ACKNOWLEDGE ? ActivityStatus.ACKNOWLEDGED : ActivityStatus.RETURNED,
      reviewComment: comment,
      reviewerEmployeeId: ctx.actor.employeeId ?? null,
      reviewedAt: now,
      updatedAt: now,
    };
    const after = Object.assign(new DailyActivity(), activity, changes, { version: activity.version + 1 });
    await updateVersioned(ctx.em, DailyActivity, activity.rowId, input.expectedVersion, changes);
    await recordAudit(ctx, {
      action: AuditAction.ACTIVITY_REVIEWED,
      entityType: DailyActivity.typeName,
      entityId: activity.rowId,
      before: auditSnapshot(activity),
      after: auditSnapshot(after),
    });
    await announce(
      ctx,
      {
        type: EventType.ACTIVITY_REVIEWED,
        subjectId: after.id,
        unitId: await currentUnitOf(ctx, activity.employeeId),
        employeeId: activity.employeeId,
        payload: {
          activityId: after.id,
          employeeId: toGlobalId(Employee.typeName, activity.employeeId),
          appraisalId: activity.appraisalId === null ? null : toGlobalId(Appraisal.typeName, activity.appraisalId),
          status: after.status,
          version: after.version,
        },
      },
      { topic: Topic.ACTIVITY_REVIEWED, payload: { activityId: activity.rowId, employeeId: activity.employeeId } },
    );
    return { activity: after };
  }

  private applyRange(qb: SelectQueryBuilder<DailyActivity>, range: ActivityRange): void {
    if (range.from) qb.andWhere('activity.activity_date >= :from', { from: range.from });
    if (range.to) qb.andWhere('activity.activity_date <= :to', { to: range.to });
    if (range.status) qb.andWhere('activity.status = :status', { status: range.status });
  }

  /** The entry, locked; NOT_FOUND unless the caller may read it. */
  private async requireReadable(ctx: RequestContext, globalId: string): Promise<DailyActivity> {
    const id = idOfType(globalId, DailyActivity.typeName);
    const activity = id === null ? null : await lockedRow(ctx.em, DailyActivity, id);
    if (!activity || !(await ctx.policy.can(Permission.READ_ACTIVITY, activity))) {
      throw new UserErrorsException([activityError(ActivityProblem.ACTIVITY_NOT_FOUND, inputPath('id'))]);
    }
    return activity;
  }

  /** The employee's open plan on a day, checking the day falls in a period that is not closed. */
  private async planOn(
    ctx: RequestContext,
    employeeId: number,
    day: string,
    path = inputPath,
  ): Promise<Appraisal | null> {
    const period = await ctx.em
      .getRepository(PerformancePeriod)
      .createQueryBuilder('period')
      .where('period.start_date <= :day AND period.end_date >= :day', { day })
      .getOne();
    if (!period || period.status === PeriodStatus.CLOSED)
      throw new UserErrorsException([activityError(ActivityProblem.DATE_OUTSIDE_PERIOD, path('date'))]);
    return ctx.em
      .getRepository(Appraisal)
      .createQueryBuilder('plan')
      .where(
        'plan.employee_id = :employeeId AND plan.period_id = :periodId AND plan.start_date <= :day AND plan.end_date >= :day',
        { employeeId, periodId: period.rowId, day },
      )
      .orderBy('plan.id', 'DESC')
      .getOne();
  }

  private async checkIndicator(
    ctx: RequestContext,
    plan: Appraisal | null,
    globalId: string,
    path = inputPath,
  ): Promise<number> {
    const id = idOfType(globalId, Indicator.typeName);
    const [indicator] = id === null ? [null] : await workPlanService.getIndicators(ctx, [id]);
    const [rhk] = indicator ? await workPlanService.getMany(ctx, [indicator.workResultPlanId]) : [null];
    if (!plan || !rhk || rhk.appraisalId !== plan.rowId)
      throw new UserErrorsException([activityError(ActivityProblem.INDICATOR_NOT_IN_PLAN, path('indicatorId'))]);
    return indicator!.rowId;
  }

  private checkDuration(errors: UserErrorList, minutes: number, path = inputPath): void {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
      errors.addError(activityError(ActivityProblem.DURATION_INVALID, path('durationMinutes')));
  }

  private checkUrl(errors: UserErrorList, url: string | null | undefined, path = inputPath): string | null | undefined {
    if (url == null || url.trim() === '') return url === undefined ? undefined : null;
    if (!isEvidenceUrl(url.trim())) {
      errors.addError(activityError(ActivityProblem.URL_INVALID, path('evidenceUrl')));
      return undefined;
    }
    return url.trim();
  }
}

export const activityService = new ActivityService();
