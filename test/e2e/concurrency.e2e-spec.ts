import { TestApp } from '../support/test-app';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { Gender, PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';

/**
 * No lost update (`docs/reliability.md` item 2): many mutations of the same record at once over real HTTP, all with the
 * same `expectedVersion`: exactly one wins, every other one gets CONFLICT with the current version, the stored
 * version rises by one, and the audit table holds exactly one entry. Then check-then-act races between
 * mutations of different records that together would break a tree or a unit's head.
 */

interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
  currentVersion: number | null;
}

interface Outcome {
  index: number;
  requestId: string;
  userErrors: UserErrorOut[];
  /** GraphQL errors (never expected here: each would be an INTERNAL_SERVER_ERROR or worse). */
  errors: Array<{ message: string; code?: string }>;
}

interface AuditRow {
  action: string;
  request_id: string | null;
  before: string | null;
  after: string | null;
}

const INPUT_TYPES = {
  updateEmployee: 'UpdateEmployeeInput',
  setSupervisor: 'SetSupervisorInput',
  deactivateEmployee: 'DeactivateEmployeeInput',
  createEmployee: 'CreateEmployeeInput',
  updateUnit: 'UpdateUnitInput',
  moveUnit: 'MoveUnitInput',
  createUnit: 'CreateUnitInput',
} as const;

type MutationName = keyof typeof INPUT_TYPES;

const N = 50;

type Parents = Map<number, number | null>;
const row = (ancestor: number, descendant: number, depth: number) => `${ancestor}>${descendant}@${depth}`;

/** The closure rows a tree must have, from its parent column, by walking up. Throws on a cycle. */
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

