import { TestApp } from '../support/test-app';
import { Role } from '../../src/core/auth/role';
import { fromGlobalId, toGlobalId } from '../../src/core/graphql/global-id';
import { EmploymentType, Gender, PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';

/**
 * The organisation mutations over real HTTP, as a region-wide HR admin (an employee of BKPSDM with the HR_ADMIN
 * role): each happy path checks the payload, a re-read through GraphQL and exactly one audit row written by the
 * same request; each refusal checks a `userErrors` entry with a stable code and field, and an unchanged database
 * (`docs/reliability.md` items 2, 3 and 7; `docs/api.md`, Mutations).
 */

interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
  currentVersion: number | null;
}

interface Ref {
  id: string;
}

interface UnitOut {
  id: string;
  code: string;
  name: string;
  kind: string;
  version: number;
  parent: Ref | null;
  head: Ref | null;
}

interface EmployeeOut {
  id: string;
  nip: string | null;
  name: string;
  titlePrefix: string | null;
  titleSuffix: string | null;
  displayName: string;
  employmentType: string;
  grade: string | null;
  gender: string | null;
  positionTitle: string;
  positionKind: string;
  email: string | null;
  active: boolean;
  version: number;
  unit: Ref | null;
  supervisor: Ref | null;
  externalSupervisor: Ref | null;
}

interface OfficialOut {
  id: string;
  name: string;
  positionTitle: string;
  active: boolean;
  version: number;
}

interface AuditRow {
  id: number | string;
  actor_kind: string;
  actor_employee_id: number | string | null;
  actor_subject: string;
  action: string;
  entity_type: string;
  entity_id: number | string;
  before: string | null;
  after: string | null;
  request_id: string | null;
}

const UNIT_FIELDS = 'id code name kind version parent { id } head { id }';
const EMPLOYEE_FIELDS =
  'id nip name titlePrefix titleSuffix displayName employmentType grade gender positionTitle positionKind email active version ' +
  'unit { id } supervisor { id } externalSupervisor { id }';
const OFFICIAL_FIELDS = 'id name positionTitle active version';

const MUTATIONS = {
  createUnit: { input: 'CreateUnitInput', key: 'unit', fields: UNIT_FIELDS },
  updateUnit: { input: 'UpdateUnitInput', key: 'unit', fields: UNIT_FIELDS },
  moveUnit: { input: 'MoveUnitInput', key: 'unit', fields: UNIT_FIELDS },
  createEmployee: { input: 'CreateEmployeeInput', key: 'employee', fields: EMPLOYEE_FIELDS },
  updateEmployee: { input: 'UpdateEmployeeInput', key: 'employee', fields: EMPLOYEE_FIELDS },
  setSupervisor: { input: 'SetSupervisorInput', key: 'employee', fields: EMPLOYEE_FIELDS },
  deactivateEmployee: { input: 'DeactivateEmployeeInput', key: 'employee', fields: EMPLOYEE_FIELDS },
  reactivateEmployee: { input: 'ReactivateEmployeeInput', key: 'employee', fields: EMPLOYEE_FIELDS },
  createExternalOfficial: { input: 'CreateExternalOfficialInput', key: 'externalOfficial', fields: OFFICIAL_FIELDS },
  updateExternalOfficial: { input: 'UpdateExternalOfficialInput', key: 'externalOfficial', fields: OFFICIAL_FIELDS },
} as const;

type MutationName = keyof typeof MUTATIONS;

interface MutationResult<T> {
  node: T | null;
  userErrors: UserErrorOut[];
  requestId: string;
}

/** What must never appear in an error shown to a client: SQL, a stack frame, a file path. */
const LEAK =
  /\b(SELECT|INSERT INTO|DELETE FROM)\b|\bUPDATE\s+`?\w+`?\s+SET\b|ER_[A-Z_]+|SQLITE_|\/work\/|node_modules|\.[jt]s:\d+|\n\s+at /i;

