import { type FindOptionsWhere } from 'typeorm';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { Employee } from '../../src/modules/employee/employee.entity';
import { ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { Unit } from '../../src/modules/unit/unit.entity';
import { EventType } from '../../src/modules/outbox/event-type';
import { OutboxEvent } from '../../src/modules/outbox/outbox-event.entity';
import {
  eachActor,
  eachCase,
  errorCodes,
  expectAnswered,
  expectUnauthenticated,
  expectWrite,
} from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';

/**
 * The authorization matrix for the organisation objects (`docs/reliability.md`, promise 1), in the style of GitLab's
 * policy specs: every actor × every action × every path, as tables.
 *
 * One organisation is built once:
 *
 *   MX-ROOT (region)                     bupati (external official) supervises top
 *   ├── MX-A  ─ top ─────────────┐ supervises
 *   │   ├── MX-A1 ─ mid ◄────────┘  ─┬─► self ─► sub
 *   │   │                            └─► peer
 *   │   └── MX-A2 ─ retired (deactivated)
 *   ├── MX-B  ─ otherHead (head of B)
 *   └── MX-HR ─ hrPerson (signs in as HR admin of the region, of A, of B)
 *
 * Reads leave it as it is. Refused writes aim at it and must leave every organisation and audit row unchanged.
 * Allowed writes get fresh targets in the same places of the tree (inside A, below A1), so that no case
 * depends on another.
 */

type ActorName =
  | 'self'
  | 'mid'
  | 'top'
  | 'peer'
  | 'sub'
  | 'otherHead'
  | 'hrRegion'
  | 'hrOfA'
  | 'hrOfB'
  | 'analyst'
  | 'integration'
  | 'anonymous';

const ACTORS: readonly ActorName[] = [
  'self',
  'mid',
  'top',
  'peer',
  'sub',
  'otherHead',
  'hrRegion',
  'hrOfA',
  'hrOfB',
  'analyst',
  'integration',
  'anonymous',
];

interface Organisation {
  root: Unit;
  a: Unit;
  a1: Unit;
  a2: Unit;
  b: Unit;
  hrUnit: Unit;
  top: Employee;
  mid: Employee;
  self: Employee;
  peer: Employee;
  sub: Employee;
  otherHead: Employee;
  hrPerson: Employee;
  retired: Employee;
  bupati: ExternalOfficial;
}

const gid = (object: Employee | Unit | ExternalOfficial): string => {
  const typeName =
    object instanceof Unit
      ? Unit.typeName
      : object instanceof ExternalOfficial
        ? ExternalOfficial.typeName
        : Employee.typeName;
  return toGlobalId(typeName, object.rowId);
};

let app: TestApp;
let org: Organisation;
let tokens: Record<ActorName, string | null>;

const DEACTIVATE =
  'mutation($input: DeactivateEmployeeInput!) { deactivateEmployee(input: $input) { userErrors { code } } }';

/** Deactivates through the service (with its audit row), as the region-wide HR admin. */
async function givenDeactivated(employee: Employee): Promise<Employee> {
  const data = await app.data<{ deactivateEmployee: { userErrors: unknown[] } }>(
    DEACTIVATE,
    { input: { id: gid(employee), expectedVersion: employee.version } },
    tokens.hrRegion,
  );
  expect(data.deactivateEmployee.userErrors).toEqual([]);
  return employee;
}

async function givenOrganisation(): Promise<Organisation> {
  const fx = app.fixtures;
  const root = await fx.unit({ code: 'MX-ROOT', name: 'Pemerintah Kabupaten Matriks', kind: UnitKind.GOVERNMENT });
  const a = await fx.unit({ code: 'MX-A', name: 'Dinas Kesehatan Matriks', kind: UnitKind.AGENCY, parent: root });
  const a1 = await fx.unit({ code: 'MX-A1', name: 'Bidang Pelayanan Matriks', kind: UnitKind.DIVISION, parent: a });
  const a2 = await fx.unit({ code: 'MX-A2', name: 'Bidang Sumber Daya Matriks', kind: UnitKind.DIVISION, parent: a });
  const b = await fx.unit({ code: 'MX-B', name: 'Dinas Pendidikan Matriks', kind: UnitKind.AGENCY, parent: root });
  const hrUnit = await fx.unit({ code: 'MX-HR', name: 'BKPSDM Matriks', kind: UnitKind.AGENCY, parent: root });
  const bupati = await fx.official('Markus Lokobal, S.H.', 'Bupati Matriks');
  const top = await fx.employee({
    unit: a,
    externalSupervisor: bupati,
    name: 'Topias Wenda',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Kesehatan',
  });
  const mid = await fx.employee({
    unit: a1,
    supervisor: top,
    name: 'Midian Kogoya',
    positionKind: PositionKind.ADMINISTRATOR,
    positionTitle: 'Kepala Bidang Pelayanan',
  });
  const self = await fx.employee({
    unit: a1,
    supervisor: mid,
    name: 'Selfia Itlay',
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala Seksi Pelayanan Dasar',
  });
  const peer = await fx.employee({
    unit: a1,
    supervisor: mid,
    name: 'Petrus Asso',
    positionTitle: 'Perawat Ahli Pertama',
  });
  const sub = await fx.employee({ unit: a1, supervisor: self, name: 'Subina Hubi', positionTitle: 'Bidan Terampil' });
  const otherHead = await fx.employee({
    unit: b,
    name: 'Otniel Mabel',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Pendidikan',
  });
  await fx.setHead(b, otherHead);
  const hrPerson = await fx.employee({
    unit: hrUnit,
    name: 'Herlina Lokobal',
    positionKind: PositionKind.FUNGSIONAL,
    positionTitle: 'Analis SDM Aparatur',
  });
  const retired = await fx.employee({
    unit: a2,
    name: 'Rut Wetipo',
    positionTitle: 'Pengadministrasi Umum',
    positionKind: PositionKind.PELAKSANA,
  });
  return { root, a, a1, a2, b, hrUnit, top, mid, self, peer, sub, otherHead, hrPerson, retired, bupati };
}

async function tokensFor(o: Organisation): Promise<Record<ActorName, string | null>> {
  return {
    self: await app.token(o.self.nip),
    mid: await app.token(o.mid.nip),
    top: await app.token(o.top.nip),
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

beforeAll(async () => {
  app = await TestApp.start();
  org = await givenOrganisation();
  tokens = await tokensFor(org);
  org.retired = await givenDeactivated(org.retired);
});

afterAll(() => app?.stop());

// ---------------------------------------------------------------------------------------------------------------
// Reading an employee (`self`) along every path
// ---------------------------------------------------------------------------------------------------------------

/** What an actor sees of `self`: nothing at all, the directory fields, or the personal fields as well. */
type Sight = 'UNAUTHENTICATED' | 'NOTHING' | 'DIRECTORY' | 'PERSONAL';

/** The expected policy for `self`, actor by actor (GitLab's `where(...)` table). */
const SIGHT_OF_SELF: ReadonlyArray<[ActorName, Sight]> = [
  ['self', 'PERSONAL'],
  ['mid', 'PERSONAL'], // direct supervisor
  ['top', 'PERSONAL'], // indirect supervisor
  ['peer', 'DIRECTORY'],
  ['sub', 'DIRECTORY'], // subordinate
  ['otherHead', 'DIRECTORY'], // head of another unit
  ['hrRegion', 'PERSONAL'],
  ['hrOfA', 'PERSONAL'], // scope covers self
  ['hrOfB', 'DIRECTORY'], // scope does not cover self
  ['analyst', 'NOTHING'],
  ['integration', 'NOTHING'],
  ['anonymous', 'UNAUTHENTICATED'],
];

const EMPLOYEE_FIELDS = 'id displayName positionTitle unit { id } supervisor { id } nip email grade gender';

interface SeenEmployee {
  id: string;
  displayName: string;
  positionTitle: string;
  unit: { id: string } | null;
  supervisor: { id: string } | null;
  nip: string | null;
  email: string | null;
  grade: string | null;
  gender: string | null;
}

interface Connection {
  totalCount: number;
  nodes?: SeenEmployee[];
  edges?: Array<{ node: SeenEmployee }>;
}

/** What one path returns: `self` (or null when absent) and, for a connection, its count and length. */
interface Found {
  self: SeenEmployee | null;
  list?: { totalCount: number; length: number } | null;
}

function inConnection(connection: Connection | null | undefined, selfId: string): Found {
  if (!connection) return { self: null, list: null };
  const items = connection.nodes ?? (connection.edges ?? []).map((e) => e.node);
  return {
    self: items.find((e) => e.id === selfId) ?? null,
    list: { totalCount: connection.totalCount, length: items.length },
  };
}

interface ReadPath {
  query: string;
  variables(o: Organisation): Record<string, unknown>;
  find(data: Record<string, unknown>, o: Organisation): Found;
  /** What this path can show at most of `self` to this actor (a lookup by NIP needs personal access, etc.). */
  narrow?(sight: Sight, actor: ActorName): Sight;
  /** For a connection: its expected totalCount when the actor has (or lacks) directory access; null when the connection is out of reach. */
  count?(directory: boolean, actor: ActorName): number | null;
}

/** The size of everyone below each actor (`viewer.team(depth: ALL)`), as built above. */
const TEAM_SIZE: Partial<Record<ActorName, number>> = { top: 4, mid: 3, self: 1 };

/** Every way to reach `self`, each with a small helper to find it in the answer. */
const READ_PATHS: Record<string, ReadPath> = {
  'employee(id:)': {
    query: `query($id: ID!) { employee(id: $id) { ${EMPLOYEE_FIELDS} } }`,
    variables: (o) => ({ id: gid(o.self) }),
    find: (data) => ({ self: data.employee as SeenEmployee | null }),
  },
  'employeeByNip(nip:)': {
    query: `query($nip: String!) { employeeByNip(nip: $nip) { ${EMPLOYEE_FIELDS} } }`,
    variables: (o) => ({ nip: o.self.nip }),
    find: (data) => ({ self: data.employeeByNip as SeenEmployee | null }),
    // A NIP lookup must not reveal whose NIP it is: only those who may read the NIP find the employee.
    narrow: (sight) => (sight === 'DIRECTORY' ? 'NOTHING' : sight),
  },
  'node(id:)': {
    query: `query($id: ID!) { node(id: $id) { ... on Employee { ${EMPLOYEE_FIELDS} } } }`,
    variables: (o) => ({ id: gid(o.self) }),
    find: (data) => ({ self: data.node as SeenEmployee | null }),
  },
  'nodes(ids:)': {
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Employee { ${EMPLOYEE_FIELDS} } } }`,
    variables: (o) => ({ ids: [gid(o.self)] }),
    find: (data) => {
      const nodes = data.nodes as Array<SeenEmployee | null>;
      expect(nodes).toHaveLength(1);
      return { self: nodes[0] ?? null };
    },
  },
  'employee(sub).supervisor': {
    query: `query($id: ID!) { employee(id: $id) { supervisor { ${EMPLOYEE_FIELDS} } } }`,
    variables: (o) => ({ id: gid(o.sub) }),
    find: (data) => ({ self: (data.employee as { supervisor: SeenEmployee | null } | null)?.supervisor ?? null }),
  },
  'employee(mid).subordinates': {
    query: `query($id: ID!) { employee(id: $id) { subordinates { totalCount nodes { ${EMPLOYEE_FIELDS} } } } }`,
    variables: (o) => ({ id: gid(o.mid) }),
    find: (data, o) => inConnection((data.employee as { subordinates: Connection } | null)?.subordinates, gid(o.self)),
    count: (directory) => (directory ? 2 : null),
  },
  'unit(A1).employees': {
    query: `query($id: ID!) { unit(id: $id) { employees(first: 50) { totalCount nodes { ${EMPLOYEE_FIELDS} } } } }`,
    variables: (o) => ({ id: gid(o.a1) }),
    find: (data, o) => inConnection((data.unit as { employees: Connection } | null)?.employees, gid(o.self)),
    // mid, self, peer and sub work in A1
    count: (directory) => (directory ? 4 : 0),
  },
  'employees(filter: { search })': {
    query: `query($search: String!) { employees(first: 50, filter: { search: $search }) { totalCount edges { node { ${EMPLOYEE_FIELDS} } } } }`,
    variables: () => ({ search: 'selfia' }),
    find: (data, o) => inConnection(data.employees as Connection, gid(o.self)),
    count: (directory) => (directory ? 1 : 0),
  },
  'employees(filter: { unitId: A, search })': {
    query: `query($unitId: ID!, $search: String!) { employees(first: 50, filter: { unitId: $unitId, search: $search }) { totalCount nodes { ${EMPLOYEE_FIELDS} } } }`,
    variables: (o) => ({ unitId: gid(o.a), search: 'itlay' }),
    find: (data, o) => inConnection(data.employees as Connection, gid(o.self)),
    count: (directory) => (directory ? 1 : 0),
  },
  'viewer.team(depth: ALL)': {
    query: `{ viewer { team(depth: ALL, first: 50) { totalCount nodes { ${EMPLOYEE_FIELDS} } } } }`,
    variables: () => ({}),
    find: (data, o) => inConnection((data.viewer as { team: Connection }).team, gid(o.self)),
    // Only those above self have self in their team.
    narrow: (sight, actor) => (sight === 'UNAUTHENTICATED' || actor === 'mid' || actor === 'top' ? sight : 'NOTHING'),
    count: (_directory, actor) => TEAM_SIZE[actor] ?? 0,
  },
  'viewer.employee': {
    query: `{ viewer { employee { ${EMPLOYEE_FIELDS} } } }`,
    variables: () => ({}),
    find: (data, o) => {
      const own = (data.viewer as { employee: SeenEmployee | null }).employee;
      return { self: own?.id === gid(o.self) ? own : null };
    },
    // Each caller's own record: self only for self (the others get theirs, or null for clients).
    narrow: (sight, actor) => (sight === 'UNAUTHENTICATED' || actor === 'self' ? sight : 'NOTHING'),
  },
};

function selfAsSeen(o: Organisation, personal: boolean): SeenEmployee {
  return {
    id: gid(o.self),
    displayName: o.self.name,
    positionTitle: o.self.positionTitle,
    unit: { id: gid(o.a1) },
    supervisor: { id: gid(o.mid) },
    nip: personal ? o.self.nip : null,
    email: personal ? o.self.email : null,
    grade: personal ? o.self.grade : null,
    gender: personal ? o.self.gender : null,
  };
}

const sightOfSelf = (actor: ActorName): Sight => SIGHT_OF_SELF.find(([a]) => a === actor)![1];

describe('reading self (an employee of A1)', () => {
  eachCase({
    actors: SIGHT_OF_SELF.map(([actor]) => actor),
    rows: READ_PATHS,
    outcome: (path, actor) => path.narrow?.(sightOfSelf(actor), actor) ?? sightOfSelf(actor),
    check: async ({ row: helper, actor, outcome: sight }) => {
      const res = await app.gql<Record<string, unknown>>(helper.query, helper.variables(org), tokens[actor]);
      if (sight === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      const found = helper.find(expectAnswered(res)!, org);
      expect(found.self).toEqual(sight === 'NOTHING' ? null : selfAsSeen(org, sight === 'PERSONAL'));
      if (helper.count) {
        // Lists are filtered before counting: the count is what this caller may see, and matches the page.
        const directory = sightOfSelf(actor) === 'DIRECTORY' || sightOfSelf(actor) === 'PERSONAL';
        expect(found.list === null ? null : found.list?.totalCount).toBe(helper.count(directory, actor));
        if (found.list) expect(found.list.length).toBe(found.list.totalCount);
      }
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Reading a unit (A1) along every path; and what is public
// ---------------------------------------------------------------------------------------------------------------

interface SeenUnit {
  id: string;
  code: string;
  name: string;
  parent: { id: string } | null;
}

const UNIT_FIELDS = 'id code name parent { id }';

interface UnitPath {
  query: string;
  variables(o: Organisation): Record<string, unknown>;
  find(data: Record<string, unknown>, o: Organisation): { unit: SeenUnit | null; totalCount?: number };
  /** For a connection: its totalCount for any signed-in caller. */
  count?: number;
}

const UNIT_PATHS: Record<string, UnitPath> = {
  'unit(id:)': {
    query: `query($id: ID!) { unit(id: $id) { ${UNIT_FIELDS} } }`,
    variables: (o) => ({ id: gid(o.a1) }),
    find: (data) => ({ unit: data.unit as SeenUnit | null }),
  },
  'unitByCode(code:)': {
    query: `query($code: String!) { unitByCode(code: $code) { ${UNIT_FIELDS} } }`,
    variables: (o) => ({ code: o.a1.code }),
    find: (data) => ({ unit: data.unitByCode as SeenUnit | null }),
  },
  'node(id:)': {
    query: `query($id: ID!) { node(id: $id) { ... on Unit { ${UNIT_FIELDS} } } }`,
    variables: (o) => ({ id: gid(o.a1) }),
    find: (data) => ({ unit: data.node as SeenUnit | null }),
  },
  'nodes(ids:)': {
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Unit { ${UNIT_FIELDS} } } }`,
    variables: (o) => ({ ids: [gid(o.a1)] }),
    find: (data) => ({ unit: (data.nodes as Array<SeenUnit | null>)[0] ?? null }),
  },
  'unit(A).children': {
    query: `query($id: ID!) { unit(id: $id) { children(first: 100) { nodes { ${UNIT_FIELDS} } } } }`,
    variables: (o) => ({ id: gid(o.a) }),
    find: (data, o) => ({
      unit:
        (data.unit as { children: { nodes: SeenUnit[] } } | null)?.children.nodes.find((u) => u.id === gid(o.a1)) ??
        null,
    }),
  },
  'units(filter: { search })': {
    query: `query($search: String!) { units(filter: { search: $search }) { totalCount nodes { ${UNIT_FIELDS} } } }`,
    variables: (o) => ({ search: o.a1.code }),
    find: (data, o) => {
      const units = data.units as { totalCount: number; nodes: SeenUnit[] };
      return { unit: units.nodes.find((u) => u.id === gid(o.a1)) ?? null, totalCount: units.totalCount };
    },
    count: 1,
  },
};

describe('reading unit A1 (units are structure: every signed-in principal reads them)', () => {
  eachCase({
    actors: ACTORS,
    rows: UNIT_PATHS,
    outcome: (_path, actor) => actor !== 'anonymous',
    title: (c) => `${c.name} as ${c.actor}: visible ${c.outcome}`,
    check: async ({ row: helper, actor, outcome: visible }) => {
      const res = await app.gql<Record<string, unknown>>(helper.query, helper.variables(org), tokens[actor]);
      if (!visible) return expectUnauthenticated(res);
      const found = helper.find(expectAnswered(res)!, org);
      expect(found.unit).toEqual({ id: gid(org.a1), code: org.a1.code, name: org.a1.name, parent: { id: gid(org.a) } });
      if (helper.count !== undefined) expect(found.totalCount).toBe(helper.count);
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Reading the external official (the Bupati): directory data, like employees' directory fields
// ---------------------------------------------------------------------------------------------------------------

const OFFICIAL_PATHS: Record<
  string,
  {
    query: string;
    variables(o: Organisation): Record<string, unknown>;
    find(data: Record<string, unknown>, o: Organisation): unknown;
  }
> = {
  'node(id:)': {
    query: 'query($id: ID!) { node(id: $id) { ... on ExternalOfficial { id name positionTitle } } }',
    variables: (o) => ({ id: gid(o.bupati) }),
    find: (data) => data.node,
  },
  'nodes(ids:)': {
    query: 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on ExternalOfficial { id name positionTitle } } }',
    variables: (o) => ({ ids: [gid(o.bupati)] }),
    find: (data) => (data.nodes as unknown[])[0],
  },
  externalOfficials: {
    query: '{ externalOfficials { id name positionTitle } }',
    variables: () => ({}),
    find: (data, o) => (data.externalOfficials as Array<{ id: string }>).find((x) => x.id === gid(o.bupati)) ?? null,
  },
  'employee(top).externalSupervisor': {
    query: 'query($id: ID!) { employee(id: $id) { externalSupervisor { id name positionTitle } } }',
    variables: (o) => ({ id: gid(o.top) }),
    find: (data) => (data.employee as { externalSupervisor: unknown } | null)?.externalSupervisor ?? null,
  },
};

describe('reading the external official (the Bupati)', () => {
  eachCase({
    actors: SIGHT_OF_SELF.map(([actor]) => actor),
    rows: OFFICIAL_PATHS,
    outcome: (_path, actor) => (sightOfSelf(actor) === 'PERSONAL' ? 'DIRECTORY' : sightOfSelf(actor)),
    check: async ({ row: helper, actor, outcome: sight }) => {
      const res = await app.gql<Record<string, unknown>>(helper.query, helper.variables(org), tokens[actor]);
      if (sight === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      const expected = { id: gid(org.bupati), name: org.bupati.name, positionTitle: org.bupati.positionTitle };
      expect(helper.find(expectAnswered(res)!, org)).toEqual(sight === 'NOTHING' ? null : expected);
    },
  });
});

describe('serverInfo is the only public read', () => {
  eachActor({
    actors: ACTORS,
    outcome: () => 'ANSWERED',
    check: async (actor) => {
      const res = await app.gql<{ serverInfo: { name: string } }>('{ serverInfo { name } }', {}, tokens[actor]);
      expect(expectAnswered(res)).toEqual({ serverInfo: { name: 'Kinerja Walesi' } });
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The changes feed: the role decides who reads it, then HR scope which events
// ---------------------------------------------------------------------------------------------------------------

describe('the changes feed (events in A1, in B, and without a unit)', () => {
  const CHANGES = '{ changes(first: 100) { nodes { id } } }';
  const ours = (data: { changes: { nodes: Array<{ id: string }> } }) =>
    data.changes.nodes.map((n) => n.id).filter((id) => id.startsWith('evt_matrix_'));
  beforeAll(async () => {
    const at = new Date('2020-01-01T00:00:00Z');
    const row = (eventId: string, unit: Unit | null) => ({
      eventId,
      type: EventType.APPRAISAL_SUBMITTED,
      occurredAt: at,
      subjectId: toGlobalId('Appraisal', 1),
      unitId: unit?.rowId ?? null,
      employeeId: null,
      payload: '{}',
      dedupeKey: null,
    });
    await app.db.manager
      .getRepository(OutboxEvent)
      .insert([row('evt_matrix_a1', org.a1), row('evt_matrix_b', org.b), row('evt_matrix_region', null)]);
  });

  eachActor({
    actors: ACTORS,
    outcome: (actor): string[] | 'FORBIDDEN' | 'UNAUTHENTICATED' => {
      if (actor === 'anonymous') return 'UNAUTHENTICATED';
      if (actor === 'integration' || actor === 'hrRegion')
        return ['evt_matrix_a1', 'evt_matrix_b', 'evt_matrix_region'];
      if (actor === 'hrOfA') return ['evt_matrix_a1'];
      if (actor === 'hrOfB') return ['evt_matrix_b'];
      return 'FORBIDDEN';
    },
    title: (actor, outcome) => `as ${actor}: ${Array.isArray(outcome) ? outcome.join(', ') : outcome}`,
    check: async (actor, outcome) => {
      const res = await app.gql<{ changes: { nodes: Array<{ id: string }> } }>(CHANGES, {}, tokens[actor]);
      if (outcome === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      if (outcome === 'FORBIDDEN') {
        expect(errorCodes(res)).toEqual(['FORBIDDEN']);
        expect(res.body.data ?? null).toBeNull();
        return;
      }
      expect(ours(expectAnswered(res))).toEqual(outcome);
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// HR administration: every mutation × every actor
// ---------------------------------------------------------------------------------------------------------------

/**
 * ALLOWED: done, no userErrors. FORBIDDEN / UNAUTHENTICATED: a GraphQL error. OUT_OF_SCOPE: the payload's
 * userErrors. ROW_OUT_OF_SCOPE: an import call that succeeds while its row FAILS with OUT_OF_SCOPE.
 */
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'OUT_OF_SCOPE' | 'ROW_OUT_OF_SCOPE';

type ActionName =
  | 'updateEmployee(self)'
  | 'updateEmployee(self) into unit B'
  | 'setSupervisor(self)'
  | 'setSupervisor(self) to someone in B'
  | 'createEmployee in A1 supervised from B'
  | 'importEmployees: a row putting self under someone in B'
  | 'deactivateEmployee(self)'
  | 'reactivateEmployee(retired, in A2)'
  | 'createEmployee in A1'
  | 'createUnit under A'
  | 'createUnit as a root'
  | 'updateUnit(A1)'
  | 'moveUnit(A1) under B'
  | 'moveUnit(A1) under A2, inside A'
  | 'createExternalOfficial'
  | 'updateExternalOfficial'
  | 'importEmployees: a row updating self'
  | 'importEmployees: a new employee in A1'
  | 'importUnits: a row updating A1'
  | 'importUnits: a new root unit';

/**
 * The policy for HR administration. Everyone not in the table (the six employees without a role, and the
 * analyst) is FORBIDDEN every mutation; an anonymous caller is UNAUTHENTICATED.
 */
const WRITE_POLICY: ReadonlyArray<
  [ActionName, { hrRegion: Outcome; hrOfA: Outcome; hrOfB: Outcome; integration: Outcome }]
> = [
  //                                             region-wide HR   HR of A               HR of B                  integration
  ['updateEmployee(self)', { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' }],
  [
    'updateEmployee(self) into unit B',
    { hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  ['setSupervisor(self)', { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' }],
  // Being above someone grants their personal fields: a scoped HR admin links only people they administer.
  [
    'setSupervisor(self) to someone in B',
    { hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  [
    'createEmployee in A1 supervised from B',
    { hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  [
    'importEmployees: a row putting self under someone in B',
    { hrRegion: 'ALLOWED', hrOfA: 'ROW_OUT_OF_SCOPE', hrOfB: 'ROW_OUT_OF_SCOPE', integration: 'ALLOWED' },
  ],
  [
    'deactivateEmployee(self)',
    { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  [
    'reactivateEmployee(retired, in A2)',
    { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  ['createEmployee in A1', { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' }],
  ['createUnit under A', { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' }],
  [
    'createUnit as a root',
    { hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  ['updateUnit(A1)', { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' }],
  [
    'moveUnit(A1) under B',
    { hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  [
    'moveUnit(A1) under A2, inside A',
    { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  [
    'createExternalOfficial',
    { hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  [
    'updateExternalOfficial',
    { hrRegion: 'ALLOWED', hrOfA: 'OUT_OF_SCOPE', hrOfB: 'OUT_OF_SCOPE', integration: 'FORBIDDEN' },
  ],
  [
    'importEmployees: a row updating self',
    { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'ROW_OUT_OF_SCOPE', integration: 'ALLOWED' },
  ],
  [
    'importEmployees: a new employee in A1',
    { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'ROW_OUT_OF_SCOPE', integration: 'ALLOWED' },
  ],
  [
    'importUnits: a row updating A1',
    { hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'ROW_OUT_OF_SCOPE', integration: 'ALLOWED' },
  ],
  [
    'importUnits: a new root unit',
    { hrRegion: 'ALLOWED', hrOfA: 'ROW_OUT_OF_SCOPE', hrOfB: 'ROW_OUT_OF_SCOPE', integration: 'ALLOWED' },
  ],
];

function outcomeFor(actor: ActorName, policy: (typeof WRITE_POLICY)[number][1]): Outcome {
  switch (actor) {
    case 'hrRegion':
    case 'hrOfA':
    case 'hrOfB':
    case 'integration':
      return policy[actor];
    case 'anonymous':
      return 'UNAUTHENTICATED';
    default:
      return 'FORBIDDEN';
  }
}

/** What a mutation acts on: the shared organisation for refused calls, fresh look-alikes for allowed ones. */
interface Targets {
  a: Unit;
  /** A unit inside A (A1 itself, or a fresh one below A1). */
  a1: Unit;
  /** Another unit inside A, not below `a1`. */
  a2: Unit;
  b: Unit;
  /** An employee of `a1` (self, or a fresh one). */
  self: Employee;
  /** An active employee inside A who does not supervise `self` yet. */
  newSupervisor: Employee;
  /** A deactivated employee inside A. */
  retired: Employee;
  /** An active employee of B. */
  inB: Employee;
  official: ExternalOfficial;
}

const sharedTargets = (): Targets => ({
  a: org.a,
  a1: org.a1,
  a2: org.a2,
  b: org.b,
  self: org.self,
  newSupervisor: org.top,
  retired: org.retired,
  inB: org.otherHead,
  official: org.bupati,
});

/** Fresh targets in the same places of the tree, so that an allowed write changes nothing another case reads. */
async function freshTargets(): Promise<Targets> {
  const fx = app.fixtures;
  const a1 = await fx.unit({ parent: org.a1, kind: UnitKind.SECTION });
  const a2 = await fx.unit({ parent: org.a, kind: UnitKind.DIVISION });
  const newSupervisor = await fx.employee({
    unit: a1,
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala Seksi',
  });
  const self = await fx.employee({ unit: a1 });
  const retired = await givenDeactivated(await fx.employee({ unit: a2 }));
  const official = await fx.official('Yohanis Matuan, S.Sos.', 'Wakil Bupati Matriks');
  const inB = await fx.employee({
    unit: org.b,
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala Seksi Kurikulum',
  });
  return { a: org.a, a1, a2, b: org.b, self, newSupervisor, retired, inB, official };
}

async function reload<T extends { rowId: number }>(entity: new () => T, id: number): Promise<T> {
  return app.db.manager.findOneByOrFail(entity, { rowId: id } as FindOptionsWhere<T>);
}

/** The version stored now, read from the database right before an update. */
const versionOf = async <T extends { rowId: number; version: number }>(
  entity: new () => T,
  id: number,
): Promise<number> => (await reload(entity, id)).version;

let codeSequence = 0;
const newUnitCode = () => `MX-NEW-${++codeSequence}`;

interface Payload {
  userErrors: Array<{ code: string; field: string[] | null }>;
  rows?: Array<{ status: string; errors: Array<{ code: string }> }> | null;
  [object: string]: unknown;
}

interface WriteAction {
  /** The mutation, with its payload aliased `result`. */
  document: string;
  /** The payload's field for the changed object; absent for imports. */
  object?: 'employee' | 'unit' | 'externalOfficial';
  input(t: Targets): Promise<Record<string, unknown>>;
  /** After an allowed call: the change is in the database. */
  verify(t: Targets, payload: Payload, input: Record<string, unknown>): Promise<void>;
}

const USER_ERRORS = 'userErrors { code field }';
const employeeMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { result: ${name}(input: $input) { employee { id } ${USER_ERRORS} } }`;
const unitMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { result: ${name}(input: $input) { unit { id } ${USER_ERRORS} } }`;
const officialMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { result: ${name}(input: $input) { externalOfficial { id } ${USER_ERRORS} } }`;
const importMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { result: ${name}(input: $input) { rows { status errors { code } } summary { failed } ${USER_ERRORS} } }`;

const employeeRow = (employee: { nip: string; name: string }, unit: Unit) => ({
  nip: employee.nip,
  name: employee.name,
  employmentType: 'PNS',
  grade: 'III/b',
  positionKind: PositionKind.FUNGSIONAL,
  positionTitle: 'Perawat Ahli Muda',
  unitCode: unit.code,
});

const expectRow = (payload: Payload, status: string) => expect(payload.rows).toEqual([{ status, errors: [] }]);

const WRITE_ACTIONS: Record<ActionName, WriteAction> = {
  'updateEmployee(self)': {
    document: employeeMutation('updateEmployee', 'UpdateEmployeeInput'),
    object: 'employee',
    input: async (t) => ({
      id: gid(t.self),
      expectedVersion: await versionOf(Employee, t.self.rowId),
      positionTitle: 'Perawat Ahli Madya',
    }),
    verify: async (t) => expect((await reload(Employee, t.self.rowId)).positionTitle).toBe('Perawat Ahli Madya'),
  },
  'updateEmployee(self) into unit B': {
    document: employeeMutation('updateEmployee', 'UpdateEmployeeInput'),
    object: 'employee',
    input: async (t) => ({
      id: gid(t.self),
      expectedVersion: await versionOf(Employee, t.self.rowId),
      unitId: gid(t.b),
    }),
    verify: async (t) => expect((await reload(Employee, t.self.rowId)).unitId).toBe(t.b.rowId),
  },
  'setSupervisor(self)': {
    document: employeeMutation('setSupervisor', 'SetSupervisorInput'),
    object: 'employee',
    input: async (t) => ({
      employeeId: gid(t.self),
      expectedVersion: await versionOf(Employee, t.self.rowId),
      supervisorId: gid(t.newSupervisor),
    }),
    verify: async (t) => expect((await reload(Employee, t.self.rowId)).supervisorId).toBe(t.newSupervisor.rowId),
  },
  'setSupervisor(self) to someone in B': {
    document: employeeMutation('setSupervisor', 'SetSupervisorInput'),
    object: 'employee',
    input: async (t) => ({
      employeeId: gid(t.self),
      expectedVersion: await versionOf(Employee, t.self.rowId),
      supervisorId: gid(t.inB),
    }),
    verify: async (t) => expect((await reload(Employee, t.self.rowId)).supervisorId).toBe(t.inB.rowId),
  },
  'createEmployee in A1 supervised from B': {
    document: employeeMutation('createEmployee', 'CreateEmployeeInput'),
    object: 'employee',
    input: async (t) => ({
      unitId: gid(t.a1),
      supervisorId: gid(t.inB),
      nip: app.fixtures.nip(),
      name: 'Debora Wantik',
      employmentType: 'PNS',
      grade: 'III/a',
      positionKind: PositionKind.FUNGSIONAL,
      positionTitle: 'Perawat Ahli Pertama',
    }),
    verify: async (t, _payload, input) =>
      expect((await app.db.manager.findOneByOrFail(Employee, { nip: input.nip as string })).supervisorId).toBe(
        t.inB.rowId,
      ),
  },
  'importEmployees: a row putting self under someone in B': {
    document: importMutation('importEmployees', 'ImportEmployeesInput'),
    input: async (t) => ({ rows: [{ ...employeeRow(t.self, t.a1), supervisorNip: t.inB.nip }] }),
    verify: async (t, payload) => {
      expectRow(payload, 'UPDATED');
      expect((await reload(Employee, t.self.rowId)).supervisorId).toBe(t.inB.rowId);
    },
  },
  'deactivateEmployee(self)': {
    document: employeeMutation('deactivateEmployee', 'DeactivateEmployeeInput'),
    object: 'employee',
    input: async (t) => ({ id: gid(t.self), expectedVersion: await versionOf(Employee, t.self.rowId) }),
    verify: async (t) => expect((await reload(Employee, t.self.rowId)).active).toBe(false),
  },
  'reactivateEmployee(retired, in A2)': {
    document: employeeMutation('reactivateEmployee', 'ReactivateEmployeeInput'),
    object: 'employee',
    input: async (t) => ({ id: gid(t.retired), expectedVersion: await versionOf(Employee, t.retired.rowId) }),
    verify: async (t) => expect((await reload(Employee, t.retired.rowId)).active).toBe(true),
  },
  'createEmployee in A1': {
    document: employeeMutation('createEmployee', 'CreateEmployeeInput'),
    object: 'employee',
    input: async (t) => ({
      unitId: gid(t.a1),
      nip: app.fixtures.nip(),
      name: 'Yakomina Kossay',
      employmentType: 'PNS',
      grade: 'III/a',
      positionKind: PositionKind.FUNGSIONAL,
      positionTitle: 'Perawat Ahli Pertama',
    }),
    verify: async (t, _payload, input) =>
      expect((await app.db.manager.findOneByOrFail(Employee, { nip: input.nip as string })).unitId).toBe(t.a1.rowId),
  },
  'createUnit under A': {
    document: unitMutation('createUnit', 'CreateUnitInput'),
    object: 'unit',
    input: async (t) => ({
      parentId: gid(t.a),
      code: newUnitCode(),
      name: 'UPTD Puskesmas Baru',
      kind: UnitKind.HEALTH_CENTRE,
    }),
    verify: async (t, _payload, input) =>
      expect((await app.db.manager.findOneByOrFail(Unit, { code: input.code as string })).parentId).toBe(t.a.rowId),
  },
  'createUnit as a root': {
    document: unitMutation('createUnit', 'CreateUnitInput'),
    object: 'unit',
    input: async () => ({ code: newUnitCode(), name: 'Sekretariat DPRD Matriks', kind: UnitKind.SECRETARIAT }),
    verify: async (_t, _payload, input) =>
      expect((await app.db.manager.findOneByOrFail(Unit, { code: input.code as string })).parentId).toBeNull(),
  },
  'updateUnit(A1)': {
    document: unitMutation('updateUnit', 'UpdateUnitInput'),
    object: 'unit',
    input: async (t) => ({
      id: gid(t.a1),
      expectedVersion: await versionOf(Unit, t.a1.rowId),
      name: 'Bidang Pelayanan Kesehatan',
    }),
    verify: async (t) => expect((await reload(Unit, t.a1.rowId)).name).toBe('Bidang Pelayanan Kesehatan'),
  },
  'moveUnit(A1) under B': {
    document: unitMutation('moveUnit', 'MoveUnitInput'),
    object: 'unit',
    input: async (t) => ({ id: gid(t.a1), expectedVersion: await versionOf(Unit, t.a1.rowId), parentId: gid(t.b) }),
    verify: async (t) => expect((await reload(Unit, t.a1.rowId)).parentId).toBe(t.b.rowId),
  },
  'moveUnit(A1) under A2, inside A': {
    document: unitMutation('moveUnit', 'MoveUnitInput'),
    object: 'unit',
    input: async (t) => ({ id: gid(t.a1), expectedVersion: await versionOf(Unit, t.a1.rowId), parentId: gid(t.a2) }),
    verify: async (t) => expect((await reload(Unit, t.a1.rowId)).parentId).toBe(t.a2.rowId),
  },
  createExternalOfficial: {
    document: officialMutation('createExternalOfficial', 'CreateExternalOfficialInput'),
    object: 'externalOfficial',
    input: async () => ({ name: `Ketua DPRD ${newUnitCode()}`, positionTitle: 'Ketua DPRD Matriks' }),
    verify: async (_t, _payload, input) =>
      expect(await app.db.manager.countBy(ExternalOfficial, { name: input.name as string })).toBe(1),
  },
  updateExternalOfficial: {
    document: officialMutation('updateExternalOfficial', 'UpdateExternalOfficialInput'),
    object: 'externalOfficial',
    input: async (t) => ({
      id: gid(t.official),
      expectedVersion: await versionOf(ExternalOfficial, t.official.rowId),
      positionTitle: 'Penjabat Bupati Matriks',
    }),
    verify: async (t) =>
      expect((await reload(ExternalOfficial, t.official.rowId)).positionTitle).toBe('Penjabat Bupati Matriks'),
  },
  'importEmployees: a row updating self': {
    document: importMutation('importEmployees', 'ImportEmployeesInput'),
    input: async (t) => ({ rows: [employeeRow(t.self, t.a1)] }),
    verify: async (t, payload) => {
      expectRow(payload, 'UPDATED');
      expect(await reload(Employee, t.self.rowId)).toMatchObject({
        grade: 'III/b',
        positionTitle: 'Perawat Ahli Muda',
        unitId: t.a1.rowId,
      });
    },
  },
  'importEmployees: a new employee in A1': {
    document: importMutation('importEmployees', 'ImportEmployeesInput'),
    input: async (t) => ({ rows: [employeeRow({ nip: app.fixtures.nip(), name: 'Agustina Yikwa' }, t.a1)] }),
    verify: async (t, payload, input) => {
      expectRow(payload, 'CREATED');
      const [row] = input.rows as Array<{ nip: string }>;
      expect((await app.db.manager.findOneByOrFail(Employee, { nip: row!.nip })).unitId).toBe(t.a1.rowId);
    },
  },
  'importUnits: a row updating A1': {
    document: importMutation('importUnits', 'ImportUnitsInput'),
    input: async (t) => ({ rows: [{ code: t.a1.code, name: 'Bidang Pelayanan Kesehatan', kind: t.a1.kind }] }),
    verify: async (t, payload) => {
      expectRow(payload, 'UPDATED');
      expect((await reload(Unit, t.a1.rowId)).name).toBe('Bidang Pelayanan Kesehatan');
    },
  },
  'importUnits: a new root unit': {
    document: importMutation('importUnits', 'ImportUnitsInput'),
    input: async () => ({
      rows: [{ code: newUnitCode(), name: 'Kantor Distrik Baru', kind: UnitKind.DISTRICT_OFFICE, parentCode: null }],
    }),
    verify: async (_t, payload, input) => {
      expectRow(payload, 'CREATED');
      const [row] = input.rows as Array<{ code: string }>;
      expect((await app.db.manager.findOneByOrFail(Unit, { code: row!.code })).parentId).toBeNull();
    },
  },
};

describe('HR administration of the organisation', () => {
  eachCase({
    actors: ACTORS,
    rows: WRITE_POLICY,
    outcome: (policy, actor) => outcomeFor(actor, policy),
    check: async ({ name, actor, outcome }) => {
      const write = WRITE_ACTIONS[name as ActionName];
      const targets = outcome === 'ALLOWED' ? await freshTargets() : sharedTargets();
      const input = await write.input(targets);
      const before = await app.fixtures.snapshot();
      const res = await app.gql<{ result: Payload | null }>(write.document, { input }, tokens[actor]);
      const after = await app.fixtures.snapshot();
      await expectWrite<Payload>(outcome, {
        res,
        root: 'result',
        object: write.object,
        before,
        after,
        verify: (payload) => write.verify(targets, payload, input),
        refusals: {
          // An import call that succeeds while its row FAILS with OUT_OF_SCOPE.
          ROW_OUT_OF_SCOPE: (payload) => {
            expect(payload.userErrors).toEqual([]);
            expect(payload.rows).toEqual([{ status: 'FAILED', errors: [{ code: 'OUT_OF_SCOPE' }] }]);
            expect(payload.summary).toEqual({ failed: 1 });
          },
        },
      });
    },
  });
});
