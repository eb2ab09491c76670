import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type RequestContext } from '../../core/context/request-context';
import { Appraisal } from './appraisal.entity';
import { actorAppraisedBy } from './appraisal.loaders';
import {
  type AppraisalRelation,
  appraisalRules,
  decideDecidePlan,
  decideEditPlan,
  decideManageAppraisal,
  decideReadAppraisal,
  decideReadWorkPlan,
} from './appraisal.policy';
import { unitInHrScope } from '../unit/unit.facts';
import { actorIsAbove, actorIsBelow } from '../employee/employee.facts';

/**
 * The row-level rules for plans (SKP), as tables (in the style of GitLab's `where(...)`): first the pure decisions
 * over every kind of caller and every fact, then the rules around them, with the loaders replaced by a table of
 * facts so that each row also shows which facts were looked up.
 */

const SCOPE_UNIT = 7;

/** Every kind of caller the decisions distinguish (ids and NIPs are arbitrary but well-formed). */
const actors = {
  employee: Actor.employee(10, '199001012015032001'),
  employeeWithAnalystRole: Actor.employee(11, '199001012015032002', [Role.ANALYST]),
  employeeWithStrayScope: Actor.employee(12, '199001012015032003', [], SCOPE_UNIT),
  hrRegion: Actor.employee(20, '198505052010011001', [Role.HR_ADMIN]),
  hrScoped: Actor.employee(21, '198505052010011002', [Role.HR_ADMIN], SCOPE_UNIT),
  hrClient: Actor.client('hr-portal', [Role.HR_ADMIN]),
  hrScopedClient: Actor.client('hr-portal-distrik', [Role.HR_ADMIN], SCOPE_UNIT),
  analyst: Actor.client('dasbor-kinerja', [Role.ANALYST]),
  integration: Actor.client('simpeg-bkn', [Role.INTEGRATION]),
  anonymous: Actor.anonymous(),
} satisfies Record<string, Actor>;

type ActorName = keyof typeof actors;

const NONE: AppraisalRelation = {
  isOwner: false,
  isAppraiser: false,
  isAppraiserSupervisor: false,
  isAboveOwner: false,
  inHrScope: false,
};

/** A relation with the named facts true and every other false. */
const rel = (...facts: Array<keyof AppraisalRelation>): AppraisalRelation =>
  Object.assign({ ...NONE }, ...facts.map((f) => ({ [f]: true })));

describe('decideReadAppraisal', () => {
  it.each<[ActorName, AppraisalRelation, boolean]>([
    // the employee, the snapshot's appraiser and the appraiser's supervisor, everyone above the employee
    ['employee', rel('isOwner'), true],
    ['employee', rel('isAppraiser'), true],
    ['employee', rel('isAppraiserSupervisor'), true],
    ['employee', rel('isAboveOwner'), true],
    ['employee', NONE, false],
    // an HR scope fact means nothing without the HR role
    ['employee', rel('inHrScope'), false],
    ['employeeWithStrayScope', rel('inHrScope'), false],
    ['employeeWithAnalystRole', rel('inHrScope'), false],
    // HR admins whose scope covers the plan's unit, and only those
    ['hrRegion', rel('inHrScope'), true],
    ['hrRegion', NONE, false],
    ['hrScoped', rel('inHrScope'), true],
    ['hrScoped', NONE, false],
    ['hrScoped', rel('isAboveOwner'), true],
    ['hrClient', rel('inHrScope'), true],
    ['hrClient', NONE, false],
    ['hrScopedClient', rel('inHrScope'), true],
    ['hrScopedClient', NONE, false],
    // analysts and integration clients never read an individual plan; nor does an anonymous caller
    ['analyst', rel('inHrScope'), false],
    ['analyst', NONE, false],
    ['integration', rel('inHrScope'), false],
    ['integration', NONE, false],
    ['anonymous', rel('inHrScope'), false],
    ['anonymous', NONE, false],
  ])('%s with %o → %s', (actor, relation, allowed) => {
    expect(decideReadAppraisal({ actor: actors[actor], relation })).toBe(allowed);
  });
});

