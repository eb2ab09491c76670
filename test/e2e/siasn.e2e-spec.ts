import { parse } from 'csv-parse/sync';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { StatementRuns, expectSameStatements } from '../support/statement-runs';
import { TestApp } from '../support/test-app';
import { ABOVE, BELOW, Evaluating, MEETS, type RatedPlanOut, unitGid, wit, type Year } from './evaluation-helpers';
import { codes } from './planning-helpers';

/**
 * The SIASN export (issue 18 item 5, `docs/siasn.md`) over HTTP on the evaluation fixture: Dinas Kesehatan (its
 * head appraised by the Bupati) above UPTD Puskesmas Walesi (its head appraising the nurses). A quarter rated and
 * the year delivered in 2027, a month rated in 2028: the records' shape and mapping, pending → marked → not pending,
 * a correction after an accepted objection exported again, the scope, and the two files.
 */

interface RecordOut {
  recordId: string;
  version: number;
  siasnId: string | null;
  kind: 'PERIODIC' | 'ANNUAL';
  nip: string;
  pnsDinilaiId: string | null;
  tahun: number;
  bulanMulaiPenilaian: number;
  bulanSelesaiPenilaian: number;
  tahunMulaiPenilaian: number;
  tahunSelesaiPenilaian: number;
  periodikId: number | null;
  hasilKinerjaNilai: number;
  perilakuKerjaNilai: number;
  kuadranKinerjaNilai: number;
  koefisienId: string | null;
  koefisien: number | null;
  penilaiNama: string | null;
  penilaiNipNrp: string | null;
  penilaiGolongan: string | null;
  penilaiJabatanNama: string | null;
  penilaiUnorNama: string | null;
  statusPenilai: string;
}

const RECORD_FIELDS = `recordId version siasnId kind nip pnsDinilaiId tahun bulanMulaiPenilaian bulanSelesaiPenilaian tahunMulaiPenilaian
  tahunSelesaiPenilaian periodikId hasilKinerjaNilai perilakuKerjaNilai kuadranKinerjaNilai koefisienId koefisien penilaiNama
  penilaiNipNrp penilaiGolongan penilaiJabatanNama penilaiUnorNama statusPenilai`;

const PENDING = `query($u: String!, $y: Int!, $first: Int, $after: String) {
  siasnPending(unitCode: $u, year: $y, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${RECORD_FIELDS} } } }`;

interface PendingOut {
  siasnPending: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: RecordOut[];
  } | null;
}

const SIASN_PERSON_ID = 'A8ACA7F0-1C2B-4E1B-9C3A-3F2B7E1D0A11';

