import { Role } from '../../src/core/auth/role';
import { fromGlobalId, toGlobalId } from '../../src/core/graphql/global-id';
import { Appraisal } from '../../src/modules/appraisal/appraisal.entity';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { Employee } from '../../src/modules/employee/employee.entity';
import { ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { PerformancePeriod } from '../../src/modules/period/performance-period.entity';
import { BehaviorExpectation } from '../../src/modules/work-plan/behavior-expectation.entity';
import { CoreValue } from '../../src/modules/work-plan/core-values';
import { Indicator } from '../../src/modules/work-plan/indicator.entity';
import { WorkResultPlan } from '../../src/modules/work-plan/work-result-plan.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { Unit } from '../../src/modules/unit/unit.entity';
import {
  eachActor,
  eachCase,
  errorCodes,
  expectAnswered,
  expectUnauthenticated,
  expectWrite,
  type Payload,
  snapshotTables,
} from '../support/authorization-matrix';
import { ORG_ACTORS, type OrgActor } from '../support/org-actors';
import { TestApp } from '../support/test-app';

/**
 * The authorization matrix for performance plans (SKP), their RHK and indicators (`docs/reliability.md`, promise 1), in
 * the style of GitLab's policy specs and of `authorization-matrix.e2e-spec.ts`: every actor × every path, every
 * actor × every action, as tables.
 *
 * One organisation is built once:
 *
 *   AP-ROOT (region)
 *   ├── AP-A   Dinas Kesehatan ─ kadinkes (JPT) ◄── appraised by the Bupati (external official)
 *   │   └── AP-A1 UPTD Puskesmas ─ head (supervised by kadinkes) ─┬─► self (a nurse) ─► sub
 *   │                                                              └─► peer
 *   ├── AP-B   Dinas Pendidikan ─ otherHead
 *   └── AP-HR  BKPSDM ─ hrPerson (signs in as HR admin of the region, of A, of B)
 *
 * A period (2027) opened by the region's HR admin, and three plans with one RHK and one indicator each: kadinkes's
 * (JPT form, SUBMITTED, appraiser the Bupati), head's (DRAFT, its RHK supports kadinkes's) and self's (SUBMITTED,
 * appraiser head, appraiser's supervisor kadinkes, its RHK supports head's).
 *
 * Reads leave everything as it is. Refused writes aim at these plans and must leave every plan, period, audit and
 * supervisor-tree row unchanged. Allowed writes get fresh look-alikes in the same places of the tree (a new unit
 * inside A, with a new head and nurse who sign in in place of `head` and `self`), so that no case depends on another.
 */

type ActorName = OrgActor;
const ACTORS = ORG_ACTORS;

/** Whose plan: the three plans of the fixture. */
type Owner = 'self' | 'head' | 'kadinkes';

interface Organisation {
  root: Unit;
  a: Unit;
  a1: Unit;
  b: Unit;
  hrUnit: Unit;
  bupati: ExternalOfficial;
  kadinkes: Employee;
  head: Employee;
  self: Employee;
  peer: Employee;
  sub: Employee;
  otherHead: Employee;
  hrPerson: Employee;
}

/** A stored object by its global id (what clients see) and its database id (for re-reading rows). */
interface Ref {
  id: string;
  dbId: number;
}

interface GivenPlan {
  plan: Ref;
  rhk: Ref & { text: string };
  indicator: Ref;
}

interface World {
  org: Organisation;
  period: Ref & { year: number };
  plans: Record<Owner, GivenPlan>;
}

const ref = (id: string): Ref => ({ id, dbId: fromGlobalId(id)!.id });

const gid = (object: Employee | Unit): string =>
  toGlobalId(object instanceof Unit ? Unit.typeName : Employee.typeName, object.rowId);

let app: TestApp;
let world: World;
let tokens: Record<ActorName, string | null>;

// ---------------------------------------------------------------------------------------------------------------
// Mutations, and the named fixture builders made of them
// ---------------------------------------------------------------------------------------------------------------

const mutation = (name: string, select: string): string =>
  `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { result: ${name}(input: $input) { ${select} userErrors { code field } } }`;

/** Runs a mutation that must succeed (a fixture step): no GraphQL error, no userErrors. */
async function given(
  name: string,
  input: Record<string, unknown>,
  token: string | null,
  select: string,
): Promise<Payload> {
  const res = await app.gql<{ result: Payload }>(mutation(name, select), { input }, token);
  if (res.body.errors?.length) throw new Error(`${name}: ${JSON.stringify(res.body.errors)}`);
  const payload = res.body.data!.result;
  if (payload.userErrors.length) throw new Error(`${name}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** The version stored now, read from the database right before a write. */
async function versionOf(
  entity: typeof Appraisal | typeof Employee | typeof PerformancePeriod,
  dbId: number,
): Promise<number> {
  return (
    await app.db.manager.getRepository<{ rowId: number; version: number }>(entity).findOneByOrFail({ rowId: dbId })
  ).version;
}

const planVersion = (plan: Ref) => versionOf(Appraisal, plan.dbId);

/** Starts the owner's plan in the current period with one main RHK and one indicator (quantitative). */
async function givenPlan(
  ownerToken: string,
  spec: { text: string; supportsId?: string; jpt?: boolean },
): Promise<GivenPlan> {
  const created = await given('createAppraisal', {}, ownerToken, 'appraisal { id version }');
  const plan = ref((created.appraisal as { id: string }).id);
  const added = await given(
    'addWorkResultPlan',
    {
      appraisalId: plan.id,
      expectedVersion: await planVersion(plan),
      kind: 'MAIN',
      text: spec.text,
      ...(spec.supportsId ? { supportsId: spec.supportsId } : {}),
    },
    ownerToken,
    'workResultPlan { id }',
  );
  const rhk = ref((added.workResultPlan as { id: string }).id);
  const indicator = await given(
    'addIndicator',
    {
      workResultPlanId: rhk.id,
      expectedVersion: await planVersion(plan),
      text: `Persentase capaian: ${spec.text}`,
      aspect: 'QUANTITY',
      targetValue: 95,
      targetUnit: '%',
      ...(spec.jpt ? { perspective: 'PENERIMA_LAYANAN' } : {}),
    },
    ownerToken,
    'indicator { id }',
  );
  return { plan, rhk: { ...rhk, text: spec.text }, indicator: ref((indicator.indicator as { id: string }).id) };
}

/** One workflow step on a plan, at its current version. */
async function givenStep(name: 'submitAppraisal' | 'approveAppraisal', plan: Ref, token: string | null): Promise<void> {
  await given(name, { id: plan.id, expectedVersion: await planVersion(plan) }, token, 'appraisal { status }');
}

async function givenOrganisation(): Promise<Organisation> {
  const fx = app.fixtures;
  const root = await fx.unit({ code: 'AP-ROOT', name: 'Pemerintah Kabupaten Jayawijaya', kind: UnitKind.GOVERNMENT });
  const a = await fx.unit({ code: 'AP-A', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY, parent: root });
  const a1 = await fx.unit({ code: 'AP-A1', name: 'UPTD Puskesmas Walesi', kind: UnitKind.HEALTH_CENTRE, parent: a });
  const b = await fx.unit({ code: 'AP-B', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY, parent: root });
  const hrUnit = await fx.unit({ code: 'AP-HR', name: 'BKPSDM', kind: UnitKind.AGENCY, parent: root });
  const bupati = await fx.official('Markus Lokobal, S.H.', 'Bupati Jayawijaya');
  const kadinkes = await fx.employee({
    unit: a,
    externalSupervisor: bupati,
    name: 'Karel Wetipo',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Kesehatan',
    grade: 'IV/c',
  });
  const head = await fx.employee({
    unit: a1,
    supervisor: kadinkes,
    name: 'Hendrik Itlay',
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala UPTD Puskesmas Walesi',
  });
  const self = await fx.employee({
    unit: a1,
    supervisor: head,
    name: 'Selina Kogoya',
    positionTitle: 'Perawat Ahli Pertama',
  });
  const peer = await fx.employee({
    unit: a1,
    supervisor: head,
    name: 'Petronela Asso',
    positionTitle: 'Bidan Ahli Pertama',
  });
  const sub = await fx.employee({
    unit: a1,
    supervisor: self,
    name: 'Sefnat Hubi',
    positionKind: PositionKind.PELAKSANA,
    positionTitle: 'Pengadministrasi Umum',
  });
  const otherHead = await fx.employee({
    unit: b,
    externalSupervisor: bupati,
    name: 'Otniel Mabel',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Pendidikan',
  });
  const hrPerson = await fx.employee({ unit: hrUnit, name: 'Herlina Lokobal', positionTitle: 'Analis SDM Aparatur' });
  await fx.setHead(a, kadinkes);
  await fx.setHead(a1, head);
  await fx.setHead(b, otherHead);
  return { root, a, a1, b, hrUnit, bupati, kadinkes, head, self, peer, sub, otherHead, hrPerson };
}

async function tokensFor(o: Organisation): Promise<Record<ActorName, string | null>> {
  return {
    self: await app.token(o.self.nip),
    head: await app.token(o.head.nip),
    kadinkes: await app.token(o.kadinkes.nip),
    peer: await app.token(o.peer.nip),
    sub: await app.token(o.sub.nip),
    otherHead: await app.token(o.otherHead.nip),
    hrRegion: await app.token(o.hrPerson.nip, { roles: [Role.HR_ADMIN] }),
    hrOfA: await app.token(o.hrPerson.nip, { roles: [Role.HR_ADMIN], unit: o.a.code }),
    hrOfB: await app.token(o.hrPerson.nip, { roles: [Role.HR_ADMIN], unit: o.b.code }),
    analyst: await app.token('dasbor-kinerja', { roles: [Role.ANALYST] }),
    integration: await app.token('simpeg-bkn', { roles: [Role.INTEGRATION] }),
    anonymous: null,
  };
}

let yearSequence = 2040;
const nextYear = () => yearSequence++;

async function givenPeriod(year: number): Promise<Ref & { year: number }> {
  const opened = await given('openPeriod', { year }, tokens.hrRegion, 'period { id }');
  return { ...ref((opened.period as { id: string }).id), year };
}

async function givenWorld(): Promise<World> {
  const org = await givenOrganisation();
  tokens = await tokensFor(org);
  // 4 January 2027, 10:00 WIT: planning time, before the deadline.
  app.clock.set('2027-01-04T01:00:00Z');
  const period = await givenPeriod(2027);
  const kadinkes = await givenPlan(tokens.kadinkes!, {
    text: 'Meningkatnya cakupan imunisasi dasar lengkap di Kabupaten Jayawijaya',
    jpt: true,
  });
  const head = await givenPlan(tokens.head!, {
    text: 'Tercapainya cakupan imunisasi dasar lengkap di wilayah Puskesmas Walesi',
    supportsId: kadinkes.rhk.id,
  });
  const self = await givenPlan(tokens.self!, {
    text: 'Terlaksananya imunisasi dasar lengkap bagi bayi di Walesi',
    supportsId: head.rhk.id,
  });
  await givenStep('submitAppraisal', kadinkes.plan, tokens.kadinkes);
  await givenStep('submitAppraisal', self.plan, tokens.self);
  return { org, period, plans: { kadinkes, head, self } };
}

beforeAll(async () => {
  app = await TestApp.start();
  world = await givenWorld();
});

afterAll(() => app?.stop());

/** Every row of the tables a plan write may touch (and the supervisor tree, which transfers change). */
const snapshot = () =>
  snapshotTables(app, [
    'appraisal',
    'appraisal_transition',
    'work_result_plan',
    'indicator',
    'behavior_expectation',
    'performance_period',
    'audit_entry',
    'employee',
    'employee_closure',
  ]);

// ---------------------------------------------------------------------------------------------------------------
// The read policy, actor by actor (GitLab's `where(...)` table)
// ---------------------------------------------------------------------------------------------------------------

/**
 * What an actor sees of a plan's RHK: PLAN (the RHK, its indicators and the plan itself), CONTENT (the RHK and its
 * indicators, but `WorkResultPlan.appraisal` is null: someone below the owner, choosing what to support), NOTHING.
 * Only PLAN readers read the plan (`appraisal`, `node`, lists).
 */
type Sight = 'UNAUTHENTICATED' | 'NOTHING' | 'CONTENT' | 'PLAN';

const SIGHT: Readonly<Record<ActorName, Readonly<Record<Owner, Sight>>>> = {
  //            self's plan   head's plan   kadinkes's plan
  self: { self: 'PLAN', head: 'CONTENT', kadinkes: 'CONTENT' }, // owner; below head and kadinkes
  head: { self: 'PLAN', head: 'PLAN', kadinkes: 'CONTENT' }, // self's appraiser; below kadinkes
  kadinkes: { self: 'PLAN', head: 'PLAN', kadinkes: 'PLAN' }, // above both; self's appraiser's supervisor
  peer: { self: 'NOTHING', head: 'CONTENT', kadinkes: 'CONTENT' }, // below head and kadinkes, beside self
  sub: { self: 'CONTENT', head: 'CONTENT', kadinkes: 'CONTENT' }, // below all three
  otherHead: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' },
  hrRegion: { self: 'PLAN', head: 'PLAN', kadinkes: 'PLAN' },
  hrOfA: { self: 'PLAN', head: 'PLAN', kadinkes: 'PLAN' }, // scope covers A and A1
  hrOfB: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' }, // scope does not
  analyst: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' },
  integration: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' },
  anonymous: { self: 'UNAUTHENTICATED', head: 'UNAUTHENTICATED', kadinkes: 'UNAUTHENTICATED' },
};

const readsPlan = (actor: ActorName, owner: Owner) => SIGHT[actor][owner] === 'PLAN';
const readsContent = (actor: ActorName, owner: Owner) =>
  SIGHT[actor][owner] === 'PLAN' || SIGHT[actor][owner] === 'CONTENT';

// ---------------------------------------------------------------------------------------------------------------
// Reading self's plan along every path
// ---------------------------------------------------------------------------------------------------------------

const PLAN_FIELDS = 'id status employee { id } appraiser { id } workResultPlans { id }';

interface SeenPlan {
  id: string;
  status: string;
  employee: { id: string } | null;
  appraiser: { id: string } | null;
  workResultPlans: Array<{ id: string }>;
}

interface PlanConnection {
  totalCount: number;
  nodes?: SeenPlan[];
  edges?: Array<{ node: SeenPlan }>;
}

/** What one path returns: self's plan (or null when absent) and, for a connection, its count and length. */
interface FoundPlan {
  plan: SeenPlan | null;
  list?: { totalCount: number; length: number } | null;
}

function inConnection(connection: PlanConnection | null | undefined, planId: string): FoundPlan {
  if (!connection) return { plan: null, list: null };
  const items = connection.nodes ?? (connection.edges ?? []).map((e) => e.node);
  return {
    plan: items.find((p) => p.id === planId) ?? null,
    list: { totalCount: connection.totalCount, length: items.length },
  };
}

interface PlanPath {
  query: string;
  variables(w: World): Record<string, unknown>;
  find(data: Record<string, unknown>, w: World): FoundPlan;
  /** Whether this path can reach self's plan for this actor at all (the viewer's own plan, their team). */
  reaches?(actor: ActorName): boolean;
  /** For a connection: its expected totalCount; null when the connection itself is out of reach. */
  count?(actor: ActorName): number | null;
}

const SELF_PLAN_PATHS: Record<string, PlanPath> = {
  'appraisal(id:)': {
    query: `query($id: ID!) { appraisal(id: $id) { ${PLAN_FIELDS} } }`,
    variables: (w) => ({ id: w.plans.self.plan.id }),
    find: (data) => ({ plan: data.appraisal as SeenPlan | null }),
  },
  'node(id:)': {
    query: `query($id: ID!) { node(id: $id) { ... on Appraisal { ${PLAN_FIELDS} } } }`,
    variables: (w) => ({ id: w.plans.self.plan.id }),
    find: (data) => ({ plan: data.node as SeenPlan | null }),
  },
  'nodes(ids:)': {
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Appraisal { ${PLAN_FIELDS} } } }`,
    variables: (w) => ({ ids: [w.plans.self.plan.id] }),
    find: (data) => {
      const nodes = data.nodes as Array<SeenPlan | null>;
      expect(nodes).toHaveLength(1);
      return { plan: nodes[0] ?? null };
    },
  },
  'appraisals(filter: { unitId: A1 })': {
    query: `query($unitId: ID!) { appraisals(first: 50, filter: { unitId: $unitId }) { totalCount nodes { ${PLAN_FIELDS} } } }`,
    variables: (w) => ({ unitId: gid(w.org.a1) }),
    find: (data, w) => inConnection(data.appraisals as PlanConnection, w.plans.self.plan.id),
    // A1 holds head's plan and self's.
    count: (actor) => (['self', 'head'] as const).filter((owner) => readsPlan(actor, owner)).length,
  },
  'appraisals(filter: { appraiserId: head, periodId })': {
    query: `query($appraiserId: ID!, $periodId: ID!) { appraisals(first: 50, filter: { appraiserId: $appraiserId, periodId: $periodId }) { totalCount edges { node { ${PLAN_FIELDS} } } } }`,
    variables: (w) => ({ appraiserId: gid(w.org.head), periodId: w.period.id }),
    find: (data, w) => inConnection(data.appraisals as PlanConnection, w.plans.self.plan.id),
    count: (actor) => (readsPlan(actor, 'self') ? 1 : 0),
  },
  'employee(self).currentAppraisal': {
    query: `query($id: ID!) { employee(id: $id) { currentAppraisal { ${PLAN_FIELDS} } } }`,
    variables: (w) => ({ id: gid(w.org.self) }),
    find: (data) => ({
      plan: (data.employee as { currentAppraisal: SeenPlan | null } | null)?.currentAppraisal ?? null,
    }),
  },
  'employee(self).appraisals': {
    query: `query($id: ID!) { employee(id: $id) { appraisals { totalCount nodes { ${PLAN_FIELDS} } } } }`,
    variables: (w) => ({ id: gid(w.org.self) }),
    find: (data, w) =>
      inConnection((data.employee as { appraisals: PlanConnection } | null)?.appraisals, w.plans.self.plan.id),
    // Analyst and integration clients do not read the directory: no employee, no connection.
    count: (actor) => (actor === 'analyst' || actor === 'integration' ? null : readsPlan(actor, 'self') ? 1 : 0),
  },
  'viewer.team(depth: ALL).currentAppraisal': {
    query: `{ viewer { team(depth: ALL, first: 50) { nodes { id currentAppraisal { ${PLAN_FIELDS} } } } } }`,
    variables: () => ({}),
    find: (data, w) => {
      const team = (data.viewer as { team: { nodes: Array<{ id: string; currentAppraisal: SeenPlan | null }> } }).team
        .nodes;
      return { plan: team.find((e) => e.id === gid(w.org.self))?.currentAppraisal ?? null };
    },
    // Only those above self have self in their team.
    reaches: (actor) => actor === 'head' || actor === 'kadinkes',
  },
  'viewer.currentAppraisal': {
    query: `{ viewer { currentAppraisal { ${PLAN_FIELDS} } } }`,
    variables: () => ({}),
    find: (data, w) => {
      const own = (data.viewer as { currentAppraisal: SeenPlan | null }).currentAppraisal;
      return { plan: own?.id === w.plans.self.plan.id ? own : null };
    },
    // Each caller's own plan: self's only for self (the others get theirs, or null).
    reaches: (actor) => actor === 'self',
  },
  'viewer.appraisals': {
    query: `{ viewer { appraisals { totalCount nodes { ${PLAN_FIELDS} } } } }`,
    variables: () => ({}),
    find: (data, w) => inConnection((data.viewer as { appraisals: PlanConnection }).appraisals, w.plans.self.plan.id),
    reaches: (actor) => actor === 'self',
    // The caller's own plans: self, head and kadinkes have one each.
    count: (actor) => (actor === 'self' || actor === 'head' || actor === 'kadinkes' ? 1 : 0),
  },
  'node(self’s RHK).appraisal': {
    query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { appraisal { ${PLAN_FIELDS} } } } }`,
    variables: (w) => ({ id: w.plans.self.rhk.id }),
    find: (data) => ({ plan: (data.node as { appraisal: SeenPlan | null } | null)?.appraisal ?? null }),
  },
};

function selfPlanAsSeen(w: World): SeenPlan {
  return {
    id: w.plans.self.plan.id,
    status: 'SUBMITTED',
    employee: { id: gid(w.org.self) },
    appraiser: { id: gid(w.org.head) },
    workResultPlans: [{ id: w.plans.self.rhk.id }],
  };
}

describe('reading self’s plan (SKP)', () => {
  eachCase({
    actors: ACTORS,
    rows: SELF_PLAN_PATHS,
    outcome: (path, actor) => {
      const sight = SIGHT[actor].self;
      if (sight === 'UNAUTHENTICATED') return 'UNAUTHENTICATED';
      return (path.reaches?.(actor) ?? true) && readsPlan(actor, 'self') ? 'VISIBLE' : 'ABSENT';
    },
    check: async ({ row: helper, actor, outcome: visible }) => {
      const res = await app.gql<Record<string, unknown>>(helper.query, helper.variables(world), tokens[actor]);
      if (visible === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      const found = helper.find(expectAnswered(res)!, world);
      expect(found.plan).toEqual(visible === 'VISIBLE' ? selfPlanAsSeen(world) : null);
      if (helper.count) {
        // Lists are filtered before counting: the count is what this caller may see, and matches the page.
        expect(found.list === null ? null : found.list?.totalCount).toBe(helper.count(actor));
        if (found.list) expect(found.list.length).toBe(found.list.totalCount);
      }
    },
  });
});

describe('nodes(ids:) over all three plans, RHK and indicators at once', () => {
  const OWNERS: readonly Owner[] = ['self', 'head', 'kadinkes'];

  eachActor({
    actors: ACTORS,
    outcome: (actor) => (actor === 'anonymous' ? 'UNAUTHENTICATED' : 'ANSWERED'),
    check: async (actor, outcome) => {
      const ids = OWNERS.flatMap((o) => [world.plans[o].plan.id, world.plans[o].rhk.id, world.plans[o].indicator.id]);
      const res = await app.gql<{ nodes: Array<{ id: string } | null> }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        { ids },
        tokens[actor],
      );
      if (outcome === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      expect(res.body.errors).toBeUndefined();
      // In the order asked, each object or null: plans for plan readers, RHK and IKI for content readers as well.
      const expected = OWNERS.flatMap((o) => {
        const p = world.plans[o];
        return [
          readsPlan(actor, o) ? { id: p.plan.id } : null,
          readsContent(actor, o) ? { id: p.rhk.id } : null,
          readsContent(actor, o) ? { id: p.indicator.id } : null,
        ];
      });
      expect(res.body.data!.nodes).toEqual(expected);
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Reading RHK and indicators (plan content) along every path
// ---------------------------------------------------------------------------------------------------------------

const RHK_FIELDS = 'id text indicators { id } appraisal { id }';

interface SeenRhk {
  id: string;
  text: string;
  indicators: Array<{ id: string }>;
  appraisal: { id: string } | null;
}

interface RhkPath {
  /** Whose RHK the path leads to. */
  target: Owner;
  query: string;
  variables(w: World): Record<string, unknown>;
  find(data: Record<string, unknown>, w: World): SeenRhk | null;
  /** What the actor must already see for the path to get there (the RHK it starts from, the plan). */
  reaches(actor: ActorName): boolean;
}

const asNode = <T>(data: Record<string, unknown>): T | null => (data.node as T | null) ?? null;

/** A list that may hold only the target (nothing else can support these RHK): returns it, or null. */
function onlyTarget(list: SeenRhk[] | undefined, w: World, target: Owner): SeenRhk | null {
  if (!list) return null;
  expect(list.map((r) => r.id).filter((id) => id !== w.plans[target].rhk.id)).toEqual([]);
  return list[0] ?? null;
}

function rhkPaths(): Record<string, RhkPath> {
  const paths: Record<string, RhkPath> = {};
  for (const owner of ['self', 'head', 'kadinkes'] as const) {
    paths[`node(${owner}’s RHK)`] = {
      target: owner,
      query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { ${RHK_FIELDS} } } }`,
      variables: (w) => ({ id: w.plans[owner].rhk.id }),
      find: (data) => asNode<SeenRhk>(data),
      reaches: () => true,
    };
    paths[`nodes([${owner}’s RHK])`] = {
      target: owner,
      query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on WorkResultPlan { ${RHK_FIELDS} } } }`,
      variables: (w) => ({ ids: [w.plans[owner].rhk.id] }),
      find: (data) => (data.nodes as Array<SeenRhk | null>)[0] ?? null,
      reaches: () => true,
    };
    paths[`node(${owner}’s IKI).workResultPlan`] = {
      target: owner,
      query: `query($id: ID!) { node(id: $id) { ... on Indicator { id workResultPlan { ${RHK_FIELDS} } } } }`,
      variables: (w) => ({ id: w.plans[owner].indicator.id }),
      find: (data, w) => {
        const indicator = asNode<{ id: string; workResultPlan: SeenRhk | null }>(data);
        if (indicator) expect(indicator.id).toBe(w.plans[owner].indicator.id);
        return indicator?.workResultPlan ?? null;
      },
      reaches: () => true,
    };
  }
  Object.assign(paths, {
    'node(head’s RHK).supportedBy → self’s': {
      target: 'self',
      query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { supportedBy { ${RHK_FIELDS} } } } }`,
      variables: (w) => ({ id: w.plans.head.rhk.id }),
      find: (data, w) => onlyTarget(asNode<{ supportedBy: SeenRhk[] }>(data)?.supportedBy, w, 'self'),
      reaches: (actor) => readsContent(actor, 'head'),
    },
    'node(kadinkes’s RHK).supportedBy → head’s': {
      target: 'head',
      query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { supportedBy { ${RHK_FIELDS} } } } }`,
      variables: (w) => ({ id: w.plans.kadinkes.rhk.id }),
      find: (data, w) => onlyTarget(asNode<{ supportedBy: SeenRhk[] }>(data)?.supportedBy, w, 'head'),
      reaches: (actor) => readsContent(actor, 'kadinkes'),
    },
    'node(self’s RHK).supports → head’s': {
      target: 'head',
      query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { supports { ${RHK_FIELDS} } } } }`,
      variables: (w) => ({ id: w.plans.self.rhk.id }),
      find: (data) => asNode<{ supports: SeenRhk | null }>(data)?.supports ?? null,
      reaches: (actor) => readsContent(actor, 'self'),
    },
    'node(head’s RHK).supports → kadinkes’s': {
      target: 'kadinkes',
      query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { supports { ${RHK_FIELDS} } } } }`,
      variables: (w) => ({ id: w.plans.head.rhk.id }),
      find: (data) => asNode<{ supports: SeenRhk | null }>(data)?.supports ?? null,
      reaches: (actor) => readsContent(actor, 'head'),
    },
    'node(kadinkes’s RHK).cascade → head’s (level 1)': {
      target: 'head',
      query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { cascade { level workResultPlan { ${RHK_FIELDS} } } } } }`,
      variables: (w) => ({ id: w.plans.kadinkes.rhk.id }),
      find: (data, w) => {
        const entry = asNode<{ cascade: Array<{ level: number; workResultPlan: SeenRhk }> }>(data)?.cascade.find(
          (c) => c.workResultPlan.id === w.plans.head.rhk.id,
        );
        if (entry) expect(entry.level).toBe(1);
        return entry?.workResultPlan ?? null;
      },
      reaches: (actor) => readsContent(actor, 'kadinkes'),
    },
    'node(kadinkes’s RHK).cascade → self’s (level 2)': {
      target: 'self',
      query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { cascade { level workResultPlan { ${RHK_FIELDS} } } } } }`,
      variables: (w) => ({ id: w.plans.kadinkes.rhk.id }),
      find: (data, w) => {
        const entry = asNode<{ cascade: Array<{ level: number; workResultPlan: SeenRhk }> }>(data)?.cascade.find(
          (c) => c.workResultPlan.id === w.plans.self.rhk.id,
        );
        if (entry) expect(entry.level).toBe(2);
        return entry?.workResultPlan ?? null;
      },
      // A hidden RHK hides its subtree: self's shows only under a visible head's.
      reaches: (actor) => readsContent(actor, 'kadinkes') && readsContent(actor, 'head'),
    },
    'appraisal(self’s plan).workResultPlans': {
      target: 'self',
      query: `query($id: ID!) { appraisal(id: $id) { workResultPlans { ${RHK_FIELDS} } } }`,
      variables: (w) => ({ id: w.plans.self.plan.id }),
      find: (data, w) =>
        onlyTarget((data.appraisal as { workResultPlans: SeenRhk[] } | null)?.workResultPlans, w, 'self'),
      reaches: (actor) => readsPlan(actor, 'self'),
    },
    'appraisal(self’s plan).supportableWorkResultPlans → head’s': {
      target: 'head',
      query: `query($id: ID!) { appraisal(id: $id) { supportableWorkResultPlans { ${RHK_FIELDS} } } }`,
      variables: (w) => ({ id: w.plans.self.plan.id }),
      find: (data, w) =>
        onlyTarget(
          (data.appraisal as { supportableWorkResultPlans: SeenRhk[] } | null)?.supportableWorkResultPlans,
          w,
          'head',
        ),
      // What the plan's RHK can support: for those who edit the plan or decide on it (the owner, the appraiser).
      reaches: (actor) => actor === 'self' || actor === 'head',
    },
  } satisfies Record<string, RhkPath>);
  return paths;
}

const RHK_PATHS = rhkPaths();

function rhkAsSeen(w: World, owner: Owner, sight: Sight): SeenRhk | null {
  if (sight !== 'PLAN' && sight !== 'CONTENT') return null;
  const p = w.plans[owner];
  return {
    id: p.rhk.id,
    text: p.rhk.text,
    indicators: [{ id: p.indicator.id }],
    appraisal: sight === 'PLAN' ? { id: p.plan.id } : null,
  };
}

describe('reading RHK and indicators (plan content)', () => {
  eachCase({
    actors: ACTORS,
    rows: RHK_PATHS,
    outcome: (helper, actor): Sight => {
      const sight = SIGHT[actor][helper.target];
      return sight === 'UNAUTHENTICATED' || helper.reaches(actor) ? sight : 'NOTHING';
    },
    check: async ({ row: helper, actor, outcome: sight }) => {
      const res = await app.gql<Record<string, unknown>>(helper.query, helper.variables(world), tokens[actor]);
      if (sight === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      expect(helper.find(expectAnswered(res)!, world)).toEqual(rhkAsSeen(world, helper.target, sight));
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Writing: every action × every actor
// ---------------------------------------------------------------------------------------------------------------

/**
 * ALLOWED: done, no userErrors. FORBIDDEN / UNAUTHENTICATED: a GraphQL error. NOT_FOUND / OUT_OF_SCOPE: the
 * payload's userErrors (NOT_FOUND: the caller may not read the plan, so it is as if absent).
 */
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'OUT_OF_SCOPE';

type Rule = (actor: ActorName) => Outcome;

/** An action on a plan: `allowed` act; other readers of the plan get FORBIDDEN; everyone else NOT_FOUND. */
const onPlan =
  (owner: Owner, ...allowed: ActorName[]): Rule =>
  (actor) =>
    actor === 'anonymous'
      ? 'UNAUTHENTICATED'
      : allowed.includes(actor)
        ? 'ALLOWED'
        : readsPlan(actor, owner)
          ? 'FORBIDDEN'
          : 'NOT_FOUND';

/** An HR operation: FORBIDDEN at the operation for everyone without the HR role. */
const hrOperation =
  (hr: { hrRegion: Outcome; hrOfA: Outcome; hrOfB: Outcome }): Rule =>
  (actor) =>
    actor === 'anonymous'
      ? 'UNAUTHENTICATED'
      : actor === 'hrRegion' || actor === 'hrOfA' || actor === 'hrOfB'
        ? hr[actor]
        : 'FORBIDDEN';

type ActionName =
  | 'updateAppraisal(self’s plan)'
  | 'addWorkResultPlan(self’s plan)'
  | 'updateWorkResultPlan(self’s RHK)'
  | 'removeWorkResultPlan(self’s RHK)'
  | 'addIndicator(self’s RHK)'
  | 'updateIndicator(self’s IKI)'
  | 'removeIndicator(self’s IKI)'
  | 'submitAppraisal(self’s plan)'
  | 'approveAppraisal(self’s plan)'
  | 'returnAppraisal(self’s plan)'
  | 'reopenAppraisal(self’s plan)'
  | 'setBehaviorExpectation(self’s plan)'
  | 'approveAppraisal(kadinkes’s plan)'
  | 'returnAppraisal(kadinkes’s plan)'
  | 'reopenAppraisal(kadinkes’s plan)'
  | 'setBehaviorExpectation(kadinkes’s plan)'
  | 'createAppraisal(employeeId: self)'
  | 'reassignAppraiser(self’s plan)'
  | 'reassignAppraiser(self’s plan) to someone in B'
  | 'createAppraisalsForUnit(A1)'
  | 'transferEmployee(self)'
  | 'openPeriod'
  | 'updatePeriod'
  | 'changePeriodStatus';

/** Starting a plan: the employee, or HR covering them; a colleague may not (and clients do not even see the employee). */
const START_PLAN: Readonly<Record<ActorName, Outcome>> = {
  self: 'ALLOWED',
  head: 'OUT_OF_SCOPE',
  kadinkes: 'OUT_OF_SCOPE',
  peer: 'OUT_OF_SCOPE',
  sub: 'OUT_OF_SCOPE',
  otherHead: 'OUT_OF_SCOPE',
  hrRegion: 'ALLOWED',
  hrOfA: 'ALLOWED',
  hrOfB: 'OUT_OF_SCOPE',
  analyst: 'NOT_FOUND',
  integration: 'NOT_FOUND',
  anonymous: 'UNAUTHENTICATED',
};

/** The policy for plan writes. */
const WRITE_POLICY: ReadonlyArray<[ActionName, Rule]> = [
  // the owner drafts and submits (while DRAFT, RETURNED or REVISING)
  ['updateAppraisal(self’s plan)', onPlan('self', 'self')],
  ['addWorkResultPlan(self’s plan)', onPlan('self', 'self')],
  ['updateWorkResultPlan(self’s RHK)', onPlan('self', 'self')],
  ['removeWorkResultPlan(self’s RHK)', onPlan('self', 'self')],
  ['addIndicator(self’s RHK)', onPlan('self', 'self')],
  ['updateIndicator(self’s IKI)', onPlan('self', 'self')],
  ['removeIndicator(self’s IKI)', onPlan('self', 'self')],
  ['submitAppraisal(self’s plan)', onPlan('self', 'self')],
  // the snapshot's appraiser decides: not the indirect supervisor, not HR
  ['approveAppraisal(self’s plan)', onPlan('self', 'head')],
  ['returnAppraisal(self’s plan)', onPlan('self', 'head')],
  ['reopenAppraisal(self’s plan)', onPlan('self', 'head')],
  ['setBehaviorExpectation(self’s plan)', onPlan('self', 'head')],
  // the Bupati appraises kadinkes: HR admins covering the plan record his decisions
  ['approveAppraisal(kadinkes’s plan)', onPlan('kadinkes', 'hrRegion', 'hrOfA')],
  ['returnAppraisal(kadinkes’s plan)', onPlan('kadinkes', 'hrRegion', 'hrOfA')],
  ['reopenAppraisal(kadinkes’s plan)', onPlan('kadinkes', 'hrRegion', 'hrOfA')],
  ['setBehaviorExpectation(kadinkes’s plan)', onPlan('kadinkes', 'hrRegion', 'hrOfA')],
  ['createAppraisal(employeeId: self)', (actor) => START_PLAN[actor]],
  // HR administration of plans; an HR admin who cannot read the plan finds none
  ['reassignAppraiser(self’s plan)', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'NOT_FOUND' })],
  // Being the appraiser grants reading and deciding the plan: like setSupervisor, a scoped HR admin links only people they administer.
  [
    'reassignAppraiser(self’s plan) to someone in B',
    hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'NOT_FOUND' }),
  ],
  ['createAppraisalsForUnit(A1)', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE' })],
  ['transferEmployee(self)', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE' })],
  // periods: region-wide HR admins only
  ['openPeriod', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE' })],
  ['updatePeriod', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE' })],
  ['changePeriodStatus', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE' })],
];

/** What a mutation acts on: the shared fixture for refused calls, fresh look-alikes for allowed ones. */
interface Targets {
  /** A plan of `self` (or a look-alike) appraised by `head`, with its RHK (supporting head's) and indicator. */
  selfPlan: Ref;
  selfRhk: Ref;
  selfIndicator: Ref;
  /** A JPT's plan appraised by the Bupati. */
  jptPlan: Ref;
  /** The employee `self` (or a look-alike) and the unit they work in. */
  self: Employee;
  unit: Unit;
  /** An active employee inside A who does not appraise `selfPlan`. */
  newAppraiser: Employee;
  /** An active employee of B. */
  inB: Employee;
  period: Ref & { year: number };
  /** A year without a period. */
  freeYear: number;
  /** Who signs in in place of an actor (a look-alike of self, head or kadinkes). */
  as: Partial<Record<ActorName, string>>;
}

const sharedTargets = (): Targets => ({
  selfPlan: world.plans.self.plan,
  selfRhk: world.plans.self.rhk,
  selfIndicator: world.plans.self.indicator,
  jptPlan: world.plans.kadinkes.plan,
  self: world.org.self,
  unit: world.org.a1,
  newAppraiser: world.org.peer,
  inB: world.org.otherHead,
  period: world.period,
  freeYear: 2039,
  as: {},
});

/** What a fresh look-alike needs: self's plan in a state, no plan for self, a JPT's plan in a state, or a period. */
type Fresh = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'NO_PLAN' | 'JPT_SUBMITTED' | 'JPT_APPROVED' | 'PERIOD';

let freshSequence = 0;

/**
 * A new unit inside A with a head (no supervisor) and a nurse under them, standing in for `head` and `self`; the
 * head's plan has an RHK, and the nurse's plan (unless NO_PLAN) supports it and is taken to the state asked.
 */
async function givenLookAlikes(state: 'NO_PLAN' | 'DRAFT' | 'SUBMITTED' | 'APPROVED'): Promise<Partial<Targets>> {
  const n = ++freshSequence;
  const fx = app.fixtures;
  const unit = await fx.unit({
    code: `AP-F${n}`,
    name: `UPTD Puskesmas Baru ${n}`,
    kind: UnitKind.HEALTH_CENTRE,
    parent: world.org.a,
  });
  const head = await fx.employee({ unit, positionKind: PositionKind.PENGAWAS, positionTitle: 'Kepala UPTD Puskesmas' });
  const self = await fx.employee({ unit, supervisor: head, positionTitle: 'Perawat Ahli Pertama' });
  const newAppraiser = await fx.employee({
    unit,
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala Tata Usaha',
  });
  const as = { self: await app.token(self.nip), head: await app.token(head.nip) };
  const headPlan = await givenPlan(as.head, { text: `Cakupan imunisasi wilayah ${n}` });
  if (state === 'NO_PLAN') return { self, unit, newAppraiser, as };
  const selfPlan = await givenPlan(as.self, { text: `Imunisasi bayi wilayah ${n}`, supportsId: headPlan.rhk.id });
  if (state !== 'DRAFT') await givenStep('submitAppraisal', selfPlan.plan, as.self);
  if (state === 'APPROVED') await givenStep('approveAppraisal', selfPlan.plan, as.head);
  return {
    selfPlan: selfPlan.plan,
    selfRhk: selfPlan.rhk,
    selfIndicator: selfPlan.indicator,
    self,
    unit,
    newAppraiser,
    as,
  };
}

/** A new JPT in a new unit inside A, appraised by the Bupati, with a submitted (or approved) plan. */
async function givenJptLookAlike(state: 'SUBMITTED' | 'APPROVED'): Promise<Partial<Targets>> {
  const n = ++freshSequence;
  const unit = await app.fixtures.unit({
    code: `AP-J${n}`,
    name: `Badan Baru ${n}`,
    kind: UnitKind.DIVISION,
    parent: world.org.a,
  });
  const jpt = await app.fixtures.employee({
    unit,
    externalSupervisor: world.org.bupati,
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Badan',
    grade: 'IV/c',
  });
  const as = { kadinkes: await app.token(jpt.nip) };
  const plan = await givenPlan(as.kadinkes, { text: `Indeks kepuasan layanan ${n}`, jpt: true });
  await givenStep('submitAppraisal', plan.plan, as.kadinkes);
  if (state === 'APPROVED') await givenStep('approveAppraisal', plan.plan, tokens.hrRegion);
  return { jptPlan: plan.plan, as };
}

async function freshTargets(fresh: Fresh): Promise<Targets> {
  const shared = sharedTargets();
  switch (fresh) {
    case 'JPT_SUBMITTED':
      return { ...shared, ...(await givenJptLookAlike('SUBMITTED')) };
    case 'JPT_APPROVED':
      return { ...shared, ...(await givenJptLookAlike('APPROVED')) };
    case 'PERIOD':
      return { ...shared, period: await givenPeriod(nextYear()), freeYear: nextYear() };
    default:
      return { ...shared, ...(await givenLookAlikes(fresh)) };
  }
}

interface WriteAction {
  name: string;
  /** The payload's fields; the first names the changed object, null when the call is refused. */
  select: string;
  fresh: Fresh;
  input(t: Targets): Promise<Record<string, unknown>>;
  /** After an allowed call: the change is in the database. */
  verify(t: Targets, payload: Payload): Promise<void>;
}

const planRow = (plan: Ref) => app.db.manager.findOneByOrFail(Appraisal, { rowId: plan.dbId });
const PLAN_PAYLOAD = 'appraisal { id }';

const step = (name: string, fresh: Fresh, plan: (t: Targets) => Ref, status: string, reason?: string): WriteAction => ({
  name,
  select: PLAN_PAYLOAD,
  fresh,
  input: async (t) => ({ id: plan(t).id, expectedVersion: await planVersion(plan(t)), ...(reason ? { reason } : {}) }),
  verify: async (t) => expect((await planRow(plan(t))).status).toBe(status),
});

const expectation = (fresh: Fresh, plan: (t: Targets) => Ref): WriteAction => ({
  name: 'setBehaviorExpectation',
  select: PLAN_PAYLOAD,
  fresh,
  input: async (t) => ({
    appraisalId: plan(t).id,
    expectedVersion: await planVersion(plan(t)),
    coreValue: CoreValue.KOLABORATIF,
    expectation: 'Aktif dalam lokakarya mini lintas sektor setiap bulan',
  }),
  verify: async (t) =>
    expect(
      await app.db.manager.findOneByOrFail(BehaviorExpectation, {
        appraisalId: plan(t).dbId,
        coreValue: CoreValue.KOLABORATIF,
      }),
    ).toMatchObject({
      expectation: 'Aktif dalam lokakarya mini lintas sektor setiap bulan',
    }),
});

const selfPlanOf = (t: Targets) => t.selfPlan;
const jptPlanOf = (t: Targets) => t.jptPlan;

const WRITE_ACTIONS: Record<ActionName, WriteAction> = {
  'updateAppraisal(self’s plan)': {
    name: 'updateAppraisal',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({
      id: t.selfPlan.id,
      expectedVersion: await planVersion(t.selfPlan),
      consequences: 'Teguran tertulis',
    }),
    verify: async (t) => expect((await planRow(t.selfPlan)).consequences).toBe('Teguran tertulis'),
  },
  'addWorkResultPlan(self’s plan)': {
    name: 'addWorkResultPlan',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({
      appraisalId: t.selfPlan.id,
      expectedVersion: await planVersion(t.selfPlan),
      kind: 'ADDITIONAL',
      text: 'Terlaksananya penyuluhan gizi di posyandu',
    }),
    verify: async (t) => expect(await app.db.manager.countBy(WorkResultPlan, { appraisalId: t.selfPlan.dbId })).toBe(2),
  },
  'updateWorkResultPlan(self’s RHK)': {
    name: 'updateWorkResultPlan',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({
      id: t.selfRhk.id,
      expectedVersion: await planVersion(t.selfPlan),
      text: 'Terlaksananya imunisasi dasar lengkap bagi seluruh bayi',
    }),
    verify: async (t) =>
      expect((await app.db.manager.findOneByOrFail(WorkResultPlan, { rowId: t.selfRhk.dbId })).text).toBe(
        'Terlaksananya imunisasi dasar lengkap bagi seluruh bayi',
      ),
  },
  'removeWorkResultPlan(self’s RHK)': {
    name: 'removeWorkResultPlan',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({ id: t.selfRhk.id, expectedVersion: await planVersion(t.selfPlan) }),
    verify: async (t) => {
      expect(await app.db.manager.countBy(WorkResultPlan, { rowId: t.selfRhk.dbId })).toBe(0);
      expect(await app.db.manager.countBy(Indicator, { rowId: t.selfIndicator.dbId })).toBe(0);
    },
  },
  'addIndicator(self’s RHK)': {
    name: 'addIndicator',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({
      workResultPlanId: t.selfRhk.id,
      expectedVersion: await planVersion(t.selfPlan),
      text: 'Jumlah bayi diimunisasi lengkap',
      aspect: 'QUANTITY',
      targetValue: 120,
      targetUnit: 'bayi',
    }),
    verify: async (t) => expect(await app.db.manager.countBy(Indicator, { workResultPlanId: t.selfRhk.dbId })).toBe(2),
  },
  'updateIndicator(self’s IKI)': {
    name: 'updateIndicator',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({ id: t.selfIndicator.id, expectedVersion: await planVersion(t.selfPlan), targetValue: 90 }),
    verify: async (t) =>
      expect(
        Number((await app.db.manager.findOneByOrFail(Indicator, { rowId: t.selfIndicator.dbId })).targetValue),
      ).toBe(90),
  },
  'removeIndicator(self’s IKI)': {
    name: 'removeIndicator',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({ id: t.selfIndicator.id, expectedVersion: await planVersion(t.selfPlan) }),
    verify: async (t) => expect(await app.db.manager.countBy(Indicator, { rowId: t.selfIndicator.dbId })).toBe(0),
  },
  'submitAppraisal(self’s plan)': step('submitAppraisal', 'DRAFT', selfPlanOf, 'SUBMITTED'),
  'approveAppraisal(self’s plan)': step('approveAppraisal', 'SUBMITTED', selfPlanOf, 'APPROVED'),
  'returnAppraisal(self’s plan)': step(
    'returnAppraisal',
    'SUBMITTED',
    selfPlanOf,
    'RETURNED',
    'Target belum sesuai data sasaran',
  ),
  'reopenAppraisal(self’s plan)': step(
    'reopenAppraisal',
    'APPROVED',
    selfPlanOf,
    'REVISING',
    'Target disesuaikan dengan data sasaran baru',
  ),
  'setBehaviorExpectation(self’s plan)': expectation('SUBMITTED', selfPlanOf),
  'approveAppraisal(kadinkes’s plan)': step('approveAppraisal', 'JPT_SUBMITTED', jptPlanOf, 'APPROVED'),
  'returnAppraisal(kadinkes’s plan)': step(
    'returnAppraisal',
    'JPT_SUBMITTED',
    jptPlanOf,
    'RETURNED',
    'Indikator perlu diselaraskan dengan PK',
  ),
  'reopenAppraisal(kadinkes’s plan)': step(
    'reopenAppraisal',
    'JPT_APPROVED',
    jptPlanOf,
    'REVISING',
    'Perubahan perjanjian kinerja',
  ),
  'setBehaviorExpectation(kadinkes’s plan)': expectation('JPT_SUBMITTED', jptPlanOf),
  'createAppraisal(employeeId: self)': {
    name: 'createAppraisal',
    select: PLAN_PAYLOAD,
    fresh: 'NO_PLAN',
    input: async (t) => ({ employeeId: gid(t.self) }),
    verify: async (t, payload) => {
      const created = await planRow(ref((payload.appraisal as { id: string }).id));
      expect(created).toMatchObject({
        employeeId: t.self.rowId,
        status: 'DRAFT',
        appraiserEmployeeId: t.self.supervisorId,
      });
    },
  },
  'reassignAppraiser(self’s plan)': {
    name: 'reassignAppraiser',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({
      id: t.selfPlan.id,
      expectedVersion: await planVersion(t.selfPlan),
      appraiserId: gid(t.newAppraiser),
      reason: 'Pelaksana tugas (Plt.)',
    }),
    verify: async (t) => expect((await planRow(t.selfPlan)).appraiserEmployeeId).toBe(t.newAppraiser.rowId),
  },
  'reassignAppraiser(self’s plan) to someone in B': {
    name: 'reassignAppraiser',
    select: PLAN_PAYLOAD,
    fresh: 'DRAFT',
    input: async (t) => ({
      id: t.selfPlan.id,
      expectedVersion: await planVersion(t.selfPlan),
      appraiserId: gid(t.inB),
      reason: 'Pelaksana tugas (Plt.)',
    }),
    verify: async (t) => expect((await planRow(t.selfPlan)).appraiserEmployeeId).toBe(t.inB.rowId),
  },
  'createAppraisalsForUnit(A1)': {
    name: 'createAppraisalsForUnit',
    select: 'created skipped',
    fresh: 'NO_PLAN',
    input: async (t) => ({ unitId: gid(t.unit), periodId: world.period.id }),
    verify: async (t, payload) => {
      // The look-alike head had a plan; the nurse and the other employee get one.
      expect(payload).toMatchObject({ created: 2, skipped: 1 });
      expect(
        await app.db.manager.countBy(Appraisal, { employeeId: t.self.rowId, openPeriodId: world.period.dbId }),
      ).toBe(1);
    },
  },
  'transferEmployee(self)': {
    name: 'transferEmployee',
    select: 'employee { id } closedAppraisal { id status } newAppraisal { id }',
    fresh: 'DRAFT',
    input: async (t) => ({
      employeeId: gid(t.self),
      expectedVersion: await versionOf(Employee, t.self.rowId),
      effectiveDate: '2027-07-01',
      supervisorId: gid(t.newAppraiser),
      positionTitle: 'Perawat Ahli Muda',
    }),
    verify: async (t, payload) => {
      expect(payload.closedAppraisal).toEqual({ id: t.selfPlan.id, status: 'CLOSED' });
      const started = await planRow(ref((payload.newAppraisal as { id: string }).id));
      expect(started).toMatchObject({
        employeeId: t.self.rowId,
        appraiserEmployeeId: t.newAppraiser.rowId,
        startDate: '2027-07-01',
      });
    },
  },
  openPeriod: {
    name: 'openPeriod',
    select: 'period { id }',
    fresh: 'PERIOD',
    input: async (t) => ({ year: t.freeYear }),
    verify: async (t) => expect(await app.db.manager.countBy(PerformancePeriod, { year: t.freeYear })).toBe(1),
  },
  updatePeriod: {
    name: 'updatePeriod',
    select: 'period { id }',
    fresh: 'PERIOD',
    input: async (t) => ({
      id: t.period.id,
      expectedVersion: await versionOf(PerformancePeriod, t.period.dbId),
      planningDeadline: `${t.period.year}-02-15`,
    }),
    verify: async (t) =>
      expect((await app.db.manager.findOneByOrFail(PerformancePeriod, { rowId: t.period.dbId })).planningDeadline).toBe(
        `${t.period.year}-02-15`,
      ),
  },
  changePeriodStatus: {
    name: 'changePeriodStatus',
    select: 'period { id }',
    fresh: 'PERIOD',
    input: async (t) => ({
      id: t.period.id,
      expectedVersion: await versionOf(PerformancePeriod, t.period.dbId),
      status: 'RUNNING',
    }),
    verify: async (t) =>
      expect((await app.db.manager.findOneByOrFail(PerformancePeriod, { rowId: t.period.dbId })).status).toBe(
        'RUNNING',
      ),
  },
};

describe('writing plans, their content, their workflow, and periods', () => {
  eachCase({
    actors: ACTORS,
    rows: WRITE_POLICY,
    outcome: (rule, actor) => rule(actor),
    check: async ({ name, actor, outcome }) => {
      const write = WRITE_ACTIONS[name as ActionName];
      const targets = outcome === 'ALLOWED' ? await freshTargets(write.fresh) : sharedTargets();
      const input = await write.input(targets);
      const token = targets.as[actor] ?? tokens[actor];
      const before = await snapshot();
      const res = await app.gql<{ result: Payload | null }>(mutation(write.name, write.select), { input }, token);
      const after = await snapshot();
      // A refused write changes nothing: no plan, content, history, period, tree or audit row.
      await expectWrite(outcome, {
        res,
        root: 'result',
        object: write.select.split(/[\s{]/)[0]!,
        before,
        after,
        verify: (payload) => write.verify(targets, payload),
      });
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The appraiser is a snapshot
// ---------------------------------------------------------------------------------------------------------------

describe('the appraiser is the snapshot taken when the plan was made', () => {
  const STEP = (name: string) => mutation(name, 'appraisal { id status appraiser { id } }');

  async function attempt(name: string, plan: Ref, token: string | null, reason?: string) {
    const before = await snapshot();
    const res = await app.gql<{ result: Payload | null }>(
      STEP(name),
      { input: { id: plan.id, expectedVersion: await planVersion(plan), ...(reason ? { reason } : {}) } },
      token,
    );
    return { res, before, after: await snapshot() };
  }

  it('after setSupervisor the old appraiser still decides, the new supervisor only once HR reassigns the plan', async () => {
    const t = await freshTargets('SUBMITTED');
    const plan = t.selfPlan;
    const oldAppraiser = t.as.head!;
    const newSupervisor = await app.token(t.newAppraiser.nip);
    const oldAppraiserId = t.self.supervisorId!;

    // HR moves the nurse under another supervisor: the tree changes, the plan's snapshot does not.
    await given(
      'setSupervisor',
      {
        employeeId: gid(t.self),
        expectedVersion: await versionOf(Employee, t.self.rowId),
        supervisorId: gid(t.newAppraiser),
      },
      tokens.hrRegion,
      'employee { id }',
    );
    expect((await planRow(plan)).appraiserEmployeeId).toBe(oldAppraiserId);

    // The new supervisor stands above her now and reads the plan, but may not decide on it.
    const read = await app.data<{ appraisal: { id: string; appraiser: { id: string } } | null }>(
      'query($id: ID!) { appraisal(id: $id) { id appraiser { id } } }',
      { id: plan.id },
      newSupervisor,
    );
    expect(read.appraisal).toEqual({ id: plan.id, appraiser: { id: toGlobalId(Employee.typeName, oldAppraiserId) } });
    const early = await attempt('approveAppraisal', plan, newSupervisor);
    expect(errorCodes(early.res)).toEqual(['FORBIDDEN']);
    expect(early.after).toEqual(early.before);

    // The old appraiser, no longer above her, still approves: the snapshot decides.
    const approved = await attempt('approveAppraisal', plan, oldAppraiser);
    expect(approved.res.body.errors).toBeUndefined();
    expect(approved.res.body.data!.result).toMatchObject({ userErrors: [], appraisal: { status: 'APPROVED' } });

    const stillEarly = await attempt('reopenAppraisal', plan, newSupervisor, 'Perubahan sasaran');
    expect(errorCodes(stillEarly.res)).toEqual(['FORBIDDEN']);
    expect(stillEarly.after).toEqual(stillEarly.before);

    // HR reassigns the plan: now the new supervisor decides, and the old appraiser no longer even finds the plan.
    await given(
      'reassignAppraiser',
      {
        id: plan.id,
        expectedVersion: await planVersion(plan),
        appraiserId: gid(t.newAppraiser),
        reason: 'Pindah atasan langsung',
      },
      tokens.hrOfA,
      'appraisal { id }',
    );
    const stale = await attempt('reopenAppraisal', plan, oldAppraiser, 'Perubahan sasaran');
    expect(stale.res.body.errors).toBeUndefined();
    expect(stale.res.body.data!.result).toMatchObject({ userErrors: [{ code: 'NOT_FOUND' }], appraisal: null });
    expect(stale.after).toEqual(stale.before);

    const reopened = await attempt('reopenAppraisal', plan, newSupervisor, 'Perubahan sasaran');
    expect(reopened.res.body.errors).toBeUndefined();
    expect(reopened.res.body.data!.result).toMatchObject({
      userErrors: [],
      appraisal: { status: 'REVISING', appraiser: { id: gid(t.newAppraiser) } },
    });
  });

  it('an HR admin who also appraises the plan may still reassign it, as any HR admin covering it', async () => {
    // E.g. the head of BKPSDM, who appraises BKPSDM's staff and administers the region's plans.
    const t = await freshTargets('DRAFT');
    const hrHead = await app.token(
      (await app.db.manager.findOneByOrFail(Employee, { rowId: t.self.supervisorId! })).nip,
      {
        roles: [Role.HR_ADMIN],
      },
    );
    const before = await snapshot();
    const res = await app.gql<{ result: Payload | null }>(
      mutation('reassignAppraiser', 'appraisal { id appraiser { id } }'),
      {
        input: {
          id: t.selfPlan.id,
          expectedVersion: await planVersion(t.selfPlan),
          appraiserId: gid(t.newAppraiser),
          reason: 'Cuti di luar tanggungan negara',
        },
      },
      hrHead,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.result).toMatchObject({
      userErrors: [],
      appraisal: { id: t.selfPlan.id, appraiser: { id: gid(t.newAppraiser) } },
    });
    expect((await snapshot()).audit_entry!.length).toBe(before.audit_entry!.length + 1);
  });
});