describe('decideEditPlan', () => {
  // The decision takes no actor: roles (HR, analyst) never let anyone draft another's plan.
  it.each<[AppraisalRelation, boolean]>([
    [rel('isOwner'), true],
    [rel('isOwner', 'inHrScope'), true],
    // nobody drafts another's plan: not the appraiser, not a supervisor, not HR
    [rel('isAppraiser'), false],
    [rel('isAppraiserSupervisor'), false],
    [rel('isAboveOwner'), false],
    [rel('inHrScope'), false],
    [rel('isAppraiser', 'isAppraiserSupervisor', 'isAboveOwner', 'inHrScope'), false],
    [NONE, false],
  ])('%o → %s', (relation, allowed) => {
    expect(decideEditPlan({ relation })).toBe(allowed);
  });
});

describe('decideDecidePlan', () => {
  it.each<[ActorName, AppraisalRelation, boolean, boolean]>([
    // actor, relation, appraiser is an external official (the Bupati), allowed
    ['employee', rel('isAppraiser'), false, true],
    // the snapshot decides, not the tree: someone above the employee, or the appraiser's supervisor, does not
    ['employee', rel('isAppraiserSupervisor'), false, false],
    ['employee', rel('isAboveOwner'), false, false],
    ['employee', rel('isAppraiserSupervisor', 'isAboveOwner'), false, false],
    ['employee', rel('isOwner'), false, false],
    ['employee', rel('isOwner'), true, false],
    ['employee', NONE, false, false],
    ['employee', NONE, true, false],
    // HR admins record the decision of an appraiser outside the civil service, within their scope
    ['hrRegion', rel('inHrScope'), true, true],
    ['hrRegion', NONE, true, false],
    ['hrScoped', rel('inHrScope'), true, true],
    ['hrScoped', NONE, true, false],
    ['hrClient', rel('inHrScope'), true, true],
    ['hrScopedClient', rel('inHrScope'), true, true],
    ['hrScopedClient', NONE, true, false],
    // …but not when the appraiser is a civil servant
    ['hrRegion', rel('inHrScope'), false, false],
    ['hrScoped', rel('inHrScope'), false, false],
    ['hrClient', rel('inHrScope'), false, false],
    // a scope fact without the HR role, and clients without it, never
    ['employeeWithStrayScope', rel('inHrScope'), true, false],
    ['employeeWithAnalystRole', rel('inHrScope'), true, false],
    ['analyst', rel('inHrScope'), true, false],
    ['integration', rel('inHrScope'), true, false],
    ['anonymous', rel('inHrScope'), true, false],
  ])('%s with %o, external appraiser %s → %s', (actor, relation, appraiserIsExternal, allowed) => {
    expect(decideDecidePlan({ actor: actors[actor], relation, appraiserIsExternal })).toBe(allowed);
  });
});

describe('decideManageAppraisal', () => {
  it.each<[ActorName, AppraisalRelation, boolean]>([
    ['hrRegion', rel('inHrScope'), true],
    ['hrRegion', NONE, false],
    ['hrScoped', rel('inHrScope'), true],
    ['hrScoped', NONE, false],
    ['hrClient', rel('inHrScope'), true],
    ['hrScopedClient', rel('inHrScope'), true],
    ['hrScopedClient', NONE, false],
    // being in the tree is not HR administration
    ['employee', rel('isAppraiser'), false],
    ['employee', rel('isAboveOwner'), false],
    ['employee', rel('isOwner'), false],
    ['employee', rel('inHrScope'), false],
    ['employeeWithStrayScope', rel('inHrScope'), false],
    ['analyst', rel('inHrScope'), false],
    ['integration', rel('inHrScope'), false],
    ['anonymous', rel('inHrScope'), false],
  ])('%s with %o → %s', (actor, relation, allowed) => {
    expect(decideManageAppraisal({ actor: actors[actor], relation })).toBe(allowed);
  });
});

