import { TestApp } from '../support/test-app';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';

/**
 * The two closure tables (`employee_closure`, `unit_closure`) after sequences of setSupervisor and moveUnit over
 * HTTP: they must equal what the parent columns (`employee.supervisor_id`, `unit.parent_id`) imply, computed here
 * by walking up; and every GraphQL path that reads the trees (`subordinates`, `viewer.team`, `unit.employees`)
 * must agree. Then the pagination of `subordinates` (Relay cursors, `docs/api.md`: Shape).
 */

interface Ref {
  id: string;
}

interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
}

interface Connection {
  totalCount: number;
  nodes: Ref[];
}

interface PageOut {
  totalCount: number;
  edges: Array<{ cursor: string; node: Ref }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

type Parents = Map<number, number | null>;

/** A closure row as a comparable string. */
const row = (ancestor: number, descendant: number, depth: number) => `${ancestor}>${descendant}@${depth}`;

/**
 * The closure rows a tree must have, from its parent column: every node with itself at depth 0, and with each
 * ancestor found by walking up. Throws on a cycle.
 */
function closureFromParents(parents: Parents): string[] {
  const rows: string[] = [];
  for (const id of parents.keys()) {
    let node: number | null = id;
    for (let depth = 0; node !== null; depth++) {
      if (depth > parents.size) throw new Error(`the parent column has a cycle through ${id}`);
      rows.push(row(node, id, depth));
      node = parents.get(node) ?? null;
    }
  }
  return rows.sort();
}

/** For each node: everyone below it (any depth) and its direct children, from the parent column. */
function descendantsFromParents(parents: Parents): Map<number, { all: Set<number>; direct: Set<number> }> {
  const result = new Map([...parents.keys()].map((id) => [id, { all: new Set<number>(), direct: new Set<number>() }]));
  for (const id of parents.keys()) {
    const parent = parents.get(id) ?? null;
    if (parent !== null) result.get(parent)?.direct.add(id);
    let node = parent;
    for (let steps = 0; node !== null; steps++) {
      if (steps > parents.size) throw new Error(`the parent column has a cycle through ${id}`);
      result.get(node)?.all.add(id);
      node = parents.get(node) ?? null;
    }
  }
  return result;
}

const PAGE_FIELDS =
  'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

describe('the supervisor and unit trees', () => {
  let app: TestApp;
  /** An integration portal with the HR_ADMIN role for the whole region (a client, not an employee). */
  let hrToken: string;

  const employeeId = (e: { rowId: number }) => toGlobalId('Employee', e.rowId);
  const unitId = (u: { rowId: number }) => toGlobalId('Unit', u.rowId);
  const byNumber = (a: number, b: number) => a - b;

  async function closureRows(table: 'employee_closure' | 'unit_closure'): Promise<string[]> {
    const rows: Array<{ ancestor_id: number | string; descendant_id: number | string; depth: number | string }> =
      await app.db.manager.query(`SELECT ancestor_id, descendant_id, depth FROM ${table}`);
    return rows.map((r) => row(Number(r.ancestor_id), Number(r.descendant_id), Number(r.depth))).sort();
  }

  async function parentsOf(table: 'employee' | 'unit'): Promise<Parents> {
    const column = table === 'employee' ? 'supervisor_id' : 'parent_id';
    const rows: Array<{ id: number | string; parent: number | string | null }> = await app.db.manager.query(
      `SELECT id, ${column} AS parent FROM ${table}`,
    );
    return new Map(rows.map((r) => [Number(r.id), r.parent === null ? null : Number(r.parent)]));
  }

  async function expectClosuresMatchParents(): Promise<void> {
    expect(await closureRows('employee_closure')).toEqual(closureFromParents(await parentsOf('employee')));
    expect(await closureRows('unit_closure')).toEqual(closureFromParents(await parentsOf('unit')));
  }

  async function versionOf(globalId: string): Promise<number> {
    const data = await app.data<{ node: { version: number } | null }>(
      'query ($id: ID!) { node(id: $id) { ... on Employee { version } ... on Unit { version } } }',
      { id: globalId },
      hrToken,
    );
    return data.node!.version;
  }

  async function mutation(
    name: 'setSupervisor' | 'moveUnit' | 'updateEmployee',
    input: Record<string, unknown>,
  ): Promise<UserErrorOut[]> {
    const type = {
      setSupervisor: 'SetSupervisorInput',
      moveUnit: 'MoveUnitInput',
      updateEmployee: 'UpdateEmployeeInput',
    }[name];
    const data = await app.data<Record<string, { userErrors: UserErrorOut[] }>>(
      `mutation ($input: ${type}!) { ${name}(input: $input) { userErrors { code field message } } }`,
      { input },
      hrToken,
    );
    return data[name]!.userErrors;
  }

  async function setSupervisor(
    employee: Employee,
    supervisor: Employee | null,
    external: ExternalOfficial | null = null,
  ): Promise<UserErrorOut[]> {
    const id = employeeId(employee);
    return mutation('setSupervisor', {
      employeeId: id,
      expectedVersion: await versionOf(id),
      supervisorId: supervisor ? employeeId(supervisor) : null,
      externalSupervisorId: external ? toGlobalId('ExternalOfficial', external.rowId) : null,
    });
  }

  async function moveUnit(unit: Unit, parent: Unit | null): Promise<UserErrorOut[]> {
    const id = unitId(unit);
    return mutation('moveUnit', { id, expectedVersion: await versionOf(id), parentId: parent ? unitId(parent) : null });
  }

  async function moveEmployee(employee: Employee, unit: Unit): Promise<UserErrorOut[]> {
    const id = employeeId(employee);
    return mutation('updateEmployee', { id, expectedVersion: await versionOf(id), unitId: unitId(unit) });
  }

  const ids = (connection: { nodes: Ref[] }) => connection.nodes.map((n) => n.id).sort();
  const globalIds = (set: Set<number>) =>
    [...set]
      .sort(byNumber)
      .map((id) => toGlobalId('Employee', id))
      .sort();

  /**
   * Every read path over the trees agrees with the parent columns: each employee's subordinates (ALL and
   * DIRECT), each supervisor's own `viewer.team`, each unit's employees with and without sub-units.
   */
  async function expectGraphQLAgreesWithParents(): Promise<void> {
    const below = descendantsFromParents(await parentsOf('employee'));
    const unitsBelow = descendantsFromParents(await parentsOf('unit'));
    const people: Array<{ id: number | string; nip: string; unit_id: number | string }> = await app.db.manager.query(
      'SELECT id, nip, unit_id FROM employee',
    );

    for (const person of people) {
      const id = Number(person.id);
      const expected = below.get(id)!;
      const data = await app.data<{ employee: { all: Connection; direct: Connection } }>(
        `query ($id: ID!) { employee(id: $id) {
          all: subordinates(depth: ALL, first: 100) { totalCount nodes { id } }
          direct: subordinates(first: 100) { totalCount nodes { id } }
        } }`,
        { id: toGlobalId('Employee', id) },
        hrToken,
      );
      expect({ id, all: ids(data.employee.all), direct: ids(data.employee.direct) }).toEqual({
        id,
        all: globalIds(expected.all),
        direct: globalIds(expected.direct),
      });
      expect(data.employee.all.totalCount).toBe(expected.all.size);
      expect(data.employee.direct.totalCount).toBe(expected.direct.size);

      if (expected.all.size > 0) {
        const own = await app.data<{ viewer: { all: Connection; direct: Connection } }>(
          '{ viewer { all: team(depth: ALL, first: 100) { totalCount nodes { id } } direct: team(first: 100) { totalCount nodes { id } } } }',
          {},
          await app.token(person.nip),
        );
        expect({ id, all: ids(own.viewer.all), direct: ids(own.viewer.direct) }).toEqual({
          id,
          all: globalIds(expected.all),
          direct: globalIds(expected.direct),
        });
        expect(own.viewer.all.totalCount).toBe(expected.all.size);
        expect(own.viewer.direct.totalCount).toBe(expected.direct.size);
      }
    }

    for (const [unit, { all: subunits }] of unitsBelow) {
      const within = new Set([unit, ...subunits]);
      const everyone = new Set(people.filter((p) => within.has(Number(p.unit_id))).map((p) => Number(p.id)));
      const own = new Set(people.filter((p) => Number(p.unit_id) === unit).map((p) => Number(p.id)));
      const data = await app.data<{ unit: { everyone: Connection; own: Connection }; employees: Connection }>(
        `query ($id: ID!) {
          unit(id: $id) {
            everyone: employees(includeSubunits: true, first: 100) { totalCount nodes { id } }
            own: employees(first: 100) { totalCount nodes { id } }
          }
          employees(filter: { unitId: $id, includeSubunits: true }, first: 100) { totalCount nodes { id } }
        }`,
        { id: toGlobalId('Unit', unit) },
        hrToken,
      );
      expect({ unit, everyone: ids(data.unit.everyone), own: ids(data.unit.own), list: ids(data.employees) }).toEqual({
        unit,
        everyone: globalIds(everyone),
        own: globalIds(own),
        list: globalIds(everyone),
      });
      expect(data.unit.everyone.totalCount).toBe(everyone.size);
      expect(data.unit.own.totalCount).toBe(own.size);
      expect(data.employees.totalCount).toBe(everyone.size);
    }
  }

  beforeAll(async () => {
    app = await TestApp.start();
    hrToken = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
  });
  afterAll(() => app?.stop());

  it('keeps both closure tables equal to the parent columns through a sequence of moves, and every read path agrees', async () => {
    const f = app.fixtures;
    const region = await f.unit({
      code: 'PEMKAB-JWY',
      name: 'Pemerintah Kabupaten Jayawijaya',
      kind: UnitKind.GOVERNMENT,
    });
    const dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY, parent: region });
    const pkm = await f.unit({
      code: 'PKM-WALESI',
      name: 'UPTD Puskesmas Walesi',
      kind: UnitKind.HEALTH_CENTRE,
      parent: dinkes,
    });
    // A unit subtree of depth 3 below x.
    const x = await f.unit({
      code: 'PKM-WALESI-UKM',
      name: 'Upaya Kesehatan Masyarakat',
      kind: UnitKind.DIVISION,
      parent: pkm,
    });
    const x1 = await f.unit({ code: 'PKM-WALESI-GIZI', name: 'Program Gizi', kind: UnitKind.SECTION, parent: x });
    const x2 = await f.unit({ code: 'PKM-WALESI-POSY', name: 'Posyandu', kind: UnitKind.OTHER, parent: x1 });
    const x3 = await f.unit({
      code: 'PKM-WALESI-POSY-1',
      name: 'Posyandu Kampung Walesi',
      kind: UnitKind.OTHER,
      parent: x2,
    });
    const distrik = await f.unit({
      code: 'DISTRIK-WALESI',
      name: 'Kantor Distrik Walesi',
      kind: UnitKind.DISTRICT_OFFICE,
      parent: region,
    });
    const seksi = await f.unit({
      code: 'DISTRIK-WALESI-PEM',
      name: 'Seksi Pemerintahan',
      kind: UnitKind.SECTION,
      parent: distrik,
    });
    const sekda = await f.unit({
      code: 'SETDA',
      name: 'Sekretariat Daerah',
      kind: UnitKind.SECRETARIAT,
      parent: region,
    });
    const bupati = await f.official();

    const kadis = await f.employee({
      unit: dinkes,
      externalSupervisor: bupati,
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
    });
    const kapkm = await f.employee({
      unit: pkm,
      supervisor: kadis,
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala Puskesmas',
    });
    // A supervisor subtree of depth 3 below a1.
    const a1 = await f.employee({ unit: x, supervisor: kapkm });
    const a2 = await f.employee({ unit: x1, supervisor: a1 });
    const a3 = await f.employee({ unit: x2, supervisor: a2 });
    const a3b = await f.employee({ unit: x2, supervisor: a2 });
    const a4 = await f.employee({ unit: x3, supervisor: a3 });
    const kadistrik = await f.employee({
      unit: distrik,
      externalSupervisor: bupati,
      positionKind: PositionKind.ADMINISTRATOR,
      positionTitle: 'Kepala Distrik',
    });
    const b1 = await f.employee({ unit: seksi, supervisor: kadistrik });
    const b2 = await f.employee({ unit: seksi, supervisor: b1 });
    const sekda1 = await f.employee({
      unit: sekda,
      externalSupervisor: bupati,
      positionKind: PositionKind.JPT,
      positionTitle: 'Sekretaris Daerah',
    });
    await expectClosuresMatchParents();

    // The depth-3 supervisor subtree under another branch, at depth 3 there.
    expect(await setSupervisor(a1, b2)).toEqual([]);
    await expectClosuresMatchParents();
    // The depth-3 unit subtree under another branch.
    expect(await moveUnit(x, seksi)).toEqual([]);
    await expectClosuresMatchParents();
    // a2 becomes a top official (no supervisor), then one appraised by the Bupati: a root of the tree either way.
    expect(await setSupervisor(a2, null)).toEqual([]);
    await expectClosuresMatchParents();
    expect(await setSupervisor(a2, null, bupati)).toEqual([]);
    await expectClosuresMatchParents();
    // The middle of the unit subtree to the top, and a whole agency under the district office.
    expect(await moveUnit(x1, null)).toEqual([]);
    await expectClosuresMatchParents();
    expect(await moveUnit(dinkes, distrik)).toEqual([]);
    await expectClosuresMatchParents();
    // A whole branch (kadistrik, b1, b2, a1) under the bottom of another (a4): a chain of depth 7.
    expect(await setSupervisor(kadistrik, a4)).toEqual([]);
    await expectClosuresMatchParents();
    expect(await setSupervisor(kadis, sekda1)).toEqual([]);
    await expectClosuresMatchParents();
    // A leaf back up a level, and an employee into another unit.
    expect(await setSupervisor(a3b, a1)).toEqual([]);
    expect(await moveEmployee(b2, x3)).toEqual([]);
    await expectClosuresMatchParents();

    // Refused cycles change nothing: b2 is now 5 levels below a2; x3 is below x1; pkm is below region.
    const before = { employees: await closureRows('employee_closure'), units: await closureRows('unit_closure') };
    expect((await setSupervisor(a2, b2)).map((e) => e.code)).toEqual(['CYCLE']);
    expect((await setSupervisor(a2, a1)).map((e) => e.code)).toEqual(['CYCLE']);
    expect((await moveUnit(x1, x3)).map((e) => e.code)).toEqual(['CYCLE']);
    expect((await moveUnit(region, pkm)).map((e) => e.code)).toEqual(['CYCLE']);
    expect({ employees: await closureRows('employee_closure'), units: await closureRows('unit_closure') }).toEqual(
      before,
    );
    await expectClosuresMatchParents();

    // Spot checks of the final shape, as a reader would see it.
    const chain = await app.data<{ employee: { all: Connection } }>(
      'query ($id: ID!) { employee(id: $id) { all: subordinates(depth: ALL, first: 100) { totalCount nodes { id } } } }',
      { id: employeeId(a2) },
      hrToken,
    );
    expect(ids(chain.employee.all)).toEqual([a3, a3b, a4, kadistrik, b1, b2, a1].map(employeeId).sort());
    expect(chain.employee.all.totalCount).toBe(7);

    await expectGraphQLAgreesWithParents();
  });

