import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type RequestContext } from '../../core/context/request-context';
import {
  decideAdministerRegion,
  decideAdministerUnit,
  decideImportIntoUnit,
  decideReadUnits,
  unitRules,
} from './unit.policy';
import { unitInHrScope } from './unit.facts';

const SCOPE_UNIT = 7;

/** Every kind of caller the decisions distinguish. */
const actors = {
  employee: Actor.employee(10, '199001012015032001'),
  employeeWithStrayScope: Actor.employee(12, '199001012015032003', [], SCOPE_UNIT),
  hrRegion: Actor.employee(20, '198505052010011001', [Role.HR_ADMIN]),
  hrScoped: Actor.employee(21, '198505052010011002', [Role.HR_ADMIN], SCOPE_UNIT),
  hrClient: Actor.client('hr-portal', [Role.HR_ADMIN]),
  hrScopedClient: Actor.client('hr-portal-distrik', [Role.HR_ADMIN], SCOPE_UNIT),
  analyst: Actor.client('dasbor-kinerja', [Role.ANALYST]),
  integration: Actor.client('simpeg-bkn', [Role.INTEGRATION]),
  scopedIntegration: Actor.client('simpeg-bkn', [Role.INTEGRATION], SCOPE_UNIT),
  integrationAndHrScoped: Actor.client('simpeg-hr', [Role.INTEGRATION, Role.HR_ADMIN], SCOPE_UNIT),
  anonymous: Actor.anonymous(),
} satisfies Record<string, Actor>;

type ActorName = keyof typeof actors;

describe('decideReadUnits', () => {
  it.each<[ActorName, boolean]>([
    ['employee', true],
    ['employeeWithStrayScope', true],
    ['hrRegion', true],
    ['hrScoped', true],
    ['hrClient', true],
    ['analyst', true],
    ['integration', true],
    ['anonymous', false],
  ])('%s → %s', (actor, allowed) => {
    expect(decideReadUnits({ actor: actors[actor] })).toBe(allowed);
  });
});

describe('decideAdministerUnit', () => {
  it.each<[ActorName, boolean, boolean]>([
    // actor, unit in the actor's HR scope, allowed
    ['hrRegion', true, true],
    ['hrRegion', false, true],
    ['hrClient', false, true],
    ['hrScoped', true, true],
    ['hrScoped', false, false],
    ['hrScopedClient', true, true],
    ['hrScopedClient', false, false],
    ['employee', true, false],
    ['employee', false, false],
    ['employeeWithStrayScope', true, false],
    ['analyst', true, false],
    ['integration', true, false],
    ['integration', false, false],
    ['anonymous', true, false],
  ])('%s, unit in scope %s → %s', (actor, unitInScope, allowed) => {
    expect(decideAdministerUnit({ actor: actors[actor], unitInScope })).toBe(allowed);
  });
});

describe('decideAdministerRegion', () => {
  it.each<[ActorName, boolean]>([
    ['hrRegion', true],
    ['hrClient', true],
    ['hrScoped', false],
    ['hrScopedClient', false],
    ['integrationAndHrScoped', false],
    ['employee', false],
    ['employeeWithStrayScope', false],
    ['analyst', false],
    ['integration', false],
    ['anonymous', false],
  ])('%s → %s', (actor, allowed) => {
    expect(decideAdministerRegion({ actor: actors[actor] })).toBe(allowed);
  });
});

