import { type Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type PolicyRule } from '../../core/policy/policy';

/** Bulk imports: integration clients (the national HR system) and HR admins; each row is then checked for scope. */
export function decideImportOrganisation({ actor }: { actor: Actor }): boolean {
  return actor.has(Role.INTEGRATION) || actor.isHrAdmin;
}

export const importRules = {
  importOrganisation: {
    description: 'Integration clients and HR admins import units and employees.',
    subject: null,
    evaluate: (ctx) => decideImportOrganisation({ actor: ctx.actor }),
  } satisfies PolicyRule,
};
