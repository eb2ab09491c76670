import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import {
  eachActor,
  eachCase,
  expectAnswered,
  expectUnauthenticated,
  expectWrite,
  type Payload,
  snapshotTables,
} from '../support/authorization-matrix';
import { ORG_ACTORS, type OrgActor } from '../support/org-actors';
import { TestApp } from '../support/test-app';
import { COMPETENCY_TABLES, egid, fiveLevels, ugid } from './competency-helpers';

/**
 * The authorization matrix for competencies and talent (issue 5, point 6), in the style of
 * `appraisal-authorization.e2e-spec.ts`: every actor × every path to self's competency data, every actor × every
 * action. The policy, from the issue: self and everyone above in the tree read; the supervisor assesses as
 * supervisor; HR manages the dictionary, requirements and assessment-centre results; analysts see none of it (it follows each person's assessments).
 *
 *   CA-ROOT (region)
 *   ├── CA-A   Dinas Kesehatan ─ kadinkes
 *   │   └── CA-A1 UPTD Puskesmas ─ head (supervised by kadinkes) ─┬─► self (a nurse) ─► sub
 *   │                                                              └─► peer
 *   ├── CA-B   Dinas Pendidikan ─ otherHead
 *   └── CA-HR  BKPSDM ─ hrPerson (signs in as HR admin of the region, of A, of B)
 *
 * Self's position ("Perawat Ahli Pertama" in A1) requires M-PP 3; head assessed her at 2 (SUPERVISOR), suggested a
 * training and rated her potential HIGH for 2027. Refused writes must leave the competency tables and the audit
 * trail unchanged; allowed ones write one audit row.
 */

type ActorName = OrgActor;
const ACTORS = ORG_ACTORS;

/** Who reads self's profile (assessments, gaps, suggestions): self, those above, HR covering her. */
const PROFILE: readonly ActorName[] = ['self', 'head', 'kadinkes', 'hrRegion', 'hrOfA'];
/** Who reads self's talent placement and potential rating (TALENT_VISIBLE_TO_SELF off): those above, HR covering her. */
const TALENT: readonly ActorName[] = ['head', 'kadinkes', 'hrRegion', 'hrOfA'];
/** Who reads A1's talent and competency aggregates: heads of A1 or above, HR covering A1 (not analysts). */
const AGGREGATES: readonly ActorName[] = ['head', 'kadinkes', 'hrRegion', 'hrOfA'];
/** Reference data and structure: every signed-in principal. */
const SIGNED_IN: readonly ActorName[] = ACTORS.filter((a) => a !== 'anonymous');

interface World {
  a: Unit;
  a1: Unit;
  b: Unit;
  kadinkes: Employee;
  head: Employee;
  self: Employee;
  peer: Employee;
  sub: Employee;
  otherHead: Employee;
  hrPerson: Employee;
  periodId: string;
  technicalId: string;
  mppId: string;
  requirementId: string;
  assessmentId: string;
  suggestionId: string;
  potentialId: string;
}

let app: TestApp;
let w: World;
let tokens: Record<ActorName, string | null>;

const dbIdOf = (globalId: string): number => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

const mutation = (name: string, select: string): string =>
  `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { r: ${name}(input: $input) { ${select} userErrors { code field } } }`;

