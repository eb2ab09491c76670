import { type Actor } from '../../core/auth/actor';
import { type PolicyRule } from '../../core/policy/policy';
import { Employee } from './employee.entity';
import { actorIsAbove } from './employee.facts';
import { unitInHrScope } from '../unit/unit.facts';

/**
 * Directory fields (name, position, unit, supervisor) are for signed-in employees (`docs/api.md`) and HR admins.
 * Analyst and integration clients are not employees: they get aggregates and imports, not the directory.
 */
export function decideReadDirectory({ actor }: { actor: Actor }): boolean {
  return actor.employeeId !== undefined || actor.isHrAdmin;
}

/** How the caller relates to one employee; each fact is looked up only when the decision needs it. */
export interface EmployeeRelation {
  isSelf: boolean;
  isAbove: boolean;
  inHrScope: boolean;
}

/** Personal fields (NIP, email, grade, gender): the person, anyone above them in the tree, HR admins covering them. */
export function decideReadPersonal({ actor, relation }: { actor: Actor; relation: EmployeeRelation }): boolean {
  return relation.isSelf || relation.isAbove || (actor.isHrAdmin && relation.inHrScope);
}

/**
 * The export of everything held about a person (Law 27/2022): the person, and HR admins whose scope covers them.
 * Not those above them: a supervisor reads the team's plans where needed, not the person's whole file.
 */
export function decideExportPersonalData({
  actor,
  relation,
}: {
  actor: Actor;
  relation: Omit<EmployeeRelation, 'isAbove'>;
}): boolean {
  return relation.isSelf || (actor.isHrAdmin && relation.inHrScope);
}

export const employeeRules = {
  readDirectory: {
    description:
      'Signed-in employees and HR admins read the directory (name, position, unit, supervisor); not analyst or integration clients.',
    subject: null,
    evaluate: (ctx) => decideReadDirectory({ actor: ctx.actor }),
  } satisfies PolicyRule,
  readPersonal: {
    description:
      'Personal fields (NIP, email, grade, gender): the person, everyone above them in the supervisor tree, HR admins whose scope covers them.',
    subject: 'the employee',
    // Guards `Employee.nip`, `grade`, `gender`, `email`: the employee is the field's parent.
    fieldSubject: Employee,
    evaluate: async (ctx, subject) => {
      const { actor } = ctx;
      const isSelf = actor.employeeId === subject.rowId;
      // Facts are fetched lazily and batched: a list of 100 employees costs one query per fact, not 100.
      const inHrScope = !isSelf && actor.isHrAdmin ? await ctx.loaders.get(unitInHrScope).load(subject.unitId) : false;
      const isAbove =
        !isSelf && !inHrScope && actor.employeeId !== undefined
          ? await ctx.loaders.get(actorIsAbove).load(subject.rowId)
          : false;
      return decideReadPersonal({ actor, relation: { isSelf, isAbove, inHrScope } });
    },
  } satisfies PolicyRule<Employee>,
  exportPersonalData: {
    description:
      'The file of everything held about the person (`docs/personal-data.md`): the person, and HR admins whose scope covers them; not those above.',
    subject: 'the employee',
    evaluate: async (ctx, subject) => {
      const { actor } = ctx;
      const isSelf = actor.employeeId === subject.rowId;
      const inHrScope = !isSelf && actor.isHrAdmin ? await ctx.loaders.get(unitInHrScope).load(subject.unitId) : false;
      return decideExportPersonalData({ actor, relation: { isSelf, inHrScope } });
    },
  } satisfies PolicyRule<Employee>,
};
