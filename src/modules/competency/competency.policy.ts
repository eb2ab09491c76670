import { type Actor } from '../../core/auth/actor';
import { type RequestContext } from '../../core/context/request-context';
import { type PolicyRule } from '../../core/policy/policy';
import { Employee } from '../employee/employee.entity';
import { actorHeadsUnitOrAbove } from './competency.loaders';
import { unitInHrScope } from '../unit/unit.facts';
import { actorIsAbove } from '../employee/employee.facts';

export interface PersonRelation {
  isSelf: boolean;
  isAbove: boolean;
  inHrScope: boolean;
}

/** A competency profile: the person, everyone above them, HR admins covering them (not peers, not analysts). */
export function decideReadProfile({ actor, relation }: { actor: Actor; relation: PersonRelation }): boolean {
  return relation.isSelf || relation.isAbove || (actor.isHrAdmin && relation.inHrScope);
}

/** Assessing as supervisor, suggesting development, rating potential: everyone above, HR covering; never oneself. */
export function decideDevelop({ actor, relation }: { actor: Actor; relation: PersonRelation }): boolean {
  return !relation.isSelf && (relation.isAbove || (actor.isHrAdmin && relation.inHrScope));
}

/** The talent box: those above and HR covering; the person only when the region allows it. */
export function decideReadTalent({
  actor,
  relation,
  visibleToSelf,
}: {
  actor: Actor;
  relation: PersonRelation;
  visibleToSelf: boolean;
}): boolean {
  return (
    (relation.isSelf && visibleToSelf) ||
    (!relation.isSelf && (relation.isAbove || (actor.isHrAdmin && relation.inHrScope)))
  );
}

/**
 * The talent matrix and competency gaps of a unit subtree: HR admins covering it and heads of the unit or a unit
 * above it. Not analysts: these counts follow each assessment of each person, so two answers a day apart, or for two
 * nested units, would show one person's placement (docs/adr/0001-analyst-disclosure-control.md).
 */
export function decideReadUnitAggregates({
  actor,
  inHrScope,
  headsUnitOrAbove,
}: {
  actor: Actor;
  inHrScope: boolean;
  headsUnitOrAbove: boolean;
}): boolean {
  return (actor.isHrAdmin && inHrScope) || headsUnitOrAbove;
}

async function relationTo(ctx: RequestContext, employee: Employee): Promise<PersonRelation> {
  const { actor } = ctx;
  const isSelf = actor.employeeId === employee.rowId;
  const inHrScope = !isSelf && actor.isHrAdmin ? await ctx.loaders.get(unitInHrScope).load(employee.unitId) : false;
  const isAbove =
    !isSelf && !inHrScope && actor.employeeId !== undefined
      ? await ctx.loaders.get(actorIsAbove).load(employee.rowId)
      : false;
  return { isSelf, isAbove, inHrScope };
}

export const competencyRules = {
  readProfile: {
    description: 'The person, everyone above them in the supervisor tree, HR admins whose scope covers them.',
    subject: 'the employee',
    // Guards `Employee.competencyProfile`, `competencyAssessments`, `developmentSuggestions`.
    fieldSubject: Employee,
    evaluate: async (ctx, employee) =>
      decideReadProfile({ actor: ctx.actor, relation: await relationTo(ctx, employee) }),
  } satisfies PolicyRule<Employee>,
  develop: {
    description:
      'Everyone above the person in the supervisor tree, HR admins whose scope covers them; never the person.',
    subject: 'the employee',
    evaluate: async (ctx, employee) => decideDevelop({ actor: ctx.actor, relation: await relationTo(ctx, employee) }),
  } satisfies PolicyRule<Employee>,
  readTalent: {
    description: 'Everyone above the person, HR admins covering them; the person when TALENT_VISIBLE_TO_SELF is on.',
    subject: 'the employee',
    // Guards `Employee.talentPlacement`.
    fieldSubject: Employee,
    evaluate: async (ctx, employee) =>
      decideReadTalent({
        actor: ctx.actor,
        relation: await relationTo(ctx, employee),
        visibleToSelf: ctx.settings.talentVisibleToSelf === true,
      }),
  } satisfies PolicyRule<Employee>,
  readUnitAggregates: {
    description:
      'HR admins whose scope covers the unit, and the heads of the unit or of a unit above it (not analysts).',
    subject: 'the unit id',
    evaluate: async (ctx, unitId) => {
      const inHrScope = ctx.actor.isHrAdmin ? await ctx.loaders.get(unitInHrScope).load(unitId) : false;
      const headsUnitOrAbove =
        !inHrScope && ctx.actor.employeeId !== undefined
          ? await ctx.loaders.get(actorHeadsUnitOrAbove).load(unitId)
          : false;
      return decideReadUnitAggregates({ actor: ctx.actor, inHrScope, headsUnitOrAbove });
    },
  } satisfies PolicyRule<number>,
};