describe('SIASN export (kinerja-periodik)', () => {
  let app: TestApp;
  let e: Evaluating;
  let year: Year;
  let nurses: Array<{ owner: Employee; plan: RatedPlanOut }>;
  let head: Employee;
  let kadinkes: Employee;
  let other: Unit;
  let hrPkm: string;
  let hrOther: string;
  /** A nurse of a sub-unit delivered later, on its own (the concurrency case). */
  let pustu: { unit: Unit; racer: { owner: Employee; plan: { id: string; version: number } } };
  const runs = () => new StatementRuns(app, 'siasnPending');
  let counter: StatementRuns;

  const pending = async (unit: Unit, y: number, token: string = e.hr, first = 100) =>
    (await app.data<PendingOut>(PENDING, { u: unit.code, y, first }, token)).siasnPending;
  const mark = (records: Array<Record<string, unknown>>, who: string = e.hr) =>
    e.mutate<{ marked: number | null }>('markSiasnSynced', { records }, who, 'marked');
  const syncRows = () => e.count('siasn_sync');
  /** The sync table and the audit trail, which the planning and evaluation snapshots leave out. */
  const syncState = async () => ({
    sync: (await app.db.manager.query('SELECT * FROM siasn_sync ORDER BY evaluation_id')) as unknown[],
    audit: await e.count('audit_entry'),
  });
  /** Runs a call that must write nothing, in the evaluation tables or the sync table. */
  const unchanged = async <T>(work: () => Promise<T>): Promise<T> => {
    const before = await syncState();
    const result = await e.unchanged(work);
    expect(await syncState()).toEqual(before);
    return result;
  };
  const url = (file: string, params: Record<string, string>) =>
    `${app.url.replace(/\/graphql$/, '')}/exports/siasn/${file}?${new URLSearchParams(params).toString()}`;
  const get = (file: string, params: Record<string, string>, token: string | null) =>
    fetch(url(file, params), { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    app = await TestApp.start();
    counter = runs();
    counter.record();
    e = new Evaluating(app);
    await e.init();
    app.clock.set('2027-01-04T01:00:00Z');
    const org = await e.givenOrg();
    ({ head, kadinkes } = org);
    other = await app.fixtures.unit({
      code: `SI-OTHER-${org.dinkes.rowId}`,
      name: 'Dinas Pendidikan',
      kind: UnitKind.AGENCY,
    });
    hrPkm = await app.token('hr-pkm', { roles: [Role.HR_ADMIN], unit: org.pkm.code });
    hrOther = await app.token('hr-other', { roles: [Role.HR_ADMIN], unit: other.code });
    year = await e.givenYear(2027);
    // The head of Dinas Kesehatan's plan, approved by HR for the Bupati.
    const kadinkesPlanId = (
      await app.data<{ employee: { appraisals: { nodes: Array<{ id: string }> } } }>(
        'query($id: ID!) { employee(id: $id) { appraisals { nodes { id } } } }',
        { id: toGlobalId('Employee', kadinkes.rowId) },
        e.hr,
      )
    ).employee.appraisals.nodes[0]!.id;
    const kDraft = await e.plan(kadinkesPlanId);
    const kReady = await e.addIndicator(kadinkes, year.kadinkesRhk, kDraft.version, {
      perspective: 'PENERIMA_LAYANAN',
    });
    await e.step('approveAppraisal', await e.step('submitAppraisal', kReady.plan, kadinkes), e.hr);
    const staff = await e.nursesWithPlans(2, year, { positionTitle: 'Perawat Ahli Muda' });
    const [pelaksana] = await e.nursesWithPlans(1, year, { positionTitle: 'Pengadministrasi Umum' });
    const pustuUnit = await app.fixtures.unit({
      code: `SI-PUSTU-${org.pkm.rowId}`,
      name: 'Pustu Walesi',
      parent: org.pkm,
    });
    const [racer] = await e.nursesWithPlans(1, year, { unit: pustuUnit });
    pustu = { unit: pustuUnit, racer: racer! };

    // The first nurse's SIASN person id comes with an import, as the portal sends it.
    const n0 = staff[0]!.owner;
    const imported = await e.ok<{ rows: Array<{ status: string; errors: unknown[] }> }>(
      'importEmployees',
      {
        rows: [
          {
            nip: n0.nip,
            name: n0.name,
            employmentType: n0.employmentType,
            grade: n0.grade,
            positionTitle: n0.positionTitle,
            positionKind: n0.positionKind,
            unitCode: org.pkm.code,
            siasnId: SIASN_PERSON_ID,
          },
        ],
      },
      e.hr,
      'rows { status errors { code field } }',
    );
    expect(imported.rows).toEqual([{ status: 'UPDATED', errors: [] }]);

    // The first quarter of 2027, rated on 3 April (WIT).
    await e.movePeriodTo(year.period, 'RUNNING');
    app.clock.set(wit('2027-04-03'));
    const plan0 = await e.ratedOrFail(staff[0]!.plan.id);
    await e.ok(
      'ratePeriod',
      {
        appraisalId: plan0.id,
        expectedVersion: plan0.version,
        subPeriod: 1,
        resultRating: ABOVE,
        behaviorRating: MEETS,
      },
      head,
      'evaluation { id }',
    );

    // The year: rated in January 2028, the units' ratings set, and delivered on 10 January.
    await e.movePeriodTo(year.period, 'EVALUATING');
    app.clock.set(wit('2028-01-04', '10:00'));
    await e.rateInto(staff[0]!.plan, 'SANGAT_BAIK');
    await e.rateInto(staff[1]!.plan, 'BUTUH_PERBAIKAN');
    await e.rateInto(pelaksana!.plan, 'BAIK');
    for (const [unit, rating] of [
      [org.pkm, 'BAIK'],
      [org.dinkes, 'BAIK'],
    ] as const)
      await e.ok(
        'setUnitRating',
        { unitId: unitGid(unit), periodId: year.period.id, rating },
        e.hr,
        'unitRating { id }',
      );
    const headPlan = await e.ratedOrFail(year.headPlan.id);
    await e.ok(
      'rateYear',
      { appraisalId: headPlan.id, expectedVersion: headPlan.version, behaviorRating: MEETS },
      kadinkes,
      'evaluation { id }',
    );
    // The head of Dinas Kesehatan is appraised by the Bupati: HR records the Bupati's rating.
    const kPlan = await e.ratedOrFail(kadinkesPlanId);
    await e.ok(
      'rateYear',
      { appraisalId: kPlan.id, expectedVersion: kPlan.version, behaviorRating: ABOVE },
      e.hr,
      'evaluation { id }',
    );
    app.clock.set(wit('2028-01-10'));
    for (const unit of [org.pkm, org.dinkes]) {
      const done = await e.finalize({ unitId: unitGid(unit), periodId: year.period.id, includeSubunits: false });
      expect(done.userErrors).toEqual([]);
    }
    nurses = [];
    for (const s of [...staff, pelaksana!]) nurses.push({ owner: s.owner, plan: await e.ratedOrFail(s.plan.id) });
  });
  afterAll(async () => {
    counter?.print();
    await app?.stop();
  });

  it('lists every delivered result of the year once, in SIASN’s shape: a quarter, and each annual result', async () => {
    const page = (await pending(e.org.dinkes, 2027))!;
    // Five annual results (three nurses, two heads) and one quarter.
    expect(page.totalCount).toBe(6);
    expect(page.nodes).toHaveLength(6);
    const n0 = nurses[0]!.owner;
    const quarter = page.nodes.find((r) => r.kind === 'PERIODIC')!;
    expect(quarter).toEqual<RecordOut>({
      recordId: expect.any(String) as string,
      version: 1,
      siasnId: null,
      kind: 'PERIODIC',
      nip: n0.nip,
      pnsDinilaiId: SIASN_PERSON_ID,
      tahun: 2027,
      bulanMulaiPenilaian: 1,
      bulanSelesaiPenilaian: 3,
      tahunMulaiPenilaian: 2027,
      tahunSelesaiPenilaian: 2027,
      periodikId: 2,
      hasilKinerjaNilai: 1,
      perilakuKerjaNilai: 2,
      kuadranKinerjaNilai: 2,
      koefisienId: 'AHLI_MUDA',
      koefisien: 25,
      penilaiNama: head.displayName,
      penilaiNipNrp: head.nip,
      penilaiGolongan: head.grade,
      penilaiJabatanNama: 'Kepala UPTD Puskesmas Walesi',
      penilaiUnorNama: 'UPTD Puskesmas Walesi',
      statusPenilai: 'ASN',
    });
    const annual = (nip: string) => page.nodes.find((r) => r.kind === 'ANNUAL' && r.nip === nip)!;
    expect(annual(n0.nip)).toMatchObject<Partial<RecordOut>>({
      periodikId: null,
      bulanMulaiPenilaian: 1,
      bulanSelesaiPenilaian: 12,
      tahunMulaiPenilaian: 2027,
      tahunSelesaiPenilaian: 2027,
      hasilKinerjaNilai: 1,
      perilakuKerjaNilai: 1,
      kuadranKinerjaNilai: 1,
      koefisienId: 'AHLI_MUDA',
      koefisien: 25,
      statusPenilai: 'ASN',
    });
    expect(annual(nurses[1]!.owner.nip)).toMatchObject({
      pnsDinilaiId: null,
      hasilKinerjaNilai: 3,
      perilakuKerjaNilai: 2,
      kuadranKinerjaNilai: 3,
    });
    // Not functional: no coefficient.
    expect(annual(nurses[2]!.owner.nip)).toMatchObject({ koefisienId: null, koefisien: null, kuadranKinerjaNilai: 2 });
    // Appraised by the Bupati, an official outside the civil service.
    expect(annual(kadinkes.nip)).toMatchObject<Partial<RecordOut>>({
      hasilKinerjaNilai: 2,
      perilakuKerjaNilai: 1,
      kuadranKinerjaNilai: 2,
      penilaiNama: e.org.bupati.name,
      penilaiNipNrp: null,
      penilaiGolongan: null,
      penilaiJabatanNama: e.org.bupati.positionTitle,
      penilaiUnorNama: null,
      statusPenilai: 'NON ASN',
    });
    expect(annual(head.nip)).toMatchObject({ penilaiNipNrp: kadinkes.nip, statusPenilai: 'ASN' });
  });

  it('the SIASN person id is personal: the person and HR read it, a colleague does not', async () => {
    const q = 'query($id: ID!) { employee(id: $id) { siasnId } }';
    const id = toGlobalId('Employee', nurses[0]!.owner.rowId);
    expect((await app.data<{ employee: { siasnId: string | null } }>(q, { id }, e.hr)).employee.siasnId).toBe(
      SIASN_PERSON_ID,
    );
    expect(
      (await app.data<{ employee: { siasnId: string | null } }>(q, { id }, await e.token(nurses[0]!.owner))).employee
        .siasnId,
    ).toBe(SIASN_PERSON_ID);
    expect(
      (await app.data<{ employee: { siasnId: string | null } }>(q, { id }, await e.token(nurses[1]!.owner))).employee
        .siasnId,
    ).toBeNull();
  });

  it('pages by cursor; the statements of a page do not grow with its size', async () => {
    const small = await counter.fewest<PendingOut>(
      'siasnPending, first 1',
      PENDING,
      { u: e.org.dinkes.code, y: 2027, first: 1 },
      e.hr,
    );
    const large = await counter.fewest<PendingOut>(
      'siasnPending, first 6',
      PENDING,
      { u: e.org.dinkes.code, y: 2027, first: 6 },
      e.hr,
    );
    expect(small.data.siasnPending!.nodes).toHaveLength(1);
    expect(large.data.siasnPending!.nodes).toHaveLength(6);
    expectSameStatements(small, large);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: PendingOut = await app.data<PendingOut>(
        PENDING,
        { u: e.org.dinkes.code, y: 2027, first: 4, after },
        e.hr,
      );
      seen.push(...data.siasnPending!.nodes.map((r) => r.recordId));
      if (!data.siasnPending!.pageInfo.hasNextPage) break;
      after = data.siasnPending!.pageInfo.endCursor;
    }
    expect(seen).toEqual(large.data.siasnPending!.nodes.map((r) => r.recordId));
  });

  it('the JSON and CSV files hold the same records as the query', async () => {
    const all = (await pending(e.org.dinkes, 2027))!.nodes;
    const params = { unitCode: e.org.dinkes.code, year: '2027' };
    const json = await get('kinerja-periodik.json', params, e.hr);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const records = (await json.json()) as RecordOut[];
    expect(records).toEqual(all);
    const csv = await get('kinerja-periodik.csv', params, e.hr);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Array<Record<string, string>>;
    const asCells = (r: RecordOut) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]));
    expect(rows).toEqual(records.map(asCells));
  });

  it('HR admins only, in their scope: another subtree sees nothing, an employee, an analyst or an integration client is FORBIDDEN', async () => {
    // The Puskesmas' HR admin sees the Puskesmas (the nurses and its head), not Dinas Kesehatan above it.
    expect((await pending(e.org.pkm, 2027, hrPkm))!.totalCount).toBe(5);
    expect(await pending(e.org.dinkes, 2027, hrPkm)).toBeNull();
    expect(await pending(e.org.dinkes, 2027, hrOther)).toBeNull();
    expect((await pending(other, 2027, hrOther))!.totalCount).toBe(0);
    const analyst = await app.token('analyst', { roles: [Role.ANALYST] });
    const integration = await app.token('portal', { roles: [Role.INTEGRATION] });
    for (const token of [await e.token(nurses[0]!.owner), await e.token(head), analyst, integration]) {
      const res = await app.gql(PENDING, { u: e.org.pkm.code, y: 2027 }, token);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.body.data?.siasnPending ?? null).toBeNull();
      const file = await get('kinerja-periodik.json', { unitCode: e.org.pkm.code, year: '2027' }, token);
      expect(file.status).toBe(403);
      expect(((await file.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      const marked = await app.gql(
        'mutation($i: MarkSiasnSyncedInput!) { markSiasnSynced(input: $i) { marked } }',
        { i: { records: [] } },
        token,
      );
      expect(marked.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await app.gql(PENDING, { u: e.org.pkm.code, y: 2027 }, null);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const outOfScope = await get('kinerja-periodik.csv', { unitCode: e.org.dinkes.code, year: '2027' }, hrPkm);
    expect(outOfScope.status).toBe(403);
    expect(((await outOfScope.json()) as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
    expect((await get('kinerja-periodik.csv', { unitCode: 'NO-SUCH-UNIT', year: '2027' }, e.hr)).status).toBe(404);
    expect((await get('kinerja-periodik.csv', { unitCode: e.org.dinkes.code }, e.hr)).status).toBe(400);
    expect((await get('kinerja-periodik.csv', { unitCode: e.org.dinkes.code, year: '2027' }, null)).status).toBe(401);
  });

  it('markSiasnSynced: unknown and out-of-scope records are reported each, and then nothing is written', async () => {
    const [first, second] = (await pending(e.org.dinkes, 2027))!.nodes;
    const kadinkesRecord = (await pending(e.org.dinkes, 2027))!.nodes.find((r) => r.nip === kadinkes.nip)!;
    const before = await e.count('audit_entry');
    const refused = await unchanged(() =>
      mark(
        [
          { recordId: first!.recordId, siasnId: 'SIASN-1' },
          { recordId: toGlobalId('Evaluation', 999_999), siasnId: 'SIASN-2' },
          { recordId: toGlobalId('Unit', e.org.pkm.rowId), siasnId: 'SIASN-3' },
          { recordId: kadinkesRecord.recordId, siasnId: 'SIASN-4' },
          { recordId: second!.recordId, siasnId: 'not an id!' },
          { recordId: second!.recordId, siasnId: 'SIASN-5', version: 2 },
        ],
        hrPkm,
      ),
    );
    expect(codes(refused)).toEqual([
      ['NOT_FOUND', ['input', 'records', '1', 'recordId']],
      ['NOT_FOUND', ['input', 'records', '2', 'recordId']],
      ['OUT_OF_SCOPE', ['input', 'records', '3', 'recordId']],
      ['INVALID', ['input', 'records', '4', 'siasnId']],
      ['INVALID', ['input', 'records', '5', 'version']],
    ]);
    expect(await syncRows()).toBe(0);
    expect(await e.count('audit_entry')).toBe(before);
  });

  it('pending → markSiasnSynced → not pending; marking again changes nothing', async () => {
    const all = (await pending(e.org.dinkes, 2027))!.nodes;
    const records = all.map((r, i) => ({ recordId: r.recordId, siasnId: `SIASN-${i + 1}`, version: r.version }));
    const done = await mark(records);
    expect(done).toEqual({ marked: 6, userErrors: [] });
    expect(await syncRows()).toBe(6);
    expect(await e.count('audit_entry', "action = 'SIASN_SYNCED'")).toBe(6);
    expect((await pending(e.org.dinkes, 2027))!).toMatchObject({ totalCount: 0, nodes: [] });
    const files = await get('kinerja-periodik.json', { unitCode: e.org.dinkes.code, year: '2027' }, e.hr);
    expect(await files.json()).toEqual([]);

    const again = await unchanged(() => mark(records));
    expect(again).toEqual({ marked: 6, userErrors: [] });
    expect(await e.count('audit_entry', "action = 'SIASN_SYNCED'")).toBe(6);
  });

  it('concurrent first marks of the same record: each answers without errors, one sync row', async () => {
    app.clock.set(wit('2028-01-11'));
    const { unit, racer } = pustu;
    // Delivered a day later than the rest: its unit is finalized on its own.
    const plan = await e.rateInto(racer.plan, 'BAIK');
    expect(plan.status).toBe('EVALUATED');
    await e.ok(
      'setUnitRating',
      { unitId: unitGid(unit), periodId: year.period.id, rating: 'ISTIMEWA' },
      e.hr,
      'unitRating { id }',
    );
    expect(
      (await e.finalize({ unitId: unitGid(unit), periodId: year.period.id, includeSubunits: false })).userErrors,
    ).toEqual([]);
    const [record] = (await pending(unit, 2027))!.nodes;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => mark([{ recordId: record!.recordId, siasnId: `RACE-${i}` }])),
    );
    expect(answers.map((a) => a.userErrors)).toEqual(answers.map(() => []));
    const rows: Array<{ siasn_id: string }> = await app.db.manager.query(
      'SELECT siasn_id FROM siasn_sync WHERE evaluation_id IN (SELECT id FROM evaluation WHERE appraisal_id = ?)',
      [Number(Buffer.from(racer.plan.id, 'base64url').toString().split(':')[1])],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.siasn_id).toMatch(/^RACE-[0-7]$/);
    expect((await pending(unit, 2027))!.totalCount).toBe(0);
  });

  it('an accepted objection replaces the annual result: the new one is pending, naming the SIASN id it updates', async () => {
    const objector = nurses[1]!;
    const synced = await e.app.db.manager.query(
      `SELECT s.siasn_id AS siasn_id FROM siasn_sync s JOIN evaluation ev ON ev.id = s.evaluation_id
        WHERE ev.appraisal_id = ? AND ev.kind = 'ANNUAL'`,
      [Number(Buffer.from(objector.plan.id, 'base64url').toString().split(':')[1])],
    );
    const siasnIdBefore = String((synced as Array<{ siasn_id: string }>)[0]!.siasn_id);
    app.clock.set(wit('2028-01-12'));
    const plan = await e.ratedOrFail(objector.plan.id);
    const filed = await e.fileObjection(
      { appraisalId: plan.id, expectedVersion: plan.version, reason: 'Capaian imunisasi saya belum dihitung penuh' },
      objector.owner,
    );
    expect(filed.userErrors).toEqual([]);
    const decided = await e.decideObjection(
      {
        id: filed.objection!.id,
        expectedVersion: filed.objection!.version,
        accept: true,
        resultRating: MEETS,
        behaviorRating: MEETS,
        reason: 'Data terverifikasi: target tercapai',
      },
      kadinkes,
    );
    expect(decided.userErrors).toEqual([]);
    const page = (await pending(e.org.dinkes, 2027))!;
    expect(page.totalCount).toBe(1);
    const [record] = page.nodes;
    expect(record).toMatchObject<Partial<RecordOut>>({
      kind: 'ANNUAL',
      nip: objector.owner.nip,
      siasnId: siasnIdBefore,
      version: 1,
      hasilKinerjaNilai: 2,
      perilakuKerjaNilai: 2,
      kuadranKinerjaNilai: 2,
      penilaiNama: head.displayName,
    });
    expect(record!.recordId).toBe(decided.appraisal!.annualEvaluation!.id);
    expect((await mark([{ recordId: record!.recordId, siasnId: siasnIdBefore }])).userErrors).toEqual([]);
    expect((await pending(e.org.dinkes, 2027))!.totalCount).toBe(0);
  });

  it('a monthly year: each rated month is a record with periodikId 1', async () => {
    app.clock.set(wit('2028-01-15'));
    const y2028 = await e.givenYear(2028, { cadence: 'MONTHLY' });
    const [nurse] = await e.nursesWithPlans(1, y2028, { positionTitle: 'Bidan Terampil' });
    await e.movePeriodTo(y2028.period, 'RUNNING');
    app.clock.set(wit('2028-03-02'));
    const plan = await e.ratedOrFail(nurse!.plan.id);
    await e.ok(
      'ratePeriod',
      { appraisalId: plan.id, expectedVersion: plan.version, subPeriod: 2, resultRating: BELOW, behaviorRating: BELOW },
      head,
      'evaluation { id }',
    );
    const page = (await pending(e.org.pkm, 2028))!;
    expect(page.nodes).toEqual([
      expect.objectContaining<Partial<RecordOut>>({
        kind: 'PERIODIC',
        tahun: 2028,
        periodikId: 1,
        bulanMulaiPenilaian: 2,
        bulanSelesaiPenilaian: 2,
        hasilKinerjaNilai: 3,
        perilakuKerjaNilai: 3,
        kuadranKinerjaNilai: 5,
        koefisienId: 'TERAMPIL',
        koefisien: 5,
      }),
    ]);
    // The year before stays as it was.
    expect((await pending(e.org.pkm, 2027))!.totalCount).toBe(0);

    // Sent, then rated again: pending again under the SIASN id it had, until its new version is marked.
    const sent = page.nodes[0]!;
    expect((await mark([{ recordId: sent.recordId, siasnId: 'SIASN-M2', version: sent.version }])).userErrors).toEqual(
      [],
    );
    expect((await pending(e.org.pkm, 2028))!.totalCount).toBe(0);
    const again = await e.ratedOrFail(nurse!.plan.id);
    await e.ok(
      'ratePeriod',
      {
        appraisalId: again.id,
        expectedVersion: again.version,
        subPeriod: 2,
        resultRating: MEETS,
        behaviorRating: MEETS,
      },
      head,
      'evaluation { id }',
    );
    const changed = (await pending(e.org.pkm, 2028))!.nodes;
    expect(changed).toEqual([
      expect.objectContaining({ recordId: sent.recordId, version: 2, siasnId: 'SIASN-M2', kuadranKinerjaNilai: 2 }),
    ]);
    // The portal reports the version it had sent: the record stays pending; then the new one.
    expect((await mark([{ recordId: sent.recordId, siasnId: 'SIASN-M2', version: 1 }])).userErrors).toEqual([]);
    expect((await pending(e.org.pkm, 2028))!.totalCount).toBe(1);
    expect((await mark([{ recordId: sent.recordId, siasnId: 'SIASN-M2', version: 2 }])).userErrors).toEqual([]);
    expect((await pending(e.org.pkm, 2028))!.totalCount).toBe(0);
    // An older version never replaces a newer one marked.
    expect(await unchanged(() => mark([{ recordId: sent.recordId, siasnId: 'SIASN-OLD', version: 1 }]))).toEqual({
      marked: 1,
      userErrors: [],
    });
  });
});
