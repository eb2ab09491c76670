import { type Actor } from '../../core/auth/actor';
import { type PolicyRule } from '../../core/policy/policy';
import { unitInHrScope } from '../unit/unit.facts';

/** Whom a record belongs to, for its audit trail: its unit, and the person it is about (none for a unit's own). */
export interface AuditOwner {
  unitId: number;
  employeeId: number | null;
}

/**
 * A record's audit trail: the person it is about (their employee record, their plans and what hangs off them), and
 * HR admins whose scope covers the record's unit. Not those above the person: the trail names who did what, which
 * is HR's and the person's business (as the personal-data file).
 */
export function decideReadAuditTrail({
  actor,
  owner,
  unitInScope,
}: {
  actor: Actor;
  owner: AuditOwner;
  unitInScope: boolean;
}): boolean {
  if (owner.employeeId !== null && actor.employeeId === owner.employeeId) return true;
  return actor.isHrAdmin && (actor.hrScopeUnitId === null || unitInScope);
}

export const auditRules = {
  readAuditTrail: {
    description:
      'A record’s audit trail: the person it is about, and HR admins whose scope covers its unit; not those above the person.',
    subject: 'the record’s unit and person',
    evaluate: async (ctx, owner) => {
      if (owner.employeeId !== null && ctx.actor.employeeId === owner.employeeId) return true;
      if (!ctx.actor.isHrAdmin) return false;
      const unitInScope = await ctx.loaders.get(unitInHrScope).load(owner.unitId);
      return decideReadAuditTrail({ actor: ctx.actor, owner, unitInScope });
    },
  } satisfies PolicyRule<AuditOwner>,
};
