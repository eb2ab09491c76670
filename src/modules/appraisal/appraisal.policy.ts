import { type Actor } from '../../core/auth/actor';
import { type RequestContext } from '../../core/context/request-context';
import { type PolicyRule } from '../../core/policy/policy';
import { actorIsAbove, actorIsBelow } from '../employee/employee.loaders';
import { unitInHrScope } from '../unit/unit.loaders';
import { Appraisal } from './appraisal.entity';

/** How the caller relates to one plan. Supervisor rights come from the tree now, appraiser rights from the snapshot. */
export interface AppraisalRelation {
  isOwner: boolean;
  isAppraiser: boolean;
  isAppraiserSupervisor: boolean;
  isAboveOwner: boolean;
  inHrScope: boolean;
}

/** The employee, everyone above them, the appraisers of the snapshot, HR admins covering the plan's unit. Not analysts. */
export function decideReadAppraisal({ actor, relation }: { actor: Actor; relation: AppraisalRelation }): boolean {
  return relation.isOwner || relation.isAppraiser || relation.isAppraiserSupervisor || relation.isAboveOwner || (actor.isHrAdmin && relation.inHrScope);
}

/** Only the employee whose plan it is drafts and revises it (the state decides when). */
export function decideEditPlan({ relation }: { relation: AppraisalRelation }): boolean {
  return relation.isOwner;
}

/**
 * Only the appraiser of the snapshot decides (not whoever supervises today, unless HR reassigns). When the
 * appraiser is an official outside the civil service (the Bupati), an HR admin covering the plan records the decision.
 */
export function decideDecidePlan({ actor, relation, appraiserIsExternal }: { actor: Actor; relation: AppraisalRelation; appraiserIsExternal: boolean }): boolean {
  return relation.isAppraiser || (appraiserIsExternal && actor.isHrAdmin && relation.inHrScope);
}

export function decideManageAppraisal({ actor, relation }: { actor: Actor; relation: AppraisalRelation }): boolean {
  return actor.isHrAdmin && relation.inHrScope;
}

/** Plan content is also open to everyone below its owner: the cascade is how staff choose what they support. */
export function decideReadWorkPlan({ actor, relation, ownerIsAbove }: { actor: Actor; relation: AppraisalRelation; ownerIsAbove: boolean }): boolean {
  return decideReadAppraisal({ actor, relation }) || ownerIsAbove;
}

/** The facts about one plan, fetched lazily through batched loaders. */
async function relationTo(ctx: RequestContext, appraisal: Appraisal, needs: { above: boolean; scope: boolean }): Promise<AppraisalRelation> {
  const { actor } = ctx;
  const me = actor.employeeId;
  const isOwner = me !== undefined && me === appraisal.employeeId;
  const isAppraiser = me !== undefined && me === appraisal.appraiserEmployeeId;
  const isAppraiserSupervisor = me !== undefined && me === appraisal.appraiserSupervisorEmployeeId;
  const direct = isOwner || isAppraiser || isAppraiserSupervisor;
  const inHrScope = needs.scope && !direct && actor.isHrAdmin ? await ctx.loaders.get(unitInHrScope).load(appraisal.unitId) : false;
  const isAboveOwner = needs.above && !direct && !inHrScope && me !== undefined ? await ctx.loaders.get(actorIsAbove).load(appraisal.employeeId) : false;
  return { isOwner, isAppraiser, isAppraiserSupervisor, isAboveOwner, inHrScope };
}

export const appraisalRules = {
  readAppraisal: {
    description: 'The employee, everyone above them, the appraisers of the snapshot, HR admins covering the unit.',
    evaluate: async (ctx, subject) =>
      subject instanceof Appraisal && decideReadAppraisal({ actor: ctx.actor, relation: await relationTo(ctx, subject, { above: true, scope: true }) }),
  },
  editPlan: {
    description: 'The employee whose plan it is.',
    evaluate: async (ctx, subject) => subject instanceof Appraisal && decideEditPlan({ relation: await relationTo(ctx, subject, { above: false, scope: false }) }),
  },
  decidePlan: {
    description: 'The appraiser of the snapshot; HR admins in scope for an appraiser outside the civil service.',
    evaluate: async (ctx, subject) => {
      if (!(subject instanceof Appraisal)) return false;
      const appraiserIsExternal = subject.appraiserEmployeeId === null && subject.appraiserExternalId !== null;
      return decideDecidePlan({ actor: ctx.actor, relation: await relationTo(ctx, subject, { above: false, scope: appraiserIsExternal }), appraiserIsExternal });
    },
  },
  manageAppraisal: {
    description: 'HR admins whose scope covers the plan’s unit.',
    evaluate: async (ctx, subject) =>
      subject instanceof Appraisal && ctx.actor.isHrAdmin && decideManageAppraisal({ actor: ctx.actor, relation: await relationTo(ctx, subject, { above: false, scope: true }) }),
  },
  readWorkPlan: {
    description: 'Whoever reads the plan, and everyone below its owner in the tree.',
    evaluate: async (ctx, subject) => {
      if (!(subject instanceof Appraisal)) return false;
      const relation = await relationTo(ctx, subject, { above: true, scope: true });
      if (decideReadAppraisal({ actor: ctx.actor, relation })) return true;
      const ownerIsAbove = ctx.actor.employeeId !== undefined && (await ctx.loaders.get(actorIsBelow).load(subject.employeeId));
      return decideReadWorkPlan({ actor: ctx.actor, relation, ownerIsAbove });
    },
  },
} satisfies Record<string, PolicyRule>;