describe('decideReadWorkPlan', () => {
  it.each<[ActorName, AppraisalRelation, boolean, boolean]>([
    // actor, relation to the plan, the plan's owner stands above the caller, allowed
    // whoever reads the plan reads its content…
    ['employee', rel('isOwner'), false, true],
    ['employee', rel('isAppraiser'), false, true],
    ['employee', rel('isAppraiserSupervisor'), false, true],
    ['employee', rel('isAboveOwner'), false, true],
    ['hrScoped', rel('inHrScope'), false, true],
    ['hrClient', rel('inHrScope'), false, true],
    // …and so does everyone below the owner (the cascade is how staff choose what they support)
    ['employee', NONE, true, true],
    ['hrScoped', NONE, true, true],
    // nobody else
    ['employee', NONE, false, false],
    ['employee', rel('inHrScope'), false, false],
    ['hrScoped', NONE, false, false],
    ['hrClient', NONE, false, false],
    ['analyst', rel('inHrScope'), false, false],
    ['integration', rel('inHrScope'), false, false],
    ['anonymous', NONE, false, false],
  ])('%s with %o, owner above %s → %s', (actor, relation, ownerIsAbove, allowed) => {
    expect(decideReadWorkPlan({ actor: actors[actor], relation, ownerIsAbove })).toBe(allowed);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The rules: which facts they gather, for whom, and what they decide with them
// ---------------------------------------------------------------------------------------------------------------

/** The plan the rules are asked about: employee 100 in unit 5, appraised by 200, whose supervisor is 300. */
const OWNER = 100;
const APPRAISER = 200;
const APPRAISER_SUPERVISOR = 300;
const PLAN_UNIT = 5;
const BUPATI = 9;

const plan = (changes: Partial<Appraisal> = {}): Appraisal =>
  Object.assign(new Appraisal(), {
    rowId: 1,
    employeeId: OWNER,
    unitId: PLAN_UNIT,
    appraiserEmployeeId: APPRAISER,
    appraiserExternalId: null,
    appraiserSupervisorEmployeeId: APPRAISER_SUPERVISOR,
    appraiserSupervisorExternalId: null,
    ...changes,
  });

/** A JPT's plan: the Bupati (an official outside the civil service) appraises, nobody stands above him. */
const jptPlan = (): Appraisal =>
  plan({ appraiserEmployeeId: null, appraiserExternalId: BUPATI, appraiserSupervisorEmployeeId: null });

/** A plan whose appraiser left and was not replaced: no appraiser at all. */
const vacantPlan = (): Appraisal =>
  plan({ appraiserEmployeeId: null, appraiserExternalId: null, appraiserSupervisorEmployeeId: null });

const person = (id: number, roles: Role[] = [], scope: number | null = null): Actor =>
  Actor.employee(id, `19900101201503${String(id).padStart(4, '0')}`, roles, scope);

const people = {
  owner: person(OWNER),
  appraiser: person(APPRAISER),
  appraiserSupervisor: person(APPRAISER_SUPERVISOR),
  /** Someone else in the tree; the facts say whether they stand above or below the owner. */
  other: person(400),
  hrRegion: person(500, [Role.HR_ADMIN]),
  hrScoped: person(501, [Role.HR_ADMIN], SCOPE_UNIT),
  /** An HR admin who is also, by the tree, the appraiser or the appraiser's supervisor of the plan (e.g. a head of BKPSDM). */
  hrAppraiser: person(APPRAISER, [Role.HR_ADMIN]),
  hrAppraiserSupervisor: person(APPRAISER_SUPERVISOR, [Role.HR_ADMIN]),
  hrOwner: person(OWNER, [Role.HR_ADMIN]),
  hrClient: Actor.client('hr-portal', [Role.HR_ADMIN]),
  analyst: actors.analyst,
  integration: actors.integration,
  anonymous: actors.anonymous,
} satisfies Record<string, Actor>;

type PersonName = keyof typeof people;

/** What the loaders would answer about the caller and the plan. */
interface Facts {
  /** The plan's unit lies in the caller's HR scope. */
  inScope?: boolean;
  /** The caller stands above the owner. */
  above?: boolean;
  /** The owner stands above the caller. */
  below?: boolean;
  /** The owner is the snapshot appraiser of one of the caller's open plans in the period. */
  appraisedBy?: boolean;
}

function contextFor(actor: Actor, facts: Facts) {
  const lookups: string[] = [];
  const answers = new Map<unknown, (key: number) => boolean>([
    [unitInHrScope, (unitId) => (lookups.push(`unitInHrScope(${unitId})`), facts.inScope ?? false)],
    [actorIsAbove, (employeeId) => (lookups.push(`actorIsAbove(${employeeId})`), facts.above ?? false)],
    [actorIsBelow, (employeeId) => (lookups.push(`actorIsBelow(${employeeId})`), facts.below ?? false)],
    [actorAppraisedBy, (employeeId) => (lookups.push(`actorAppraisedBy(${employeeId})`), facts.appraisedBy ?? false)],
  ]);
  const loaders = {
    get: (factory: unknown) => {
      const answer = answers.get(factory);
      if (!answer) throw new Error('unexpected loader');
      return { load: async (key: number) => answer(key) };
    },
  };
  // A stand-in for the request context: the rules read only `actor` and `loaders`.
  return { ctx: { actor, loaders } as unknown as RequestContext, lookups };
}

type RuleName = keyof typeof appraisalRules;

const plans = { plan, jptPlan, vacantPlan } satisfies Record<string, () => Appraisal>;

type PlanName = keyof typeof plans;

/** One row: who, on which plan, with which facts, allowed, and the facts looked up (in order). */
type RuleCase = [PersonName, PlanName, Facts, boolean, string[]];

const SCOPE = `unitInHrScope(${PLAN_UNIT})`;
const ABOVE = `actorIsAbove(${OWNER})`;
const BELOW = `actorIsBelow(${OWNER})`;
const APPRAISED = `actorAppraisedBy(${OWNER})`;

const SYNC_WHEN_NO_LOOKUP = new Set<RuleName>(['readAppraisal', 'readWorkPlan']);

async function check(rule: RuleName, [who, subject, facts, allowed, expectedLookups]: RuleCase): Promise<void> {
  const { ctx, lookups } = contextFor(people[who], facts);
  const verdict = appraisalRules[rule].evaluate(ctx, plans[subject]());
  // The read rules answer at once when they need no lookup (a page of plans is decided without a promise each).
  if (SYNC_WHEN_NO_LOOKUP.has(rule) && expectedLookups.length === 0) expect(typeof verdict).toBe('boolean');
  expect(await verdict).toBe(allowed);
  expect(lookups).toEqual(expectedLookups);
}

describe('appraisalRules.readAppraisal', () => {
  it.each<RuleCase>([
    // the snapshot's people need no lookup
    ['owner', 'plan', {}, true, []],
    ['appraiser', 'plan', {}, true, []],
    ['appraiserSupervisor', 'plan', {}, true, []],
    ['hrAppraiser', 'plan', {}, true, []],
    // everyone above the employee, found in the tree at the time of the request
    ['other', 'plan', { above: true }, true, [ABOVE]],
    ['other', 'plan', { above: false, below: true }, false, [ABOVE]],
    ['other', 'plan', {}, false, [ABOVE]],
    // HR admins: the scope first, then (for a person) the tree
    ['hrRegion', 'plan', { inScope: true }, true, [SCOPE]],
    ['hrScoped', 'plan', { inScope: true }, true, [SCOPE]],
    ['hrScoped', 'plan', { inScope: false, above: true }, true, [SCOPE, ABOVE]],
    ['hrScoped', 'plan', { inScope: false }, false, [SCOPE, ABOVE]],
    ['hrClient', 'plan', { inScope: true }, true, [SCOPE]],
    ['hrClient', 'plan', { inScope: false, above: true }, false, [SCOPE]],
    // clients without the HR role and anonymous callers: nothing, and nothing looked up
    ['analyst', 'plan', { inScope: true, above: true }, false, []],
    ['integration', 'plan', { inScope: true, above: true }, false, []],
    ['anonymous', 'plan', { inScope: true, above: true }, false, []],
    // an appraiser outside the civil service grants nobody a right by id
    ['other', 'jptPlan', { above: true }, true, [ABOVE]],
    ['other', 'jptPlan', {}, false, [ABOVE]],
    ['hrScoped', 'jptPlan', { inScope: true }, true, [SCOPE]],
  ])('%s on %s with %o → %s', (...row) => check('readAppraisal', row));
});

describe('appraisalRules.editPlan', () => {
  it.each<RuleCase>([
    ['owner', 'plan', {}, true, []],
    ['hrOwner', 'plan', { inScope: true }, true, []],
    ['appraiser', 'plan', {}, false, []],
    ['appraiserSupervisor', 'plan', {}, false, []],
    ['other', 'plan', { above: true }, false, []],
    ['hrRegion', 'plan', { inScope: true }, false, []],
    ['hrClient', 'plan', { inScope: true }, false, []],
    ['analyst', 'plan', { inScope: true }, false, []],
    ['integration', 'plan', { inScope: true }, false, []],
    ['anonymous', 'plan', {}, false, []],
  ])('%s on %s with %o → %s', (...row) => check('editPlan', row));
});

describe('appraisalRules.decidePlan', () => {
  it.each<RuleCase>([
    // a civil-servant appraiser: the snapshot's appraiser alone
    ['appraiser', 'plan', {}, true, []],
    ['hrAppraiser', 'plan', {}, true, []],
    ['appraiserSupervisor', 'plan', { above: true }, false, []],
    ['other', 'plan', { above: true }, false, []],
    ['owner', 'plan', {}, false, []],
    ['hrRegion', 'plan', { inScope: true }, false, []],
    ['hrClient', 'plan', { inScope: true }, false, []],
    // the Bupati appraises: HR admins covering the plan record the decision
    ['hrRegion', 'jptPlan', { inScope: true }, true, [SCOPE]],
    ['hrScoped', 'jptPlan', { inScope: true }, true, [SCOPE]],
    ['hrScoped', 'jptPlan', { inScope: false }, false, [SCOPE]],
    ['hrClient', 'jptPlan', { inScope: true }, true, [SCOPE]],
    ['other', 'jptPlan', { above: true, inScope: true }, false, []],
    // …but never on their own plan
    ['hrOwner', 'jptPlan', { inScope: true }, false, [SCOPE]],
    ['owner', 'jptPlan', {}, false, []],
    ['analyst', 'jptPlan', { inScope: true }, false, []],
    ['integration', 'jptPlan', { inScope: true }, false, []],
    ['anonymous', 'jptPlan', { inScope: true }, false, []],
    // no appraiser at all (a vacancy): nobody decides until HR reassigns
    ['hrRegion', 'vacantPlan', { inScope: true }, false, []],
    ['other', 'vacantPlan', { above: true }, false, []],
  ])('%s on %s with %o → %s', (...row) => check('decidePlan', row));
});

describe('appraisalRules.manageAppraisal', () => {
  it.each<RuleCase>([
    ['hrRegion', 'plan', { inScope: true }, true, [SCOPE]],
    ['hrScoped', 'plan', { inScope: true }, true, [SCOPE]],
    ['hrScoped', 'plan', { inScope: false }, false, [SCOPE]],
    ['hrClient', 'plan', { inScope: true }, true, [SCOPE]],
    ['hrScoped', 'jptPlan', { inScope: true }, true, [SCOPE]],
    // an HR admin who happens to appraise the plan (or supervise its appraiser) is still an HR admin in scope
    ['hrAppraiser', 'plan', { inScope: true }, true, [SCOPE]],
    ['hrAppraiserSupervisor', 'plan', { inScope: true }, true, [SCOPE]],
    // the tree gives no HR rights
    ['appraiser', 'plan', { inScope: true }, false, []],
    ['other', 'plan', { above: true, inScope: true }, false, []],
    ['owner', 'plan', { inScope: true }, false, []],
    ['analyst', 'plan', { inScope: true }, false, []],
    ['integration', 'plan', { inScope: true }, false, []],
    ['anonymous', 'plan', { inScope: true }, false, []],
  ])('%s on %s with %o → %s', (...row) => check('manageAppraisal', row));
});

describe('appraisalRules.readWorkPlan', () => {
  it.each<RuleCase>([
    // plan readers, with the same lookups as readAppraisal
    ['owner', 'plan', {}, true, []],
    ['appraiser', 'plan', {}, true, []],
    ['appraiserSupervisor', 'plan', {}, true, []],
    ['other', 'plan', { above: true }, true, [ABOVE]],
    ['hrScoped', 'plan', { inScope: true }, true, [SCOPE]],
    // everyone below the owner: one more lookup, only when the plan itself is out of reach
    ['other', 'plan', { below: true }, true, [ABOVE, BELOW]],
    ['other', 'jptPlan', { below: true }, true, [ABOVE, BELOW]],
    ['hrScoped', 'plan', { inScope: false, below: true }, true, [SCOPE, ABOVE, BELOW]],
    ['other', 'plan', {}, false, [ABOVE, BELOW, APPRAISED]],
    ['hrScoped', 'plan', { inScope: false }, false, [SCOPE, ABOVE, BELOW, APPRAISED]],
    // …and whoever the owner appraises by the snapshot, though a move took them out from under the owner
    ['other', 'plan', { appraisedBy: true }, true, [ABOVE, BELOW, APPRAISED]],
    // clients are below nobody
    ['hrClient', 'plan', { inScope: false, below: true }, false, [SCOPE]],
    ['analyst', 'plan', { inScope: true, above: true, below: true }, false, []],
    ['integration', 'plan', { inScope: true, above: true, below: true }, false, []],
    ['anonymous', 'plan', { inScope: true, above: true, below: true }, false, []],
  ])('%s on %s with %o → %s', (...row) => check('readWorkPlan', row));
});