async function given(
  name: string,
  input: Record<string, unknown>,
  token: string | null,
  select: string,
): Promise<Payload> {
  const res = await app.gql<{ r: Payload }>(mutation(name, select), { input }, token);
  if (res.body.errors?.length) throw new Error(`${name}: ${JSON.stringify(res.body.errors)}`);
  const payload = res.body.data!.r;
  if (payload.userErrors.length) throw new Error(`${name}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

async function givenWorld(): Promise<World> {
  const fx = app.fixtures;
  const root = await fx.unit({ code: 'CA-ROOT', name: 'Pemerintah Kabupaten Jayawijaya', kind: UnitKind.GOVERNMENT });
  const a = await fx.unit({ code: 'CA-A', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY, parent: root });
  const a1 = await fx.unit({ code: 'CA-A1', name: 'UPTD Puskesmas Walesi', kind: UnitKind.HEALTH_CENTRE, parent: a });
  const b = await fx.unit({ code: 'CA-B', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY, parent: root });
  const hrUnit = await fx.unit({ code: 'CA-HR', name: 'BKPSDM', kind: UnitKind.AGENCY, parent: root });
  const kadinkes = await fx.employee({
    unit: a,
    name: 'Karel Wetipo',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Kesehatan',
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
    name: 'Otniel Mabel',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Pendidikan',
  });
  const hrPerson = await fx.employee({ unit: hrUnit, name: 'Herlina Lokobal', positionTitle: 'Analis SDM Aparatur' });
  await fx.setHead(a, kadinkes);
  await fx.setHead(a1, head);
  await fx.setHead(b, otherHead);
  tokens = {
    self: await app.token(self.nip),
    head: await app.token(head.nip),
    kadinkes: await app.token(kadinkes.nip),
    peer: await app.token(peer.nip),
    sub: await app.token(sub.nip),
    otherHead: await app.token(otherHead.nip),
    hrRegion: await app.token(hrPerson.nip, { roles: [Role.HR_ADMIN] }),
    hrOfA: await app.token(hrPerson.nip, { roles: [Role.HR_ADMIN], unit: a.code }),
    hrOfB: await app.token(hrPerson.nip, { roles: [Role.HR_ADMIN], unit: b.code }),
    analyst: await app.token('dasbor-kinerja', { roles: [Role.ANALYST] }),
    integration: await app.token('simpeg-bkn', { roles: [Role.INTEGRATION] }),
    anonymous: null,
  };
  app.clock.set('2027-03-01T01:00:00Z');
  const periodId = (
    (await given('openPeriod', { year: 2027 }, tokens.hrRegion, 'period { id }')).period as { id: string }
  ).id;
  const dictionary = await app.data<{ competencies: { nodes: Array<{ id: string; code: string }> } }>(
    '{ competencies(first: 50) { nodes { id code } } }',
    {},
    tokens.hrRegion,
  );
  const mppId = dictionary.competencies.nodes.find((n) => n.code === 'M-PP')!.id;
  const technicalId = (
    (
      await given(
        'createCompetency',
        {
          code: 'T-MX-IMUN',
          name: 'Imunisasi',
          type: 'TECHNICAL',
          field: 'Kesehatan',
          description: 'Program imunisasi.',
          levels: fiveLevels(),
        },
        tokens.hrRegion,
        'competency { id }',
      )
    ).competency as { id: string }
  ).id;
  const requirementId = (
    (
      await given(
        'setPositionRequirement',
        {
          unitId: ugid(a1),
          positionTitle: 'Perawat Ahli Pertama',
          positionKind: 'FUNGSIONAL',
          competencyId: mppId,
          requiredLevel: 3,
        },
        tokens.hrRegion,
        'requirement { id }',
      )
    ).requirement as { id: string }
  ).id;
  const assessmentId = (
    (
      await given(
        'recordCompetencyAssessment',
        { employeeId: egid(self), competencyId: mppId, level: 2, method: 'SUPERVISOR', assessedOn: '2027-02-20' },
        tokens.head,
        'assessment { id }',
      )
    ).assessment as { id: string }
  ).id;
  const suggestionId = (
    (
      await given(
        'suggestDevelopment',
        { employeeId: egid(self), competencyId: mppId, kind: 'TRAINING', description: 'Pelatihan pelayanan prima' },
        tokens.head,
        'suggestion { id }',
      )
    ).suggestion as { id: string }
  ).id;
  const potentialId = (
    (
      await given(
        'ratePotential',
        { employeeId: egid(self), periodId, rating: 'HIGH' },
        tokens.head,
        'potentialRating { id }',
      )
    ).potentialRating as { id: string }
  ).id;
  return {
    a,
    a1,
    b,
    kadinkes,
    head,
    self,
    peer,
    sub,
    otherHead,
    hrPerson,
    periodId,
    technicalId,
    mppId,
    requirementId,
    assessmentId,
    suggestionId,
    potentialId,
  };
}

beforeAll(async () => {
  app = await TestApp.start();
  w = await givenWorld();
});
afterAll(() => app?.stop());

/** Every row of the competency tables and the audit trail. */
const snapshot = () => snapshotTables(app, COMPETENCY_TABLES);

// ---------------------------------------------------------------------------------------------------------------
// Reads: every path × every actor
// ---------------------------------------------------------------------------------------------------------------

interface ReadPath {
  /** Who sees the object along this path (before `reaches`). */
  readers: readonly ActorName[];
  query: string;
  variables(): Record<string, unknown>;
  /** What the path gives: the object, or null when it is absent (not visible). */
  find(data: Record<string, unknown>, actor: ActorName): unknown;
  /** The object as a reader sees it. */
  expected(actor: ActorName): unknown;
  /** Whether the path can reach self's data for this actor at all (their own team, their own record). */
  reaches?(actor: ActorName): boolean;
}

type Obj = Record<string, unknown> | null | undefined;
const at = (data: Obj, ...keys: string[]): unknown =>
  keys.reduce<unknown>((o, k) => (o == null ? null : (o as Record<string, unknown>)[k]), data) ?? null;
/** Of a list, only the element with this id (or null): later allowed writes may add others. */
const withId = (list: unknown, id: string): unknown =>
  Array.isArray(list) ? (list.find((x: { id: string }) => x.id === id) ?? null) : null;

const PROFILE_SEEN = {
  matchPercentage: 66.67,
  band: 'BELOW',
  gaps: [
    {
      requiredLevel: 3,
      currentLevel: 2,
      gap: 1,
      competency: { code: 'M-PP' },
      currentAssessment: { method: 'SUPERVISOR' },
    },
  ],
};
const PROFILE_Q =
  'competencyProfile { matchPercentage band gaps { requiredLevel currentLevel gap competency { code } currentAssessment { method } } }';

function readPaths(): Record<string, ReadPath> {
  return {
    'employee(self).competencyProfile': {
      readers: PROFILE,
      query: `query($id: ID!) { employee(id: $id) { ${PROFILE_Q} } }`,
      variables: () => ({ id: egid(w.self) }),
      find: (d) => at(d, 'employee', 'competencyProfile'),
      expected: () => PROFILE_SEEN,
    },
    'node(self).competencyProfile': {
      readers: PROFILE,
      query: `query($id: ID!) { node(id: $id) { ... on Employee { ${PROFILE_Q} } } }`,
      variables: () => ({ id: egid(w.self) }),
      find: (d) => at(d, 'node', 'competencyProfile'),
      expected: () => PROFILE_SEEN,
    },
    'nodes([self]).competencyAssessments': {
      readers: PROFILE,
      query:
        'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Employee { competencyAssessments { id level method } } } }',
      variables: () => ({ ids: [egid(w.self)] }),
      find: (d) => withId(at((d.nodes as Obj[])[0], 'competencyAssessments'), w.assessmentId),
      expected: () => ({ id: w.assessmentId, level: 2, method: 'SUPERVISOR' }),
    },
    'employee(self).competencyAssessments': {
      readers: PROFILE,
      query: 'query($id: ID!) { employee(id: $id) { competencyAssessments { id level assessor { id } } } }',
      variables: () => ({ id: egid(w.self) }),
      find: (d) => withId(at(d, 'employee', 'competencyAssessments'), w.assessmentId),
      // The assessor is an employee: a directory read.
      expected: () => ({ id: w.assessmentId, level: 2, assessor: { id: egid(w.head) } }),
    },
    'employee(self).developmentSuggestions': {
      readers: PROFILE,
      query: 'query($id: ID!) { employee(id: $id) { developmentSuggestions { id kind competency { code } } } }',
      variables: () => ({ id: egid(w.self) }),
      find: (d) => withId(at(d, 'employee', 'developmentSuggestions'), w.suggestionId),
      expected: () => ({ id: w.suggestionId, kind: 'TRAINING', competency: { code: 'M-PP' } }),
    },
    'employee(self).talentPlacement': {
      readers: TALENT,
      query:
        'query($id: ID!, $p: ID!) { employee(id: $id) { talentPlacement(periodId: $p) { box potential matchBand potentialRating { id rating } employee { id } } } }',
      variables: () => ({ id: egid(w.self), p: w.periodId }),
      find: (d) => at(d, 'employee', 'talentPlacement'),
      // BELOW band (1) and HIGH (3): MEDIUM; no annual rating yet: no box.
      expected: () => ({
        box: null,
        potential: 'MEDIUM',
        matchBand: 'BELOW',
        potentialRating: { id: w.potentialId, rating: 'HIGH' },
        employee: { id: egid(w.self) },
      }),
    },
    'node(assessment)': {
      readers: PROFILE,
      query: 'query($id: ID!) { node(id: $id) { ... on CompetencyAssessment { id level competency { code } } } }',
      variables: () => ({ id: w.assessmentId }),
      find: (d) => d.node,
      expected: () => ({ id: w.assessmentId, level: 2, competency: { code: 'M-PP' } }),
    },
    'nodes([assessment])': {
      readers: PROFILE,
      query: 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on CompetencyAssessment { id level } } }',
      variables: () => ({ ids: [w.assessmentId] }),
      find: (d) => (d.nodes as unknown[])[0] ?? null,
      expected: () => ({ id: w.assessmentId, level: 2 }),
    },
    'node(suggestion)': {
      readers: PROFILE,
      query: 'query($id: ID!) { node(id: $id) { ... on DevelopmentSuggestion { id kind } } }',
      variables: () => ({ id: w.suggestionId }),
      find: (d) => d.node,
      expected: () => ({ id: w.suggestionId, kind: 'TRAINING' }),
    },
    'node(potentialRating)': {
      readers: TALENT,
      query: 'query($id: ID!) { node(id: $id) { ... on PotentialRating { id rating } } }',
      variables: () => ({ id: w.potentialId }),
      find: (d) => d.node,
      expected: () => ({ id: w.potentialId, rating: 'HIGH' }),
    },
    'node(competency)': {
      readers: SIGNED_IN,
      query: 'query($id: ID!) { node(id: $id) { ... on Competency { id code } } }',
      variables: () => ({ id: w.technicalId }),
      find: (d) => d.node,
      expected: () => ({ id: w.technicalId, code: 'T-MX-IMUN' }),
    },
    'competencies(type: TECHNICAL)': {
      readers: SIGNED_IN,
      query: '{ competencies(first: 20, type: TECHNICAL) { totalCount nodes { code } } }',
      variables: () => ({}),
      find: (d) =>
        d.competencies
          ? {
              ...(d.competencies as Record<string, unknown>),
              nodes: ((d.competencies as { nodes: Array<{ code: string }> }).nodes ?? []).filter(
                (n) => n.code === 'T-MX-IMUN',
              ),
            }
          : null,
      expected: () => ({ totalCount: expect.any(Number), nodes: [{ code: 'T-MX-IMUN' }] }),
    },
    'node(requirement)': {
      readers: SIGNED_IN,
      query:
        'query($id: ID!) { node(id: $id) { ... on PositionRequirement { id requiredLevel competency { code } } } }',
      variables: () => ({ id: w.requirementId }),
      find: (d) => d.node,
      expected: () => ({ id: w.requirementId, requiredLevel: 3, competency: { code: 'M-PP' } }),
    },
    'unit(A1).positionRequirements': {
      readers: SIGNED_IN,
      query: 'query($id: ID!) { unit(id: $id) { positionRequirements { id positionTitle requiredLevel } } }',
      variables: () => ({ id: ugid(w.a1) }),
      find: (d) => withId(at(d, 'unit', 'positionRequirements'), w.requirementId),
      expected: () => ({ id: w.requirementId, positionTitle: 'Perawat Ahli Pertama', requiredLevel: 3 }),
    },
    'unit(A1).competencyGaps': {
      readers: AGGREGATES,
      query:
        'query($id: ID!) { unit(id: $id) { competencyGaps { competency { code } employees withGap averageGap suppressed } } }',
      variables: () => ({ id: ugid(w.a1) }),
      find: (d) => at(d, 'unit', 'competencyGaps'),
      expected: () => [{ competency: { code: 'M-PP' }, employees: 1, withGap: 1, averageGap: 1, suppressed: false }],
    },
    'talentMatrix(A1) counts': {
      readers: AGGREGATES,
      query:
        'query($u: ID!, $p: ID!) { talentMatrix(unitId: $u, periodId: $p) { employees unplaced unit { id } boxes { count } } }',
      variables: () => ({ u: ugid(w.a1), p: w.periodId }),
      find: (d) => d.talentMatrix ?? null,
      // head, self, peer, sub; nobody has an annual rating.
      expected: () => ({
        employees: 4,
        unplaced: 4,
        unit: { id: ugid(w.a1) },
        boxes: Array.from({ length: 9 }, () => ({ count: 0 })),
      }),
    },
    'talentMatrix(A1).placements → self': {
      readers: TALENT,
      query:
        'query($u: ID!, $p: ID!) { talentMatrix(unitId: $u, periodId: $p) { placements { potential employee { id displayName } } } }',
      variables: () => ({ u: ugid(w.a1), p: w.periodId }),
      find: (d) => {
        const placements = at(d, 'talentMatrix', 'placements') as Array<{ employee: { id: string } }> | null;
        return placements?.find((p) => p.employee.id === egid(w.self)) ?? null;
      },
      expected: () => ({ potential: 'MEDIUM', employee: { id: egid(w.self), displayName: 'Selina Kogoya' } }),
    },
    'talentMatrix(A).placements → self (subtree)': {
      readers: TALENT.filter((a) => a !== 'head'),
      query: 'query($u: ID!, $p: ID!) { talentMatrix(unitId: $u, periodId: $p) { placements { employee { id } } } }',
      variables: () => ({ u: ugid(w.a), p: w.periodId }),
      find: (d) =>
        (at(d, 'talentMatrix', 'placements') as Array<{ employee: { id: string } }> | null)?.find(
          (p) => p.employee.id === egid(w.self),
        ) ?? null,
      expected: () => ({ employee: { id: egid(w.self) } }),
    },
    'viewer.team(depth: ALL).competencyProfile': {
      readers: PROFILE,
      query: `{ viewer { team(depth: ALL, first: 50) { nodes { id ${PROFILE_Q} } } } }`,
      variables: () => ({}),
      find: (d) =>
        (at(d, 'viewer', 'team', 'nodes') as Array<{ id: string; competencyProfile: unknown }> | null)?.find(
          (e) => e.id === egid(w.self),
        )?.competencyProfile ?? null,
      expected: () => PROFILE_SEEN,
      reaches: (actor) => actor === 'head' || actor === 'kadinkes',
    },
    'viewer.employee.competencyProfile': {
      readers: PROFILE,
      query: `{ viewer { employee { id ${PROFILE_Q} } } }`,
      variables: () => ({}),
      find: (d) =>
        at(d, 'viewer', 'employee', 'id') === egid(w.self) ? at(d, 'viewer', 'employee', 'competencyProfile') : null,
      expected: () => PROFILE_SEEN,
      reaches: (actor) => actor === 'self',
    },
    'node(suggestion).employee.competencyProfile': {
      readers: PROFILE,
      query: `query($id: ID!) { node(id: $id) { ... on DevelopmentSuggestion { employee { ${PROFILE_Q} } } } }`,
      variables: () => ({ id: w.suggestionId }),
      find: (d) => at(d, 'node', 'employee', 'competencyProfile'),
      expected: () => PROFILE_SEEN,
    },
  };
}

describe('reading competency data along every path', () => {
  eachCase({
    actors: ACTORS,
    rows: readPaths(),
    outcome: (p, actor) =>
      actor === 'anonymous'
        ? 'UNAUTHENTICATED'
        : p.readers.includes(actor) && (p.reaches?.(actor) ?? true)
          ? 'VISIBLE'
          : 'ABSENT',
    check: async ({ row: p, actor, outcome: sight }) => {
      const res = await app.gql<Record<string, unknown>>(p.query, p.variables(), tokens[actor]);
      if (sight === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      const found = p.find(expectAnswered(res)!, actor);
      if (sight === 'VISIBLE') expect(found).toEqual(p.expected(actor));
      else expect(found).toBeNull();
    },
  });
});

describe('nodes(ids:) over every competency object at once', () => {
  eachActor({
    actors: ACTORS,
    outcome: (actor) => (actor === 'anonymous' ? 'UNAUTHENTICATED' : 'ANSWERED'),
    check: async (actor, outcome) => {
      const ids = [w.technicalId, w.requirementId, w.assessmentId, w.suggestionId, w.potentialId];
      const res = await app.gql<{ nodes: Array<{ id: string } | null> }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        { ids },
        tokens[actor],
      );
      if (outcome === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      expect(res.body.errors).toBeUndefined();
      const readers = [SIGNED_IN, SIGNED_IN, PROFILE, PROFILE, TALENT];
      expect(res.body.data!.nodes).toEqual(ids.map((id, i) => (readers[i]!.includes(actor) ? { id } : null)));
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Writes: every action × every actor
// ---------------------------------------------------------------------------------------------------------------

/**
 * ALLOWED: done. FORBIDDEN (the role never allows the operation) / UNAUTHENTICATED: a GraphQL error. NOT_FOUND /
 * NOT_ALLOWED / OUT_OF_SCOPE: the payload's userErrors.
 */
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'NOT_ALLOWED' | 'OUT_OF_SCOPE';
type Rule = (actor: ActorName) => Outcome;

/** On self: `allowed` act; other readers of her profile are NOT_ALLOWED; the rest find nobody (NOT_FOUND). */
const onSelf =
  (...allowed: ActorName[]): Rule =>
  (actor) =>
    actor === 'anonymous'
      ? 'UNAUTHENTICATED'
      : allowed.includes(actor)
        ? 'ALLOWED'
        : PROFILE.includes(actor)
          ? 'NOT_ALLOWED'
          : 'NOT_FOUND';

/** An HR operation: FORBIDDEN for everyone without the HR role. */
const hrOperation =
  (hr: { hrRegion: Outcome; hrOfA: Outcome; hrOfB: Outcome }): Rule =>
  (actor) =>
    actor === 'anonymous'
      ? 'UNAUTHENTICATED'
      : actor === 'hrRegion' || actor === 'hrOfA' || actor === 'hrOfB'
        ? hr[actor]
        : 'FORBIDDEN';

let n = 0;
const versionOf = async (table: string, globalId: string): Promise<number | undefined> => {
  const rows: Array<{ version: number | string }> = await app.db.manager.query(
    `SELECT version FROM ${table} WHERE id = ?`,
    [dbIdOf(globalId)],
  );
  return rows[0] ? Number(rows[0].version) : undefined;
};

interface Write {
  name: string;
  select: string;
  /** The input, built right before the call (fresh objects, current versions). */
  input(): Promise<Record<string, unknown>>;
  rule: Rule;
  /** The table an allowed call writes a row in (or changes). */
  table: string;
}

const assessment = (method: string): Write => ({
  name: 'recordCompetencyAssessment',
  select: 'assessment { id method }',
  input: async () => ({ employeeId: egid(w.self), competencyId: w.mppId, level: 3, method, assessedOn: '2027-02-25' }),
  rule:
    method === 'SELF'
      ? onSelf('self')
      : method === 'SUPERVISOR'
        ? onSelf('head', 'kadinkes')
        : onSelf('hrRegion', 'hrOfA'),
  table: 'competency_assessment',
});

const WRITES: Record<string, Write> = {
  createCompetency: {
    name: 'createCompetency',
    select: 'competency { id }',
    input: async () => ({
      code: `T-MX-${++n}`,
      name: 'Teknis',
      type: 'TECHNICAL',
      field: 'Kesehatan',
      description: 'Definisi.',
      levels: fiveLevels(),
    }),
    rule: hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'FORBIDDEN', hrOfB: 'FORBIDDEN' }),
    table: 'competency',
  },
  'updateCompetency(technical)': {
    name: 'updateCompetency',
    select: 'competency { id version }',
    input: async () => ({
      id: w.technicalId,
      expectedVersion: await versionOf('competency', w.technicalId),
      name: `Imunisasi ${++n}`,
    }),
    rule: hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'FORBIDDEN', hrOfB: 'FORBIDDEN' }),
    table: 'competency',
  },
  'setPositionRequirement(A1)': {
    name: 'setPositionRequirement',
    select: 'requirement { id }',
    input: async () => ({
      unitId: ugid(w.a1),
      positionTitle: `Jabatan ${++n}`,
      positionKind: 'PELAKSANA',
      competencyId: w.mppId,
      requiredLevel: 2,
    }),
    rule: hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE' }),
    table: 'position_requirement',
  },
  'setPositionRequirement(A1, existing)': {
    name: 'setPositionRequirement',
    select: 'requirement { id }',
    input: async () => ({
      unitId: ugid(w.a1),
      positionTitle: 'Perawat Ahli Pertama',
      positionKind: 'FUNGSIONAL',
      competencyId: w.mppId,
      requiredLevel: 3,
      expectedVersion: await versionOf('position_requirement', w.requirementId),
    }),
    rule: hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE' }),
    table: 'position_requirement',
  },
  'removePositionRequirement(A1)': {
    name: 'removePositionRequirement',
    select: 'removedId',
    input: async () => {
      const made = await given(
        'setPositionRequirement',
        {
          unitId: ugid(w.a1),
          positionTitle: `Hapus ${++n}`,
          positionKind: 'PELAKSANA',
          competencyId: w.mppId,
          requiredLevel: 1,
        },
        tokens.hrRegion,
        'requirement { id }',
      );
      return { id: (made.requirement as { id: string }).id, expectedVersion: 1 };
    },
    rule: hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE' }),
    table: 'position_requirement',
  },
  'recordCompetencyAssessment(SELF)': assessment('SELF'),
  'recordCompetencyAssessment(SUPERVISOR)': assessment('SUPERVISOR'),
  'recordCompetencyAssessment(TEST)': assessment('TEST'),
  'recordCompetencyAssessment(ASSESSMENT_CENTRE)': assessment('ASSESSMENT_CENTRE'),
  'suggestDevelopment(self)': {
    name: 'suggestDevelopment',
    select: 'suggestion { id }',
    input: async () => ({ employeeId: egid(w.self), kind: 'MENTORING', description: `Pendampingan ${++n}` }),
    rule: onSelf('head', 'kadinkes', 'hrRegion', 'hrOfA'),
    table: 'development_suggestion',
  },
  'updateDevelopmentSuggestion(self’s)': {
    name: 'updateDevelopmentSuggestion',
    select: 'suggestion { id version }',
    input: async () => ({
      id: w.suggestionId,
      expectedVersion: await versionOf('development_suggestion', w.suggestionId),
      status: ++n % 2 ? 'IN_PROGRESS' : 'PLANNED',
    }),
    // The employee reports progress; those above and HR covering her too; the rest do not find it.
    rule: (actor) => (actor === 'anonymous' ? 'UNAUTHENTICATED' : PROFILE.includes(actor) ? 'ALLOWED' : 'NOT_FOUND'),
    table: 'development_suggestion',
  },
  'ratePotential(self)': {
    name: 'ratePotential',
    select: 'potentialRating { id version }',
    input: async () => ({
      employeeId: egid(w.self),
      periodId: w.periodId,
      rating: ++n % 2 ? 'MEDIUM' : 'HIGH',
      expectedVersion: await versionOf('potential_rating', w.potentialId),
    }),
    rule: onSelf('head', 'kadinkes', 'hrRegion', 'hrOfA'),
    table: 'potential_rating',
  },
};

describe('writing: every action × every actor', () => {
  eachCase({
    actors: ACTORS,
    rows: WRITES,
    outcome: (write, actor) => write.rule(actor),
    check: async ({ row: write, actor, outcome }) => {
      const input = await write.input();
      const before = await snapshot();
      const res = await app.gql<{ r: Payload | null }>(mutation(write.name, write.select), { input }, tokens[actor]);
      const after = await snapshot();
      await expectWrite(outcome, {
        res,
        root: 'r',
        object: write.select.split(/[\s{]/)[0]!,
        before,
        after,
        audit: 'one',
        verify: () => expect(after[write.table]).not.toEqual(before[write.table]),
      });
    },
  });
});
