import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type RequestContext } from '../../core/context/request-context';
import { Employee } from './employee.entity';
import {
  decideExportPersonalData,
  decideReadDirectory,
  decideReadPersonal,
  employeeRules,
  type EmployeeRelation,
} from './employee.policy';
import { actorIsAbove } from './employee.facts';
import { unitInHrScope } from '../unit/unit.facts';

/** Every kind of caller the decisions distinguish (ids and NIPs are arbitrary but well-formed). */
const actors = {
  employee: Actor.employee(10, '199001012015032001'),
  employeeWithAnalystRole: Actor.employee(11, '199001012015032002', [Role.ANALYST]),
  employeeWithStrayScope: Actor.employee(12, '199001012015032003', [], 7),
  hrRegion: Actor.employee(20, '198505052010011001', [Role.HR_ADMIN]),
  hrScoped: Actor.employee(21, '198505052010011002', [Role.HR_ADMIN], 7),
  hrClient: Actor.client('hr-portal', [Role.HR_ADMIN]),
  analyst: Actor.client('dasbor-kinerja', [Role.ANALYST]),
  integration: Actor.client('simpeg-bkn', [Role.INTEGRATION]),
  anonymous: Actor.anonymous(),
} satisfies Record<string, Actor>;

type ActorName = keyof typeof actors;

describe('decideReadDirectory', () => {
  it.each<[ActorName, boolean]>([
    ['employee', true],
    ['employeeWithAnalystRole', true],
    ['employeeWithStrayScope', true],
    ['hrRegion', true],
    ['hrScoped', true],
    ['hrClient', true],
    ['analyst', false],
    ['integration', false],
    ['anonymous', false],
  ])('%s → %s', (actor, allowed) => {
    expect(decideReadDirectory({ actor: actors[actor] })).toBe(allowed);
  });
});

describe('decideReadPersonal', () => {
  const relation = (isSelf: boolean, isAbove: boolean, inHrScope: boolean): EmployeeRelation => ({
    isSelf,
    isAbove,
    inHrScope,
  });

  it.each<[ActorName, EmployeeRelation, boolean]>([
    // the person, and anyone above them in the supervisor tree
    ['employee', relation(true, false, false), true],
    ['employee', relation(false, true, false), true],
    ['employee', relation(false, false, false), false],
    // an HR scope fact means nothing without the HR role
    ['employee', relation(false, false, true), false],
    ['employeeWithStrayScope', relation(false, false, true), false],
    ['employeeWithAnalystRole', relation(false, false, true), false],
    // HR admins whose scope covers the employee, and only those
    ['hrRegion', relation(false, false, true), true],
    ['hrRegion', relation(false, false, false), false],
    ['hrScoped', relation(false, false, true), true],
    ['hrScoped', relation(false, false, false), false],
    ['hrScoped', relation(false, true, false), true],
    ['hrClient', relation(false, false, true), true],
    ['hrClient', relation(false, false, false), false],
    // clients without the HR role and anonymous callers never
    ['analyst', relation(false, false, true), false],
    ['analyst', relation(false, false, false), false],
    ['integration', relation(false, false, true), false],
    ['integration', relation(false, false, false), false],
    ['anonymous', relation(false, false, true), false],
    ['anonymous', relation(false, false, false), false],
  ])('%s with %o → %s', (actor, rel, allowed) => {
    expect(decideReadPersonal({ actor: actors[actor], relation: rel })).toBe(allowed);
  });
});

/**
 * The rule around `decideReadPersonal`: which facts it looks up, for whom. The loaders are replaced by a table
 * of facts, and every lookup is recorded, so the table also shows that no fact is fetched that is not needed.
 */