  it('keeps the closure tables right when a subtree moves back and forth', async () => {
    const f = app.fixtures;
    const left = await f.unit({ kind: UnitKind.AGENCY });
    const right = await f.unit({ kind: UnitKind.AGENCY });
    const top = await f.unit({ parent: left, kind: UnitKind.DIVISION });
    const mid = await f.unit({ parent: top, kind: UnitKind.SECTION });
    const low = await f.unit({ parent: mid, kind: UnitKind.OTHER });
    const boss = await f.employee({ unit: left });
    const other = await f.employee({ unit: right });
    const e1 = await f.employee({ unit: top, supervisor: boss });
    const e2 = await f.employee({ unit: mid, supervisor: e1 });
    await f.employee({ unit: low, supervisor: e2 });

    for (let round = 0; round < 3; round++) {
      expect(await moveUnit(top, right)).toEqual([]);
      expect(await setSupervisor(e1, other)).toEqual([]);
      await expectClosuresMatchParents();
      expect(await moveUnit(top, left)).toEqual([]);
      expect(await setSupervisor(e1, boss)).toEqual([]);
      await expectClosuresMatchParents();
    }
    // Moving to the parent it already has changes nothing (but still checks the version).
    expect(await moveUnit(top, left)).toEqual([]);
    expect(await setSupervisor(e1, boss)).toEqual([]);
    await expectClosuresMatchParents();
    await expectGraphQLAgreesWithParents();
  });

