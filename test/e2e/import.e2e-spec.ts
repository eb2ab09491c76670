import { TestApp } from '../support/test-app';
import { Role } from '../../src/core/auth/role';

/**
 * Bulk imports from the national HR system's export (`docs/api.md`, Mutations: imports): idempotent on the natural
 * keys (unit code, NIP), at most 150 rows a call, errors per row, the valid rows of a call written even when
 * others fail, rows that refer to each other ordered first, and an HR admin's unit scope respected per row.
 *
 * Every `it` builds its own small region under its own code prefix, so the tests are independent.
 */

const IMPORT_UNITS = `mutation($input: ImportUnitsInput!) {
  importUnits(input: $input) {
    summary { received created updated unchanged failed }
    rows { index key status errors { code field message } }
    userErrors { code field message }
  }
}`;

const IMPORT_EMPLOYEES = `mutation($input: ImportEmployeesInput!) {
  importEmployees(input: $input) {
    summary { received created updated unchanged failed }
    rows { index key status errors { code field message } }
    userErrors { code field message }
  }
}`;

type Status = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'FAILED';

interface RowError {
  code: string;
  field: string[] | null;
  message: string;
}

interface RowResult {
  index: number;
  key: string;
  status: Status;
  errors: RowError[];
}

interface ImportPayload {
  summary: { received: number; created: number; updated: number; unchanged: number; failed: number } | null;
  rows: RowResult[] | null;
  userErrors: RowError[];
}

interface UnitRow {
  code: string;
  name: string;
  kind: string;
  parentCode?: string | null;
}

interface EmployeeRow {
  nip: string;
  name: string;
  employmentType: string;
  grade: string;
  positionTitle: string;
  positionKind: string;
  unitCode: string;
  supervisorNip?: string | null;
  titlePrefix?: string | null;
  titleSuffix?: string | null;
  email?: string | null;
  gender?: string | null;
  active?: boolean | null;
}

let nipSequence = 0;

/**
 * A valid, unique NIP (`docs/domain.md`, NIP): birth date YYYYMMDD, TMT YYYYMM at 25, gender digit, sequence. Birth
 * dates start in 1950, before any the fixture builders draw (1966 on), so the two never collide.
 */
function nextNip(gender: 'MALE' | 'FEMALE' = nipSequence % 2 ? 'MALE' : 'FEMALE'): string {
  const n = ++nipSequence;
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000);
  const pad = (v: number, width = 2) => String(v).padStart(width, '0');
  const y = birth.getUTCFullYear();
  const m = birth.getUTCMonth() + 1;
  return `${y}${pad(m)}${pad(birth.getUTCDate())}${y + 25}${pad(m)}${gender === 'MALE' ? '1' : '2'}${pad((n % 999) + 1, 3)}`;
}

/** A NIP that is well-formed but belongs to nobody. */
const strangerNip = () => nextNip();

/** The unit tree of one region, children listed before their parents to exercise the ordering. */
function unitRows(p: string): UnitRow[] {
  return [
    { code: `${p}-PKM-WALESI`, name: 'UPTD Puskesmas Walesi', kind: 'HEALTH_CENTRE', parentCode: `${p}-DINKES` },
    { code: `${p}-SD-WALESI`, name: 'SD Inpres Walesi', kind: 'SCHOOL', parentCode: `${p}-DISDIK` },
    {
      code: `${p}-PKM-ASOLOGAIMA`,
      name: 'UPTD Puskesmas Asologaima',
      kind: 'HEALTH_CENTRE',
      parentCode: `${p}-DINKES`,
    },
    { code: `${p}-DINKES`, name: 'Dinas Kesehatan', kind: 'agency', parentCode: `${p}-PEMKAB` },
    { code: `${p}-DISDIK`, name: 'Dinas Pendidikan dan Kebudayaan', kind: 'AGENCY', parentCode: `${p}-PEMKAB` },
    { code: `${p}-PEMKAB`, name: 'Pemerintah Kabupaten Jayawijaya', kind: 'GOVERNMENT', parentCode: null },
  ];
}

interface Region {
  prefix: string;
  units: UnitRow[];
  /** The two agency heads, imported in an earlier call: supervisors already in the database. */
  heads: EmployeeRow[];
  /** 30 rows: staff first, then the unit heads they report to (in the same call), who report to the agency heads. */
  staff: EmployeeRow[];
  kadinkes: EmployeeRow;
  kadisdik: EmployeeRow;
  headWalesi: EmployeeRow;
  headAsologaima: EmployeeRow;
  headSd: EmployeeRow;
}

function person(
  p: string,
  n: number,
  unit: string,
  supervisorNip: string | null,
  extra: Partial<EmployeeRow> = {},
): EmployeeRow {
  const pppk = n % 4 === 3;
  const row: EmployeeRow = {
    nip: nextNip(),
    name: `Pegawai ${p} ${String(n).padStart(2, '0')}`,
    employmentType: pppk ? 'PPPK' : 'PNS',
    grade: pppk ? 'IX' : 'III/a',
    positionTitle: 'Perawat Ahli Pertama',
    positionKind: 'FUNGSIONAL',
    unitCode: `${p}-${unit}`,
    supervisorNip,
    ...(n % 3 === 0 ? { email: `pegawai.${p.toLowerCase()}.${n}@jayawijayakab.go.id` } : {}),
    ...extra,
  };
  // A PNS's gender is read from the NIP; a PPPK's is given.
  if (row.employmentType === 'PPPK' && row.gender === undefined) row.gender = n % 2 ? 'MALE' : 'FEMALE';
  return row;
}