describe('employeeRules.readPersonal', () => {
  const SUBJECT_ID = 100;
  const SUBJECT_UNIT = 5;

  function contextFor(actor: Actor, facts: { inScope: boolean; above: boolean }) {
    const lookups: string[] = [];
    const answers = new Map<unknown, (key: number) => boolean>([
      [unitInHrScope, (unitId) => (lookups.push(`unitInHrScope(${unitId})`), facts.inScope)],
      [actorIsAbove, (employeeId) => (lookups.push(`actorIsAbove(${employeeId})`), facts.above)],
    ]);
    const loaders = { get: (factory: unknown) => ({ load: async (key: number) => answers.get(factory)!(key) }) };
    // A stand-in for the request context: the rule reads only `actor` and `loaders`.
    return { ctx: { actor, loaders } as unknown as RequestContext, lookups };
  }

  const subject = Object.assign(new Employee(), { rowId: SUBJECT_ID, unitId: SUBJECT_UNIT });
  const selfActor = Actor.employee(SUBJECT_ID, '199001012015032009');

  it.each<[string, Actor, { inScope: boolean; above: boolean }, boolean, string[]]>([
    ['the employee themself', selfActor, { inScope: false, above: false }, true, []],
    ['someone above them', actors.employee, { inScope: false, above: true }, true, [`actorIsAbove(${SUBJECT_ID})`]],
    [
      'someone not above them',
      actors.employee,
      { inScope: false, above: false },
      false,
      [`actorIsAbove(${SUBJECT_ID})`],
    ],
    [
      'an HR admin covering them',
      actors.hrScoped,
      { inScope: true, above: false },
      true,
      [`unitInHrScope(${SUBJECT_UNIT})`],
    ],
    [
      'an HR admin not covering them but above them',
      actors.hrScoped,
      { inScope: false, above: true },
      true,
      [`unitInHrScope(${SUBJECT_UNIT})`, `actorIsAbove(${SUBJECT_ID})`],
    ],
    [
      'an HR admin neither covering nor above them',
      actors.hrScoped,
      { inScope: false, above: false },
      false,
      [`unitInHrScope(${SUBJECT_UNIT})`, `actorIsAbove(${SUBJECT_ID})`],
    ],
    [
      'an HR client covering them',
      actors.hrClient,
      { inScope: true, above: false },
      true,
      [`unitInHrScope(${SUBJECT_UNIT})`],
    ],
    [
      'an HR client not covering them',
      actors.hrClient,
      { inScope: false, above: false },
      false,
      [`unitInHrScope(${SUBJECT_UNIT})`],
    ],
    ['an analyst client', actors.analyst, { inScope: true, above: true }, false, []],
    ['an integration client', actors.integration, { inScope: true, above: true }, false, []],
    ['an anonymous caller', actors.anonymous, { inScope: true, above: true }, false, []],
  ])('%s → %s', async (_who, actor, facts, allowed, expectedLookups) => {
    const { ctx, lookups } = contextFor(actor, facts);
    expect(await employeeRules.readPersonal.evaluate(ctx, subject)).toBe(allowed);
    expect(lookups).toEqual(expectedLookups);
  });

  it.each<[ActorName, boolean]>([
    ['employee', true],
    ['hrClient', true],
    ['analyst', false],
    ['integration', false],
    ['anonymous', false],
  ])('readDirectory for %s → %s', async (actor, allowed) => {
    const { ctx } = contextFor(actors[actor], { inScope: false, above: false });
    expect(await employeeRules.readDirectory.evaluate(ctx)).toBe(allowed);
  });
});

describe('decideExportPersonalData', () => {
  const relation = (isSelf: boolean, inHrScope: boolean) => ({ isSelf, inHrScope });

  it.each<[ActorName, { isSelf: boolean; inHrScope: boolean }, boolean]>([
    // the person themself
    ['employee', relation(true, false), true],
    ['employee', relation(false, false), false],
    // a scope fact means nothing without the HR role
    ['employeeWithStrayScope', relation(false, true), false],
    ['employeeWithAnalystRole', relation(false, true), false],
    // HR admins covering the employee, and only those
    ['hrRegion', relation(false, true), true],
    ['hrScoped', relation(false, true), true],
    ['hrScoped', relation(false, false), false],
    ['hrClient', relation(false, true), true],
    ['hrClient', relation(false, false), false],
    ['analyst', relation(false, true), false],
    ['integration', relation(false, true), false],
    ['anonymous', relation(false, true), false],
  ])('%s with %o → %s', (actor, rel, allowed) => {
    expect(decideExportPersonalData({ actor: actors[actor], relation: rel })).toBe(allowed);
  });

  it('is not granted by being above the person (a supervisor does not take their whole file)', async () => {
    const lookups: string[] = [];
    const loaders = {
      get: (factory: unknown) => ({
        load: async () => (lookups.push(factory === unitInHrScope ? 'unitInHrScope' : 'actorIsAbove'), true),
      }),
    };
    const ctx = { actor: actors.employee, loaders } as unknown as RequestContext;
    const subject = Object.assign(new Employee(), { rowId: 100, unitId: 5 });
    expect(await employeeRules.exportPersonalData.evaluate(ctx, subject)).toBe(false);
    expect(lookups).toEqual([]);
    const hr = { actor: actors.hrScoped, loaders } as unknown as RequestContext;
    expect(await employeeRules.exportPersonalData.evaluate(hr, subject)).toBe(true);
  });
});