  describe('pagination of subordinates over 25 people', () => {
    let supervisor: Employee;
    let expected: string[];

    beforeAll(async () => {
      const unit = await app.fixtures.unit({ kind: UnitKind.SCHOOL });
      const built = await app.fixtures.supervisorWithTeam(unit, 25);
      supervisor = built.supervisor;
      // The default order: by name, then id.
      expected = [...built.team]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.rowId - b.rowId))
        .map((e) => employeeId(e));
    });

    async function page(args: Record<string, unknown>): Promise<PageOut> {
      const data = await app.data<{ employee: { subordinates: PageOut } }>(
        `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $orderBy: EmployeeOrder) {
          employee(id: $id) { subordinates(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) { ${PAGE_FIELDS} } }
        }`,
        { id: employeeId(supervisor), ...args },
        hrToken,
      );
      return data.employee.subordinates;
    }

    const pageIds = (p: PageOut) => p.edges.map((e) => e.node.id);

    function expectPage(p: PageOut, slice: [number, number], hasPreviousPage: boolean, hasNextPage: boolean): void {
      expect(pageIds(p)).toEqual(expected.slice(...slice));
      expect(p.totalCount).toBe(25);
      expect(p.pageInfo).toEqual({
        hasPreviousPage,
        hasNextPage,
        startCursor: p.edges[0]!.cursor,
        endCursor: p.edges[p.edges.length - 1]!.cursor,
      });
    }

