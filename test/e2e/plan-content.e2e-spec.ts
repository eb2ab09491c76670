import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import {
  codes,
  dbId,
  employeeId,
  type IndicatorOut,
  PLAN_FIELDS,
  type PlanOut,
  Planning,
  type RhkOut,
  textOf,
} from './planning-helpers';

/**
 * The content of a plan (`docs/domain.md`, The SKP; scenarios 1, 2 and 6): RHK and the cascade to the appraiser's RHK,
 * IKI with aspect and target (or a target statement, or a perspective for JPT), their order, what stops a plan
 * from being submitted, and the seven BerAKHLAK values with the appraiser's specific expectations. Every refusal
 * is checked to leave every planning table unchanged.
 */

const RHK_FIELDS =
  'id kind position text supports { id } indicators { id position text aspect targetValue targetUnit targetText perspective }';
const IKI_FIELDS = 'id position text aspect targetValue targetUnit targetText perspective';

const BERAKHLAK: Array<[string, string, string[]]> = [
  [
    'BERORIENTASI_PELAYANAN',
    'Berorientasi Pelayanan',
    [
      'Memahami dan memenuhi kebutuhan masyarakat',
      'Ramah, cekatan, solutif, dan dapat diandalkan',
      'Melakukan perbaikan tiada henti',
    ],
  ],
  [
    'AKUNTABEL',
    'Akuntabel',
    [
      'Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi',
      'Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien',
      'Tidak menyalahgunakan kewenangan jabatan',
    ],
  ],
  [
    'KOMPETEN',
    'Kompeten',
    [
      'Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah',
      'Membantu orang lain belajar',
      'Melaksanakan tugas dengan kualitas terbaik',
    ],
  ],
  [
    'HARMONIS',
    'Harmonis',
    [
      'Menghargai setiap orang apa pun latar belakangnya',
      'Suka menolong orang lain',
      'Membangun lingkungan kerja yang kondusif',
    ],
  ],
  [
    'LOYAL',
    'Loyal',
    [
      'Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah',
      'Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara',
      'Menjaga rahasia jabatan dan negara',
    ],
  ],
  [
    'ADAPTIF',
    'Adaptif',
    [
      'Cepat menyesuaikan diri menghadapi perubahan',
      'Terus berinovasi dan mengembangkan kreativitas',
      'Bertindak proaktif',
    ],
  ],
  [
    'KOLABORATIF',
    'Kolaboratif',
    [
      'Memberi kesempatan kepada berbagai pihak untuk berkontribusi',
      'Terbuka dalam bekerja sama untuk menghasilkan nilai tambah',
      'Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama',
    ],
  ],
];