describe('organisation mutations (region-wide HR admin)', () => {
  let app: TestApp;
  let hr: Employee;
  let hrToken: string;
  let nipSequence = 0;

  /**
   * A valid PNS NIP that no fixture can produce (fixtures use birth years 1966-1999): birth date, TMT, gender
   * digit, a sequence unique in this file.
   */
  const nip = (gender: Gender = Gender.FEMALE, birth = '19630415', tmt = '198903'): string =>
    `${birth}${tmt}${gender === Gender.MALE ? '1' : '2'}${String(++nipSequence).padStart(3, '0')}`;

  const gid = (entity: { rowId: number }, type: 'Unit' | 'Employee' | 'ExternalOfficial'): string =>
    toGlobalId(type, entity.rowId);
  const dbId = (globalId: string): number => fromGlobalId(globalId)!.id;

  async function mutate<T>(
    name: MutationName,
    input: Record<string, unknown>,
    token: string = hrToken,
  ): Promise<MutationResult<T>> {
    const spec = MUTATIONS[name];
    const query = `mutation Run($input: ${spec.input}!) { ${name}(input: $input) { ${spec.key} { ${spec.fields} } userErrors { code field message currentVersion } } }`;
    const response = await app.gql<Record<string, Record<string, unknown>>>(query, { input }, token);
    if (response.body.errors?.length)
      throw new Error(`${name}: unexpected GraphQL errors ${JSON.stringify(response.body.errors)}`);
    const payload = response.body.data![name]!;
    return {
      node: (payload[spec.key] ?? null) as T | null,
      userErrors: payload.userErrors as UserErrorOut[],
      requestId: response.headers.get('x-request-id')!,
    };
  }

  const unitMutation = (name: 'createUnit' | 'updateUnit' | 'moveUnit', input: Record<string, unknown>) =>
    mutate<UnitOut>(name, input);
  const employeeMutation = (
    name: 'createEmployee' | 'updateEmployee' | 'setSupervisor' | 'deactivateEmployee' | 'reactivateEmployee',
    input: Record<string, unknown>,
  ) => mutate<EmployeeOut>(name, input);
  const officialMutation = (
    name: 'createExternalOfficial' | 'updateExternalOfficial',
    input: Record<string, unknown>,
  ) => mutate<OfficialOut>(name, input);

  async function readEmployee(id: string): Promise<EmployeeOut | null> {
    return (
      await app.data<{ employee: EmployeeOut | null }>(
        `query ($id: ID!) { employee(id: $id) { ${EMPLOYEE_FIELDS} } }`,
        { id },
        hrToken,
      )
    ).employee;
  }

  async function readUnit(id: string): Promise<UnitOut | null> {
    return (
      await app.data<{ unit: UnitOut | null }>(`query ($id: ID!) { unit(id: $id) { ${UNIT_FIELDS} } }`, { id }, hrToken)
    ).unit;
  }

  async function auditTotal(): Promise<number> {
    const rows: Array<{ n: number | string }> = await app.db.manager.query('SELECT COUNT(*) AS n FROM audit_entry');
    return Number(rows[0]!.n);
  }

  /**
   * Exactly one audit row was added, by this request, by the HR admin, for this action and entity; returns its
   * before/after, checked against the expected partial values.
   */
  async function expectOneAudit(
    requestId: string,
    totalBefore: number,
    expected: {
      action: string;
      entityType: string;
      entityId: number;
      before: Record<string, unknown> | null;
      after: Record<string, unknown>;
    },
  ): Promise<{ before: Record<string, unknown> | null; after: Record<string, unknown> }> {
    expect(await auditTotal()).toBe(totalBefore + 1);
    const rows: AuditRow[] = await app.db.manager.query('SELECT * FROM audit_entry WHERE request_id = ?', [requestId]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect({
      action: row.action,
      entityType: row.entity_type,
      entityId: Number(row.entity_id),
      actorKind: row.actor_kind,
      actorSubject: row.actor_subject,
      actorEmployeeId: row.actor_employee_id === null ? null : Number(row.actor_employee_id),
    }).toEqual({
      action: expected.action,
      entityType: expected.entityType,
      entityId: expected.entityId,
      actorKind: 'employee',
      actorSubject: hr.nip,
      actorEmployeeId: hr.rowId,
    });
    const before = row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>);
    const after = JSON.parse(row.after ?? 'null') as Record<string, unknown>;
    if (expected.before === null) expect(before).toBeNull();
    else expect(before).toMatchObject(expected.before);
    expect(after).toMatchObject(expected.after);
    return { before, after };
  }

  /**
   * The mutation is refused with exactly these userErrors (code and field), no object in the payload, nothing
   * leaked in the messages, and not a single row changed (the audit table included).
   */
  async function expectRefused(
    name: MutationName,
    input: Record<string, unknown>,
    expected: Array<{ code: string; field: string[] }>,
  ): Promise<UserErrorOut[]> {
    const before = await app.fixtures.snapshot();
    const result = await mutate<unknown>(name, input);
    expect(result.userErrors.map(({ code, field }) => ({ code, field }))).toEqual(expected);
    expect(result.node).toBeNull();
    for (const error of result.userErrors) {
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.message).not.toMatch(LEAK);
    }
    expect(await app.fixtures.snapshot()).toEqual(before);
    return result.userErrors;
  }

  /** A complete, valid createEmployee input for a unit, with overrides. */
  const newEmployeeInput = (unit: Unit, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    nip: nip(Gender.FEMALE),
    name: 'Maria Wenda',
    employmentType: EmploymentType.PNS,
    grade: 'III/a',
    positionTitle: 'Perawat Ahli Pertama',
    positionKind: PositionKind.FUNGSIONAL,
    unitId: gid(unit, 'Unit'),
    ...overrides,
  });

  beforeAll(async () => {
    app = await TestApp.start();
    const bkpsdm = await app.fixtures.unit({
      code: 'BKPSDM',
      name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
      kind: UnitKind.AGENCY,
    });
    hr = await app.fixtures.employee({
      unit: bkpsdm,
      name: 'Admin Kepegawaian',
      positionKind: PositionKind.PELAKSANA,
      positionTitle: 'Analis SDM Aparatur',
    });
    hrToken = await app.token(hr.nip, { roles: [Role.HR_ADMIN] });
  });
  afterAll(() => app?.stop());

  describe('happy paths', () => {
    it('createUnit creates a root unit and a child unit, each with one audit row', async () => {
      let total = await auditTotal();
      const root = await unitMutation('createUnit', { code: 'DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
      expect(root.userErrors).toEqual([]);
      expect(root.node).toMatchObject({
        code: 'DINKES',
        name: 'Dinas Kesehatan',
        kind: 'AGENCY',
        version: 1,
        parent: null,
        head: null,
      });
      const rootId = dbId(root.node!.id);
      await expectOneAudit(root.requestId, total, {
        action: 'UNIT_CREATED',
        entityType: 'Unit',
        entityId: rootId,
        before: null,
        after: {
          id: rootId,
          code: 'DINKES',
          name: 'Dinas Kesehatan',
          kind: 'AGENCY',
          parentId: null,
          headId: null,
          version: 1,
        },
      });

      total = await auditTotal();
      // Surrounding blanks are trimmed from both the code and the name.
      const child = await unitMutation('createUnit', {
        code: '  PKM-WALESI ',
        name: ' UPTD Puskesmas Walesi ',
        kind: UnitKind.HEALTH_CENTRE,
        parentId: root.node!.id,
      });
      expect(child.userErrors).toEqual([]);
      expect(child.node).toMatchObject({
        code: 'PKM-WALESI',
        name: 'UPTD Puskesmas Walesi',
        kind: 'HEALTH_CENTRE',
        version: 1,
        parent: { id: root.node!.id },
      });
      const childId = dbId(child.node!.id);
      await expectOneAudit(child.requestId, total, {
        action: 'UNIT_CREATED',
        entityType: 'Unit',
        entityId: childId,
        before: null,
        after: { code: 'PKM-WALESI', parentId: rootId, version: 1 },
      });

      expect(await readUnit(child.node!.id)).toEqual(child.node);
      const reread = await app.data<{
        unitByCode: { id: string; parent: { code: string } };
        unit: { children: { totalCount: number; nodes: Ref[] } };
      }>(
        'query ($id: ID!) { unitByCode(code: "PKM-WALESI") { id parent { code } } unit(id: $id) { children { totalCount nodes { id } } } }',
        { id: root.node!.id },
        hrToken,
      );
      expect(reread.unitByCode).toEqual({ id: child.node!.id, parent: { code: 'DINKES' } });
      expect(reread.unit.children).toEqual({ totalCount: 1, nodes: [{ id: child.node!.id }] });
    });

    it('updateUnit renames a unit and sets an active employee of that unit as its head, then clears the head', async () => {
      const unit = await app.fixtures.unit({ name: 'Seksi Pelayanan', kind: UnitKind.SECTION });
      const head = await app.fixtures.employee({
        unit,
        positionKind: PositionKind.PENGAWAS,
        positionTitle: 'Kepala Seksi Pelayanan',
      });
      let total = await auditTotal();
      const renamed = await unitMutation('updateUnit', {
        id: gid(unit, 'Unit'),
        expectedVersion: 1,
        name: 'Seksi Pelayanan Kesehatan',
        headId: gid(head, 'Employee'),
      });
      expect(renamed.userErrors).toEqual([]);
      expect(renamed.node).toMatchObject({
        id: gid(unit, 'Unit'),
        code: unit.code,
        name: 'Seksi Pelayanan Kesehatan',
        version: 2,
        head: { id: gid(head, 'Employee') },
      });
      await expectOneAudit(renamed.requestId, total, {
        action: 'UNIT_UPDATED',
        entityType: 'Unit',
        entityId: unit.rowId,
        before: { name: 'Seksi Pelayanan', headId: null, version: 1 },
        after: { name: 'Seksi Pelayanan Kesehatan', headId: head.rowId, version: 2 },
      });
      expect(await readUnit(gid(unit, 'Unit'))).toEqual(renamed.node);

      total = await auditTotal();
      const cleared = await unitMutation('updateUnit', { id: gid(unit, 'Unit'), expectedVersion: 2, headId: null });
      expect(cleared.userErrors).toEqual([]);
      expect(cleared.node).toMatchObject({ name: 'Seksi Pelayanan Kesehatan', version: 3, head: null });
      await expectOneAudit(cleared.requestId, total, {
        action: 'UNIT_UPDATED',
        entityType: 'Unit',
        entityId: unit.rowId,
        before: { headId: head.rowId, version: 2 },
        after: { headId: null, version: 3 },
      });
      expect(await readUnit(gid(unit, 'Unit'))).toEqual(cleared.node);
    });

    it('updateUnit changes the code and the kind', async () => {
      const unit = await app.fixtures.unit({ kind: UnitKind.OTHER });
      const total = await auditTotal();
      const result = await unitMutation('updateUnit', {
        id: gid(unit, 'Unit'),
        expectedVersion: 1,
        code: 'SD-INPRES-WALESI',
        kind: UnitKind.SCHOOL,
      });
      expect(result.userErrors).toEqual([]);
      expect(result.node).toMatchObject({ code: 'SD-INPRES-WALESI', kind: 'SCHOOL', name: unit.name, version: 2 });
      await expectOneAudit(result.requestId, total, {
        action: 'UNIT_UPDATED',
        entityType: 'Unit',
        entityId: unit.rowId,
        before: { code: unit.code, kind: 'OTHER' },
        after: { code: 'SD-INPRES-WALESI', kind: 'SCHOOL' },
      });
      const byCode = await app.data<{ old: Ref | null; current: Ref | null }>(
        'query ($old: String!) { old: unitByCode(code: $old) { id } current: unitByCode(code: "SD-INPRES-WALESI") { id } }',
        { old: unit.code },
        hrToken,
      );
      expect(byCode).toEqual({ old: null, current: { id: gid(unit, 'Unit') } });
    });

    it('moveUnit moves a unit with its sub-units under another parent, and to the top', async () => {
      const from = await app.fixtures.unit({ kind: UnitKind.AGENCY });
      const to = await app.fixtures.unit({ kind: UnitKind.DISTRICT_OFFICE });
      const moved = await app.fixtures.unit({ parent: from, kind: UnitKind.DIVISION });
      const below = await app.fixtures.unit({ parent: moved, kind: UnitKind.SECTION });
      const worker = await app.fixtures.employee({ unit: below });

      let total = await auditTotal();
      const result = await unitMutation('moveUnit', {
        id: gid(moved, 'Unit'),
        expectedVersion: 1,
        parentId: gid(to, 'Unit'),
      });
      expect(result.userErrors).toEqual([]);
      expect(result.node).toMatchObject({ id: gid(moved, 'Unit'), version: 2, parent: { id: gid(to, 'Unit') } });
      await expectOneAudit(result.requestId, total, {
        action: 'UNIT_MOVED',
        entityType: 'Unit',
        entityId: moved.rowId,
        before: { parentId: from.rowId, version: 1 },
        after: { parentId: to.rowId, version: 2 },
      });
      expect(await readUnit(gid(moved, 'Unit'))).toEqual(result.node);

      const subtree = await app.data<{
        under: { nodes: Ref[] };
        old: { nodes: Ref[] };
        to: { employees: { totalCount: number; nodes: Ref[] } };
        from: { employees: { totalCount: number } };
      }>(
        `query ($to: ID!, $from: ID!) {
          under: units(filter: { withinUnitId: $to }) { nodes { id } }
          old: units(filter: { withinUnitId: $from }) { nodes { id } }
          to: unit(id: $to) { employees(includeSubunits: true) { totalCount nodes { id } } }
          from: unit(id: $from) { employees(includeSubunits: true) { totalCount } }
        }`,
        { to: gid(to, 'Unit'), from: gid(from, 'Unit') },
        hrToken,
      );
      expect(subtree.under.nodes.map((n) => n.id).sort()).toEqual(
        [gid(to, 'Unit'), gid(moved, 'Unit'), gid(below, 'Unit')].sort(),
      );
      expect(subtree.old.nodes).toEqual([{ id: gid(from, 'Unit') }]);
      expect(subtree.to.employees).toEqual({ totalCount: 1, nodes: [{ id: gid(worker, 'Employee') }] });
      expect(subtree.from.employees.totalCount).toBe(0);

      total = await auditTotal();
      const toTop = await unitMutation('moveUnit', { id: gid(moved, 'Unit'), expectedVersion: 2, parentId: null });
      expect(toTop.userErrors).toEqual([]);
      expect(toTop.node).toMatchObject({ version: 3, parent: null });
      await expectOneAudit(toTop.requestId, total, {
        action: 'UNIT_MOVED',
        entityType: 'Unit',
        entityId: moved.rowId,
        before: { parentId: to.rowId },
        after: { parentId: null, version: 3 },
      });
      const roots = await app.data<{ units: { nodes: Ref[] } }>(
        '{ units(filter: { rootsOnly: true }, first: 100) { nodes { id } } }',
        {},
        hrToken,
      );
      expect(roots.units.nodes).toContainEqual({ id: gid(moved, 'Unit') });
    });

    it('createEmployee records a PNS with the gender read from the NIP, under a supervisor', async () => {
      const unit = await app.fixtures.unit({ name: 'UPTD Puskesmas Walesi' });
      const { supervisor } = await app.fixtures.supervisorWithTeam(unit, 0);
      const maleNip = nip(Gender.MALE);
      const total = await auditTotal();
      const result = await employeeMutation('createEmployee', {
        nip: maleNip,
        name: 'Yakobus Wetipo',
        titlePrefix: 'Ns.',
        titleSuffix: 'S.Kep.',
        employmentType: EmploymentType.PNS,
        grade: 'III/b',
        positionTitle: 'Perawat Ahli Pertama',
        positionKind: PositionKind.FUNGSIONAL,
        unitId: gid(unit, 'Unit'),
        supervisorId: gid(supervisor, 'Employee'),
        email: 'yakobus.wetipo@jayawijayakab.go.id',
      });
      expect(result.userErrors).toEqual([]);
      expect(result.node).toMatchObject({
        nip: maleNip,
        name: 'Yakobus Wetipo',
        displayName: 'Ns. Yakobus Wetipo, S.Kep.',
        employmentType: 'PNS',
        grade: 'III/b',
        gender: 'MALE',
        positionKind: 'FUNGSIONAL',
        email: 'yakobus.wetipo@jayawijayakab.go.id',
        active: true,
        version: 1,
        unit: { id: gid(unit, 'Unit') },
        supervisor: { id: gid(supervisor, 'Employee') },
        externalSupervisor: null,
      });
      const id = dbId(result.node!.id);
      await expectOneAudit(result.requestId, total, {
        action: 'EMPLOYEE_CREATED',
        entityType: 'Employee',
        entityId: id,
        before: null,
        after: {
          id,
          nip: maleNip,
          gender: 'MALE',
          unitId: unit.rowId,
          supervisorId: supervisor.rowId,
          externalSupervisorId: null,
          active: true,
          version: 1,
        },
      });
      expect(await readEmployee(result.node!.id)).toEqual(result.node);
      const reread = await app.data<{
        employeeByNip: Ref | null;
        employee: { subordinates: { totalCount: number; nodes: Ref[] } };
      }>(
        'query ($nip: String!, $boss: ID!) { employeeByNip(nip: $nip) { id } employee(id: $boss) { subordinates { totalCount nodes { id } } } }',
        { nip: maleNip, boss: gid(supervisor, 'Employee') },
        hrToken,
      );
      expect(reread.employeeByNip).toEqual({ id: result.node!.id });
      expect(reread.employee.subordinates).toEqual({ totalCount: 1, nodes: [{ id: result.node!.id }] });
    });

    it('createEmployee records a PPPK with the gender given, under an external official', async () => {
      const unit = await app.fixtures.unit();
      const bupati = await app.fixtures.official();
      const pppkNip = '199001012024015123';
      const total = await auditTotal();
      const result = await employeeMutation('createEmployee', {
        ...newEmployeeInput(unit, {
          nip: pppkNip,
          employmentType: EmploymentType.PPPK,
          grade: 'IX',
          gender: Gender.FEMALE,
        }),
        externalSupervisorId: gid(bupati, 'ExternalOfficial'),
      });
      expect(result.userErrors).toEqual([]);
      expect(result.node).toMatchObject({
        nip: pppkNip,
        employmentType: 'PPPK',
        grade: 'IX',
        gender: 'FEMALE',
        supervisor: null,
        externalSupervisor: { id: gid(bupati, 'ExternalOfficial') },
        version: 1,
      });
      await expectOneAudit(result.requestId, total, {
        action: 'EMPLOYEE_CREATED',
        entityType: 'Employee',
        entityId: dbId(result.node!.id),
        before: null,
        after: {
          nip: pppkNip,
          employmentType: 'PPPK',
          gender: 'FEMALE',
          externalSupervisorId: bupati.rowId,
          supervisorId: null,
        },
      });
      expect(await readEmployee(result.node!.id)).toEqual(result.node);
    });

    it('accepts texts exactly at their limits: a name of 191 characters (code points) and a title of 64', async () => {
      const unit = await app.fixtures.unit();
      // 191 code points, one outside the BMP: JavaScript's .length is 192, the database counts 191 characters.
      const name = `𝓐${'é'.repeat(10)}${'a'.repeat(180)}`;
      expect([...name]).toHaveLength(191);
      const titlePrefix = 'd'.repeat(64);
      const result = await employeeMutation('createEmployee', newEmployeeInput(unit, { name, titlePrefix }));
      expect(result.userErrors).toEqual([]);
      expect(result.node).toMatchObject({ name, titlePrefix });
      const reread = await readEmployee(result.node!.id);
      expect(reread?.name).toBe(name);
      expect(reread?.titlePrefix).toBe(titlePrefix);
    });

    it('updateEmployee changes fields, moves the employee to another unit and clears the email with null', async () => {
      const from = await app.fixtures.unit();
      const to = await app.fixtures.unit();
      const employee = await app.fixtures.employee({
        unit: from,
        email: 'maria@jayawijayakab.go.id',
        gender: Gender.FEMALE,
      });
      const total = await auditTotal();
      const result = await employeeMutation('updateEmployee', {
        id: gid(employee, 'Employee'),
        expectedVersion: 1,
        name: 'Maria Magdalena Wenda',
        titlePrefix: 'dr.',
        titleSuffix: 'M.Kes.',
        grade: 'III/c',
        positionTitle: 'Dokter Ahli Pertama',
        unitId: gid(to, 'Unit'),
        email: null,
      });
      expect(result.userErrors).toEqual([]);
      expect(result.node).toMatchObject({
        nip: employee.nip,
        name: 'Maria Magdalena Wenda',
        displayName: 'dr. Maria Magdalena Wenda, M.Kes.',
        grade: 'III/c',
        gender: 'FEMALE',
        positionTitle: 'Dokter Ahli Pertama',
        positionKind: employee.positionKind,
        email: null,
        unit: { id: gid(to, 'Unit') },
        version: 2,
      });
      await expectOneAudit(result.requestId, total, {
        action: 'EMPLOYEE_UPDATED',
        entityType: 'Employee',
        entityId: employee.rowId,
        before: {
          name: employee.name,
          email: 'maria@jayawijayakab.go.id',
          unitId: from.rowId,
          grade: 'III/a',
          version: 1,
        },
        after: {
          name: 'Maria Magdalena Wenda',
          email: null,
          unitId: to.rowId,
          grade: 'III/c',
          titlePrefix: 'dr.',
          version: 2,
        },
      });
      expect(await readEmployee(gid(employee, 'Employee'))).toEqual(result.node);
      const units = await app.data<{
        from: { employees: { totalCount: number } };
        to: { employees: { nodes: Ref[] } };
      }>(
        'query ($from: ID!, $to: ID!) { from: unit(id: $from) { employees { totalCount } } to: unit(id: $to) { employees { nodes { id } } } }',
        { from: gid(from, 'Unit'), to: gid(to, 'Unit') },
        hrToken,
      );
      expect(units.from.employees.totalCount).toBe(0);
      expect(units.to.employees.nodes).toEqual([{ id: gid(employee, 'Employee') }]);
    });

    it('updateEmployee with a corrected NIP re-derives the gender from it', async () => {
      const unit = await app.fixtures.unit();
      const employee = await app.fixtures.employee({ unit, gender: Gender.FEMALE });
      const corrected = nip(Gender.MALE);
      const total = await auditTotal();
      const result = await employeeMutation('updateEmployee', {
        id: gid(employee, 'Employee'),
        expectedVersion: 1,
        nip: corrected,
      });
      expect(result.userErrors).toEqual([]);
      expect(result.node).toMatchObject({ nip: corrected, gender: 'MALE', version: 2 });
      await expectOneAudit(result.requestId, total, {
        action: 'EMPLOYEE_UPDATED',
        entityType: 'Employee',
        entityId: employee.rowId,
        before: { nip: employee.nip, gender: 'FEMALE' },
        after: { nip: corrected, gender: 'MALE' },
      });
      expect(await readEmployee(gid(employee, 'Employee'))).toEqual(result.node);
    });

    it('setSupervisor sets an employee as supervisor, then an external official instead, then nobody', async () => {
      const unit = await app.fixtures.unit();
      const boss = await app.fixtures.employee({ unit, positionKind: PositionKind.PENGAWAS });
      const employee = await app.fixtures.employee({ unit });
      const bupati = await app.fixtures.official();
      const subordinatesOfBoss = async () =>
        (
          await app.data<{ employee: { subordinates: { nodes: Ref[] } } }>(
            'query ($id: ID!) { employee(id: $id) { subordinates { nodes { id } } } }',
            { id: gid(boss, 'Employee') },
            hrToken,
          )
        ).employee.subordinates.nodes;

      let total = await auditTotal();
      const toBoss = await employeeMutation('setSupervisor', {
        employeeId: gid(employee, 'Employee'),
        expectedVersion: 1,
        supervisorId: gid(boss, 'Employee'),
      });
      expect(toBoss.userErrors).toEqual([]);
      expect(toBoss.node).toMatchObject({
        supervisor: { id: gid(boss, 'Employee') },
        externalSupervisor: null,
        version: 2,
      });
      await expectOneAudit(toBoss.requestId, total, {
        action: 'EMPLOYEE_SUPERVISOR_SET',
        entityType: 'Employee',
        entityId: employee.rowId,
        before: { supervisorId: null, externalSupervisorId: null, version: 1 },
        after: { supervisorId: boss.rowId, externalSupervisorId: null, version: 2 },
      });
      expect(await readEmployee(gid(employee, 'Employee'))).toEqual(toBoss.node);
      expect(await subordinatesOfBoss()).toEqual([{ id: gid(employee, 'Employee') }]);

      total = await auditTotal();
      const toBupati = await employeeMutation('setSupervisor', {
        employeeId: gid(employee, 'Employee'),
        expectedVersion: 2,
        externalSupervisorId: gid(bupati, 'ExternalOfficial'),
      });
      expect(toBupati.userErrors).toEqual([]);
      // Exclusive: setting the external official removes the employee supervisor.
      expect(toBupati.node).toMatchObject({
        supervisor: null,
        externalSupervisor: { id: gid(bupati, 'ExternalOfficial') },
        version: 3,
      });
      await expectOneAudit(toBupati.requestId, total, {
        action: 'EMPLOYEE_SUPERVISOR_SET',
        entityType: 'Employee',
        entityId: employee.rowId,
        before: { supervisorId: boss.rowId, externalSupervisorId: null },
        after: { supervisorId: null, externalSupervisorId: bupati.rowId, version: 3 },
      });
      expect(await readEmployee(gid(employee, 'Employee'))).toEqual(toBupati.node);
      expect(await subordinatesOfBoss()).toEqual([]);

      total = await auditTotal();
      const toNobody = await employeeMutation('setSupervisor', {
        employeeId: gid(employee, 'Employee'),
        expectedVersion: 3,
        supervisorId: null,
        externalSupervisorId: null,
      });
      expect(toNobody.userErrors).toEqual([]);
      expect(toNobody.node).toMatchObject({ supervisor: null, externalSupervisor: null, version: 4 });
      await expectOneAudit(toNobody.requestId, total, {
        action: 'EMPLOYEE_SUPERVISOR_SET',
        entityType: 'Employee',
        entityId: employee.rowId,
        before: { externalSupervisorId: bupati.rowId },
        after: { supervisorId: null, externalSupervisorId: null, version: 4 },
      });
      expect(await readEmployee(gid(employee, 'Employee'))).toEqual(toNobody.node);
    });

    it('deactivateEmployee and reactivateEmployee toggle the record, and a deactivated employee cannot sign in', async () => {
      const unit = await app.fixtures.unit();
      const employee = await app.fixtures.employee({ unit });
      const ownToken = await app.token(employee.nip);
      const signIn = () => app.gql<{ viewer: { subject: string } }>('{ viewer { subject } }', {}, ownToken);
      expect((await signIn()).body.data?.viewer.subject).toBe(employee.nip);

      let total = await auditTotal();
      const off = await employeeMutation('deactivateEmployee', { id: gid(employee, 'Employee'), expectedVersion: 1 });
      expect(off.userErrors).toEqual([]);
      expect(off.node).toMatchObject({ active: false, version: 2 });
      await expectOneAudit(off.requestId, total, {
        action: 'EMPLOYEE_DEACTIVATED',
        entityType: 'Employee',
        entityId: employee.rowId,
        before: { active: true, version: 1 },
        after: { active: false, version: 2 },
      });
      expect(await readEmployee(gid(employee, 'Employee'))).toEqual(off.node);
      const refused = await signIn();
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.body.data ?? null).toBeNull();

      total = await auditTotal();
      const on = await employeeMutation('reactivateEmployee', { id: gid(employee, 'Employee'), expectedVersion: 2 });
      expect(on.userErrors).toEqual([]);
      expect(on.node).toMatchObject({ active: true, version: 3 });
      await expectOneAudit(on.requestId, total, {
        action: 'EMPLOYEE_REACTIVATED',
        entityType: 'Employee',
        entityId: employee.rowId,
        before: { active: false, version: 2 },
        after: { active: true, version: 3 },
      });
      expect(await readEmployee(gid(employee, 'Employee'))).toEqual(on.node);
      expect((await signIn()).body.data?.viewer.subject).toBe(employee.nip);
    });

    it('createExternalOfficial and updateExternalOfficial record an official outside the civil service', async () => {
      let total = await auditTotal();
      const created = await officialMutation('createExternalOfficial', {
        name: ' John Richard Banua, S.E. ',
        positionTitle: 'Bupati Jayawijaya',
      });
      expect(created.userErrors).toEqual([]);
      expect(created.node).toMatchObject({
        name: 'John Richard Banua, S.E.',
        positionTitle: 'Bupati Jayawijaya',
        active: true,
        version: 1,
      });
      const id = dbId(created.node!.id);
      await expectOneAudit(created.requestId, total, {
        action: 'OFFICIAL_CREATED',
        entityType: 'ExternalOfficial',
        entityId: id,
        before: null,
        after: { id, name: 'John Richard Banua, S.E.', positionTitle: 'Bupati Jayawijaya', active: true, version: 1 },
      });
      const readOfficial = async () =>
        app.data<{ node: OfficialOut | null; externalOfficials: OfficialOut[] }>(
          `query ($id: ID!) { node(id: $id) { ... on ExternalOfficial { ${OFFICIAL_FIELDS} } } externalOfficials { ${OFFICIAL_FIELDS} } }`,
          { id: created.node!.id },
          hrToken,
        );
      let reread = await readOfficial();
      expect(reread.node).toEqual(created.node);
      expect(reread.externalOfficials).toContainEqual(created.node);

      total = await auditTotal();
      const updated = await officialMutation('updateExternalOfficial', {
        id: created.node!.id,
        expectedVersion: 1,
        positionTitle: 'Penjabat Bupati Jayawijaya',
        active: false,
      });
      expect(updated.userErrors).toEqual([]);
      expect(updated.node).toMatchObject({
        name: 'John Richard Banua, S.E.',
        positionTitle: 'Penjabat Bupati Jayawijaya',
        active: false,
        version: 2,
      });
      await expectOneAudit(updated.requestId, total, {
        action: 'OFFICIAL_UPDATED',
        entityType: 'ExternalOfficial',
        entityId: id,
        before: { positionTitle: 'Bupati Jayawijaya', active: true, version: 1 },
        after: { positionTitle: 'Penjabat Bupati Jayawijaya', active: false, version: 2 },
      });
      reread = await readOfficial();
      expect(reread.node).toEqual(updated.node);
    });
  });

  describe('invalid input is refused with a userError and changes nothing', () => {
    describe('createEmployee with a bad NIP', () => {
      it.each([
        ['17 digits', '19860926201505100', /18 digits/],
        ['19 digits', '1986092620150510011', /18 digits/],
        ['non-digits', '19860926201505100A', /18 digits/],
        ['blanks inside', '19860926 201505 1001', /18 digits/],
        ['month 13 in the birth date', '198613262015051001', /birth date/],
        ['30 February as birth date', '198602302015051001', /birth date/],
        ['month 13 in the TMT', '198609262015131001', /TMT/],
        ['TMT before the 18th birthday', '200001012010011001', /18th birthday/],
        ['TMT before the birth date', '199001011985011001', /18th birthday/],
        ['TMT in the future', '198609262099011001', /TMT/],
        ['birth date in the future', '209901012015051001', /birth date/],
        ['gender digit 3', '198609262015053001', /gender/],
        ['sequence 000', '198609262015051000', /sequence/],
      ])('%s', async (_case, badNip, message) => {
        const unit = await app.fixtures.unit();
        const errors = await expectRefused('createEmployee', newEmployeeInput(unit, { nip: badNip }), [
          { code: 'INVALID', field: ['input', 'nip'] },
        ]);
        expect(errors[0]!.message).toMatch(message);
      });

      it('the valid example of docs/domain.md is accepted', async () => {
        const unit = await app.fixtures.unit();
        const result = await employeeMutation('createEmployee', newEmployeeInput(unit, { nip: '198609262015051001' }));
        expect(result.userErrors).toEqual([]);
        expect(result.node?.gender).toBe('MALE');
      });
    });

    it('updateEmployee with a bad NIP', async () => {
      const unit = await app.fixtures.unit();
      const employee = await app.fixtures.employee({ unit });
      await expectRefused(
        'updateEmployee',
        { id: gid(employee, 'Employee'), expectedVersion: 1, nip: '198613262015051001' },
        [{ code: 'INVALID', field: ['input', 'nip'] }],
      );
    });

    it('a NIP already taken: DUPLICATE, on create and on update', async () => {
      const unit = await app.fixtures.unit();
      const holder = await app.fixtures.employee({ unit });
      const other = await app.fixtures.employee({ unit });
      await expectRefused('createEmployee', newEmployeeInput(unit, { nip: holder.nip, gender: holder.gender }), [
        { code: 'DUPLICATE', field: ['input', 'nip'] },
      ]);
      await expectRefused(
        'updateEmployee',
        { id: gid(other, 'Employee'), expectedVersion: 1, nip: holder.nip, gender: holder.gender },
        [{ code: 'DUPLICATE', field: ['input', 'nip'] }],
      );
    });

    describe('unknown and malformed ids: NOT_FOUND', () => {
      const badUnitIds = (): Array<[string, string]> => [
        ['an unknown unit', toGlobalId('Unit', 999_999)],
        ['a global id of another type', toGlobalId('Employee', hr.rowId)],
        ['not base64url', 'Unit:1'],
        ['garbage', '%%%'],
        ['empty', ''],
        ['id zero', toGlobalId('Unit', 0)],
        ['a negative id', Buffer.from('Unit:-1').toString('base64url')],
        ['too long', 'A'.repeat(300)],
      ];

      it('createEmployee in an unknown or malformed unit', async () => {
        const unit = await app.fixtures.unit();
        for (const [, unitId] of badUnitIds()) {
          await expectRefused('createEmployee', newEmployeeInput(unit, { unitId }), [
            { code: 'NOT_FOUND', field: ['input', 'unitId'] },
          ]);
        }
      });

      it('updateEmployee moving to an unknown unit, or of an unknown employee', async () => {
        const unit = await app.fixtures.unit();
        const employee = await app.fixtures.employee({ unit });
        for (const [, unitId] of badUnitIds()) {
          await expectRefused('updateEmployee', { id: gid(employee, 'Employee'), expectedVersion: 1, unitId }, [
            { code: 'NOT_FOUND', field: ['input', 'unitId'] },
          ]);
        }
        for (const id of [toGlobalId('Employee', 999_999), gid(unit, 'Unit'), 'bm90LWFuLWlk']) {
          await expectRefused('updateEmployee', { id, expectedVersion: 1, name: 'Siapa Saja' }, [
            { code: 'NOT_FOUND', field: ['input', 'id'] },
          ]);
        }
      });

      it('setSupervisor with an unknown employee, supervisor or external official', async () => {
        const unit = await app.fixtures.unit();
        const employee = await app.fixtures.employee({ unit });
        await expectRefused(
          'setSupervisor',
          { employeeId: toGlobalId('Employee', 999_999), expectedVersion: 1, supervisorId: null },
          [{ code: 'NOT_FOUND', field: ['input', 'employeeId'] }],
        );
        for (const supervisorId of [toGlobalId('Employee', 999_999), gid(unit, 'Unit'), 'x']) {
          await expectRefused(
            'setSupervisor',
            { employeeId: gid(employee, 'Employee'), expectedVersion: 1, supervisorId },
            [{ code: 'NOT_FOUND', field: ['input', 'supervisorId'] }],
          );
        }
        for (const externalSupervisorId of [toGlobalId('ExternalOfficial', 999_999), gid(employee, 'Employee')]) {
          await expectRefused(
            'setSupervisor',
            { employeeId: gid(employee, 'Employee'), expectedVersion: 1, externalSupervisorId },
            [{ code: 'NOT_FOUND', field: ['input', 'externalSupervisorId'] }],
          );
        }
      });

      it('createEmployee with an unknown supervisor', async () => {
        const unit = await app.fixtures.unit();
        await expectRefused(
          'createEmployee',
          newEmployeeInput(unit, { supervisorId: toGlobalId('Employee', 999_999) }),
          [{ code: 'NOT_FOUND', field: ['input', 'supervisorId'] }],
        );
      });

      it('unit mutations with an unknown unit, parent or head', async () => {
        const unit = await app.fixtures.unit();
        for (const [, id] of badUnitIds()) {
          await expectRefused('updateUnit', { id, expectedVersion: 1, name: 'Apa Saja' }, [
            { code: 'NOT_FOUND', field: ['input', 'id'] },
          ]);
          await expectRefused('moveUnit', { id, expectedVersion: 1, parentId: null }, [
            { code: 'NOT_FOUND', field: ['input', 'id'] },
          ]);
          await expectRefused('moveUnit', { id: gid(unit, 'Unit'), expectedVersion: 1, parentId: id }, [
            { code: 'NOT_FOUND', field: ['input', 'parentId'] },
          ]);
          await expectRefused('createUnit', { code: 'NEW-CHILD', name: 'Anak', kind: UnitKind.SECTION, parentId: id }, [
            { code: 'NOT_FOUND', field: ['input', 'parentId'] },
          ]);
        }
        await expectRefused(
          'updateUnit',
          { id: gid(unit, 'Unit'), expectedVersion: 1, headId: toGlobalId('Employee', 999_999) },
          [{ code: 'NOT_FOUND', field: ['input', 'headId'] }],
        );
      });

      it('updateExternalOfficial of an unknown official', async () => {
        await expectRefused(
          'updateExternalOfficial',
          { id: toGlobalId('ExternalOfficial', 999_999), expectedVersion: 1, name: 'Siapa' },
          [{ code: 'NOT_FOUND', field: ['input', 'id'] }],
        );
      });
    });

    describe('cycles: CYCLE', () => {
      it('an employee as their own supervisor', async () => {
        const unit = await app.fixtures.unit();
        const employee = await app.fixtures.employee({ unit });
        await expectRefused(
          'setSupervisor',
          { employeeId: gid(employee, 'Employee'), expectedVersion: 1, supervisorId: gid(employee, 'Employee') },
          [{ code: 'CYCLE', field: ['input', 'supervisorId'] }],
        );
      });

      it('an employee under someone below them (direct report, and at depth 2)', async () => {
        const unit = await app.fixtures.unit();
        const top = await app.fixtures.employee({ unit });
        const middle = await app.fixtures.employee({ unit, supervisor: top });
        const bottom = await app.fixtures.employee({ unit, supervisor: middle });
        for (const below of [middle, bottom]) {
          await expectRefused(
            'setSupervisor',
            { employeeId: gid(top, 'Employee'), expectedVersion: 1, supervisorId: gid(below, 'Employee') },
            [{ code: 'CYCLE', field: ['input', 'supervisorId'] }],
          );
        }
      });

      it('a unit under itself or one of its own descendants', async () => {
        const top = await app.fixtures.unit();
        const child = await app.fixtures.unit({ parent: top });
        const grandchild = await app.fixtures.unit({ parent: child });
        for (const target of [top, child, grandchild]) {
          await expectRefused('moveUnit', { id: gid(top, 'Unit'), expectedVersion: 1, parentId: gid(target, 'Unit') }, [
            { code: 'CYCLE', field: ['input', 'parentId'] },
          ]);
        }
      });
    });

    describe('texts over their limits: INVALID', () => {
      it('createEmployee with a name of 192 characters, a title of 65, an empty name', async () => {
        const unit = await app.fixtures.unit();
        await expectRefused('createEmployee', newEmployeeInput(unit, { name: 'a'.repeat(192) }), [
          { code: 'INVALID', field: ['input', 'name'] },
        ]);
        await expectRefused('createEmployee', newEmployeeInput(unit, { name: `𝓐${'a'.repeat(191)}` }), [
          { code: 'INVALID', field: ['input', 'name'] },
        ]);
        await expectRefused('createEmployee', newEmployeeInput(unit, { titlePrefix: 'd'.repeat(65) }), [
          { code: 'INVALID', field: ['input', 'titlePrefix'] },
        ]);
        await expectRefused('createEmployee', newEmployeeInput(unit, { titleSuffix: 'S'.repeat(65) }), [
          { code: 'INVALID', field: ['input', 'titleSuffix'] },
        ]);
        await expectRefused('createEmployee', newEmployeeInput(unit, { positionTitle: 'p'.repeat(192) }), [
          { code: 'INVALID', field: ['input', 'positionTitle'] },
        ]);
        await expectRefused('createEmployee', newEmployeeInput(unit, { name: '   ' }), [
          { code: 'INVALID', field: ['input', 'name'] },
        ]);
      });

      it('updateEmployee with a name of 192 characters and a title of 65', async () => {
        const unit = await app.fixtures.unit();
        const employee = await app.fixtures.employee({ unit });
        await expectRefused(
          'updateEmployee',
          { id: gid(employee, 'Employee'), expectedVersion: 1, name: 'a'.repeat(192) },
          [{ code: 'INVALID', field: ['input', 'name'] }],
        );
        await expectRefused(
          'updateEmployee',
          { id: gid(employee, 'Employee'), expectedVersion: 1, titlePrefix: 'd'.repeat(65) },
          [{ code: 'INVALID', field: ['input', 'titlePrefix'] }],
        );
      });

      it('units and external officials with over-long names or codes', async () => {
        const unit = await app.fixtures.unit();
        await expectRefused('createUnit', { code: 'LONG-NAME', name: 'n'.repeat(192), kind: UnitKind.OTHER }, [
          { code: 'INVALID', field: ['input', 'name'] },
        ]);
        await expectRefused('createUnit', { code: 'C'.repeat(65), name: 'Kode Panjang', kind: UnitKind.OTHER }, [
          { code: 'INVALID', field: ['input', 'code'] },
        ]);
        await expectRefused('updateUnit', { id: gid(unit, 'Unit'), expectedVersion: 1, name: 'n'.repeat(192) }, [
          { code: 'INVALID', field: ['input', 'name'] },
        ]);
        await expectRefused('createExternalOfficial', { name: 'n'.repeat(192), positionTitle: 'Bupati Jayawijaya' }, [
          { code: 'INVALID', field: ['input', 'name'] },
        ]);
        await expectRefused('createExternalOfficial', { name: 'Bupati', positionTitle: ' ' }, [
          { code: 'INVALID', field: ['input', 'positionTitle'] },
        ]);
      });
    });

    it('an invalid grade for PNS ("III/e") and for PPPK ("XVIII")', async () => {
      const unit = await app.fixtures.unit();
      await expectRefused('createEmployee', newEmployeeInput(unit, { grade: 'III/e' }), [
        { code: 'INVALID', field: ['input', 'grade'] },
      ]);
      await expectRefused(
        'createEmployee',
        newEmployeeInput(unit, {
          nip: '199001012024015124',
          employmentType: EmploymentType.PPPK,
          grade: 'XVIII',
          gender: Gender.MALE,
        }),
        [{ code: 'INVALID', field: ['input', 'grade'] }],
      );
      // A PNS grade is not a PPPK grade: changing the type alone leaves "III/a", invalid for PPPK.
      const employee = await app.fixtures.employee({ unit });
      await expectRefused(
        'updateEmployee',
        {
          id: gid(employee, 'Employee'),
          expectedVersion: 1,
          employmentType: EmploymentType.PPPK,
          gender: employee.gender,
        },
        [{ code: 'INVALID', field: ['input', 'grade'] }],
      );
    });

    it('a bad email', async () => {
      const unit = await app.fixtures.unit();
      for (const email of ['maria.wenda@', 'not an email', 'maria@@jayawijayakab.go.id']) {
        await expectRefused('createEmployee', newEmployeeInput(unit, { email }), [
          { code: 'INVALID', field: ['input', 'email'] },
        ]);
      }
      const employee = await app.fixtures.employee({ unit });
      await expectRefused(
        'updateEmployee',
        { id: gid(employee, 'Employee'), expectedVersion: 1, email: 'maria.wenda@' },
        [{ code: 'INVALID', field: ['input', 'email'] }],
      );
    });

    it('a gender contradicting the NIP of a PNS', async () => {
      const unit = await app.fixtures.unit();
      await expectRefused('createEmployee', newEmployeeInput(unit, { nip: nip(Gender.MALE), gender: Gender.FEMALE }), [
        { code: 'INVALID', field: ['input', 'gender'] },
      ]);
      const employee = await app.fixtures.employee({ unit, gender: Gender.FEMALE });
      await expectRefused(
        'updateEmployee',
        { id: gid(employee, 'Employee'), expectedVersion: 1, gender: Gender.MALE },
        [{ code: 'INVALID', field: ['input', 'gender'] }],
      );
    });

    it('several problems at once are all reported', async () => {
      const unit = await app.fixtures.unit();
      const errors = await expectRefused(
        'createEmployee',
        newEmployeeInput(unit, { nip: '123', name: '', grade: 'V/a', email: 'x@' }),
        [
          { code: 'INVALID', field: ['input', 'nip'] },
          { code: 'INVALID', field: ['input', 'name'] },
          { code: 'INVALID', field: ['input', 'grade'] },
          { code: 'INVALID', field: ['input', 'email'] },
        ],
      );
      expect(errors).toHaveLength(4);
    });

    it('a unit code with spaces or other characters', async () => {
      const unit = await app.fixtures.unit();
      for (const code of ['PKM WALESI', 'PKM/WALESI', "PKM'WALESI", '']) {
        await expectRefused('createUnit', { code, name: 'Puskesmas', kind: UnitKind.HEALTH_CENTRE }, [
          { code: 'INVALID', field: ['input', 'code'] },
        ]);
      }
      await expectRefused('updateUnit', { id: gid(unit, 'Unit'), expectedVersion: 1, code: 'SD NEGERI' }, [
        { code: 'INVALID', field: ['input', 'code'] },
      ]);
    });

    it('a duplicate unit code: DUPLICATE, on create and on update', async () => {
      const taken = await app.fixtures.unit({ code: 'SMP-N1-WALESI' });
      const other = await app.fixtures.unit();
      await expectRefused(
        'createUnit',
        { code: taken.code, name: 'SMP Negeri 1 Walesi (lagi)', kind: UnitKind.SCHOOL },
        [{ code: 'DUPLICATE', field: ['input', 'code'] }],
      );
      await expectRefused(
        'createUnit',
        { code: ` ${taken.code} `, name: 'SMP Negeri 1 Walesi (lagi)', kind: UnitKind.SCHOOL },
        [{ code: 'DUPLICATE', field: ['input', 'code'] }],
      );
      await expectRefused('updateUnit', { id: gid(other, 'Unit'), expectedVersion: 1, code: taken.code }, [
        { code: 'DUPLICATE', field: ['input', 'code'] },
      ]);
    });

    it('both an employee supervisor and an external official', async () => {
      const unit = await app.fixtures.unit();
      const boss = await app.fixtures.employee({ unit });
      const employee = await app.fixtures.employee({ unit });
      const bupati = await app.fixtures.official();
      const both = { supervisorId: gid(boss, 'Employee'), externalSupervisorId: gid(bupati, 'ExternalOfficial') };
      await expectRefused('setSupervisor', { employeeId: gid(employee, 'Employee'), expectedVersion: 1, ...both }, [
        { code: 'INVALID', field: ['input', 'externalSupervisorId'] },
      ]);
      await expectRefused('createEmployee', newEmployeeInput(unit, both), [
        { code: 'INVALID', field: ['input', 'externalSupervisorId'] },
      ]);
    });

    it('a deactivated supervisor or head', async () => {
      const unit = await app.fixtures.unit();
      const retired = await app.fixtures.employee({ unit });
      await employeeMutation('deactivateEmployee', { id: gid(retired, 'Employee'), expectedVersion: 1 });
      const employee = await app.fixtures.employee({ unit });
      await expectRefused(
        'setSupervisor',
        { employeeId: gid(employee, 'Employee'), expectedVersion: 1, supervisorId: gid(retired, 'Employee') },
        [{ code: 'INVALID', field: ['input', 'supervisorId'] }],
      );
      await expectRefused('createEmployee', newEmployeeInput(unit, { supervisorId: gid(retired, 'Employee') }), [
        { code: 'INVALID', field: ['input', 'supervisorId'] },
      ]);
      await expectRefused(
        'updateUnit',
        { id: gid(unit, 'Unit'), expectedVersion: 1, headId: gid(retired, 'Employee') },
        [{ code: 'INVALID', field: ['input', 'headId'] }],
      );
    });

    it('a head who is not an employee of the unit', async () => {
      const unit = await app.fixtures.unit();
      const elsewhere = await app.fixtures.unit();
      const outsider = await app.fixtures.employee({ unit: elsewhere });
      await expectRefused(
        'updateUnit',
        { id: gid(unit, 'Unit'), expectedVersion: 1, headId: gid(outsider, 'Employee') },
        [{ code: 'INVALID', field: ['input', 'headId'] }],
      );
    });

    describe('transitions not allowed: INVALID_STATE', () => {
      it('moving the head of a unit to another unit', async () => {
        const unit = await app.fixtures.unit();
        const elsewhere = await app.fixtures.unit();
        const head = await app.fixtures.employee({ unit });
        expect(
          (
            await unitMutation('updateUnit', {
              id: gid(unit, 'Unit'),
              expectedVersion: 1,
              headId: gid(head, 'Employee'),
            })
          ).userErrors,
        ).toEqual([]);
        await expectRefused(
          'updateEmployee',
          { id: gid(head, 'Employee'), expectedVersion: 1, unitId: gid(elsewhere, 'Unit') },
          [{ code: 'INVALID_STATE', field: ['input', 'unitId'] }],
        );
      });

      it('deactivating the head of a unit (the error names the input field at fault: id)', async () => {
        const unit = await app.fixtures.unit();
        const head = await app.fixtures.employee({ unit });
        expect(
          (
            await unitMutation('updateUnit', {
              id: gid(unit, 'Unit'),
              expectedVersion: 1,
              headId: gid(head, 'Employee'),
            })
          ).userErrors,
        ).toEqual([]);
        await expectRefused('deactivateEmployee', { id: gid(head, 'Employee'), expectedVersion: 1 }, [
          { code: 'INVALID_STATE', field: ['input', 'id'] },
        ]);
      });

      it('deactivating twice, reactivating an active employee', async () => {
        const unit = await app.fixtures.unit();
        const employee = await app.fixtures.employee({ unit });
        expect(
          (await employeeMutation('deactivateEmployee', { id: gid(employee, 'Employee'), expectedVersion: 1 }))
            .userErrors,
        ).toEqual([]);
        await expectRefused('deactivateEmployee', { id: gid(employee, 'Employee'), expectedVersion: 2 }, [
          { code: 'INVALID_STATE', field: ['input', 'id'] },
        ]);
        const active = await app.fixtures.employee({ unit });
        await expectRefused('reactivateEmployee', { id: gid(active, 'Employee'), expectedVersion: 1 }, [
          { code: 'INVALID_STATE', field: ['input', 'id'] },
        ]);
      });
    });

    describe('a stale expectedVersion: CONFLICT with the current version', () => {
      const expectConflict = async (name: MutationName, input: Record<string, unknown>, currentVersion: number) => {
        const errors = await expectRefused(name, input, [{ code: 'CONFLICT', field: ['input', 'expectedVersion'] }]);
        expect(errors[0]!.currentVersion).toBe(currentVersion);
      };

      it('updateEmployee, setSupervisor, deactivateEmployee and reactivateEmployee', async () => {
        const unit = await app.fixtures.unit();
        const boss = await app.fixtures.employee({ unit });
        const employee = await app.fixtures.employee({ unit });
        const id = gid(employee, 'Employee');
        expect(
          (await employeeMutation('updateEmployee', { id, expectedVersion: 1, name: 'Nama Baru' })).userErrors,
        ).toEqual([]);
        await expectConflict('updateEmployee', { id, expectedVersion: 1, name: 'Nama Lain' }, 2);
        // A stale version is refused even when the change would change nothing.
        await expectConflict('updateEmployee', { id, expectedVersion: 1, name: 'Nama Baru' }, 2);
        await expectConflict('updateEmployee', { id, expectedVersion: 3, name: 'Nama Lain' }, 2);
        await expectConflict(
          'setSupervisor',
          { employeeId: id, expectedVersion: 1, supervisorId: gid(boss, 'Employee') },
          2,
        );
        await expectConflict('deactivateEmployee', { id, expectedVersion: 1 }, 2);
        expect((await employeeMutation('deactivateEmployee', { id, expectedVersion: 2 })).userErrors).toEqual([]);
        await expectConflict('reactivateEmployee', { id, expectedVersion: 2 }, 3);
      });

      it('updateUnit and moveUnit', async () => {
        const parent = await app.fixtures.unit();
        const unit = await app.fixtures.unit();
        const id = gid(unit, 'Unit');
        expect(
          (await unitMutation('updateUnit', { id, expectedVersion: 1, name: 'Nama Unit Baru' })).userErrors,
        ).toEqual([]);
        await expectConflict('updateUnit', { id, expectedVersion: 1, name: 'Nama Unit Lain' }, 2);
        await expectConflict('updateUnit', { id, expectedVersion: 1, name: 'Nama Unit Baru' }, 2);
        await expectConflict('moveUnit', { id, expectedVersion: 1, parentId: gid(parent, 'Unit') }, 2);
        await expectConflict('moveUnit', { id, expectedVersion: 1, parentId: null }, 2);
      });

      it('updateExternalOfficial', async () => {
        const official = await app.fixtures.official('Wakil Bupati', 'Wakil Bupati Jayawijaya');
        const id = gid(official, 'ExternalOfficial');
        expect(
          (await officialMutation('updateExternalOfficial', { id, expectedVersion: 1, name: 'Wakil Bupati Baru' }))
            .userErrors,
        ).toEqual([]);
        await expectConflict('updateExternalOfficial', { id, expectedVersion: 1, name: 'Wakil Bupati Lain' }, 2);
      });
    });
  });
});
