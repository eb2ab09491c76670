import { type Actor } from '../../core/auth/actor';
import { type RequestContext } from '../../core/context/request-context';
import { type PolicyRule } from '../../core/policy/policy';
import { Appraisal } from './appraisal.entity';
import { actorAppraisedBy } from './appraisal.loaders';
import { unitInHrScope } from '../unit/unit.facts';
import { actorIsAbove, actorIsBelow } from '../employee/employee.facts';

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
  return (
    relation.isOwner ||
    relation.isAppraiser ||
    relation.isAppraiserSupervisor ||
    relation.isAboveOwner ||
    (actor.isHrAdmin && relation.inHrScope)
  );
}

/** Only the employee whose plan it is drafts and revises it (the state decides when). */
export function decideEditPlan({ relation }: { relation: AppraisalRelation }): boolean {
  return relation.isOwner;
}

/**
 * Only the appraiser of the snapshot decides (not whoever supervises today, unless HR reassigns). When the
 * appraiser is an official outside the civil service (the Bupati), an HR admin covering the plan records the decision.
 */
export function decideDecidePlan({
  actor,
  relation,
  appraiserIsExternal,
}: {
  actor: Actor;
  relation: AppraisalRelation;
  appraiserIsExternal: boolean;
}): boolean {
  return relation.isAppraiser || (appraiserIsExternal && actor.isHrAdmin && relation.inHrScope && !relation.isOwner);
}

/**
 * An objection goes to the appraiser's supervisor of the snapshot (atasan pejabat penilai kinerja). When that is
 * an official outside the civil service or nobody, an HR admin covering the plan records the decision.
 */
export function decideDecideObjection({
  actor,
  relation,
  supervisorIsEmployee,
}: {
  actor: Actor;
  relation: AppraisalRelation;
  supervisorIsEmployee: boolean;
}): boolean {
  if (relation.isOwner) return false;
  return relation.isAppraiserSupervisor || (!supervisorIsEmployee && actor.isHrAdmin && relation.inHrScope);
}

export function decideManageAppraisal({ actor, relation }: { actor: Actor; relation: AppraisalRelation }): boolean {
  return actor.isHrAdmin && relation.inHrScope;
}

/**
 * Plan content is also open to everyone below its owner, and to whoever the owner appraises in that period (the
 * snapshot, which outlives a move in the tree): the cascade is how staff choose what they support.
 */
export function decideReadWorkPlan({
  actor,
  relation,
  ownerIsAbove,
  ownerAppraisesActor = false,
}: {
  actor: Actor;
  relation: AppraisalRelation;
  ownerIsAbove: boolean;
  ownerAppraisesActor?: boolean;
}): boolean {
  return decideReadAppraisal({ actor, relation }) || ownerIsAbove || ownerAppraisesActor;
}

/**
 * The facts about one plan, fetched lazily through batched loaders. `scope: 'always'` looks up the HR scope even
 * for the snapshot's own people (an HR admin who also appraises the plan still manages it as HR). Answered at
 * once when no loader is needed (a supervisor's own team: a page of plans decided without a promise each).
 */
function relationTo(
  ctx: RequestContext,
  appraisal: Appraisal,
  needs: { above: boolean; scope: boolean | 'always' },
): AppraisalRelation | Promise<AppraisalRelation> {
  const { actor } = ctx;
  const me = actor.employeeId;
  const isOwner = me !== undefined && me === appraisal.employeeId;
  const isAppraiser = me !== undefined && me === appraisal.appraiserEmployeeId;
  const isAppraiserSupervisor = me !== undefined && me === appraisal.appraiserSupervisorEmployeeId;
  const direct = isOwner || isAppraiser || isAppraiserSupervisor;
  const wantsScope = (needs.scope === 'always' || (needs.scope && !direct)) && actor.isHrAdmin;
  const mayBeAbove = needs.above && !direct && me !== undefined;
  if (!wantsScope && !mayBeAbove)
    return { isOwner, isAppraiser, isAppraiserSupervisor, isAboveOwner: false, inHrScope: false };
  return (async () => {
    const inHrScope = wantsScope ? await ctx.loaders.get(unitInHrScope).load(appraisal.unitId) : false;
    const isAboveOwner =
      mayBeAbove && !inHrScope ? await ctx.loaders.get(actorIsAbove).load(appraisal.employeeId) : false;
    return { isOwner, isAppraiser, isAppraiserSupervisor, isAboveOwner, inHrScope };
  })();
}