describe('plan content: RHK, IKI, the cascade and BerAKHLAK', () => {
  let app: TestApp;
  let p: Planning;
  let pkm: Unit;
  let kadinkes: Employee;
  let head: Employee;
  let acting: Employee;
  let peer: Employee;
  let period2027: string;
  let period2028: string;
  /** The head of the health office's RHK (JPT): not the nurses' appraiser. */
  let kadinkesRhk: string;
  /** The head of Puskesmas Walesi's RHK "complete basic immunisation coverage" (target 95%), and a second one. */
  let headRhk: string;
  let headRhk2: string;
  /** The head's RHK in the 2028 plan. */
  let headRhk2028: string;
  let peerRhk: string;
  let actingRhk: string;

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    app.clock.set('2027-01-05T01:00:00Z');
    const f = app.fixtures;
    const dinkes = await f.unit({ code: 'PC-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    pkm = await f.unit({ code: 'PC-PKM-WALESI', name: 'UPTD Puskesmas Walesi', parent: dinkes });
    const bupati = await f.official();
    kadinkes = await f.employee({
      unit: dinkes,
      externalSupervisor: bupati,
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
      grade: 'IV/c',
    });
    head = await f.employee({
      unit: pkm,
      supervisor: kadinkes,
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Walesi',
    });
    acting = await f.employee({
      unit: pkm,
      supervisor: kadinkes,
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala Subbagian Tata Usaha',
    });
    peer = await f.employee({ unit: pkm, supervisor: head });
    period2027 = (await p.openPeriod(2027)).id;
    period2028 = (await p.openPeriod(2028)).id;

    const kPlan = await p.createPlan(kadinkes, { periodId: period2027 });
    const k = await p.addRhk(kadinkes, kPlan, { text: 'Meningkatnya derajat kesehatan masyarakat Jayawijaya' });
    kadinkesRhk = k.rhk.id;
    await p.addIndicator(kadinkes, kadinkesRhk, k.plan.version, {
      text: 'Cakupan imunisasi dasar lengkap kabupaten',
      targetValue: 95,
      targetUnit: '%',
      perspective: 'PENERIMA_LAYANAN',
    });

    let hPlan = await p.createPlan(head, { periodId: period2027 });
    const h1 = await p.addRhk(head, hPlan, {
      text: 'Tercapainya cakupan imunisasi dasar lengkap di wilayah Puskesmas Walesi',
      supportsId: kadinkesRhk,
    });
    headRhk = h1.rhk.id;
    hPlan = (
      await p.addIndicator(head, headRhk, h1.plan.version, {
        text: 'Cakupan imunisasi dasar lengkap',
        targetValue: 95,
        targetUnit: '%',
      })
    ).plan;
    const h2 = await p.addRhk(head, hPlan, {
      text: 'Meningkatnya cakupan persalinan di fasilitas kesehatan',
      supportsId: kadinkesRhk,
    });
    headRhk2 = h2.rhk.id;

    const h2028 = await p.createPlan(head, { periodId: period2028 });
    headRhk2028 = (await p.addRhk(head, h2028, { text: 'Rencana 2028', kind: 'ADDITIONAL' })).rhk.id;

    const peerPlan = await p.createPlan(peer, { periodId: period2027 });
    peerRhk = (
      await p.addRhk(peer, peerPlan, { text: 'Terlaksananya imunisasi di Kampung Wesaput', supportsId: headRhk })
    ).rhk.id;

    const aPlan = await p.createPlan(acting, { periodId: period2027 });
    actingRhk = (await p.addRhk(acting, aPlan, { text: 'Tertibnya administrasi kepegawaian', supportsId: kadinkesRhk }))
      .rhk.id;
  });
  afterAll(() => app?.stop());

  /** A new staff member under the head, with an empty DRAFT plan for 2027. */
  const newStaff = async (
    approach: 'QUANTITATIVE' | 'QUALITATIVE' = 'QUANTITATIVE',
    positionTitle = 'Perawat Ahli Pertama',
  ) => {
    const employee = await app.fixtures.employee({ unit: pkm, supervisor: head, positionTitle });
    const plan = await p.createPlan(employee, { periodId: period2027, approach });
    return { employee, plan };
  };
  const addRhk = (owner: Employee, plan: { id: string; version: number }, input: Record<string, unknown>) =>
    p.mutate<{ appraisal: PlanOut | null; workResultPlan: RhkOut | null }>(
      'addWorkResultPlan',
      { appraisalId: plan.id, expectedVersion: plan.version, kind: 'MAIN', text: 'Hasil kerja', ...input },
      owner,
      `appraisal { ${PLAN_FIELDS} } workResultPlan { ${RHK_FIELDS} }`,
    );
  const updateRhk = (owner: Employee, input: Record<string, unknown>) =>
    p.mutate<{ appraisal: PlanOut | null; workResultPlan: RhkOut | null }>(
      'updateWorkResultPlan',
      input,
      owner,
      `appraisal { ${PLAN_FIELDS} } workResultPlan { ${RHK_FIELDS} }`,
    );
  const removeRhk = (owner: Employee, input: Record<string, unknown>) =>
    p.mutate<{ appraisal: PlanOut | null; removedId: string | null }>(
      'removeWorkResultPlan',
      input,
      owner,
      `appraisal { ${PLAN_FIELDS} } removedId`,
    );
  const addIki = (owner: Employee, rhkId: string, version: number, input: Record<string, unknown>) =>
    p.mutate<{ appraisal: PlanOut | null; indicator: IndicatorOut | null }>(
      'addIndicator',
      { workResultPlanId: rhkId, expectedVersion: version, text: 'Indikator', ...input },
      owner,
      `appraisal { ${PLAN_FIELDS} } indicator { ${IKI_FIELDS} }`,
    );
  const updateIki = (owner: Employee, input: Record<string, unknown>) =>
    p.mutate<{ appraisal: PlanOut | null; indicator: IndicatorOut | null }>(
      'updateIndicator',
      input,
      owner,
      `appraisal { ${PLAN_FIELDS} } indicator { ${IKI_FIELDS} }`,
    );
  const setExpectation = (who: Employee | string, input: Record<string, unknown>) =>
    p.raw<{
      appraisal: PlanOut | null;
      behavior: { coreValue: string; label: string; guides: string[]; specificExpectation: string | null } | null;
    }>(
      'setBehaviorExpectation',
      input,
      who,
      `appraisal { ${PLAN_FIELDS} } behavior { coreValue label guides specificExpectation }`,
    );
  const layout = (plan: PlanOut) => plan.workResultPlans.map((r) => [r.kind, r.position, r.text]);

  describe('the cascade (scenario 1)', () => {
    it('a nurse’s main RHK supports the head of Puskesmas Walesi’s RHK: accepted, and the link reads both ways', async () => {
      const { employee, plan } = await newStaff();
      expect(plan.workResultPlans).toEqual([]);
      const supportable = await app.data<{ appraisal: { supportableWorkResultPlans: Array<{ id: string }> } }>(
        'query($id: ID!) { appraisal(id: $id) { supportableWorkResultPlans { id } } }',
        { id: plan.id },
        await p.token(employee),
      );
      expect(supportable.appraisal.supportableWorkResultPlans.map((r) => r.id)).toEqual([headRhk, headRhk2]);
      const added = await addRhk(employee, plan, {
        text: 'Terlaksananya imunisasi dasar lengkap bagi bayi di Walesi',
        supportsId: headRhk,
      });
      expect(added.userErrors).toEqual([]);
      expect(added.workResultPlan).toMatchObject({ kind: 'MAIN', position: 1, supports: { id: headRhk } });
      expect(added.appraisal!.version).toBe(plan.version + 1);
      const supportedBy = await app.data<{ node: { supportedBy: Array<{ id: string }> } }>(
        'query($id: ID!) { node(id: $id) { ... on WorkResultPlan { supportedBy { id } } } }',
        { id: headRhk },
        await p.token(head),
      );
      expect(supportedBy.node.supportedBy.map((r) => r.id)).toContain(added.workResultPlan!.id);
      expect(
        await p.count('audit_entry', "action = 'WORK_RESULT_PLAN_ADDED' AND entity_id = ?", [
          dbId(added.workResultPlan!.id),
        ]),
      ).toBe(1);
    });

    const refusedSupports: Array<[string, () => string | null]> = [
      ['nothing', () => null],
      ['the RHK of the appraiser’s own appraiser (the head of the health office)', () => kadinkesRhk],
      ['the appraiser’s RHK in another period (2028)', () => headRhk2028],
      ['a peer’s RHK', () => peerRhk],
      ['another supervisor’s RHK (not the appraiser)', () => actingRhk],
      ['an id that is not an RHK', () => toGlobalId('Employee', head.rowId)],
      ['an RHK id that does not exist', () => toGlobalId('WorkResultPlan', 999999)],
      ['garbage', () => 'not-an-id'],
    ];

    it.each(refusedSupports)(
      'a main RHK supporting %s is refused with INVALID on supportsId, writing nothing',
      async (_label, supports) => {
        const { employee, plan } = await newStaff();
        const refused = await p.unchanged(() => addRhk(employee, plan, { text: 'Imunisasi', supportsId: supports() }));
        expect(codes(refused)).toEqual([['INVALID', ['input', 'supportsId']]]);
        expect(refused.workResultPlan).toBeNull();
      },
    );

    it('changing an RHK’s link to another period’s, a peer’s or no RHK is refused the same way; to the appraiser’s other RHK is accepted', async () => {
      const { employee, plan } = await newStaff();
      const added = await addRhk(employee, plan, { supportsId: headRhk });
      const rhk = added.workResultPlan!.id;
      let version = added.appraisal!.version;
      for (const supportsId of [headRhk2028, peerRhk, kadinkesRhk, null]) {
        const refused = await p.unchanged(() => updateRhk(employee, { id: rhk, expectedVersion: version, supportsId }));
        expect({ supportsId, errors: codes(refused) }).toEqual({
          supportsId,
          errors: [['INVALID', ['input', 'supportsId']]],
        });
      }
      const moved = await updateRhk(employee, { id: rhk, expectedVersion: version, supportsId: headRhk2 });
      expect(moved.userErrors).toEqual([]);
      expect(moved.workResultPlan!.supports).toEqual({ id: headRhk2 });
      version = moved.appraisal!.version;
      // An additional RHK that becomes main must name what it supports.
      const extra = await addRhk(employee, { id: plan.id, version }, { kind: 'ADDITIONAL', text: 'Tambahan' });
      const promoted = await p.unchanged(() =>
        updateRhk(employee, { id: extra.workResultPlan!.id, expectedVersion: extra.appraisal!.version, kind: 'MAIN' }),
      );
      expect(codes(promoted)).toEqual([['INVALID', ['input', 'supportsId']]]);
    });

    it('an additional RHK may support nothing, or the appraiser’s RHK, but not someone else’s', async () => {
      const { employee, plan } = await newStaff();
      const free = await addRhk(employee, plan, { kind: 'ADDITIONAL', text: 'Menjadi narasumber penyuluhan' });
      expect(free.userErrors).toEqual([]);
      expect(free.workResultPlan).toMatchObject({ kind: 'ADDITIONAL', position: 1, supports: null });
      const linked = await addRhk(employee, free.appraisal!, {
        kind: 'ADDITIONAL',
        text: 'Membantu imunisasi',
        supportsId: headRhk,
      });
      expect(linked.userErrors).toEqual([]);
      expect(linked.workResultPlan).toMatchObject({ kind: 'ADDITIONAL', position: 2, supports: { id: headRhk } });
      const foreign = await p.unchanged(() =>
        addRhk(employee, linked.appraisal!, { kind: 'ADDITIONAL', text: 'Lain', supportsId: peerRhk }),
      );
      expect(codes(foreign)).toEqual([['INVALID', ['input', 'supportsId']]]);
    });

    it('removing an RHK that another plan’s RHK supports is INVALID_STATE, writing nothing; once unlinked it goes', async () => {
      const sup = await app.fixtures.employee({
        unit: pkm,
        supervisor: kadinkes,
        positionKind: PositionKind.PENGAWAS,
        positionTitle: 'Kepala Seksi',
      });
      const supPlan = await p.createPlan(sup, { periodId: period2027 });
      const root = await addRhk(sup, supPlan, { supportsId: kadinkesRhk, text: 'Sasaran seksi' });
      const staff = await app.fixtures.employee({ unit: pkm, supervisor: sup });
      const staffPlan = await p.createPlan(staff, { periodId: period2027 });
      const child = await addRhk(staff, staffPlan, { supportsId: root.workResultPlan!.id, text: 'Sasaran staf' });
      expect(child.userErrors).toEqual([]);
      const refused = await p.unchanged(() =>
        removeRhk(sup, { id: root.workResultPlan!.id, expectedVersion: root.appraisal!.version }),
      );
      expect(codes(refused)).toEqual([['INVALID_STATE', ['input', 'id']]]);
      // The staff member's RHK becomes additional and unlinked: now the supervisor may remove theirs.
      const unlinked = await updateRhk(staff, {
        id: child.workResultPlan!.id,
        expectedVersion: child.appraisal!.version,
        kind: 'ADDITIONAL',
        supportsId: null,
      });
      expect(unlinked.userErrors).toEqual([]);
      const removed = await removeRhk(sup, { id: root.workResultPlan!.id, expectedVersion: root.appraisal!.version });
      expect(removed.userErrors).toEqual([]);
      expect(removed.removedId).toBe(root.workResultPlan!.id);
    });
  });

  describe('a JPT plan (scenario 2)', () => {
    it('its RHK support nothing: naming one is INVALID on supportsId', async () => {
      const jpt = await app.fixtures.employee({
        unit: pkm,
        externalSupervisor: null,
        positionKind: PositionKind.JPT,
        positionTitle: 'Sekretaris Dinas',
      });
      const plan = await p.createPlan(jpt, { periodId: period2027 });
      expect(plan.form).toBe('JPT');
      const refused = await p.unchanged(() => addRhk(jpt, plan, { supportsId: kadinkesRhk }));
      expect(codes(refused)).toEqual([['INVALID', ['input', 'supportsId']]]);
      const refusedOwn = await p.unchanged(() => addRhk(jpt, plan, { kind: 'ADDITIONAL', supportsId: headRhk }));
      expect(codes(refusedOwn)).toEqual([['INVALID', ['input', 'supportsId']]]);
      const ok = await addRhk(jpt, plan, { text: 'Meningkatnya akuntabilitas kinerja dinas' });
      expect(ok.userErrors).toEqual([]);
      expect(ok.workResultPlan!.supports).toBeNull();
      const relink = await p.unchanged(() =>
        updateRhk(jpt, { id: ok.workResultPlan!.id, expectedVersion: ok.appraisal!.version, supportsId: kadinkesRhk }),
      );
      expect(codes(relink)).toEqual([['INVALID', ['input', 'supportsId']]]);
    });

    it('each IKI needs a perspective; with one it is accepted', async () => {
      const plan = await p.plan(
        (
          await app.data<{ employee: { currentAppraisal: { id: string } } }>(
            'query($id: ID!, $p: ID) { employee(id: $id) { currentAppraisal(periodId: $p) { id } } }',
            { id: employeeId(kadinkes), p: period2027 },
            p.hr,
          )
        ).employee.currentAppraisal.id,
      );
      const rhk = plan.workResultPlans[0]!.id;
      const missing = await p.unchanged(() =>
        addIki(kadinkes, rhk, plan.version, {
          text: 'Angka kematian bayi',
          aspect: 'QUANTITY',
          targetValue: 10,
          targetUnit: 'per 1.000 KH',
        }),
      );
      expect(codes(missing)).toEqual([['INVALID', ['input', 'perspective']]]);
      const ok = await addIki(kadinkes, rhk, plan.version, {
        text: 'Angka kematian bayi',
        aspect: 'QUANTITY',
        targetValue: 10,
        targetUnit: 'per 1.000 KH',
        perspective: 'PROSES_BISNIS',
      });
      expect(ok.userErrors).toEqual([]);
      expect(ok.indicator).toMatchObject({ perspective: 'PROSES_BISNIS', position: 2 });
      const cleared = await p.unchanged(() =>
        updateIki(kadinkes, { id: ok.indicator!.id, expectedVersion: ok.appraisal!.version, perspective: null }),
      );
      expect(codes(cleared)).toEqual([['INVALID', ['input', 'perspective']]]);
    });

    it('a staff IKI cannot have a perspective', async () => {
      const { employee, plan } = await newStaff();
      const rhk = await addRhk(employee, plan, { supportsId: headRhk });
      const refused = await p.unchanged(() =>
        addIki(employee, rhk.workResultPlan!.id, rhk.appraisal!.version, {
          aspect: 'QUANTITY',
          targetValue: 100,
          targetUnit: '%',
          perspective: 'PENERIMA_LAYANAN',
        }),
      );
      expect(codes(refused)).toEqual([['INVALID', ['input', 'perspective']]]);
      const ok = await addIki(employee, rhk.workResultPlan!.id, rhk.appraisal!.version, {
        aspect: 'QUANTITY',
        targetValue: 100,
        targetUnit: '%',
      });
      const later = await p.unchanged(() =>
        updateIki(employee, { id: ok.indicator!.id, expectedVersion: ok.appraisal!.version, perspective: 'ANGGARAN' }),
      );
      expect(codes(later)).toEqual([['INVALID', ['input', 'perspective']]]);
    });
  });

  describe('indicators (IKI) and their targets', () => {
    let owner: Employee;
    let rhk: string;
    let version: number;
    beforeAll(async () => {
      const s = await newStaff();
      owner = s.employee;
      const added = await addRhk(owner, s.plan, { supportsId: headRhk });
      rhk = added.workResultPlan!.id;
      version = added.appraisal!.version;
    });

    it('a quantitative IKI with aspect, target ≥ 0 and unit is stored as given (a target of 0 included)', async () => {
      const ok = await addIki(owner, rhk, version, {
        text: 'Cakupan imunisasi dasar lengkap',
        aspect: 'QUANTITY',
        targetValue: 95.5,
        targetUnit: '%',
      });
      expect(ok.userErrors).toEqual([]);
      expect(ok.indicator).toMatchObject({
        text: 'Cakupan imunisasi dasar lengkap',
        aspect: 'QUANTITY',
        targetValue: 95.5,
        targetUnit: '%',
        targetText: null,
        perspective: null,
      });
      version = ok.appraisal!.version;
      const zero = await addIki(owner, rhk, version, {
        text: 'Kejadian ikutan pasca imunisasi tidak tertangani',
        aspect: 'QUALITY',
        targetValue: 0,
        targetUnit: 'kasus',
      });
      expect(zero.userErrors).toEqual([]);
      expect(zero.indicator!.targetValue).toBe(0);
      version = zero.appraisal!.version;
    });

    const quantitativeRefusals: Array<[string, Record<string, unknown>, string[]]> = [
      ['no aspect', { targetValue: 95, targetUnit: '%' }, ['aspect']],
      ['no target', { aspect: 'QUANTITY', targetUnit: '%' }, ['targetValue']],
      ['no unit', { aspect: 'QUANTITY', targetValue: 95 }, ['targetUnit']],
      ['a blank unit', { aspect: 'QUANTITY', targetValue: 95, targetUnit: '   ' }, ['targetUnit']],
      ['a negative target', { aspect: 'QUANTITY', targetValue: -1, targetUnit: '%' }, ['targetValue']],
      ['a slightly negative target', { aspect: 'COST', targetValue: -0.0001, targetUnit: 'rupiah' }, ['targetValue']],
      ['a unit over 64 characters', { aspect: 'QUANTITY', targetValue: 1, targetUnit: textOf(65) }, ['targetUnit']],
      ['nothing at all', {}, ['aspect', 'targetValue']],
      ['a blank text', { text: '   ', aspect: 'QUANTITY', targetValue: 1, targetUnit: '%' }, ['text']],
      [
        'a text over 1,000 characters',
        { text: textOf(1001), aspect: 'QUANTITY', targetValue: 1, targetUnit: '%' },
        ['text'],
      ],
    ];

    it.each(quantitativeRefusals)(
      'a quantitative IKI with %s is INVALID, writing nothing',
      async (_label, values, fields) => {
        const refused = await p.unchanged(() => addIki(owner, rhk, version, values));
        expect(refused.userErrors.map((e) => e.code)).toEqual(fields.map(() => 'INVALID'));
        expect(refused.userErrors.map((e) => e.field)).toEqual(fields.map((f) => ['input', f]));
        expect(refused.indicator).toBeNull();
      },
    );

    it('an update to a negative target, or clearing the unit or aspect, is INVALID, writing nothing', async () => {
      const ok = await addIki(owner, rhk, version, {
        text: 'Bayi diimunisasi',
        aspect: 'QUANTITY',
        targetValue: 120,
        targetUnit: 'bayi',
      });
      version = ok.appraisal!.version;
      const id = ok.indicator!.id;
      for (const [change, field] of [
        [{ targetValue: -5 }, 'targetValue'],
        [{ targetValue: null }, 'targetValue'],
        [{ targetUnit: null }, 'targetUnit'],
        [{ aspect: null }, 'aspect'],
        [{ text: textOf(1001) }, 'text'],
      ] as Array<[Record<string, unknown>, string]>) {
        const refused = await p.unchanged(() => updateIki(owner, { id, expectedVersion: version, ...change }));
        expect({ change, errors: codes(refused) }).toEqual({ change, errors: [['INVALID', ['input', field]]] });
      }
      const updated = await updateIki(owner, {
        id,
        expectedVersion: version,
        targetValue: 130,
        aspect: 'TIME',
        targetUnit: 'hari',
      });
      expect(updated.userErrors).toEqual([]);
      expect(updated.indicator).toMatchObject({
        targetValue: 130,
        aspect: 'TIME',
        targetUnit: 'hari',
        text: 'Bayi diimunisasi',
      });
      version = updated.appraisal!.version;
    });

    it('a qualitative IKI needs a target statement (no aspect or number needed); over 1,000 characters is INVALID', async () => {
      const { employee, plan } = await newStaff('QUALITATIVE');
      expect(plan.approach).toBe('QUALITATIVE');
      const r = await addRhk(employee, plan, { supportsId: headRhk });
      const id = r.workResultPlan!.id;
      const v = r.appraisal!.version;
      const missing = await p.unchanged(() =>
        addIki(employee, id, v, {
          text: 'Kualitas layanan imunisasi',
          aspect: 'QUALITY',
          targetValue: 90,
          targetUnit: '%',
        }),
      );
      expect(codes(missing)).toEqual([['INVALID', ['input', 'targetText']]]);
      const blank = await p.unchanged(() =>
        addIki(employee, id, v, { text: 'Kualitas layanan imunisasi', targetText: '  ' }),
      );
      expect(codes(blank)).toEqual([['INVALID', ['input', 'targetText']]]);
      const long = await p.unchanged(() =>
        addIki(employee, id, v, { text: 'Kualitas layanan imunisasi', targetText: textOf(1001) }),
      );
      expect(codes(long)).toEqual([['INVALID', ['input', 'targetText']]]);
      const negative = await p.unchanged(() =>
        addIki(employee, id, v, { text: 'Kualitas', targetText: 'Baik', targetValue: -3 }),
      );
      expect(codes(negative)).toEqual([['INVALID', ['input', 'targetValue']]]);
      const ok = await addIki(employee, id, v, {
        text: 'Kualitas layanan imunisasi',
        targetText: 'Seluruh bayi sasaran mendapat imunisasi sesuai jadwal tanpa keluhan',
      });
      expect(ok.userErrors).toEqual([]);
      expect(ok.indicator).toMatchObject({
        aspect: null,
        targetValue: null,
        targetUnit: null,
        targetText: 'Seluruh bayi sasaran mendapat imunisasi sesuai jadwal tanpa keluhan',
      });
    });

    it('texts of exactly 1,000 characters (emoji included) are kept whole; 1,001 are INVALID', async () => {
      const { employee, plan } = await newStaff('QUALITATIVE');
      const flowers = '🌺'.repeat(1000);
      const r = await addRhk(employee, plan, { supportsId: headRhk, text: flowers });
      expect(r.userErrors).toEqual([]);
      expect(r.workResultPlan!.text).toBe(flowers);
      const iki = await addIki(employee, r.workResultPlan!.id, r.appraisal!.version, {
        text: `é${textOf(999)}`,
        targetText: textOf(1000, 'ü'),
      });
      expect(iki.userErrors).toEqual([]);
      const read = await p.plan(plan.id, employee);
      expect(read.workResultPlans[0]!.text).toBe(flowers);
      expect(read.workResultPlans[0]!.indicators[0]).toMatchObject({
        text: `é${textOf(999)}`,
        targetText: textOf(1000, 'ü'),
      });
      // Surrounding blanks do not count.
      const padded = await addRhk(employee, iki.appraisal!, { kind: 'ADDITIONAL', text: `  ${textOf(1000, 'b')}  ` });
      expect(padded.userErrors).toEqual([]);
      expect(padded.workResultPlan!.text).toBe(textOf(1000, 'b'));
      const tooLong = await p.unchanged(() =>
        addRhk(employee, padded.appraisal!, { kind: 'ADDITIONAL', text: '🌺'.repeat(1001) }),
      );
      expect(codes(tooLong)).toEqual([['INVALID', ['input', 'text']]]);
      const tooLongUpdate = await p.unchanged(() =>
        updateRhk(employee, {
          id: r.workResultPlan!.id,
          expectedVersion: padded.appraisal!.version,
          text: textOf(1001),
        }),
      );
      expect(codes(tooLongUpdate)).toEqual([['INVALID', ['input', 'text']]]);
      const blank = await p.unchanged(() => addRhk(employee, padded.appraisal!, { kind: 'ADDITIONAL', text: ' \t ' }));
      expect(codes(blank)).toEqual([['INVALID', ['input', 'text']]]);
    });
  });

  describe('order', () => {
    it('RHK are numbered per kind, renumbered on remove, reorder and a change of kind', async () => {
      const { employee, plan: created } = await newStaff();
      let plan = created;
      const add = async (kind: 'MAIN' | 'ADDITIONAL', text: string) => {
        const r = await addRhk(employee, plan, { kind, text, supportsId: kind === 'MAIN' ? headRhk : null });
        expect(r.userErrors).toEqual([]);
        plan = r.appraisal!;
        return r.workResultPlan!.id;
      };
      const update = async (input: Record<string, unknown>) => {
        const r = await updateRhk(employee, { expectedVersion: plan.version, ...input });
        expect(r.userErrors).toEqual([]);
        plan = r.appraisal!;
        return r.workResultPlan!;
      };
      const m1 = await add('MAIN', 'M1');
      const a1 = await add('ADDITIONAL', 'A1');
      const m2 = await add('MAIN', 'M2');
      await add('MAIN', 'M3');
      await add('ADDITIONAL', 'A2');
      expect(layout(plan)).toEqual([
        ['MAIN', 1, 'M1'],
        ['MAIN', 2, 'M2'],
        ['MAIN', 3, 'M3'],
        ['ADDITIONAL', 1, 'A1'],
        ['ADDITIONAL', 2, 'A2'],
      ]);

      const removed = await removeRhk(employee, { id: m2, expectedVersion: plan.version });
      expect(removed.userErrors).toEqual([]);
      plan = removed.appraisal!;
      expect(layout(plan)).toEqual([
        ['MAIN', 1, 'M1'],
        ['MAIN', 2, 'M3'],
        ['ADDITIONAL', 1, 'A1'],
        ['ADDITIONAL', 2, 'A2'],
      ]);

      const m3 = plan.workResultPlans[1]!.id;
      expect(await update({ id: m3, position: 1 })).toMatchObject({ position: 1, text: 'M3' });
      expect(layout(plan)).toEqual([
        ['MAIN', 1, 'M3'],
        ['MAIN', 2, 'M1'],
        ['ADDITIONAL', 1, 'A1'],
        ['ADDITIONAL', 2, 'A2'],
      ]);

      const m4 = await add('MAIN', 'M4');
      expect(layout(plan).slice(0, 3)).toEqual([
        ['MAIN', 1, 'M3'],
        ['MAIN', 2, 'M1'],
        ['MAIN', 3, 'M4'],
      ]);
      await update({ id: m4, position: 2 });
      expect(layout(plan).slice(0, 3)).toEqual([
        ['MAIN', 1, 'M3'],
        ['MAIN', 2, 'M4'],
        ['MAIN', 3, 'M1'],
      ]);

      // Main → additional: it leaves the main list (renumbered) and goes last among the additional ones.
      expect(await update({ id: m1, kind: 'ADDITIONAL' })).toMatchObject({ kind: 'ADDITIONAL', position: 3 });
      expect(layout(plan)).toEqual([
        ['MAIN', 1, 'M3'],
        ['MAIN', 2, 'M4'],
        ['ADDITIONAL', 1, 'A1'],
        ['ADDITIONAL', 2, 'A2'],
        ['ADDITIONAL', 3, 'M1'],
      ]);

      // Additional → main at a chosen position, naming what it supports.
      await update({ id: a1, kind: 'MAIN', position: 1, supportsId: headRhk2 });
      expect(layout(plan)).toEqual([
        ['MAIN', 1, 'A1'],
        ['MAIN', 2, 'M3'],
        ['MAIN', 3, 'M4'],
        ['ADDITIONAL', 1, 'A2'],
        ['ADDITIONAL', 2, 'M1'],
      ]);

      // Positions beyond the ends go to the ends.
      await update({ id: plan.workResultPlans[0]!.id, position: 99 });
      expect(layout(plan).slice(0, 3)).toEqual([
        ['MAIN', 1, 'M3'],
        ['MAIN', 2, 'M4'],
        ['MAIN', 3, 'A1'],
      ]);
      await update({ id: plan.workResultPlans[2]!.id, position: 0 });
      expect(layout(plan).slice(0, 3)).toEqual([
        ['MAIN', 1, 'A1'],
        ['MAIN', 2, 'M3'],
        ['MAIN', 3, 'M4'],
      ]);

      // What the payload says is what is stored.
      expect(layout(await p.plan(plan.id, employee))).toEqual(layout(plan));
      const positions: Array<{ kind: string; position: number | string }> = await app.db.manager.query(
        'SELECT kind, position FROM work_result_plan WHERE appraisal_id = ? ORDER BY kind DESC, position',
        [dbId(plan.id)],
      );
      expect(positions.map((r) => [r.kind, Number(r.position)])).toEqual(layout(plan).map(([k, pos]) => [k, pos]));
    });

    it('IKI are renumbered when one is removed; removing an RHK removes its IKI', async () => {
      const { employee, plan } = await newStaff();
      const r = await addRhk(employee, plan, { supportsId: headRhk });
      let version = r.appraisal!.version;
      const ids: string[] = [];
      for (const text of ['I1', 'I2', 'I3']) {
        const i = await addIki(employee, r.workResultPlan!.id, version, {
          text,
          aspect: 'QUANTITY',
          targetValue: 1,
          targetUnit: 'dokumen',
        });
        ids.push(i.indicator!.id);
        expect(i.indicator!.position).toBe(ids.length);
        version = i.appraisal!.version;
      }
      const removed = await p.ok<{ appraisal: PlanOut; removedId: string }>(
        'removeIndicator',
        { id: ids[1], expectedVersion: version },
        employee,
        `appraisal { ${PLAN_FIELDS} } removedId`,
      );
      expect(removed.removedId).toBe(ids[1]);
      expect(removed.appraisal.workResultPlans[0]!.indicators.map((i) => [i.position, i.text])).toEqual([
        [1, 'I1'],
        [2, 'I3'],
      ]);
      version = removed.appraisal.version;
      const gone = await removeRhk(employee, { id: r.workResultPlan!.id, expectedVersion: version });
      expect(gone.userErrors).toEqual([]);
      expect(gone.appraisal!.workResultPlans).toEqual([]);
      expect(await p.count('indicator', 'work_result_plan_id = ?', [dbId(r.workResultPlan!.id)])).toBe(0);
    });
  });

  describe('submitting', () => {
    it('lists every missing piece at once: no main RHK, an RHK without IKI, an IKI that no longer fits the approach', async () => {
      const { employee, plan } = await newStaff();
      const a1 = await addRhk(employee, plan, { kind: 'ADDITIONAL', text: 'Tanpa indikator' });
      const a2 = await addRhk(employee, a1.appraisal!, { kind: 'ADDITIONAL', text: 'Dengan indikator kuantitatif' });
      const iki = await addIki(employee, a2.workResultPlan!.id, a2.appraisal!.version, {
        aspect: 'QUANTITY',
        targetValue: 12,
        targetUnit: 'laporan',
      });
      const switched = await p.ok<{ appraisal: PlanOut }>(
        'updateAppraisal',
        { id: plan.id, expectedVersion: iki.appraisal!.version, approach: 'QUALITATIVE' },
        employee,
        'appraisal { id version approach }',
      );
      expect(switched.appraisal.approach).toBe('QUALITATIVE');
      const refused = await p.unchanged(() =>
        p.mutate<{ appraisal: PlanOut | null }>(
          'submitAppraisal',
          { id: plan.id, expectedVersion: switched.appraisal.version },
          employee,
          'appraisal { id }',
        ),
      );
      expect(refused.appraisal).toBeNull();
      expect(codes(refused)).toEqual([
        ['INVALID', ['input', 'id']],
        ['INVALID', ['input', 'id']],
        ['INVALID', ['input', 'id']],
      ]);
      const messages = refused.userErrors.map((e) => e.message);
      expect(messages[0]).toMatch(/main RHK/);
      expect(messages[1]).toMatch(/indicator/);
      expect(messages[1]).toMatch(/RHK tambahan 1/);
      expect(messages[2]).toMatch(/RHK tambahan 2, IKI 1/);
      expect(messages[2]).toMatch(/target statement/);
      expect((await p.plan(plan.id)).status).toBe('DRAFT');
    });

    it('also lists a main RHK whose link is no longer the appraiser’s (after a reassignment) and indicators missing a number after switching back', async () => {
      const { employee, plan } = await newStaff('QUALITATIVE');
      const main = await addRhk(employee, plan, { supportsId: headRhk, text: 'Utama' });
      const iki = await addIki(employee, main.workResultPlan!.id, main.appraisal!.version, {
        targetText: 'Semua bayi terlayani',
      });
      const extra = await addRhk(employee, iki.appraisal!, { kind: 'ADDITIONAL', text: 'Tambahan tanpa IKI' });
      const reassigned = await p.ok<{ appraisal: PlanOut }>(
        'reassignAppraiser',
        { id: plan.id, expectedVersion: extra.appraisal!.version, appraiserId: employeeId(acting), reason: 'Plt' },
        p.hr,
        'appraisal { id version }',
      );
      const back = await p.ok<{ appraisal: PlanOut }>(
        'updateAppraisal',
        { id: plan.id, expectedVersion: reassigned.appraisal.version, approach: 'QUANTITATIVE' },
        employee,
        'appraisal { id version }',
      );
      const refused = await p.unchanged(() =>
        p.mutate(
          'submitAppraisal',
          { id: plan.id, expectedVersion: back.appraisal.version },
          employee,
          'appraisal { id }',
        ),
      );
      const messages = refused.userErrors.map((e) => e.message);
      expect(refused.userErrors.every((e) => e.code === 'INVALID')).toBe(true);
      expect(messages).toHaveLength(4);
      expect(messages[0]).toMatch(/RHK utama 1/);
      expect(messages[0]).toMatch(/appraiser/);
      expect(messages.filter((m) => /RHK utama 1, IKI 1/.test(m))).toHaveLength(2); // no aspect, no numeric target
      expect(messages[3]).toMatch(/RHK tambahan 1/);
    });

    it('a complete plan is submitted', async () => {
      app.clock.set('2027-01-12T02:00:00Z');
      const { employee, plan } = await newStaff();
      const r = await addRhk(employee, plan, { supportsId: headRhk });
      const i = await addIki(employee, r.workResultPlan!.id, r.appraisal!.version, {
        aspect: 'QUANTITY',
        targetValue: 1,
        targetUnit: 'laporan',
      });
      const submitted = await p.step('submitAppraisal', i.appraisal!, employee);
      expect(submitted).toMatchObject({
        status: 'SUBMITTED',
        submittedAt: '2027-01-12T02:00:00.000Z',
        version: i.appraisal!.version + 1,
      });
    });

    it('a plan of the next year cascades from the appraiser’s plan of that year, not of this one', async () => {
      const { employee } = await newStaff();
      const next = await p.createPlan(employee, { periodId: period2028 });
      const thisYear = await p.unchanged(() => addRhk(employee, next, { supportsId: headRhk }));
      expect(codes(thisYear)).toEqual([['INVALID', ['input', 'supportsId']]]);
      const sameYear = await addRhk(employee, next, { supportsId: headRhk2028 });
      expect(sameYear.userErrors).toEqual([]);
    });
  });

  describe('behaviour: the seven BerAKHLAK values (scenario 6)', () => {
    it('a new plan lists all seven values, in the form’s order, each with its three guides and no expectation yet', async () => {
      const { plan } = await newStaff();
      expect(plan.behaviors.map((b) => [b.coreValue, b.label, b.guides, b.specificExpectation])).toEqual(
        BERAKHLAK.map(([v, l, g]) => [v, l, g, null]),
      );
    });

    it('the appraiser adds a specific expectation for KOLABORATIF; the employee sees it; null clears it', async () => {
      const { employee, plan } = await newStaff();
      const expectation = 'Aktif berkoordinasi dengan kader posyandu dan bidan kampung dalam setiap jadwal imunisasi';
      const set = await setExpectation(head, {
        appraisalId: plan.id,
        expectedVersion: plan.version,
        coreValue: 'KOLABORATIF',
        expectation,
      });
      expect(set.body.errors).toBeUndefined();
      const payload = set.body.data!.r;
      expect(payload.userErrors).toEqual([]);
      expect(payload.behavior).toEqual({
        coreValue: 'KOLABORATIF',
        label: 'Kolaboratif',
        guides: BERAKHLAK[6]![2],
        specificExpectation: expectation,
      });
      expect(payload.appraisal!.version).toBe(plan.version + 1);
      const seen = await p.plan(plan.id, employee);
      expect(seen.behaviors.map((b) => [b.coreValue, b.specificExpectation])).toEqual(
        BERAKHLAK.map(([v]) => [v, v === 'KOLABORATIF' ? expectation : null]),
      );
      expect(seen.behaviors[6]!.guides).toHaveLength(3);

      const changed = await setExpectation(head, {
        appraisalId: plan.id,
        expectedVersion: seen.version,
        coreValue: 'KOLABORATIF',
        expectation: 'Bekerja sama dengan lintas program',
      });
      expect(changed.body.data!.r.behavior!.specificExpectation).toBe('Bekerja sama dengan lintas program');
      const cleared = await setExpectation(head, {
        appraisalId: plan.id,
        expectedVersion: changed.body.data!.r.appraisal!.version,
        coreValue: 'KOLABORATIF',
        expectation: null,
      });
      expect(cleared.body.data!.r.userErrors).toEqual([]);
      expect(cleared.body.data!.r.behavior!.specificExpectation).toBeNull();
      expect((await p.plan(plan.id, employee)).behaviors.every((b) => b.specificExpectation === null)).toBe(true);
      expect(await p.count('behavior_expectation', 'appraisal_id = ?', [dbId(plan.id)])).toBe(0);
      expect(
        await p.count('audit_entry', "action = 'BEHAVIOR_EXPECTATION_SET' AND entity_id = ?", [dbId(plan.id)]),
      ).toBe(3);
    });

    it('the employee cannot write one (FORBIDDEN), a peer cannot see the plan (NOT_FOUND), an over-long one is INVALID: nothing written', async () => {
      const { employee, plan } = await newStaff();
      const byEmployee = await p.unchanged(() =>
        setExpectation(employee, {
          appraisalId: plan.id,
          expectedVersion: plan.version,
          coreValue: 'KOLABORATIF',
          expectation: 'Saya sendiri',
        }),
      );
      expect(byEmployee.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(byEmployee.body.data?.r ?? null).toBeNull();
      const byPeer = await p.unchanged(() =>
        setExpectation(peer, {
          appraisalId: plan.id,
          expectedVersion: plan.version,
          coreValue: 'KOLABORATIF',
          expectation: 'Teman',
        }),
      );
      expect(byPeer.body.data!.r.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const byHeadOfOffice = await p.unchanged(() =>
        setExpectation(kadinkes, {
          appraisalId: plan.id,
          expectedVersion: plan.version,
          coreValue: 'KOLABORATIF',
          expectation: 'Atasan tidak langsung',
        }),
      );
      expect(byHeadOfOffice.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const tooLong = await p.unchanged(() =>
        setExpectation(head, {
          appraisalId: plan.id,
          expectedVersion: plan.version,
          coreValue: 'KOLABORATIF',
          expectation: textOf(2001),
        }),
      );
      expect(codes(tooLong.body.data!.r)).toEqual([['INVALID', ['input', 'expectation']]]);
      const stale = await p.unchanged(() =>
        setExpectation(head, {
          appraisalId: plan.id,
          expectedVersion: plan.version + 1,
          coreValue: 'KOLABORATIF',
          expectation: 'Basi',
        }),
      );
      expect(stale.body.data!.r.userErrors.map((e) => [e.code, e.currentVersion])).toEqual([
        ['CONFLICT', plan.version],
      ]);
    });

    it('can be written while SUBMITTED, not after approval (INVALID_STATE, nothing written), again after a reopen', async () => {
      const { employee } = await newStaff();
      const plan = (
        await app.data<{ employee: { currentAppraisal: { id: string } } }>(
          'query($id: ID!) { employee(id: $id) { currentAppraisal { id } } }',
          { id: employeeId(employee) },
          p.hr,
        )
      ).employee.currentAppraisal.id;
      let current = await p.plan(plan);
      const r = await addRhk(employee, current, { supportsId: headRhk });
      current = (
        await addIki(employee, r.workResultPlan!.id, r.appraisal!.version, {
          aspect: 'QUANTITY',
          targetValue: 1,
          targetUnit: 'laporan',
        })
      ).appraisal!;
      current = await p.step('submitAppraisal', current, employee);
      const whileSubmitted = await setExpectation(head, {
        appraisalId: plan,
        expectedVersion: current.version,
        coreValue: 'KOLABORATIF',
        expectation: 'Koordinasi lintas sektor',
      });
      expect(whileSubmitted.body.data!.r.userErrors).toEqual([]);
      current = await p.step('approveAppraisal', whileSubmitted.body.data!.r.appraisal!, head);
      const afterApproval = await p.unchanged(() =>
        setExpectation(head, {
          appraisalId: plan,
          expectedVersion: current.version,
          coreValue: 'KOLABORATIF',
          expectation: null,
        }),
      );
      expect(codes(afterApproval.body.data!.r)).toEqual([['INVALID_STATE', ['input', 'appraisalId']]]);
      const another = await p.unchanged(() =>
        setExpectation(head, {
          appraisalId: plan,
          expectedVersion: current.version,
          coreValue: 'ADAPTIF',
          expectation: 'Cepat belajar',
        }),
      );
      expect(codes(another.body.data!.r)).toEqual([['INVALID_STATE', ['input', 'appraisalId']]]);
      current = await p.step('reopenAppraisal', current, head, 'Ekspektasi perlu diperbarui');
      const afterReopen = await setExpectation(head, {
        appraisalId: plan,
        expectedVersion: current.version,
        coreValue: 'KOLABORATIF',
        expectation: null,
      });
      expect(afterReopen.body.data!.r.userErrors).toEqual([]);
    });
  });

  describe('who edits the content', () => {
    it('only the employee, while the plan is editable: the appraiser gets FORBIDDEN, a peer NOT_FOUND, a SUBMITTED plan INVALID_STATE', async () => {
      const { employee, plan } = await newStaff();
      const byHead = await p.unchanged(() =>
        p.raw(
          'addWorkResultPlan',
          { appraisalId: plan.id, expectedVersion: plan.version, kind: 'ADDITIONAL', text: 'Dari atasan' },
          head,
          'workResultPlan { id }',
        ),
      );
      expect(byHead.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const byPeer = await p.unchanged(() => addRhk(peer, plan, { kind: 'ADDITIONAL', text: 'Dari teman' }));
      expect(byPeer.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const ready = await addRhk(employee, plan, { supportsId: headRhk });
      const withIki = await addIki(employee, ready.workResultPlan!.id, ready.appraisal!.version, {
        aspect: 'QUANTITY',
        targetValue: 3,
        targetUnit: 'kegiatan',
      });
      const submitted = await p.step('submitAppraisal', withIki.appraisal!, employee);
      const locked = await p.unchanged(() => addRhk(employee, submitted, { kind: 'ADDITIONAL', text: 'Terlambat' }));
      expect(locked.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
      const lockedIki = await p.unchanged(() =>
        updateIki(employee, { id: withIki.indicator!.id, expectedVersion: submitted.version, targetValue: 4 }),
      );
      expect(lockedIki.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
      const stale = await p.unchanged(() =>
        addRhk(employee, { id: plan.id, version: plan.version }, { kind: 'ADDITIONAL', text: 'Versi lama' }),
      );
      expect(stale.userErrors.map((e) => [e.code, e.currentVersion])).toEqual([['CONFLICT', submitted.version]]);
    });
  });
});
