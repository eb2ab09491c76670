import { type Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type PolicyRule } from '../../core/policy/policy';

/** The changes feed: integration clients (the whole region) and HR admins (their scope); the role alone decides. */
export function decideReadChanges({ actor }: { actor: Actor }): boolean {
  return actor.has(Role.INTEGRATION) || actor.isHrAdmin;
}

/**
 * Which events a reader of the feed sees: everything for an integration client or a region-wide HR admin; for an
 * HR admin of a subtree, events whose unit lies in it (an event without a unit, such as a region-wide import, is
 * the region's).
 */
export function changesScope(actor: Actor): { kind: 'region' } | { kind: 'subtree'; unitId: number } {
  if (actor.has(Role.INTEGRATION) || actor.hrScopeUnitId === null) return { kind: 'region' };
  return { kind: 'subtree', unitId: actor.hrScopeUnitId };
}

export const outboxRules = {
  readChanges: {
    description:
      'The changes feed: integration clients see the whole region, HR admins the events of units in their scope.',
    subject: null,
    evaluate: (ctx) => decideReadChanges({ actor: ctx.actor }),
  } satisfies PolicyRule,
};
