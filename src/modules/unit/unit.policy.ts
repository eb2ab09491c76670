import { type Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type PolicyRule } from '../../core/policy/policy';
import { unitInHrScope } from './unit.facts';

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
export function decideImportIntoUnit({
  actor,
  unitInScope,
  isRoot,
}: {
  actor: Actor;
  unitInScope: boolean;
  isRoot: boolean;
}): boolean {
  if (actor.has(Role.INTEGRATION)) return true;
  return isRoot ? decideAdministerRegion({ actor }) : decideAdministerUnit({ actor, unitInScope });
}

export const unitRules = {
  manageOrganisation: {
    description:
      'HR admins (any scope) may call the HR administration mutations; each change is then checked with ADMINISTER_UNIT or ADMINISTER_REGION.',
    subject: null,
    evaluate: (ctx) => ctx.actor.isHrAdmin,
  } satisfies PolicyRule,
  readUnits: {
    description: 'Every signed-in principal reads units (structure, not personal data).',
    subject: null,
    evaluate: (ctx) => decideReadUnits({ actor: ctx.actor }),
  } satisfies PolicyRule,
  administerUnit: {
    description: 'HR admins whose scope covers the unit change what lies in it (else `userErrors: OUT_OF_SCOPE`).',
    subject: 'the unit id',
    evaluate: async (ctx, unitId) => {
      if (!ctx.actor.isHrAdmin) return false;
      return decideAdministerUnit({ actor: ctx.actor, unitInScope: await ctx.loaders.get(unitInHrScope).load(unitId) });
    },
  } satisfies PolicyRule<number>,
  administerRegion: {
    description: 'Region-wide HR admins: root units, external officials, periods, the competency catalogue.',
    subject: null,
    evaluate: (ctx) => decideAdministerRegion({ actor: ctx.actor }),
  } satisfies PolicyRule,
  importIntoUnit: {
    description:
      'One imported row: integration clients anywhere; HR admins inside their scope (a new root unit: region-wide only).',
    subject: 'the unit id, or null for a new root unit',
    evaluate: async (ctx, unitId) => {
      const isRoot = unitId === null;
      const unitInScope =
        unitId !== null && ctx.actor.isHrAdmin ? await ctx.loaders.get(unitInHrScope).load(unitId) : false;
      return decideImportIntoUnit({ actor: ctx.actor, unitInScope, isRoot });
    },
  } satisfies PolicyRule<number | null>,
};
