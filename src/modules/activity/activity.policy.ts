import { type Actor } from '../../core/auth/actor';
import { type RequestContext } from '../../core/context/request-context';
import { type PolicyRule } from '../../core/policy/policy';
import { Appraisal } from '../appraisal/appraisal.entity';
import { appraisalById } from '../appraisal/appraisal.loaders';
import { employeeById } from '../employee/employee.loaders';
import { type DailyActivity } from './daily-activity.entity';
import { unitInHrScope } from '../unit/unit.facts';
import { actorIsAbove } from '../employee/employee.facts';

export interface ActivityRelation {
  isOwner: boolean;
  /** The appraiser of the plan the entry belongs to (snapshot), or the employee's direct supervisor. */
  isReviewer: boolean;
  isAboveOwner: boolean;
  inHrScope: boolean;
}

/** The employee, their reviewer, everyone above them, HR admins covering them. */
export function decideReadActivity({ actor, relation }: { actor: Actor; relation: ActivityRelation }): boolean {
  return relation.isOwner || relation.isReviewer || relation.isAboveOwner || (actor.isHrAdmin && relation.inHrScope);
}

/** Only the reviewer acknowledges or returns an entry; never its own author. */
export function decideReviewActivity({ relation }: { relation: ActivityRelation }): boolean {
  return relation.isReviewer && !relation.isOwner;
}

async function relationTo(ctx: RequestContext, activity: DailyActivity, wantAbove: boolean): Promise<ActivityRelation> {
  const me = ctx.actor.employeeId;
  const isOwner = me !== undefined && me === activity.employeeId;
  const plan: Appraisal | null =
    activity.appraisalId === null ? null : await ctx.loaders.get(appraisalById).load(activity.appraisalId);
  const owner = await ctx.loaders.get(employeeById).load(activity.employeeId);
  const reviewerId = plan?.appraiserEmployeeId ?? owner?.supervisorId ?? null;
  const isReviewer = me !== undefined && me === reviewerId;
  const inHrScope =
    !isOwner && !isReviewer && ctx.actor.isHrAdmin && owner
      ? await ctx.loaders.get(unitInHrScope).load(owner.unitId)
      : false;
  const isAboveOwner =
    wantAbove && !isOwner && !isReviewer && !inHrScope && me !== undefined
      ? await ctx.loaders.get(actorIsAbove).load(activity.employeeId)
      : false;
  return { isOwner, isReviewer, isAboveOwner, inHrScope };
}

export const activityRules = {
  readActivity: {
    description: 'The employee, their reviewer, everyone above them, HR admins covering them.',
    subject: 'the entry',
    evaluate: async (ctx, activity) =>
      decideReadActivity({ actor: ctx.actor, relation: await relationTo(ctx, activity, true) }),
  } satisfies PolicyRule<DailyActivity>,
  reviewActivity: {
    description:
      'The appraiser of the plan the entry belongs to, or the direct supervisor when there is no plan; never its author.',
    subject: 'the entry',
    evaluate: async (ctx, activity) => decideReviewActivity({ relation: await relationTo(ctx, activity, false) }),
  } satisfies PolicyRule<DailyActivity>,
};