describe('decideImportIntoUnit', () => {
  it.each<[ActorName, { unitInScope: boolean; isRoot: boolean }, boolean]>([
    // an integration client imports anywhere, a unit scope notwithstanding
    ['integration', { unitInScope: false, isRoot: false }, true],
    ['integration', { unitInScope: false, isRoot: true }, true],
    ['scopedIntegration', { unitInScope: false, isRoot: false }, true],
    ['integrationAndHrScoped', { unitInScope: false, isRoot: true }, true],
    // HR admins: inside their scope; new roots only region-wide
    ['hrRegion', { unitInScope: true, isRoot: false }, true],
    ['hrRegion', { unitInScope: false, isRoot: false }, true],
    ['hrRegion', { unitInScope: false, isRoot: true }, true],
    ['hrClient', { unitInScope: false, isRoot: true }, true],
    ['hrScoped', { unitInScope: true, isRoot: false }, true],
    ['hrScoped', { unitInScope: false, isRoot: false }, false],
    ['hrScoped', { unitInScope: false, isRoot: true }, false],
    ['hrScoped', { unitInScope: true, isRoot: true }, false],
    ['hrScopedClient', { unitInScope: false, isRoot: false }, false],
    // nobody else
    ['employee', { unitInScope: true, isRoot: false }, false],
    ['employee', { unitInScope: false, isRoot: true }, false],
    ['employeeWithStrayScope', { unitInScope: true, isRoot: false }, false],
    ['analyst', { unitInScope: true, isRoot: false }, false],
    ['analyst', { unitInScope: false, isRoot: true }, false],
    ['anonymous', { unitInScope: true, isRoot: false }, false],
    ['anonymous', { unitInScope: false, isRoot: true }, false],
  ])('%s with %o → %s', (actor, facts, allowed) => {
    expect(decideImportIntoUnit({ actor: actors[actor], ...facts })).toBe(allowed);
  });
});

/**
 * The rules around the decisions: how they read their subject (a unit id, or null for a new root) and which
 * scope facts they look up. The scope loader is replaced by a set of in-scope unit ids, with lookups recorded.
 */
describe('unitRules', () => {
  function contextFor(actor: Actor, inScope: readonly number[] = []) {
    const lookups: number[] = [];
    const loaders = {
      get: (factory: unknown) => {
        if (factory !== unitInHrScope) throw new Error('unexpected loader');
        return { load: async (unitId: number) => (lookups.push(unitId), inScope.includes(unitId)) };
      },
    };
    // A stand-in for the request context: the rules read only `actor` and `loaders`.
    return { ctx: { actor, loaders } as unknown as RequestContext, lookups };
  }

  it.each<[ActorName, number, number[], boolean, number[]]>([
    // actor, subject, units in scope, allowed, units looked up
    ['hrScoped', 8, [8], true, [8]],
    ['hrScoped', 9, [8], false, [9]],
    ['hrRegion', 9, [9], true, [9]],
    ['employee', 8, [8], false, []],
    ['integration', 8, [8], false, []],
    ['anonymous', 8, [8], false, []],
  ])('administerUnit: %s on %p (in scope %j) → %s', async (actor, subject, inScope, allowed, looked) => {
    const { ctx, lookups } = contextFor(actors[actor], inScope);
    expect(await unitRules.administerUnit.evaluate(ctx, subject)).toBe(allowed);
    expect(lookups).toEqual(looked);
  });

  it.each<[ActorName, number | null, number[], boolean, number[]]>([
    ['integration', 8, [], true, []],
    ['integration', null, [], true, []],
    ['hrScoped', 8, [8], true, [8]],
    ['hrScoped', 9, [8], false, [9]],
    ['hrScoped', null, [8], false, []],
    ['hrRegion', null, [], true, []],
    ['analyst', 8, [8], false, []],
    ['employee', null, [], false, []],
    ['anonymous', null, [], false, []],
  ])('importIntoUnit: %s on %p (in scope %j) → %s', async (actor, subject, inScope, allowed, looked) => {
    const { ctx, lookups } = contextFor(actors[actor], inScope);
    expect(await unitRules.importIntoUnit.evaluate(ctx, subject)).toBe(allowed);
    expect(lookups).toEqual(looked);
  });

  it.each<[ActorName, boolean, boolean, boolean]>([
    // actor, manageOrganisation, administerRegion, readUnits
    ['hrRegion', true, true, true],
    ['hrScoped', true, false, true],
    ['hrClient', true, true, true],
    ['employee', false, false, true],
    ['analyst', false, false, true],
    ['integration', false, false, true],
    ['anonymous', false, false, false],
  ])('%s: manageOrganisation %s, administerRegion %s, readUnits %s', async (actor, manage, region, read) => {
    const { ctx } = contextFor(actors[actor]);
    expect(await unitRules.manageOrganisation.evaluate(ctx)).toBe(manage);
    expect(await unitRules.administerRegion.evaluate(ctx)).toBe(region);
    expect(await unitRules.readUnits.evaluate(ctx)).toBe(read);
  });
});
