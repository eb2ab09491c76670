import { type Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type PolicyRule } from '../../core/policy/policy';
import { unitInHrScope } from './unit.loaders';

/** Units are the organisation's structure, not personal data: every signed-in principal reads them. */
export function decideReadUnits({ actor }: { actor: Actor }): boolean {
  return actor.isAuthenticated;
}

/** An HR admin administers a unit when their scope is the whole region or covers the unit. */
export function decideAdministerUnit({ actor, unitInScope }: { actor: Actor; unitInScope: boolean }): boolean {
  return actor.isHrAdmin && (actor.hrScopeUnitId === null || unitInScope);
}

export function decideAdministerRegion({ actor }: { actor: Actor }): boolean {
  return actor.isRegionHrAdmin;
}

/** An integration client imports anywhere; an HR admin into units they administer (roots: region-wide only). */
export function decideImportIntoUnit({ actor, unitInScope, isRoot }: { actor: Actor; unitInScope: boolean; isRoot: boolean }): boolean {
  if (actor.has(Role.INTEGRATION)) return true;
  return isRoot ? decideAdministerRegion({ actor }) : decideAdministerUnit({ actor, unitInScope });
}

const unitIdOf = (subject: unknown): number | undefined => (typeof subject === 'number' && Number.isInteger(subject) ? subject : undefined);

export const unitRules = {
  manageOrganisation: {
    description: 'HR admins (any scope) may call the HR administration mutations.',
    evaluate: (ctx) => ctx.actor.isHrAdmin,
  },
  readUnits: {
    description: 'Every signed-in principal reads units.',
    evaluate: (ctx) => decideReadUnits({ actor: ctx.actor }),
  },
  administerUnit: {
    description: 'HR admins whose scope covers the unit.',
    evaluate: async (ctx, subject) => {
      const unitId = unitIdOf(subject);
      if (unitId === undefined || !ctx.actor.isHrAdmin) return false;
      return decideAdministerUnit({ actor: ctx.actor, unitInScope: await ctx.loaders.get(unitInHrScope).load(unitId) });
    },
  },
  administerRegion: {
    description: 'Region-wide HR admins.',
    evaluate: (ctx) => decideAdministerRegion({ actor: ctx.actor }),
  },
  importIntoUnit: {
    description: 'Integration clients anywhere; HR admins inside their scope.',
    evaluate: async (ctx, subject) => {
      const isRoot = subject === null;
      const unitId = unitIdOf(subject);
      if (!isRoot && unitId === undefined) return false;
      const unitInScope = unitId !== undefined && ctx.actor.isHrAdmin ? await ctx.loaders.get(unitInHrScope).load(unitId) : false;
      return decideImportIntoUnit({ actor: ctx.actor, unitInScope, isRoot });
    },
  },
} satisfies Record<string, PolicyRule>;