function regionPlan(p: string): Region {
  const kadinkes = person(p, 90, 'DINKES', null, {
    name: `Kadinkes ${p}`,
    titlePrefix: 'dr.',
    titleSuffix: 'M.Kes.',
    positionKind: 'JPT',
    positionTitle: 'Kepala Dinas Kesehatan',
    grade: 'IV/c',
    employmentType: 'PNS',
  });
  const kadisdik = person(p, 91, 'DISDIK', null, {
    name: `Kadisdik ${p}`,
    positionKind: 'JPT',
    positionTitle: 'Kepala Dinas Pendidikan',
    grade: 'IV/b',
    employmentType: 'PNS',
  });
  const pengawas = { positionKind: 'PENGAWAS', employmentType: 'PNS', grade: 'III/d' };
  const headWalesi = person(p, 80, 'PKM-WALESI', kadinkes.nip, {
    ...pengawas,
    name: `Kapus Walesi ${p}`,
    positionTitle: 'Kepala Puskesmas Walesi',
  });
  const headAsologaima = person(p, 81, 'PKM-ASOLOGAIMA', kadinkes.nip, {
    ...pengawas,
    name: `Kapus Asologaima ${p}`,
    positionTitle: 'Kepala Puskesmas Asologaima',
  });
  const headSd = person(p, 82, 'SD-WALESI', kadisdik.nip, {
    ...pengawas,
    name: `Kepsek ${p}`,
    positionTitle: 'Kepala Sekolah',
  });
  const staff: EmployeeRow[] = [];
  for (let i = 0; i < 12; i++) staff.push(person(p, staff.length, 'PKM-WALESI', headWalesi.nip));
  for (let i = 0; i < 8; i++) staff.push(person(p, staff.length, 'PKM-ASOLOGAIMA', headAsologaima.nip));
  for (let i = 0; i < 6; i++)
    staff.push(person(p, staff.length, 'SD-WALESI', headSd.nip, { positionTitle: 'Guru Ahli Pertama' }));
  staff.push(
    person(p, staff.length, 'DINKES', kadinkes.nip, {
      positionKind: 'PELAKSANA',
      positionTitle: 'Pengadministrasi Umum',
    }),
  );
  staff.push(headWalesi, headAsologaima, headSd);
  return {
    prefix: p,
    units: unitRows(p),
    heads: [kadinkes, kadisdik],
    staff,
    kadinkes,
    kadisdik,
    headWalesi,
    headAsologaima,
    headSd,
  };
}

type Snapshot = Record<string, unknown[]>;

/** Rows added, removed and changed per table between two snapshots (rows keyed by id, closure rows by their pair). */
function snapshotDiff(
  before: Snapshot,
  after: Snapshot,
): Record<string, { added: unknown[]; removed: unknown[]; changed: unknown[] }> {
  const keyOf = (row: unknown) => {
    const r = row as Record<string, unknown>;
    return r.id !== undefined ? String(r.id) : `${String(r.ancestor_id)}>${String(r.descendant_id)}`;
  };
  const result: Record<string, { added: unknown[]; removed: unknown[]; changed: unknown[] }> = {};
  for (const table of Object.keys(after)) {
    const old = new Map((before[table] ?? []).map((r) => [keyOf(r), r]));
    const now = new Map(after[table]!.map((r) => [keyOf(r), r]));
    result[table] = {
      added: [...now.entries()].filter(([k]) => !old.has(k)).map(([, r]) => r),
      removed: [...old.entries()].filter(([k]) => !now.has(k)).map(([, r]) => r),
      changed: [...now.entries()]
        .filter(([k, r]) => old.has(k) && JSON.stringify(old.get(k)) !== JSON.stringify(r))
        .map(([, r]) => r),
    };
  }
  return result;
}

const count = (diff: ReturnType<typeof snapshotDiff>) =>
  Object.fromEntries(
    Object.entries(diff).map(([t, d]) => [
      t,
      { added: d.added.length, removed: d.removed.length, changed: d.changed.length },
    ]),
  );

