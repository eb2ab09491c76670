import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { TestApp } from '../support/test-app';

interface Plan {
  id: string;
  version: number;
  status: string;
  form: string;
  approvedLate: boolean;
  workResultPlans: Array<{
    id: string;
    text: string;
    supports: { id: string } | null;
    indicators: Array<{ id: string; targetValue: number | null }>;
  }>;
  supportableWorkResultPlans: Array<{ id: string; text: string }>;
  history: Array<{ action: string; fromStatus: string; toStatus: string; reason: string | null }>;
}

const PLAN = `id version status form approvedLate
  workResultPlans { id text supports { id } indicators { id targetValue } }
  supportableWorkResultPlans { id text }
  history { action fromStatus toStatus reason }`;

interface Payload {
  appraisal: Plan | null;
  userErrors: Array<{ code: string; field: string[] | null; message: string }>;
}

describe('performance planning: the cascade and the approval workflow (docs/domain.md scenarios 1–3)', () => {
  let app: TestApp;
  let hr: string;
  let dinkes: Unit;
  const token = (e: Employee) => app.token(e.nip);
  const mutate = async (name: string, input: Record<string, unknown>, as: string, select = `appraisal { ${PLAN} }`) => {
    const res = await app.gql<Record<string, Payload>>(
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { r: ${name}(input: $input) { ${select} userErrors { code field message } } }`,
      { input },
      as,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.r!;
  };

  beforeAll(async () => {
    app = await TestApp.start();
    dinkes = await app.fixtures.unit({ code: 'JWY-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    app.clock.set('2027-01-04T01:00:00Z');
    const opened = await app.gql<{ openPeriod: { period: { id: string } } }>(
      'mutation { openPeriod(input: { year: 2027 }) { period { id } userErrors { code } } }',
      {},
      hr,
    );
    expect(opened.body.data?.openPeriod.period.id).toBeTruthy();
  });
  afterAll(() => app?.stop());

  /**
   * Each test has people of its own (a head of a health office under the Bupati, a head of Puskesmas, a nurse and
   * a peer), and brings their plans to the step before its own with the `given…` steps below: no test depends on
   * what another did.
   */
  interface People {
    kadinkes: Employee;
    head: Employee;
    nurse: Employee;
    peer: Employee;
  }
  let peopleSequence = 0;
  async function givenPeople(): Promise<People> {
    const f = app.fixtures;
    app.clock.set('2027-01-04T01:00:00Z');
    const office = await f.unit({
      name: `Bidang Kesehatan ${++peopleSequence}`,
      kind: UnitKind.DIVISION,
      parent: dinkes,
    });
    const pkm = await f.unit({ name: `UPTD Puskesmas ${peopleSequence}`, parent: office });
    const bupati = await f.official();
    const kadinkes = await f.employee({
      unit: office,
      externalSupervisor: bupati,
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
      grade: 'IV/c',
    });
    const head = await f.employee({
      unit: pkm,
      supervisor: kadinkes,
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Walesi',
    });
    const nurse = await f.employee({ unit: pkm, supervisor: head, positionTitle: 'Perawat Ahli Pertama' });
    const peer = await f.employee({ unit: pkm, supervisor: head, positionTitle: 'Perawat Ahli Pertama' });
    return { kadinkes, head, nurse, peer };
  }
  const must = (payload: Payload): Plan => {
    if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
    return payload.appraisal!;
  };
  /** The JPT's plan: one RHK, one IKI with a perspective. */
  async function givenJptPlan({ kadinkes }: Pick<People, 'kadinkes'>): Promise<Plan> {
    const created = must(await mutate('createAppraisal', {}, await token(kadinkes)));
    const withRhk = must(
      await mutate(
        'addWorkResultPlan',
        {
          appraisalId: created.id,
          expectedVersion: created.version,
          kind: 'MAIN',
          text: 'Meningkatnya cakupan imunisasi dasar lengkap',
        },
        await token(kadinkes),
      ),
    );
    const indicator = {
      workResultPlanId: withRhk.workResultPlans[0]!.id,
      expectedVersion: withRhk.version,
      text: 'Cakupan imunisasi dasar lengkap',
      aspect: 'QUANTITY',
      targetValue: 95,
      targetUnit: '%',
      perspective: 'PENERIMA_LAYANAN',
    };
    return must(await mutate('addIndicator', indicator, await token(kadinkes)));
  }
  /** The head's plan supporting the JPT's RHK, and the nurse's supporting the head's. */
  async function givenCascade(people: People, kadinkesPlan: Plan): Promise<{ headPlan: Plan; nursePlan: Plan }> {
    const headDraft = must(await mutate('createAppraisal', {}, await token(people.head)));
    const headPlan = must(
      await mutate(
        'addWorkResultPlan',
        {
          appraisalId: headDraft.id,
          expectedVersion: headDraft.version,
          kind: 'MAIN',
          text: 'Tercapainya cakupan imunisasi dasar lengkap di wilayah Puskesmas Walesi',
          supportsId: kadinkesPlan.workResultPlans[0]!.id,
        },
        await token(people.head),
      ),
    );
    const nurseDraft = must(await mutate('createAppraisal', {}, await token(people.nurse)));
    const nursePlan = must(
      await mutate(
        'addWorkResultPlan',
        {
          appraisalId: nurseDraft.id,
          expectedVersion: nurseDraft.version,
          kind: 'MAIN',
          text: 'Terlaksananya imunisasi dasar lengkap bagi bayi di Walesi',
          supportsId: headPlan.workResultPlans[0]!.id,
        },
        await token(people.nurse),
      ),
    );
    return { headPlan, nursePlan };
  }
  /** The nurse's plan completed, submitted and approved late by the head. */
  async function givenApproved(people: People, nursePlan: Plan): Promise<Plan> {
    const indicator = {
      workResultPlanId: nursePlan.workResultPlans[0]!.id,
      expectedVersion: nursePlan.version,
      text: 'Jumlah bayi diimunisasi lengkap',
      aspect: 'QUANTITY',
      targetValue: 120,
      targetUnit: 'bayi',
    };
    const complete = must(await mutate('addIndicator', indicator, await token(people.nurse)));
    app.clock.set('2027-01-10T01:00:00Z');
    const submitted = must(
      await mutate(
        'submitAppraisal',
        { id: complete.id, expectedVersion: complete.version },
        await token(people.nurse),
      ),
    );
    app.clock.set('2027-01-31T16:00:00Z');
    return must(
      await mutate(
        'approveAppraisal',
        { id: submitted.id, expectedVersion: submitted.version },
        await token(people.head),
      ),
    );
  }

  it('a JPT plan: RHK support nothing, every IKI needs a perspective', async () => {
    const { kadinkes } = await givenPeople();
    let kadinkesPlan: Plan;
    const created = await mutate('createAppraisal', {}, await token(kadinkes));
    kadinkesPlan = created.appraisal!;
    expect(kadinkesPlan).toMatchObject({ status: 'DRAFT', form: 'JPT' });
    const rhk = await mutate(
      'addWorkResultPlan',
      {
        appraisalId: kadinkesPlan.id,
        expectedVersion: 1,
        kind: 'MAIN',
        text: 'Meningkatnya cakupan imunisasi dasar lengkap',
      },
      await token(kadinkes),
    );
    kadinkesPlan = rhk.appraisal!;
    const rhkId = kadinkesPlan.workResultPlans[0]!.id;
    const noPerspective = await mutate(
      'addIndicator',
      {
        workResultPlanId: rhkId,
        expectedVersion: kadinkesPlan.version,
        text: 'Cakupan imunisasi dasar lengkap',
        aspect: 'QUANTITY',
        targetValue: 95,
        targetUnit: '%',
      },
      await token(kadinkes),
    );
    expect(noPerspective.userErrors.map((e) => [e.code, e.field])).toEqual([['INVALID', ['input', 'perspective']]]);
    const ok = await mutate(
      'addIndicator',
      {
        workResultPlanId: rhkId,
        expectedVersion: kadinkesPlan.version,
        text: 'Cakupan imunisasi dasar lengkap',
        aspect: 'QUANTITY',
        targetValue: 95,
        targetUnit: '%',
        perspective: 'PENERIMA_LAYANAN',
      },
      await token(kadinkes),
    );
    expect(ok.userErrors).toEqual([]);
  });

  it('the head’s main RHK supports the head of the health office’s; a nurse’s supports the head’s and nobody else’s', async () => {
    const { kadinkes, head, nurse } = await givenPeople();
    const kadinkesPlan = await givenJptPlan({ kadinkes });
    let headPlan: Plan;
    let nursePlan: Plan;
    headPlan = (await mutate('createAppraisal', {}, await token(head))).appraisal!;
    expect(headPlan.supportableWorkResultPlans.map((r) => r.id)).toEqual([kadinkesPlan.workResultPlans[0]!.id]);
    headPlan = (
      await mutate(
        'addWorkResultPlan',
        {
          appraisalId: headPlan.id,
          expectedVersion: headPlan.version,
          kind: 'MAIN',
          text: 'Tercapainya cakupan imunisasi dasar lengkap di wilayah Puskesmas Walesi',
          supportsId: kadinkesPlan.workResultPlans[0]!.id,
        },
        await token(head),
      )
    ).appraisal!;

    nursePlan = (await mutate('createAppraisal', {}, await token(nurse))).appraisal!;
    const headRhk = headPlan.workResultPlans[0]!.id;
    const nobody = await mutate(
      'addWorkResultPlan',
      { appraisalId: nursePlan.id, expectedVersion: nursePlan.version, kind: 'MAIN', text: 'Imunisasi' },
      await token(nurse),
    );
    expect(nobody.userErrors.map((e) => [e.code, e.field])).toEqual([['INVALID', ['input', 'supportsId']]]);
    const notMyAppraiser = await mutate(
      'addWorkResultPlan',
      {
        appraisalId: nursePlan.id,
        expectedVersion: nursePlan.version,
        kind: 'MAIN',
        text: 'Imunisasi',
        supportsId: kadinkesPlan.workResultPlans[0]!.id,
      },
      await token(nurse),
    );
    expect(notMyAppraiser.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    expect(notMyAppraiser.userErrors[0]!.message).toMatch(/appraiser/);
    const ok = await mutate(
      'addWorkResultPlan',
      {
        appraisalId: nursePlan.id,
        expectedVersion: nursePlan.version,
        kind: 'MAIN',
        text: 'Terlaksananya imunisasi dasar lengkap bagi bayi di Walesi',
        supportsId: headRhk,
      },
      await token(nurse),
    );
    expect(ok.userErrors).toEqual([]);
    nursePlan = ok.appraisal!;
    expect(nursePlan.workResultPlans[0]!.supports?.id).toBe(headRhk);
    expect(headPlan.workResultPlans[0]!.supports?.id).toBe(kadinkesPlan.workResultPlans[0]!.id);
  });

  it('the cascade under the health office’s RHK reaches the nurse', async () => {
    const people = await givenPeople();
    const { kadinkes } = people;
    const kadinkesPlan = await givenJptPlan(people);
    await givenCascade(people, kadinkesPlan);
    const res = await app.data<{ node: { cascade: Array<{ level: number; workResultPlan: { text: string } }> } }>(
      'query($id: ID!) { node(id: $id) { ... on WorkResultPlan { cascade { level workResultPlan { text } } } } }',
      { id: kadinkesPlan.workResultPlans[0]!.id },
      await token(kadinkes),
    );
    expect(res.node.cascade.map((c) => c.level)).toEqual([0, 1, 2]);
  });

  it('submit lists what is missing; only the appraiser approves; a late approval is flagged', async () => {
    const people = await givenPeople();
    const { kadinkes, head, nurse, peer } = people;
    let { nursePlan } = await givenCascade(people, await givenJptPlan(people));
    const incomplete = await mutate(
      'submitAppraisal',
      { id: nursePlan.id, expectedVersion: nursePlan.version },
      await token(nurse),
    );
    expect(incomplete.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    const rhkId = nursePlan.workResultPlans[0]!.id;
    nursePlan = (
      await mutate(
        'addIndicator',
        {
          workResultPlanId: rhkId,
          expectedVersion: nursePlan.version,
          text: 'Jumlah bayi diimunisasi lengkap',
          aspect: 'QUANTITY',
          targetValue: 120,
          targetUnit: 'bayi',
        },
        await token(nurse),
      )
    ).appraisal!;
    app.clock.set('2027-01-10T01:00:00Z');
    nursePlan = (
      await mutate('submitAppraisal', { id: nursePlan.id, expectedVersion: nursePlan.version }, await token(nurse))
    ).appraisal!;
    expect(nursePlan.status).toBe('SUBMITTED');

    const byPeer = await mutate(
      'approveAppraisal',
      { id: nursePlan.id, expectedVersion: nursePlan.version },
      await token(peer),
    );
    expect(byPeer.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const byIndirect = await app.gql(
      'mutation($input: ApproveAppraisalInput!) { approveAppraisal(input: $input) { userErrors { code } } }',
      { input: { id: nursePlan.id, expectedVersion: nursePlan.version } },
      await token(kadinkes),
    );
    expect(byIndirect.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    app.clock.set('2027-01-31T16:00:00Z'); // 1 February, 01:00 WIT: after the deadline in Walesi.
    const approved = await mutate(
      'approveAppraisal',
      { id: nursePlan.id, expectedVersion: nursePlan.version },
      await token(head),
    );
    expect(approved.appraisal).toMatchObject({ status: 'APPROVED', approvedLate: true });
    expect(approved.appraisal!.history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
      ['SUBMIT', 'DRAFT', 'SUBMITTED'],
      ['APPROVE', 'SUBMITTED', 'APPROVED'],
    ]);
  });

  it('an approved plan is revised only through a reopen with a reason; a stale version is a CONFLICT', async () => {
    const people = await givenPeople();
    const { head, nurse } = people;
    const nursePlan = await givenApproved(people, (await givenCascade(people, await givenJptPlan(people))).nursePlan);
    const edit = await mutate(
      'updateAppraisal',
      { id: nursePlan.id, expectedVersion: nursePlan.version, consequences: 'Teguran' },
      await token(nurse),
    );
    expect(edit.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    const noReason = await mutate(
      'reopenAppraisal',
      { id: nursePlan.id, expectedVersion: nursePlan.version },
      await token(head),
    );
    expect(noReason.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    const reopened = await mutate(
      'reopenAppraisal',
      { id: nursePlan.id, expectedVersion: nursePlan.version, reason: 'Target disesuaikan dengan data sasaran baru' },
      await token(head),
    );
    expect(reopened.appraisal?.status).toBe('REVISING');
    const stale = await mutate(
      'updateAppraisal',
      { id: nursePlan.id, expectedVersion: nursePlan.version, consequences: 'Teguran' },
      await token(nurse),
    );
    expect(stale.userErrors.map((e) => e.code)).toEqual(['CONFLICT']);
  });

  it('the cascade follows the snapshot: moved under someone else, the nurse still sees the RHK she supports', async () => {
    const people = await givenPeople();
    const { nurse } = people;
    const { headPlan } = await givenCascade(people, await givenJptPlan(people));
    const other = await app.fixtures.employee({
      unit: await app.fixtures.unit({ name: 'Seksi lain' }),
      positionKind: PositionKind.PENGAWAS,
    });
    const [row] = await app.db.manager.query('SELECT version FROM employee WHERE id = ?', [nurse.rowId]);
    const moved = await app.gql(
      'mutation($input: SetSupervisorInput!) { setSupervisor(input: $input) { userErrors { code } } }',
      {
        input: {
          employeeId: toGlobalId('Employee', nurse.rowId),
          expectedVersion: Number(row.version),
          supervisorId: toGlobalId('Employee', other.rowId),
        },
      },
      hr,
    );
    expect(moved.body.data).toEqual({ setSupervisor: { userErrors: [] } });
    const seen = await app.data<{
      viewer: {
        currentAppraisal: {
          appraiserName: string;
          workResultPlans: Array<{ supports: { id: string } | null }>;
          supportableWorkResultPlans: Array<{ id: string }>;
        };
      };
    }>(
      '{ viewer { currentAppraisal { appraiserName workResultPlans { supports { id } } supportableWorkResultPlans { id } } } }',
      {},
      await token(nurse),
    );
    const headRhk = headPlan.workResultPlans[0]!.id;
    expect(seen.viewer.currentAppraisal.workResultPlans[0]!.supports?.id).toBe(headRhk);
    expect(seen.viewer.currentAppraisal.supportableWorkResultPlans.map((r) => r.id)).toContain(headRhk);
  });
});