    it('forwards with first/after', async () => {
      const p1 = await page({ first: 10 });
      expectPage(p1, [0, 10], false, true);
      const p2 = await page({ first: 10, after: p1.pageInfo.endCursor });
      expectPage(p2, [10, 20], true, true);
      const p3 = await page({ first: 10, after: p2.pageInfo.endCursor });
      expectPage(p3, [20, 25], true, false);
      expect(new Set([...pageIds(p1), ...pageIds(p2), ...pageIds(p3)]).size).toBe(25);
    });

    it('backwards with last/before', async () => {
      const q1 = await page({ last: 10 });
      expectPage(q1, [15, 25], true, false);
      const q2 = await page({ last: 10, before: q1.pageInfo.startCursor });
      expectPage(q2, [5, 15], true, true);
      const q3 = await page({ last: 10, before: q2.pageInfo.startCursor });
      expectPage(q3, [0, 5], false, true);
    });

    it('by default 20, at most 100, between two cursors, and in descending order', async () => {
      expectPage(await page({}), [0, 20], false, true);
      expectPage(await page({ first: 100 }), [0, 25], false, false);
      expectPage(await page({ last: 100 }), [0, 25], false, false);
      const first = await page({ first: 5 });
      const last = await page({ last: 5 });
      const between = await page({ first: 100, after: first.pageInfo.endCursor, before: last.pageInfo.startCursor });
      expect(pageIds(between)).toEqual(expected.slice(5, 20));
      const descending = await page({ first: 25, orderBy: { field: 'NAME', direction: 'DESC' } });
      expect(pageIds(descending)).toEqual([...expected].reverse());
      const descendingRest = await page({
        first: 10,
        after: descending.edges[14]!.cursor,
        orderBy: { field: 'NAME', direction: 'DESC' },
      });
      expect(pageIds(descendingRest)).toEqual([...expected].reverse().slice(15, 25));
    });