describe('concurrent mutations over HTTP', () => {
  let app: TestApp;
  let hrToken: string;
  let nipSequence = 0;

  const employeeId = (e: { rowId: number }) => toGlobalId('Employee', e.rowId);
  const unitId = (u: { rowId: number }) => toGlobalId('Unit', u.rowId);

  async function run(name: MutationName, input: Record<string, unknown>, index = 0): Promise<Outcome> {
    const response = await app.gql<Record<string, { userErrors: UserErrorOut[] }>>(
      `mutation ($input: ${INPUT_TYPES[name]}!) { ${name}(input: $input) { userErrors { code field message currentVersion } } }`,
      { input },
      hrToken,
    );
    return {
      index,
      requestId: response.headers.get('x-request-id')!,
      userErrors: response.body.data?.[name]?.userErrors ?? [],
      errors: (response.body.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code })),
    };
  }

  /** Sends every input at once (real concurrent HTTP requests) and waits for all the answers. */
  const all = (name: MutationName, inputs: Array<Record<string, unknown>>) =>
    Promise.all(inputs.map((input, index) => run(name, input, index)));

  /** Winners, CONFLICTs (with their current versions), and anything else, in a shape that prints well on failure. */
  function tally(outcomes: Outcome[]) {
    const winners = outcomes.filter((o) => o.errors.length === 0 && o.userErrors.length === 0);
    const conflicts = outcomes.filter(
      (o) => o.errors.length === 0 && o.userErrors.length === 1 && o.userErrors[0]!.code === 'CONFLICT',
    );
    const other = outcomes
      .filter((o) => !winners.includes(o) && !conflicts.includes(o))
      .map((o) => ({ userErrors: o.userErrors, errors: o.errors }));
    return {
      winners,
      conflicts,
      summary: {
        winners: winners.length,
        conflicts: conflicts.length,
        conflictVersions: [...new Set(conflicts.map((o) => o.userErrors[0]!.currentVersion))],
        conflictFields: [...new Set(conflicts.map((o) => JSON.stringify(o.userErrors[0]!.field)))],
        other,
      },
    };
  }

  async function auditOf(entityType: string, entityId: number, action?: string): Promise<AuditRow[]> {
    const rows: AuditRow[] = await app.db.manager.query(
      'SELECT * FROM audit_entry WHERE entity_type = ? AND entity_id = ? ORDER BY id',
      [entityType, entityId],
    );
    return action === undefined ? rows : rows.filter((r) => r.action === action);
  }

  async function stored(table: 'employee' | 'unit', id: number): Promise<Record<string, unknown>> {
    const rows: Array<Record<string, unknown>> = await app.db.manager.query(`SELECT * FROM ${table} WHERE id = ?`, [
      id,
    ]);
    return rows[0]!;
  }

  async function parentsOf(table: 'employee' | 'unit'): Promise<Parents> {
    const column = table === 'employee' ? 'supervisor_id' : 'parent_id';
    const rows: Array<{ id: number | string; parent: number | string | null }> = await app.db.manager.query(
      `SELECT id, ${column} AS parent FROM ${table}`,
    );
    return new Map(rows.map((r) => [Number(r.id), r.parent === null ? null : Number(r.parent)]));
  }

  async function closureRows(table: 'employee_closure' | 'unit_closure'): Promise<string[]> {
    const rows: Array<{ ancestor_id: number | string; descendant_id: number | string; depth: number | string }> =
      await app.db.manager.query(`SELECT ancestor_id, descendant_id, depth FROM ${table}`);
    return rows.map((r) => row(Number(r.ancestor_id), Number(r.descendant_id), Number(r.depth))).sort();
  }

  async function expectClosuresMatchParents(): Promise<void> {
    expect(await closureRows('employee_closure')).toEqual(closureFromParents(await parentsOf('employee')));
    expect(await closureRows('unit_closure')).toEqual(closureFromParents(await parentsOf('unit')));
  }

  beforeAll(async () => {
    app = await TestApp.start();
    const bkpsdm = await app.fixtures.unit({
      code: 'BKPSDM',
      name: 'BKPSDM Kabupaten Jayawijaya',
      kind: UnitKind.AGENCY,
    });
    const hr = await app.fixtures.employee({
      unit: bkpsdm,
      positionKind: PositionKind.PELAKSANA,
      positionTitle: 'Analis SDM Aparatur',
    });
    hrToken = await app.token(hr.nip, { roles: [Role.HR_ADMIN] });
  });
  afterAll(() => app?.stop());

  describe(`${N} concurrent changes of one record with the same expectedVersion`, () => {
    it('updateEmployee: one wins, the others get CONFLICT, the version rises by one, one audit entry', async () => {
      const unit = await app.fixtures.unit();
      const employee = await app.fixtures.employee({ unit });
      const names = Array.from({ length: N }, (_, i) => `Nama Serentak ${String(i).padStart(2, '0')}`);

      const outcomes = await all(
        'updateEmployee',
        names.map((name) => ({ id: employeeId(employee), expectedVersion: 1, name })),
      );

      const { winners, summary } = tally(outcomes);
      expect(summary).toEqual({
        winners: 1,
        conflicts: N - 1,
        conflictVersions: [2],
        conflictFields: ['["input","expectedVersion"]'],
        other: [],
      });
      const winnerName = names[winners[0]!.index]!;
      const row = await stored('employee', employee.rowId);
      expect({ version: Number(row.version), name: row.name }).toEqual({ version: 2, name: winnerName });
      const reread = await app.data<{ employee: { name: string; version: number } }>(
        'query ($id: ID!) { employee(id: $id) { name version } }',
        { id: employeeId(employee) },
        hrToken,
      );
      expect(reread.employee).toEqual({ name: winnerName, version: 2 });

      const audit = await auditOf('Employee', employee.rowId, 'EMPLOYEE_UPDATED');
      expect(audit).toHaveLength(1);
      expect(audit[0]!.request_id).toBe(winners[0]!.requestId);
      expect(JSON.parse(audit[0]!.after!)).toMatchObject({ name: winnerName, version: 2 });
      expect(JSON.parse(audit[0]!.before!)).toMatchObject({ name: employee.name, version: 1 });
    });

    it('setSupervisor with different supervisors: one wins, the others get CONFLICT, the tree has the winner only', async () => {
      const unit = await app.fixtures.unit();
      const supervisors: Employee[] = [];
      for (let i = 0; i < N; i++)
        supervisors.push(await app.fixtures.employee({ unit, positionKind: PositionKind.PENGAWAS }));
      // The employee brings two levels of their own team along, so that each move re-hangs a subtree.
      const { supervisor: employee, team } = await app.fixtures.supervisorWithTeam(unit, 2);
      await app.fixtures.employee({ unit, supervisor: team[0]! });

      const outcomes = await all(
        'setSupervisor',
        supervisors.map((s) => ({ employeeId: employeeId(employee), expectedVersion: 1, supervisorId: employeeId(s) })),
      );

      const { winners, summary } = tally(outcomes);
      expect(summary).toEqual({
        winners: 1,
        conflicts: N - 1,
        conflictVersions: [2],
        conflictFields: ['["input","expectedVersion"]'],
        other: [],
      });
      const chosen = supervisors[winners[0]!.index]!;
      const row = await stored('employee', employee.rowId);
      expect({ version: Number(row.version), supervisorId: Number(row.supervisor_id) }).toEqual({
        version: 2,
        supervisorId: chosen.rowId,
      });
      const above: Array<{ ancestor_id: number | string; depth: number | string }> = await app.db.manager.query(
        'SELECT ancestor_id, depth FROM employee_closure WHERE descendant_id = ? AND depth > 0',
        [employee.rowId],
      );
      expect(above.map((r) => [Number(r.ancestor_id), Number(r.depth)])).toEqual([[chosen.rowId, 1]]);
      await expectClosuresMatchParents();
      const reread = await app.data<{ employee: { supervisor: { id: string }; version: number } }>(
        'query ($id: ID!) { employee(id: $id) { supervisor { id } version } }',
        { id: employeeId(employee) },
        hrToken,
      );
      expect(reread.employee).toEqual({ supervisor: { id: employeeId(chosen) }, version: 2 });

      const audit = await auditOf('Employee', employee.rowId, 'EMPLOYEE_SUPERVISOR_SET');
      expect(audit).toHaveLength(1);
      expect(audit[0]!.request_id).toBe(winners[0]!.requestId);
      expect(JSON.parse(audit[0]!.after!)).toMatchObject({ supervisorId: chosen.rowId, version: 2 });
    });

    it('updateUnit: one wins, the others get CONFLICT, the version rises by one, one audit entry', async () => {
      const unit = await app.fixtures.unit();
      const names = Array.from({ length: N }, (_, i) => `Unit Serentak ${String(i).padStart(2, '0')}`);

      const outcomes = await all(
        'updateUnit',
        names.map((name) => ({ id: unitId(unit), expectedVersion: 1, name })),
      );

      const { winners, summary } = tally(outcomes);
      expect(summary).toEqual({
        winners: 1,
        conflicts: N - 1,
        conflictVersions: [2],
        conflictFields: ['["input","expectedVersion"]'],
        other: [],
      });
      const winnerName = names[winners[0]!.index]!;
      const row = await stored('unit', unit.rowId);
      expect({ version: Number(row.version), name: row.name }).toEqual({ version: 2, name: winnerName });
      const reread = await app.data<{ unit: { name: string; version: number } }>(
        'query ($id: ID!) { unit(id: $id) { name version } }',
        { id: unitId(unit) },
        hrToken,
      );
      expect(reread.unit).toEqual({ name: winnerName, version: 2 });

      const audit = await auditOf('Unit', unit.rowId, 'UNIT_UPDATED');
      expect(audit).toHaveLength(1);
      expect(audit[0]!.request_id).toBe(winners[0]!.requestId);
      expect(JSON.parse(audit[0]!.after!)).toMatchObject({ name: winnerName, version: 2 });
    });

    it('moveUnit under different parents: one wins, the others get CONFLICT, the unit tree stays right', async () => {
      const parents: Unit[] = [];
      for (let i = 0; i < N; i++) parents.push(await app.fixtures.unit({ kind: UnitKind.AGENCY }));
      const unit = await app.fixtures.unit({ kind: UnitKind.DIVISION });
      const child = await app.fixtures.unit({ parent: unit, kind: UnitKind.SECTION });
      await app.fixtures.unit({ parent: child, kind: UnitKind.OTHER });

      const outcomes = await all(
        'moveUnit',
        parents.map((p) => ({ id: unitId(unit), expectedVersion: 1, parentId: unitId(p) })),
      );

      const { winners, summary } = tally(outcomes);
      expect(summary).toEqual({
        winners: 1,
        conflicts: N - 1,
        conflictVersions: [2],
        conflictFields: ['["input","expectedVersion"]'],
        other: [],
      });
      const chosen = parents[winners[0]!.index]!;
      const row = await stored('unit', unit.rowId);
      expect({ version: Number(row.version), parentId: Number(row.parent_id) }).toEqual({
        version: 2,
        parentId: chosen.rowId,
      });
      await expectClosuresMatchParents();
      const audit = await auditOf('Unit', unit.rowId, 'UNIT_MOVED');
      expect(audit).toHaveLength(1);
      expect(audit[0]!.request_id).toBe(winners[0]!.requestId);
    });

    it('deactivateEmployee: one wins, every other one is refused, one audit entry', async () => {
      const unit = await app.fixtures.unit();
      const employee = await app.fixtures.employee({ unit });

      const outcomes = await all(
        'deactivateEmployee',
        Array.from({ length: N }, () => ({ id: employeeId(employee), expectedVersion: 1 })),
      );

      const winners = outcomes.filter((o) => o.errors.length === 0 && o.userErrors.length === 0);
      expect(winners).toHaveLength(1);
      // A loser that read the record after the winner committed sees it already deactivated: INVALID_STATE is as
      // right as CONFLICT. Nothing else is.
      const refusals = outcomes
        .filter((o) => o !== winners[0])
        .map((o) => ({ errors: o.errors, codes: o.userErrors.map((e) => e.code) }));
      for (const refusal of refusals)
        expect([
          { errors: [], codes: ['CONFLICT'] },
          { errors: [], codes: ['INVALID_STATE'] },
        ]).toContainEqual(refusal);
      const row = await stored('employee', employee.rowId);
      expect({ version: Number(row.version), active: Boolean(Number(row.active)) }).toEqual({
        version: 2,
        active: false,
      });
      const audit = await auditOf('Employee', employee.rowId);
      expect(audit.map((a) => a.action)).toEqual(['EMPLOYEE_CREATED', 'EMPLOYEE_DEACTIVATED']);
      expect(audit[1]!.request_id).toBe(winners[0]!.requestId);
    });
  });

  describe('concurrent inserts of the same natural key', () => {
    it('createEmployee with one NIP 20 times at once: one employee, 19 DUPLICATE', async () => {
      const unit = await app.fixtures.unit();
      const nip = `19640512199003${'1'}${String(++nipSequence).padStart(3, '0')}`;
      const outcomes = await all(
        'createEmployee',
        Array.from({ length: 20 }, (_, i) => ({
          nip,
          name: `Pegawai Kembar ${i}`,
          employmentType: 'PNS',
          grade: 'III/a',
          gender: Gender.MALE,
          positionTitle: 'Pengadministrasi Umum',
          positionKind: PositionKind.PELAKSANA,
          unitId: unitId(unit),
        })),
      );
      const winners = outcomes.filter((o) => o.errors.length === 0 && o.userErrors.length === 0);
      const refusals = outcomes
        .filter((o) => o !== winners[0])
        .map((o) => ({ errors: o.errors, userErrors: o.userErrors.map((e) => ({ code: e.code, field: e.field })) }));
      expect(winners).toHaveLength(1);
      expect(refusals).toEqual(
        Array.from({ length: 19 }, () => ({
          errors: [],
          userErrors: [{ code: 'DUPLICATE', field: ['input', 'nip'] }],
        })),
      );
      const rows: Array<{ id: number | string }> = await app.db.manager.query('SELECT id FROM employee WHERE nip = ?', [
        nip,
      ]);
      expect(rows).toHaveLength(1);
      const audit = await auditOf('Employee', Number(rows[0]!.id));
      expect(audit.map((a) => [a.action, a.request_id])).toEqual([['EMPLOYEE_CREATED', winners[0]!.requestId]]);
      await expectClosuresMatchParents();
    });

    it('createUnit with one code 20 times at once: one unit, 19 DUPLICATE', async () => {
      const outcomes = await all(
        'createUnit',
        Array.from({ length: 20 }, (_, i) => ({
          code: 'SD-YPPK-WALESI',
          name: `SD YPPK Walesi ${i}`,
          kind: UnitKind.SCHOOL,
        })),
      );
      const winners = outcomes.filter((o) => o.errors.length === 0 && o.userErrors.length === 0);
      const refusals = outcomes
        .filter((o) => o !== winners[0])
        .map((o) => ({ errors: o.errors, userErrors: o.userErrors.map((e) => ({ code: e.code, field: e.field })) }));
      expect(winners).toHaveLength(1);
      expect(refusals).toEqual(
        Array.from({ length: 19 }, () => ({
          errors: [],
          userErrors: [{ code: 'DUPLICATE', field: ['input', 'code'] }],
        })),
      );
      const rows: Array<{ id: number | string }> = await app.db.manager.query(
        "SELECT id FROM unit WHERE code = 'SD-YPPK-WALESI'",
      );
      expect(rows).toHaveLength(1);
      expect((await auditOf('Unit', Number(rows[0]!.id))).map((a) => a.request_id)).toEqual([winners[0]!.requestId]);
      await expectClosuresMatchParents();
    });
  });

  describe('races between changes of different records (each with its right version)', () => {
    const PAIRS = 10;
    const codesOf = (o: Outcome) =>
      o.errors.length ? o.errors.map((e) => e.code ?? 'NO_CODE') : o.userErrors.map((e) => e.code);
    const succeeded = (o: Outcome) => o.errors.length === 0 && o.userErrors.length === 0;

    /** Never both of a crossed pair: that would be a loop in the tree. */
    function expectCycleRaceOutcomes(outcomes: Outcome[][]): void {
      expect(outcomes.filter((pair) => pair.every(succeeded)).length).toBe(0);
    }

    /** Each crossed pair: one is set, the other refused as a cycle (a typed userError, not a server error). */
    function expectCycleRaceCodes(outcomes: Outcome[][]): void {
      const perPair = outcomes.map((pair) => pair.map(codesOf).sort());
      expect(perPair).toEqual(Array.from({ length: PAIRS }, () => [['CYCLE'], []].sort()));
    }

    it('A under B and B under A at the same moment: never both, the tree stays a tree', async () => {
      const unit = await app.fixtures.unit();
      const pairs: Array<[Employee, Employee]> = [];
      for (let i = 0; i < PAIRS; i++)
        pairs.push([await app.fixtures.employee({ unit }), await app.fixtures.employee({ unit })]);

      const outcomes = await Promise.all(
        pairs.map(([a, b]) =>
          Promise.all([
            run('setSupervisor', { employeeId: employeeId(a), expectedVersion: 1, supervisorId: employeeId(b) }),
            run('setSupervisor', { employeeId: employeeId(b), expectedVersion: 1, supervisorId: employeeId(a) }),
          ]),
        ),
      );

      expectCycleRaceOutcomes(outcomes);
      await expectClosuresMatchParents();
      expectCycleRaceCodes(outcomes);
    });

    it('unit A under B and B under A at the same moment: never both, the tree stays a tree', async () => {
      const pairs: Array<[Unit, Unit]> = [];
      for (let i = 0; i < PAIRS; i++) pairs.push([await app.fixtures.unit(), await app.fixtures.unit()]);

      const outcomes = await Promise.all(
        pairs.map(([a, b]) =>
          Promise.all([
            run('moveUnit', { id: unitId(a), expectedVersion: 1, parentId: unitId(b) }),
            run('moveUnit', { id: unitId(b), expectedVersion: 1, parentId: unitId(a) }),
          ]),
        ),
      );

      expectCycleRaceOutcomes(outcomes);
      await expectClosuresMatchParents();
      expectCycleRaceCodes(outcomes);
    });

    it('making someone head of a unit while moving them out of it: a head always works in the unit they head', async () => {
      const home = await app.fixtures.unit();
      const elsewhere = await app.fixtures.unit();
      const candidates: Employee[] = [];
      const units: Unit[] = [];
      for (let i = 0; i < PAIRS; i++) {
        const unit = await app.fixtures.unit({ parent: home });
        units.push(unit);
        candidates.push(await app.fixtures.employee({ unit }));
      }

      const outcomes = await Promise.all(
        candidates.map((candidate, i) =>
          Promise.all([
            run('updateUnit', { id: unitId(units[i]!), expectedVersion: 1, headId: employeeId(candidate) }),
            run('updateEmployee', { id: employeeId(candidate), expectedVersion: 1, unitId: unitId(elsewhere) }),
          ]),
        ),
      );

      const heads: Array<{ unit: number | string; head: number | string | null; headUnit: number | string | null }> =
        await app.db.manager.query(
          'SELECT u.id AS unit, u.head_id AS head, e.unit_id AS headUnit FROM unit u LEFT JOIN employee e ON e.id = u.head_id WHERE u.head_id IS NOT NULL',
        );
      const misplaced = heads
        .filter((h) => Number(h.headUnit) !== Number(h.unit))
        .map((h) => ({ unit: Number(h.unit), head: Number(h.head), worksIn: Number(h.headUnit) }));
      // One of each pair wins; the other is refused (HEAD_NOT_IN_UNIT: INVALID, or HEAD_CANNOT_MOVE: INVALID_STATE).
      expect({ misplaced, bothSucceeded: outcomes.filter((pair) => pair.every(succeeded)).length }).toEqual({
        misplaced: [],
        bothSucceeded: 0,
      });
      for (const pair of outcomes)
        expect([
          [[], ['INVALID_STATE']],
          [['INVALID'], []],
        ]).toContainEqual(pair.map(codesOf));
    });

    it('making someone head of a unit while deactivating them: a head is always active', async () => {
      const unit = await app.fixtures.unit();
      const units: Unit[] = [];
      const candidates: Employee[] = [];
      for (let i = 0; i < PAIRS; i++) {
        const sub = await app.fixtures.unit({ parent: unit });
        units.push(sub);
        candidates.push(await app.fixtures.employee({ unit: sub }));
      }

      const outcomes = await Promise.all(
        candidates.map((candidate, i) =>
          Promise.all([
            run('updateUnit', { id: unitId(units[i]!), expectedVersion: 1, headId: employeeId(candidate) }),
            run('deactivateEmployee', { id: employeeId(candidate), expectedVersion: 1 }),
          ]),
        ),
      );

      const inactiveHeads: Array<{ unit: number | string; head: number | string }> = await app.db.manager.query(
        'SELECT u.id AS unit, u.head_id AS head FROM unit u JOIN employee e ON e.id = u.head_id WHERE e.active = ?',
        [false],
      );
      expect({
        inactiveHeads: inactiveHeads.map((h) => ({ unit: Number(h.unit), head: Number(h.head) })),
        bothSucceeded: outcomes.filter((pair) => pair.every(succeeded)).length,
      }).toEqual({ inactiveHeads: [], bothSucceeded: 0 });
      // One of each pair wins; the other is refused (HEAD_INACTIVE: INVALID, or HEAD_CANNOT_DEACTIVATE: INVALID_STATE).
      for (const pair of outcomes)
        expect([
          [[], ['INVALID_STATE']],
          [['INVALID'], []],
        ]).toContainEqual(pair.map(codesOf));
    });
  });
});
