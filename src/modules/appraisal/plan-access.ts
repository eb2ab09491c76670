import { type RequestContext } from '../../core/context/request-context';
import { forbidden } from '../../core/errors/app-error';
import { UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { lockedRow } from '../../core/database/row-locks';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { type PermissionOn } from '../../core/policy/permission-subjects';
import { periodService } from '../period/period.service';
import { type PerformancePeriod } from '../period/performance-period.entity';
import { Appraisal } from './appraisal.entity';
import { appraisalById } from './appraisal.loaders';
import { appraisalError, AppraisalProblem } from './appraisal.errors';
import { isPlanEditable } from './appraisal-workflow';

export interface PlanUnderChange {
  appraisal: Appraisal;
  period: PerformancePeriod;
}

/**
 * The plan a mutation changes: locked and read as committed; NOT_FOUND when the caller may not read it (as if
 * absent), FORBIDDEN when they may read it but not take this action, PERIOD_CLOSED in a closed period.
 */
export async function requirePlan(
  ctx: RequestContext,
  appraisalId: number | null,
  permission: PermissionOn<Appraisal>,
  field: string[],
): Promise<PlanUnderChange> {
  const appraisal = appraisalId === null ? null : await lockedRow(ctx.em, Appraisal, appraisalId);
  if (!appraisal || !(await ctx.policy.can(Permission.READ_APPRAISAL, appraisal))) {
    throw new UserErrorsException([appraisalError(AppraisalProblem.APPRAISAL_NOT_FOUND, field)]);
  }
  ctx.loaders.get(appraisalById).clear(appraisal.rowId).prime(appraisal.rowId, appraisal);
  if (!(await ctx.policy.can(permission, appraisal))) throw forbidden();
  const period = (await periodService.get(ctx, appraisal.periodId))!;
  periodService.assertOpen(period, field);
  return { appraisal, period };
}

export function requirePlanById(
  ctx: RequestContext,
  globalId: string,
  permission: PermissionOn<Appraisal>,
  field: string[],
): Promise<PlanUnderChange> {
  return requirePlan(ctx, idOfType(globalId, Appraisal.typeName), permission, field);
}

/** The plan whose content the employee changes: theirs, editable now, and still at the version they read. */
export async function beginPlanEdit(
  ctx: RequestContext,
  appraisalId: number | null,
  expectedVersion: number,
  field: string[],
): Promise<PlanUnderChange> {
  const plan = await requirePlan(ctx, appraisalId, Permission.EDIT_PLAN, field);
  assertExpectedVersion(plan.appraisal.version, expectedVersion);
  if (!isPlanEditable(plan.appraisal.status))
    throw new UserErrorsException([appraisalError(AppraisalProblem.NOT_EDITABLE, field)]);
  return plan;
}

/**
 * Records that the plan changed (its content or its fields): one version for the whole plan, so two people
 * editing it at once cannot lose each other's work. Returns the plan as now stored.
 */
export async function touchPlan(
  ctx: RequestContext,
  appraisal: Appraisal,
  expectedVersion: number,
  changes: Partial<Appraisal> = {},
): Promise<Appraisal> {
  const after = Object.assign(new Appraisal(), appraisal, changes, {
    version: appraisal.version + 1,
    updatedAt: ctx.now(),
  });
  await updateVersioned(ctx.em, Appraisal, appraisal.rowId, expectedVersion, {
    ...changes,
    updatedAt: after.updatedAt,
  });
  ctx.loaders.get(appraisalById).clear(appraisal.rowId).prime(appraisal.rowId, after);
  return after;
}