/** `decide(value)`, at once when the value is already there. */
function then<T, R>(value: T | Promise<T>, decide: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(decide) : decide(value);
}

export const appraisalRules = {
  readAppraisal: {
    description: 'The employee, everyone above them, the appraisers of the snapshot, HR admins covering the unit.',
    subject: 'the plan',
    // Guards `Appraisal.documents`: the plan is the field's parent.
    fieldSubject: Appraisal,
    evaluate: (ctx, plan) =>
      then(relationTo(ctx, plan, { above: true, scope: true }), (relation) =>
        decideReadAppraisal({ actor: ctx.actor, relation }),
      ),
  } satisfies PolicyRule<Appraisal>,
  editPlan: {
    description: 'The employee whose plan it is.',
    subject: 'the plan',
    evaluate: async (ctx, plan) =>
      decideEditPlan({ relation: await relationTo(ctx, plan, { above: false, scope: false }) }),
  } satisfies PolicyRule<Appraisal>,
  decidePlan: {
    description: 'The appraiser of the snapshot; HR admins in scope for an appraiser outside the civil service.',
    subject: 'the plan',
    evaluate: async (ctx, plan) => {
      const appraiserIsExternal = plan.appraiserEmployeeId === null && plan.appraiserExternalId !== null;
      return decideDecidePlan({
        actor: ctx.actor,
        relation: await relationTo(ctx, plan, { above: false, scope: appraiserIsExternal ? 'always' : false }),
        appraiserIsExternal,
      });
    },
  } satisfies PolicyRule<Appraisal>,
  decideObjection: {
    description: 'The appraiser’s supervisor of the snapshot; HR admins in scope when that is not a civil servant.',
    subject: 'the plan',
    evaluate: async (ctx, plan) => {
      const supervisorIsEmployee = plan.appraiserSupervisorEmployeeId !== null;
      const relation = await relationTo(ctx, plan, { above: false, scope: supervisorIsEmployee ? false : 'always' });
      return decideDecideObjection({ actor: ctx.actor, relation, supervisorIsEmployee });
    },
  } satisfies PolicyRule<Appraisal>,
  manageAppraisal: {
    description: 'Bulk creation, reassigning the appraiser, transfers: HR admins whose scope covers the plan’s unit.',
    subject: 'the plan',
    evaluate: async (ctx, plan) =>
      ctx.actor.isHrAdmin &&
      decideManageAppraisal({
        actor: ctx.actor,
        relation: await relationTo(ctx, plan, { above: false, scope: 'always' }),
      }),
  } satisfies PolicyRule<Appraisal>,
  readWorkPlan: {
    description:
      'Its content (RHK, indicators): whoever reads the plan, everyone below its owner in the tree, and whoever the owner appraises that period.',
    subject: 'the plan',
    evaluate: (ctx, plan) => {
      return then(relationTo(ctx, plan, { above: true, scope: true }), (relation) => {
        if (decideReadAppraisal({ actor: ctx.actor, relation })) return true;
        if (ctx.actor.employeeId === undefined) return false;
        return (async () => {
          const ownerIsAbove = await ctx.loaders.get(actorIsBelow).load(plan.employeeId);
          const ownerAppraisesActor =
            !ownerIsAbove &&
            (await ctx.loaders.get(actorAppraisedBy, { periodId: plan.periodId }).load(plan.employeeId));
          return decideReadWorkPlan({ actor: ctx.actor, relation, ownerIsAbove, ownerAppraisesActor });
        })();
      });
    },
  } satisfies PolicyRule<Appraisal>,
};