describe('importUnits and importEmployees', () => {
  let app: TestApp;
  let integration: string;
  let regionHr: string;
  let prefixSeq = 0;

  beforeAll(async () => {
    app = await TestApp.start();
    integration = await app.token('simpeg-sync', { roles: [Role.INTEGRATION] });
    regionHr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
  });
  afterAll(() => app?.stop());

  const nextPrefix = () => `R${++prefixSeq}`;

  async function importUnits(rows: UnitRow[], token = integration): Promise<ImportPayload> {
    return (await app.data<{ importUnits: ImportPayload }>(IMPORT_UNITS, { input: { rows } }, token)).importUnits;
  }

  async function importEmployees(rows: EmployeeRow[], token = integration): Promise<ImportPayload> {
    return (await app.data<{ importEmployees: ImportPayload }>(IMPORT_EMPLOYEES, { input: { rows } }, token))
      .importEmployees;
  }

  /** Imports a whole region (units, agency heads, then the 30 staff rows) and checks that all was created. */
  async function givenImportedRegion(): Promise<Region> {
    const region = regionPlan(nextPrefix());
    const units = await importUnits(region.units);
    expect(units.userErrors).toEqual([]);
    expect(units.rows?.filter((r) => r.status !== 'CREATED')).toEqual([]);
    const heads = await importEmployees(region.heads);
    expect(heads.rows?.filter((r) => r.status !== 'CREATED')).toEqual([]);
    const staff = await importEmployees(region.staff);
    expect(staff.rows?.filter((r) => r.status !== 'CREATED')).toEqual([]);
    return region;
  }

  /** Stored employees by NIP: unit code, supervisor NIP, the fields an import sets, version. */
  async function storedEmployees(nips: string[]): Promise<Map<string, Record<string, unknown> & { version: number }>> {
    if (nips.length === 0) return new Map();
    const rows: Array<Record<string, unknown>> = await app.db.manager.query(
      `SELECT e.nip AS nip, u.code AS unit_code, s.nip AS supervisor_nip, e.name AS name, e.title_prefix AS title_prefix,
              e.title_suffix AS title_suffix, e.employment_type AS employment_type, e.grade AS grade, e.gender AS gender,
              e.position_title AS position_title, e.position_kind AS position_kind, e.email AS email, e.version AS version
         FROM employee e JOIN unit u ON u.id = e.unit_id LEFT JOIN employee s ON s.id = e.supervisor_id
        WHERE e.nip IN (${nips.map(() => '?').join(', ')})`,
      nips,
    );
    return new Map(rows.map((r) => [String(r.nip), { ...r, version: Number(r.version) }]));
  }

  async function storedUnits(
    codes: string[],
  ): Promise<Map<string, { parent: string | null; name: string; kind: string; version: number }>> {
    const rows: Array<{ code: string; parent: string | null; name: string; kind: string; version: number | string }> =
      await app.db.manager.query(
        `SELECT u.code AS code, p.code AS parent, u.name AS name, u.kind AS kind, u.version AS version
         FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.code IN (${codes.map(() => '?').join(', ')})`,
        codes,
      );
    return new Map(
      rows.map((r) => [r.code, { parent: r.parent, name: r.name, kind: r.kind, version: Number(r.version) }]),
    );
  }

  const statuses = (payload: ImportPayload) => payload.rows?.map((r) => r.status);

  describe('creating a region', () => {
    it('creates units given children before parents, in input order of results, with the tree built', async () => {
      const p = nextPrefix();
      const rows = unitRows(p);
      const payload = await importUnits(rows);
      expect(payload.userErrors).toEqual([]);
      expect(payload.summary).toEqual({ received: 6, created: 6, updated: 0, unchanged: 0, failed: 0 });
      expect(payload.rows).toEqual(rows.map((r, index) => ({ index, key: r.code, status: 'CREATED', errors: [] })));

      const stored = await storedUnits(rows.map((r) => r.code));
      expect(Object.fromEntries([...stored].map(([code, u]) => [code, u.parent]))).toEqual(
        Object.fromEntries(rows.map((r) => [r.code, r.parentCode ?? null])),
      );
      // Enum text is accepted case-insensitively and stored canonically.
      expect(stored.get(`${p}-DINKES`)?.kind).toBe('AGENCY');

      // The closure table holds the whole tree: the root's subtree has all six units.
      const tree = await app.data<{ units: { totalCount: number } }>(
        'query($root: ID!) { units(first: 100, filter: { withinUnitId: $root }) { totalCount } }',
        {
          root: (
            await app.data<{ unitByCode: { id: string } }>(
              'query($c: String!) { unitByCode(code: $c) { id } }',
              { c: `${p}-PEMKAB` },
              regionHr,
            )
          ).unitByCode.id,
        },
        regionHr,
      );
      expect(tree.units.totalCount).toBe(6);

      // Every created unit has its audit row, written as the integration client.
      const audit: Array<{ actor_subject: string; action: string }> = await app.db.manager.query(
        `SELECT a.actor_subject AS actor_subject, a.action AS action FROM audit_entry a JOIN unit u ON u.id = a.entity_id AND a.entity_type = 'Unit' WHERE u.code LIKE ?`,
        [`${p}-%`],
      );
      expect(audit).toHaveLength(6);
      expect(new Set(audit.map((a) => a.actor_subject))).toEqual(new Set(['simpeg-sync']));
    });

    it('creates 30 employees whose supervisors are given by NIP, in the database or later in the same call', async () => {
      const region = regionPlan(nextPrefix());
      await importUnits(region.units);
      const heads = await importEmployees(region.heads);
      expect(heads.summary).toEqual({ received: 2, created: 2, updated: 0, unchanged: 0, failed: 0 });

      const payload = await importEmployees(region.staff);
      expect(payload.userErrors).toEqual([]);
      expect(payload.summary).toEqual({ received: 30, created: 30, updated: 0, unchanged: 0, failed: 0 });
      expect(payload.rows).toEqual(
        region.staff.map((r, index) => ({ index, key: r.nip, status: 'CREATED', errors: [] })),
      );

      const stored = await storedEmployees(region.staff.map((r) => r.nip));
      expect(stored.size).toBe(30);
      for (const row of region.staff) {
        expect({
          nip: row.nip,
          unit: stored.get(row.nip)?.unit_code,
          supervisor: stored.get(row.nip)?.supervisor_nip,
        }).toEqual({
          nip: row.nip,
          unit: row.unitCode,
          supervisor: row.supervisorNip,
        });
      }
      const kapus = stored.get(region.headWalesi.nip)!;
      expect(kapus).toMatchObject({ position_kind: 'PENGAWAS', grade: 'III/d', version: 1 });
      // The gender of a PNS is read from the NIP.
      expect(kapus.gender).toBe(region.headWalesi.nip[14] === '1' ? 'MALE' : 'FEMALE');

      // The supervisor tree (closure table) is complete: the head of health sees everyone below, at any depth.
      const kadinkesToken = await app.token(region.kadinkes.nip);
      const team = await app.data<{ viewer: { direct: { totalCount: number }; all: { totalCount: number } } }>(
        '{ viewer { direct: team { totalCount } all: team(depth: ALL) { totalCount } } }',
        {},
        kadinkesToken,
      );
      // Direct: two heads of health centres and one staff member of the agency; below: their 12 + 8 staff too.
      expect(team.viewer).toEqual({ direct: { totalCount: 3 }, all: { totalCount: 23 } });
    });
  });

  describe('idempotence', () => {
    it('reports every row UNCHANGED on a second identical call and writes nothing', async () => {
      const region = await givenImportedRegion();
      const before = await app.fixtures.snapshot();

      const units = await importUnits(region.units);
      expect(units.summary).toEqual({ received: 6, created: 0, updated: 0, unchanged: 6, failed: 0 });
      expect(statuses(units)).toEqual(region.units.map(() => 'UNCHANGED'));

      const heads = await importEmployees(region.heads);
      expect(heads.summary).toEqual({ received: 2, created: 0, updated: 0, unchanged: 2, failed: 0 });

      const staff = await importEmployees(region.staff);
      expect(staff.summary).toEqual({ received: 30, created: 0, updated: 0, unchanged: 30, failed: 0 });
      expect(staff.rows).toEqual(
        region.staff.map((r, index) => ({ index, key: r.nip, status: 'UNCHANGED', errors: [] })),
      );

      const after = await app.fixtures.snapshot();
      expect(count(snapshotDiff(before, after))).toEqual(count(snapshotDiff(before, before)));
      expect(after).toEqual(before);
    });

    it('reports exactly the two changed rows UPDATED on a third call, and writes only them', async () => {
      const region = await givenImportedRegion();
      await importEmployees(region.staff);
      const before = await app.fixtures.snapshot();
      const storedBefore = await storedEmployees(region.staff.map((r) => r.nip));

      const changed = region.staff.map((r) => ({ ...r }));
      changed[2] = { ...changed[2]!, positionTitle: 'Perawat Ahli Muda', grade: 'III/c' };
      // Moves a nurse from one health centre's head to the other's (same unit kept: a supervisor change only).
      changed[5] = { ...changed[5]!, supervisorNip: region.headAsologaima.nip };
      const payload = await importEmployees(changed);

      expect(payload.summary).toEqual({ received: 30, created: 0, updated: 2, unchanged: 28, failed: 0 });
      expect(payload.rows?.filter((r) => r.status !== 'UNCHANGED').map((r) => [r.index, r.key, r.status])).toEqual([
        [2, changed[2]!.nip, 'UPDATED'],
        [5, changed[5]!.nip, 'UPDATED'],
      ]);

      const storedAfter = await storedEmployees(region.staff.map((r) => r.nip));
      expect(storedAfter.get(changed[2]!.nip)).toMatchObject({
        position_title: 'Perawat Ahli Muda',
        grade: 'III/c',
        version: storedBefore.get(changed[2]!.nip)!.version + 1,
      });
      expect(storedAfter.get(changed[5]!.nip)).toMatchObject({
        supervisor_nip: region.headAsologaima.nip,
        version: storedBefore.get(changed[5]!.nip)!.version + 1,
      });

      const diff = snapshotDiff(before, await app.fixtures.snapshot());
      const ids = (rows: unknown[]) => rows.map((r) => Number((r as { id: number | string }).id)).sort((a, b) => a - b);
      const changedIds = ids(diff.employee!.changed);
      expect(changedIds).toHaveLength(2);
      expect(diff.employee!.added).toEqual([]);
      expect(diff.unit).toEqual({ added: [], removed: [], changed: [] });
      // One audit row per changed row, naming those two employees, and nothing else.
      expect(diff.audit_entry!.removed).toEqual([]);
      expect(diff.audit_entry!.changed).toEqual([]);
      expect(
        diff
          .audit_entry!.added.map((a) => Number((a as { entity_id: number | string }).entity_id))
          .sort((a, b) => a - b),
      ).toEqual(changedIds);
      // The moved nurse's closure rows follow her new supervisor; nobody else's do.
      const movedId = Number(
        (await app.db.manager.query('SELECT id FROM employee WHERE nip = ?', [changed[5]!.nip]))[0].id,
      );
      const closureTouched = new Set(
        [...diff.employee_closure!.added, ...diff.employee_closure!.removed].map((r) =>
          Number((r as { descendant_id: number | string }).descendant_id),
        ),
      );
      expect([...closureTouched]).toEqual([movedId]);
    });

    it('keeps stored optional fields when a row omits them, and clears them when a row sends null', async () => {
      const region = await givenImportedRegion();
      const withEmail = region.staff.find((r) => r.email)!;
      const { email: _omitted, ...withoutEmail } = withEmail;
      const kept = await importEmployees([withoutEmail]);
      expect(statuses(kept)).toEqual(['UNCHANGED']);
      expect((await storedEmployees([withEmail.nip])).get(withEmail.nip)?.email).toBe(withEmail.email);

      const cleared = await importEmployees([{ ...withEmail, email: null }]);
      expect(statuses(cleared)).toEqual(['UPDATED']);
      expect((await storedEmployees([withEmail.nip])).get(withEmail.nip)?.email).toBeNull();
    });
  });

  describe('deactivation', () => {
    it('deactivates an employee with active: false (who can then no longer sign in), once', async () => {
      const region = await givenImportedRegion();
      const leaver = region.staff[7]!;
      const token = await app.token(leaver.nip);
      expect((await app.gql('{ viewer { subject } }', {}, token)).status).toBe(200);

      const payload = await importEmployees([{ ...leaver, active: false }]);
      expect(payload.rows?.map((r) => [r.status, r.errors])).toEqual([['UPDATED', []]]);
      const refused = await app.gql('{ viewer { subject } }', {}, token);
      expect([refused.status, refused.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);

      const before = await app.fixtures.snapshot();
      const again = await importEmployees([{ ...leaver, active: false }]);
      expect(again.rows?.map((r) => r.status)).toEqual(['UNCHANGED']);
      expect(await app.fixtures.snapshot()).toEqual(before);
    });
  });

  describe('errors per row', () => {
    it('fails only the bad rows of a call and writes its valid rows', async () => {
      const region = await givenImportedRegion();
      const before = await app.fixtures.snapshot();
      const valid = person(region.prefix, 40, 'PKM-WALESI', region.headWalesi.nip, { name: 'Valid Satu' });
      const validChild = person(region.prefix, 41, 'PKM-WALESI', valid.nip, { name: 'Valid Dua' });
      const duplicated = person(region.prefix, 42, 'PKM-ASOLOGAIMA', region.headAsologaima.nip, { name: 'Dobel' });
      const validPppk = person(region.prefix, 43, 'SD-WALESI', region.headSd.nip, {
        name: 'Valid PPPK',
        employmentType: 'PPPK',
        grade: 'VII',
        gender: 'FEMALE',
      });
      const rows: EmployeeRow[] = [
        validChild, // 0: its supervisor comes later in the call
        person(region.prefix, 44, 'PKM-WALESI', region.headWalesi.nip, { nip: '19900101' }), // 1: not 18 digits
        person(region.prefix, 45, 'PKM-WALESI', region.headWalesi.nip, { nip: '199013012015011001' }), // 2: month 13
        person(region.prefix, 46, 'NO-SUCH-UNIT', region.headWalesi.nip), // 3
        person(region.prefix, 47, 'PKM-WALESI', strangerNip()), // 4: nobody has this NIP
        person(region.prefix, 48, 'SD-WALESI', region.headSd.nip, { positionKind: 'GURU' }), // 5
        duplicated, // 6: first of two rows with one NIP
        valid, // 7
        { ...duplicated, name: 'Dobel Lagi' }, // 8: second row with the same NIP
        person(region.prefix, 49, 'SD-WALESI', region.headSd.nip, { employmentType: 'HONORER' }), // 9
        person(region.prefix, 50, 'SD-WALESI', region.headSd.nip, { grade: 'III/z' }), // 10
        person(region.prefix, 51, 'SD-WALESI', region.headSd.nip, { email: 'not-an-email' }), // 11
        validPppk, // 12
      ];
      const payload = await importEmployees(rows);

      expect(payload.userErrors).toEqual([]);
      expect(payload.summary).toEqual({ received: 13, created: 4, updated: 0, unchanged: 0, failed: 9 });
      const outcome = payload.rows!.map((r) => ({
        index: r.index,
        key: r.key,
        status: r.status,
        errors: r.errors.map((e) => [e.code, e.field?.join('.')]),
      }));
      const failed = (index: number, code: string, field: string) => ({
        index,
        key: rows[index]!.nip,
        status: 'FAILED',
        errors: [[code, `input.rows.${index}.${field}`]],
      });
      const created = (index: number) => ({ index, key: rows[index]!.nip, status: 'CREATED', errors: [] });
      expect(outcome).toEqual([
        created(0),
        failed(1, 'INVALID', 'nip'),
        { ...failed(2, 'INVALID', 'nip'), errors: expect.arrayContaining([['INVALID', 'input.rows.2.nip']]) },
        failed(3, 'NOT_FOUND', 'unitCode'),
        failed(4, 'NOT_FOUND', 'supervisorNip'),
        failed(5, 'INVALID', 'positionKind'),
        created(6),
        created(7),
        { index: 8, key: duplicated.nip, status: 'FAILED', errors: [['DUPLICATE', 'input.rows.8.nip']] },
        failed(9, 'INVALID', 'employmentType'),
        failed(10, 'INVALID', 'grade'),
        failed(11, 'INVALID', 'email'),
        created(12),
      ]);
      for (const row of payload.rows!)
        for (const error of row.errors)
          expect(error.message).not.toMatch(/SELECT|INSERT|\/work\/|\.ts:\d+|\bat \S+ \(/);

      // The valid rows are written, with their supervisors; the failed ones are not, and the duplicate kept the first row.
      const stored = await storedEmployees(rows.map((r) => r.nip));
      expect([...stored.keys()].sort()).toEqual([valid.nip, validChild.nip, duplicated.nip, validPppk.nip].sort());
      expect(stored.get(validChild.nip)?.supervisor_nip).toBe(valid.nip);
      expect(stored.get(duplicated.nip)?.name).toBe('Dobel');
      expect(stored.get(validPppk.nip)).toMatchObject({ employment_type: 'PPPK', grade: 'VII', gender: 'FEMALE' });

      // Exactly four employees and their audit rows were added; nothing else changed.
      const diff = count(snapshotDiff(before, await app.fixtures.snapshot()));
      expect(diff.employee).toEqual({ added: 4, removed: 0, changed: 0 });
      expect(diff.audit_entry).toEqual({ added: 4, removed: 0, changed: 0 });
      expect(diff.unit).toEqual({ added: 0, removed: 0, changed: 0 });
    });

    it('fails a supervisor cycle inside the call with CYCLE, and writes the other rows', async () => {
      const region = await givenImportedRegion();
      const x = person(region.prefix, 60, 'PKM-WALESI', null, { name: 'Siklus X' });
      const y = person(region.prefix, 61, 'PKM-WALESI', x.nip, { name: 'Siklus Y' });
      x.supervisorNip = y.nip;
      const bystander = person(region.prefix, 62, 'PKM-WALESI', region.headWalesi.nip, { name: 'Penonton' });
      const payload = await importEmployees([x, bystander, y]);

      expect(payload.rows?.map((r) => [r.key, r.status, r.errors.map((e) => e.code)])).toEqual([
        [x.nip, 'FAILED', ['CYCLE']],
        [bystander.nip, 'CREATED', []],
        [y.nip, 'FAILED', ['CYCLE']],
      ]);
      expect([...(await storedEmployees([x.nip, y.nip, bystander.nip])).keys()]).toEqual([bystander.nip]);
    });

    it('fails a row that would put a stored employee under their own subordinate with CYCLE', async () => {
      const region = await givenImportedRegion();
      const before = await app.fixtures.snapshot();
      const nurse = region.staff[0]!;
      const payload = await importEmployees([{ ...region.headWalesi, supervisorNip: nurse.nip }]);
      expect(payload.rows?.map((r) => [r.status, r.errors.map((e) => [e.code, e.field?.join('.')])])).toEqual([
        ['FAILED', [['CYCLE', 'input.rows.0.supervisorNip']]],
      ]);
      expect(await app.fixtures.snapshot()).toEqual(before);
    });

    it('fails bad unit rows alone and writes the valid ones', async () => {
      const region = await givenImportedRegion();
      const before = await app.fixtures.snapshot();
      const p = region.prefix;
      const rows: UnitRow[] = [
        { code: `${p}-PUSTU-1`, name: 'Pustu Wamena Kota', kind: 'HEALTH_CENTRE', parentCode: `${p}-PKM-WALESI` }, // 0
        { code: `${p}-BAD-KIND`, name: 'Puskesmas', kind: 'PUSKESMAS', parentCode: `${p}-DINKES` }, // 1
        { code: `${p}-ORPHAN`, name: 'Yatim', kind: 'OTHER', parentCode: 'NO-SUCH-PARENT' }, // 2
        { code: 'bad code!', name: 'Kode salah', kind: 'OTHER', parentCode: `${p}-DINKES` }, // 3
        { code: `${p}-NONAME`, name: '   ', kind: 'OTHER', parentCode: `${p}-DINKES` }, // 4
        { code: `${p}-PUSTU-1`, name: 'Pustu lagi', kind: 'HEALTH_CENTRE', parentCode: `${p}-PKM-WALESI` }, // 5: duplicate code
        { code: `${p}-DINKES`, name: 'Dinas Kesehatan', kind: 'AGENCY', parentCode: `${p}-PKM-WALESI` }, // 6: under its own child
        { code: `${p}-PUSTU-2`, name: 'Pustu Hubikosi', kind: 'HEALTH_CENTRE', parentCode: `${p}-PKM-ASOLOGAIMA` }, // 7
      ];
      const payload = await importUnits(rows);
      expect(payload.summary).toEqual({ received: 8, created: 2, updated: 0, unchanged: 0, failed: 6 });
      expect(payload.rows?.map((r) => [r.index, r.status, r.errors.map((e) => [e.code, e.field?.join('.')])])).toEqual([
        [0, 'CREATED', []],
        [1, 'FAILED', [['INVALID', 'input.rows.1.kind']]],
        [2, 'FAILED', [['NOT_FOUND', 'input.rows.2.parentCode']]],
        [3, 'FAILED', [['INVALID', 'input.rows.3.code']]],
        [4, 'FAILED', [['INVALID', 'input.rows.4.name']]],
        [5, 'FAILED', [['DUPLICATE', 'input.rows.5.code']]],
        // Which field is named is checked below (field names of import rows).
        [6, 'FAILED', [['CYCLE', expect.stringMatching(/^input\.rows\.6\./)]]],
        [7, 'CREATED', []],
      ]);
      const diff = count(snapshotDiff(before, await app.fixtures.snapshot()));
      expect(diff.unit).toEqual({ added: 2, removed: 0, changed: 0 });
      expect(diff.audit_entry).toEqual({ added: 2, removed: 0, changed: 0 });
      expect((await storedUnits([`${p}-DINKES`])).get(`${p}-DINKES`)?.parent).toBe(`${p}-PEMKAB`);
    });

    it('fails a unit cycle inside the call with CYCLE', async () => {
      const p = nextPrefix();
      const payload = await importUnits([
        { code: `${p}-A`, name: 'A', kind: 'OTHER', parentCode: `${p}-B` },
        { code: `${p}-B`, name: 'B', kind: 'OTHER', parentCode: `${p}-A` },
        { code: `${p}-C`, name: 'C', kind: 'OTHER', parentCode: null },
      ]);
      expect(payload.rows?.map((r) => [r.key, r.status, r.errors.map((e) => e.code)])).toEqual([
        [`${p}-A`, 'FAILED', ['CYCLE']],
        [`${p}-B`, 'FAILED', ['CYCLE']],
        [`${p}-C`, 'CREATED', []],
      ]);
    });
  });

  describe('call size', () => {
    it('refuses 151 unit rows as a whole with a userErrors entry and writes nothing', async () => {
      const p = nextPrefix();
      const before = await app.fixtures.snapshot();
      const rows = Array.from({ length: 151 }, (_, i) => ({
        code: `${p}-${i}`,
        name: `U${i}`,
        kind: 'OTHER',
        parentCode: null,
      }));
      const payload = await importUnits(rows);
      expect(payload.summary).toBeNull();
      expect(payload.rows).toBeNull();
      expect(payload.userErrors.map((e) => [e.code, e.field])).toEqual([['INVALID', ['input', 'rows']]]);
      expect(await app.fixtures.snapshot()).toEqual(before);
    });

    it('refuses 151 employee rows as a whole with a userErrors entry and writes nothing', async () => {
      const region = await givenImportedRegion();
      const before = await app.fixtures.snapshot();
      const rows = Array.from({ length: 151 }, (_, i) => ({
        nip: nextNip(),
        name: `P${i}`,
        employmentType: 'PNS',
        grade: 'II/a',
        positionTitle: 'Pelaksana',
        positionKind: 'PELAKSANA',
        unitCode: `${region.prefix}-DINKES`,
      }));
      const payload = await importEmployees(rows);
      expect(payload.summary).toBeNull();
      expect(payload.rows).toBeNull();
      expect(payload.userErrors.map((e) => [e.code, e.field])).toEqual([['INVALID', ['input', 'rows']]]);
      expect(await app.fixtures.snapshot()).toEqual(before);
    });

    it('accepts 150 rows in one call (the limit)', async () => {
      const p = nextPrefix();
      const rows = Array.from({ length: 150 }, (_, i) => ({
        code: `${p}-${i}`,
        name: `U${i}`,
        kind: 'OTHER',
        parentCode: i === 0 ? null : `${p}-0`,
      }));
      const payload = await importUnits(rows);
      expect(payload.userErrors).toEqual([]);
      expect(payload.summary).toEqual({ received: 150, created: 150, updated: 0, unchanged: 0, failed: 0 });
    });

    it('fits 150 employee rows of realistic worst-case length in the default body limit (docs/api.md, Imports)', async () => {
      const p = nextPrefix();
      // A long unit code, as SIMPEG writes a section of the regional secretariat.
      const unitCode = `${p}-SETDA-BAG-PBJ-SUBBAG-PENGELOLAAN-LAYANAN`;
      await importUnits([
        {
          code: unitCode,
          name: 'Subbagian Pengelolaan Layanan Pengadaan Secara Elektronik Bagian Pengadaan Barang/Jasa Setda',
          kind: 'OTHER',
          parentCode: null,
        },
      ]);
      const head = nextNip('MALE');
      const rows = Array.from({ length: 150 }, (_, i) => ({
        nip: i === 0 ? head : nextNip('FEMALE'),
        name: `Fransiska Yuliana Magdalena Wonda Kogoya Itlay ${String(i).padStart(3, '0')}`,
        titlePrefix: 'Prof. Dr. dr.',
        titleSuffix: 'Sp.PD-KGEH, M.Kes., FINASIM',
        employmentType: 'PNS',
        grade: 'IV/e',
        gender: i === 0 ? 'MALE' : 'FEMALE',
        positionTitle:
          'Pengelola Pengadaan Barang/Jasa Ahli Muda pada Bagian Pengadaan Barang dan Jasa Sekretariat Daerah Kabupaten',
        positionKind: 'FUNGSIONAL',
        unitCode,
        supervisorNip: i === 0 ? null : head,
        email: `fransiska.yuliana.magdalena.wonda.${String(i).padStart(3, '0')}@jayawijayakab.go.id`,
        active: true,
      }));
      const body = JSON.stringify({ query: IMPORT_EMPLOYEES, variables: { input: { rows } } });
      expect(Buffer.byteLength(body)).toBeLessThan(app.config.bodyLimitBytes);
      const payload = await importEmployees(rows);
      expect(payload.userErrors).toEqual([]);
      expect(payload.summary).toEqual({ received: 150, created: 150, updated: 0, unchanged: 0, failed: 0 });
    });
  });

  describe('who may import', () => {
    /** A region, an HR admin scoped to its health agency, and rows inside and outside that scope. */
    async function givenScopedHrAdmin() {
      const region = await givenImportedRegion();
      const p = region.prefix;
      const token = await app.token('dinkes-hr', { roles: [Role.HR_ADMIN], unit: `${p}-DINKES` });
      const unitRowsInAndOut: UnitRow[] = [
        { code: `${p}-PUSTU-IN`, name: 'Pustu dalam lingkup', kind: 'HEALTH_CENTRE', parentCode: `${p}-PKM-WALESI` }, // 0: new, in scope
        { code: `${p}-SD-OUT`, name: 'SD di luar lingkup', kind: 'SCHOOL', parentCode: `${p}-DISDIK` }, // 1: new, under another agency
        { code: `${p}-ROOT-OUT`, name: 'Akar baru', kind: 'OTHER', parentCode: null }, // 2: a new root
        { code: `${p}-DISDIK`, name: 'Dinas Pendidikan (diganti)', kind: 'AGENCY', parentCode: `${p}-PEMKAB` }, // 3: rename outside
        { code: `${p}-PKM-WALESI`, name: 'UPTD Puskesmas Walesi', kind: 'HEALTH_CENTRE', parentCode: `${p}-DISDIK` }, // 4: move out
      ];
      const teacher = region.staff.find((r) => r.unitCode === `${p}-SD-WALESI` && r !== region.headSd)!;
      const nurses = region.staff.filter((r) => r.unitCode === `${p}-PKM-WALESI` && r !== region.headWalesi);
      const outsider = person(p, 71, 'SD-WALESI', region.headSd.nip, { name: 'Baru Luar Lingkup' });
      const employeeRowsInAndOut: EmployeeRow[] = [
        person(p, 70, 'PKM-ASOLOGAIMA', region.headAsologaima.nip, { name: 'Baru Dalam Lingkup' }), // 0: new, in scope
        outsider, // 1: new, in another agency's school
        { ...teacher, positionTitle: 'Guru Ahli Muda' }, // 2: stored, outside scope
        { ...nurses[0]!, unitCode: `${p}-SD-WALESI`, supervisorNip: region.headSd.nip }, // 3: moved out of scope
        { ...nurses[1]!, positionTitle: 'Perawat Terampil' }, // 4: stored, in scope
      ];
      return { region, token, unitRowsInAndOut, employeeRowsInAndOut, teacher, movedNurse: nurses[0]!, outsider };
    }

    it('gives an HR admin scoped to one unit OUT_OF_SCOPE for unit rows of another unit, and writes the rows in scope', async () => {
      const { token, unitRowsInAndOut } = await givenScopedHrAdmin();
      const before = await app.fixtures.snapshot();
      const units = await importUnits(unitRowsInAndOut, token);
      expect(units.summary).toEqual({ received: 5, created: 1, updated: 0, unchanged: 0, failed: 4 });
      expect(units.rows?.map((r) => [r.index, r.status, r.errors.map((e) => e.code)])).toEqual([
        [0, 'CREATED', []],
        [1, 'FAILED', ['OUT_OF_SCOPE']],
        [2, 'FAILED', ['OUT_OF_SCOPE']],
        [3, 'FAILED', ['OUT_OF_SCOPE']],
        [4, 'FAILED', ['OUT_OF_SCOPE']],
      ]);
      const diff = count(snapshotDiff(before, await app.fixtures.snapshot()));
      expect(diff.unit).toEqual({ added: 1, removed: 0, changed: 0 });
      expect(diff.unit_closure!.removed).toBe(0);
      expect(diff.audit_entry).toEqual({ added: 1, removed: 0, changed: 0 });
    });

    it('gives an HR admin scoped to one unit OUT_OF_SCOPE for employee rows of another unit, and writes the rows in scope', async () => {
      const { token, employeeRowsInAndOut, teacher, movedNurse, outsider } = await givenScopedHrAdmin();
      const before = await app.fixtures.snapshot();
      const employees = await importEmployees(employeeRowsInAndOut, token);
      expect(employees.summary).toEqual({ received: 5, created: 1, updated: 1, unchanged: 0, failed: 3 });
      expect(employees.rows?.map((r) => [r.index, r.status, r.errors.map((e) => e.code)])).toEqual([
        [0, 'CREATED', []],
        [1, 'FAILED', ['OUT_OF_SCOPE']],
        [2, 'FAILED', ['OUT_OF_SCOPE']],
        [3, 'FAILED', ['OUT_OF_SCOPE']],
        [4, 'UPDATED', []],
      ]);
      const diff = count(snapshotDiff(before, await app.fixtures.snapshot()));
      expect(diff.employee).toEqual({ added: 1, removed: 0, changed: 1 });
      expect(diff.audit_entry).toEqual({ added: 2, removed: 0, changed: 0 });
      const stored = await storedEmployees([teacher.nip, movedNurse.nip, outsider.nip]);
      expect(stored.get(teacher.nip)).toMatchObject({ position_title: teacher.positionTitle, version: 1 });
      expect(stored.get(movedNurse.nip)).toMatchObject({
        unit_code: movedNurse.unitCode,
        supervisor_nip: movedNurse.supervisorNip,
        version: 1,
      });
      expect(stored.has(outsider.nip)).toBe(false);
    });

    it('names the fields of the import rows in row errors (parentCode, unitCode), not those of other mutations (parentId, unitId)', async () => {
      const { region, token, unitRowsInAndOut, employeeRowsInAndOut } = await givenScopedHrAdmin();
      const p = region.prefix;
      const fields = (payload: ImportPayload) => payload.rows?.map((r) => r.errors.map((e) => e.field?.join('.')));
      const units = fields(await importUnits(unitRowsInAndOut, token));
      const employees = fields(await importEmployees(employeeRowsInAndOut, token));
      // A unit moved under its own child (integration client: the cycle, not the scope, refuses it).
      const cycle = fields(
        await importUnits([
          { code: `${p}-DINKES`, name: 'Dinas Kesehatan', kind: 'AGENCY', parentCode: `${p}-PKM-WALESI` },
        ]),
      );
      // One comparison, so that a failure shows every misnamed field at once.
      expect({ units, employees, cycle }).toEqual({
        units: [
          [],
          ['input.rows.1.parentCode'],
          ['input.rows.2.parentCode'],
          ['input.rows.3.code'],
          ['input.rows.4.parentCode'],
        ],
        employees: [[], ['input.rows.1.unitCode'], ['input.rows.2.nip'], ['input.rows.3.unitCode'], []],
        cycle: [['input.rows.0.parentCode']],
      });
    });

    it.each([
      ['an employee without roles', async (app: TestApp, region: Region) => app.token(region.staff[0]!.nip)],
      ['an analyst client', async (app: TestApp) => app.token('bi-dashboard', { roles: [Role.ANALYST] })],
      [
        'the head of an agency (a supervisor, not a role)',
        async (app: TestApp, region: Region) => app.token(region.kadinkes.nip),
      ],
    ])('refuses %s with FORBIDDEN and writes nothing', async (_name, makeToken) => {
      const region = await givenImportedRegion();
      const token = await makeToken(app, region);
      const before = await app.fixtures.snapshot();
      const units = await app.gql(
        IMPORT_UNITS,
        {
          input: {
            rows: [
              { code: `${region.prefix}-FORBIDDEN`, name: 'X', kind: 'OTHER', parentCode: `${region.prefix}-DINKES` },
            ],
          },
        },
        token,
      );
      expect(units.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(units.body.data ?? null).toBeNull();
      const employees = await app.gql(
        IMPORT_EMPLOYEES,
        { input: { rows: [{ ...region.staff[1]!, positionTitle: 'Diubah tanpa hak' }] } },
        token,
      );
      expect(employees.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(await app.fixtures.snapshot()).toEqual(before);
    });
  });
});
