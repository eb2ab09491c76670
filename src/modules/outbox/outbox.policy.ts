import { type Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type PolicyRule } from '../../core/policy/policy';

/** The changes feed: integration clients (the whole region) and HR admins (their scope); the role alone decides. */
export function decideReadChanges({ actor }: { actor: Actor }): boolean {
  return actor.has(Role.INTEGRATION) || actor.isHrAdmin;
}

/**
 * Which events a reader of the feed (or a webhook's owner) sees: everything for an integration client or a
 * region-wide HR admin; for an HR admin of a subtree, the events `eventInSubtreeSql` keeps.
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

/**
 * The one rule of "this event lies in the HR subtree `:<param>`", for the changes feed and webhooks alike: its unit
 * lies in the subtree, or it has no unit and is about a person whose unit does. An event with neither (a
 * region-wide import) is the region's. `alias` is the outbox row's alias in the statement.
 */
export function eventInSubtreeSql(alias: string, param: string): string {
  return (
    `(EXISTS (SELECT 1 FROM unit_closure scope_unit WHERE scope_unit.ancestor_id = :${param} AND scope_unit.descendant_id = ${alias}.unit_id)` +
    ` OR (${alias}.unit_id IS NULL AND EXISTS (SELECT 1 FROM employee scope_person JOIN unit_closure scope_of_person` +
    ` ON scope_of_person.descendant_id = scope_person.unit_id WHERE scope_of_person.ancestor_id = :${param}` +
    ` AND scope_person.id = ${alias}.employee_id)))`
  );
}