    it('gives the same pages through viewer.team as through subordinates', async () => {
      const token = await app.token(supervisor.nip);
      const team = async (args: Record<string, unknown>) =>
        (
          await app.data<{ viewer: { team: PageOut } }>(
            `query ($first: Int, $after: String) { viewer { team(first: $first, after: $after) { ${PAGE_FIELDS} } } }`,
            args,
            token,
          )
        ).viewer.team;
      const t1 = await team({ first: 10 });
      expect(t1).toEqual(await page({ first: 10 }));
      const t2 = await team({ first: 10, after: t1.pageInfo.endCursor });
      expectPage(t2, [10, 20], true, true);
    });

    it.each([
      ['first: 101', { first: 101 }],
      ['last: 101', { last: 101 }],
      ['first: -1', { first: -1 }],
      ['both first and last', { first: 10, last: 10 }],
      ['a cursor not from this list', { first: 10, after: 'not-a-cursor' }],
    ])('refuses %s with BAD_USER_INPUT', async (_case, args) => {
      const response = await app.gql<{ employee: unknown }>(
        `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
          employee(id: $id) { subordinates(first: $first, after: $after, last: $last, before: $before) { totalCount nodes { id } } }
        }`,
        { id: employeeId(supervisor), ...args },
        hrToken,
      );
      expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors?.[0]?.message).not.toMatch(/SELECT|\/work\/|\.ts:\d+/);
      expect(response.body.data?.employee ?? null).toBeNull();
    });

    it('refuses first: 101 on viewer.team and the root employees list too', async () => {
      const token = await app.token(supervisor.nip);
      const team = await app.gql('{ viewer { team(first: 101) { totalCount } } }', {}, token);
      expect(team.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      const list = await app.gql('{ employees(first: 101) { totalCount } }', {}, hrToken);
      expect(list.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });
  });
});
