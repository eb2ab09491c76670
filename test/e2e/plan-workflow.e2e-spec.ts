import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { TestApp } from '../support/test-app';
import {
  codes,
  dbId,
  employeeId,
  PLAN_FIELDS,
  type PlanOut,
  Planning,
  type TransitionOut,
  unitId,
  type UserErrorOut,
} from './planning-helpers';

/**
 * The plan workflow over HTTP (`docs/domain.md`, The cycle; scenarios 3 and 9): the whole transition table, reasons,
 * stale versions, the late flag in WIT, plans started in bulk, a reassigned appraiser, a transfer in mid-year,
 * the team filters by plan status, and 50 concurrent decisions on one plan (`docs/reliability.md` item 2).
 */

type State = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED' | 'REVISING' | 'CLOSED';
type Step = 'SUBMIT' | 'APPROVE' | 'RETURN' | 'REOPEN';

const MUTATION: Record<Step, 'submitAppraisal' | 'approveAppraisal' | 'returnAppraisal' | 'reopenAppraisal'> = {
  SUBMIT: 'submitAppraisal',
  APPROVE: 'approveAppraisal',
  RETURN: 'returnAppraisal',
  REOPEN: 'reopenAppraisal',
};

/** The transition table as the domain states it: from each state, where each step leads (undefined: refused). */
const TABLE: Record<State, Partial<Record<Step, State>>> = {
  DRAFT: { SUBMIT: 'SUBMITTED' },
  SUBMITTED: { APPROVE: 'APPROVED', RETURN: 'RETURNED' },
  RETURNED: { SUBMIT: 'SUBMITTED' },
  APPROVED: { REOPEN: 'REVISING' },
  REVISING: { SUBMIT: 'SUBMITTED' },
  CLOSED: {},
};
const STATES: State[] = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'REVISING', 'CLOSED'];
const STEPS: Step[] = ['SUBMIT', 'APPROVE', 'RETURN', 'REOPEN'];

const iso = (instant: string) => new Date(instant).toISOString();

describe('the plan workflow', () => {
  let app: TestApp;
  let p: Planning;
  let dinkes: Unit;
  let pkm: Unit;
  let distrik: Unit;
  let bupati: ExternalOfficial;
  let kadinkes: Employee;
  let head: Employee;
  let acting: Employee;
  let districtHead: Employee;
  let period2027: string;
  let headRhk: string;
  let districtRhk: string;
  let actingRhk: string;

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const f = app.fixtures;
    dinkes = await f.unit({ code: 'WF-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    pkm = await f.unit({ code: 'WF-PKM-WALESI', name: 'UPTD Puskesmas Walesi', parent: dinkes });
    distrik = await f.unit({ code: 'WF-DISTRIK-WALESI', name: 'Kantor Distrik Walesi', kind: UnitKind.AGENCY });
    bupati = await f.official();
    kadinkes = await f.employee({
      unit: dinkes,
      externalSupervisor: bupati,
      name: 'Yosina Kogoya',
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
      grade: 'IV/c',
    });
    head = await f.employee({
      unit: pkm,
      supervisor: kadinkes,
      name: 'Agustina Wenda',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Walesi',
    });
    acting = await f.employee({
      unit: dinkes,
      supervisor: kadinkes,
      name: 'Petrus Itlay',
      positionKind: PositionKind.ADMINISTRATOR,
      positionTitle: 'Kepala Bidang Pelayanan Kesehatan',
    });
    districtHead = await f.employee({
      unit: distrik,
      externalSupervisor: bupati,
      name: 'Yulianus Lokobal',
      positionKind: PositionKind.ADMINISTRATOR,
      positionTitle: 'Kepala Distrik Walesi',
    });
    await f.setHead(pkm, head);
    await f.setHead(distrik, districtHead);
    period2027 = (await p.openPeriod(2027)).id;

    const kPlan = await p.createPlan(kadinkes);
    const kRhk = await p.addRhk(kadinkes, kPlan, { text: 'Meningkatnya derajat kesehatan masyarakat' });
    const hPlan = await p.createPlan(head);
    headRhk = (
      await p.addRhk(head, hPlan, { text: 'Tercapainya cakupan imunisasi dasar lengkap', supportsId: kRhk.rhk.id })
    ).rhk.id;
    actingRhk = (
      await p.addRhk(acting, await p.createPlan(acting), {
        text: 'Meningkatnya mutu pelayanan kesehatan',
        supportsId: kRhk.rhk.id,
      })
    ).rhk.id;
    const dPlan = await p.createPlan(districtHead);
    districtRhk = (await p.addRhk(districtHead, dPlan, { text: 'Terselenggaranya pelayanan umum distrik' })).rhk.id;
  });
  afterAll(() => app?.stop());

  /** A nurse under the head of Puskesmas Walesi. */
  const newNurse = (name?: string) =>
    app.fixtures.employee({
      unit: pkm,
      supervisor: head,
      positionTitle: 'Perawat Ahli Pertama',
      ...(name ? { name } : {}),
    });

  /** A nurse whose complete 2027 plan is in `state`; for CLOSED, closed by a transfer to another position on 1 March. */
  async function planIn(state: State): Promise<{ owner: Employee; plan: PlanOut }> {
    const owner = await newNurse();
    const ready = await p.readyPlan(owner, headRhk);
    if (state !== 'CLOSED') return { owner, plan: await p.bringTo(ready, state, owner, head) };
    const moved = await p.ok<{ closedAppraisal: PlanOut }>(
      'transferEmployee',
      {
        employeeId: employeeId(owner),
        expectedVersion: owner.version,
        effectiveDate: '2027-03-01',
        positionTitle: 'Perawat Ahli Muda',
      },
      p.hr,
      `closedAppraisal { ${PLAN_FIELDS} }`,
    );
    return { owner, plan: moved.closedAppraisal };
  }

  const transitionsOf = (planId: string) => p.count('appraisal_transition', 'appraisal_id = ?', [dbId(planId)]);
  const transitionAudits = (planId: string) =>
    p.count('audit_entry', "action = 'APPRAISAL_TRANSITION' AND entity_id = ?", [dbId(planId)]);

  describe('the transition table, every step from every state', () => {
    const cases: Array<[State, Step, State | undefined]> = STATES.flatMap((from) =>
      STEPS.map((step): [State, Step, State | undefined] => [from, step, TABLE[from][step]]),
    );

    it.each(cases)('%s --%s--> %s', async (from, step, to) => {
      app.clock.set('2027-01-12T02:00:00Z');
      const { owner, plan } = await planIn(from);
      expect(plan.status).toBe(from);
      const actor = step === 'SUBMIT' ? owner : head;
      const reason = step === 'RETURN' || step === 'REOPEN' ? `Alasan untuk ${step} dari ${from}` : undefined;
      app.clock.set('2027-01-14T03:04:05Z');
      const attempt = () =>
        p.mutate<{ appraisal: PlanOut | null }>(
          MUTATION[step],
          { id: plan.id, expectedVersion: plan.version, ...(reason ? { reason } : {}) },
          actor,
          `appraisal { ${PLAN_FIELDS} }`,
        );

      if (to === undefined) {
        const refused = await p.unchanged(attempt);
        expect(codes(refused)).toEqual([['INVALID_STATE', ['input', 'id']]]);
        expect(refused.appraisal).toBeNull();
        return;
      }
      const transitionsBefore = await transitionsOf(plan.id);
      const auditsBefore = await transitionAudits(plan.id);
      const done = await attempt();
      expect(done.userErrors).toEqual([]);
      expect(done.appraisal).toMatchObject({ status: to, version: plan.version + 1 });
      expect(done.appraisal!.history).toHaveLength(plan.history.length + 1);
      // As the actor reads it: an owner does not read her appraiser's NIP in `actorSubject` (as in `nip`, issue 15).
      const seenByActor = (h: TransitionOut): TransitionOut =>
        actor === owner && h.actorSubject !== owner.nip ? { ...h, actorSubject: null } : h;
      expect(done.appraisal!.history.slice(0, -1)).toEqual(plan.history.map(seenByActor));
      expect(done.appraisal!.history.at(-1)).toEqual<TransitionOut>({
        action: step,
        fromStatus: from,
        toStatus: to,
        reason: reason ?? null,
        actorSubject: actor.nip,
        occurredAt: iso('2027-01-14T03:04:05Z'),
      });
      if (step === 'SUBMIT') expect(done.appraisal!.submittedAt).toBe(iso('2027-01-14T03:04:05Z'));
      if (step === 'APPROVE')
        expect(done.appraisal).toMatchObject({ approvedAt: iso('2027-01-14T03:04:05Z'), approvedLate: false });
      expect(await transitionsOf(plan.id)).toBe(transitionsBefore + 1);
      expect(await transitionAudits(plan.id)).toBe(auditsBefore + 1);
      // The stored plan is what the payload said.
      expect(await p.plan(plan.id, actor)).toEqual(done.appraisal);
    });

    it.each(['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'REVISING'] as State[])(
      '%s --CLOSE (transfer)--> CLOSED, recorded with the reason',
      async (from) => {
        app.clock.set('2027-01-12T02:00:00Z');
        const owner = await newNurse();
        const plan = await p.bringTo(await p.readyPlan(owner, headRhk), from as 'DRAFT', owner, head);
        app.clock.set('2027-02-20T05:00:00Z');
        const moved = await p.ok<{ closedAppraisal: PlanOut; newAppraisal: PlanOut }>(
          'transferEmployee',
          {
            employeeId: employeeId(owner),
            expectedVersion: owner.version,
            effectiveDate: '2027-03-01',
            positionTitle: 'Perawat Ahli Muda',
          },
          p.hr,
          `closedAppraisal { ${PLAN_FIELDS} } newAppraisal { id status }`,
        );
        expect(moved.closedAppraisal).toMatchObject({
          status: 'CLOSED',
          version: plan.version + 1,
          endDate: '2027-02-28',
          closedAt: iso('2027-02-20T05:00:00Z'),
        });
        expect(moved.closedAppraisal.history.slice(0, -1)).toEqual(plan.history);
        expect(moved.closedAppraisal.history.at(-1)).toMatchObject({
          action: 'CLOSE',
          fromStatus: from,
          toStatus: 'CLOSED',
          actorSubject: 'bkpsdm-portal',
          occurredAt: iso('2027-02-20T05:00:00Z'),
        });
        expect(moved.closedAppraisal.history.at(-1)!.reason).toMatch(/2027-03-01/);
        expect(moved.newAppraisal.status).toBe('DRAFT');
      },
    );
  });

  describe('reasons and versions', () => {
    it.each([
      ['returnAppraisal', 'SUBMITTED'],
      ['reopenAppraisal', 'APPROVED'],
    ] as const)(
      '%s needs a reason: none, blank or over 2,000 characters is INVALID on reason, writing nothing',
      async (name, state) => {
        const { plan } = await planIn(state);
        for (const reason of [undefined, null, '', '   ', 'x'.repeat(2001)]) {
          const refused = await p.unchanged(() =>
            p.mutate(
              name,
              { id: plan.id, expectedVersion: plan.version, ...(reason === undefined ? {} : { reason }) },
              head,
              'appraisal { id }',
            ),
          );
          expect({ reason: reason?.slice(0, 10), errors: codes(refused) }).toEqual({
            reason: reason?.slice(0, 10),
            errors: [['INVALID', ['input', 'reason']]],
          });
        }
        const ok = await p.mutate<{ appraisal: PlanOut }>(
          name,
          { id: plan.id, expectedVersion: plan.version, reason: `  ${'y'.repeat(2000)}  ` },
          head,
          `appraisal { ${PLAN_FIELDS} }`,
        );
        expect(ok.userErrors).toEqual([]);
        expect(ok.appraisal.history.at(-1)!.reason).toBe('y'.repeat(2000));
      },
    );

    it('an optional note on submit and approve is kept in the history', async () => {
      const { owner, plan } = await planIn('DRAFT');
      const submitted = await p.step('submitAppraisal', plan, owner, 'Mohon diperiksa');
      const approved = await p.step('approveAppraisal', submitted, head, 'Sudah sesuai');
      expect(approved.history.map((h) => [h.action, h.reason, h.actorSubject])).toEqual([
        ['SUBMIT', 'Mohon diperiksa', owner.nip],
        ['APPROVE', 'Sudah sesuai', head.nip],
      ]);
    });

    it.each([
      ['submitAppraisal', 'DRAFT'],
      ['approveAppraisal', 'SUBMITTED'],
      ['returnAppraisal', 'SUBMITTED'],
      ['reopenAppraisal', 'APPROVED'],
    ] as const)(
      '%s with a stale expectedVersion is CONFLICT with the current version, writing nothing',
      async (name, state) => {
        const { owner, plan } = await planIn(state);
        const actor = name === 'submitAppraisal' ? owner : head;
        for (const expectedVersion of [plan.version - 1, plan.version + 1]) {
          const refused = await p.unchanged(() =>
            p.mutate(name, { id: plan.id, expectedVersion, reason: 'Alasan' }, actor, 'appraisal { id }'),
          );
          expect(refused.userErrors.map((e) => [e.code, e.field, e.currentVersion])).toEqual([
            ['CONFLICT', ['input', 'expectedVersion'], plan.version],
          ]);
        }
      },
    );

    it('only the employee submits and only the appraiser decides: the appraiser’s supervisor gets FORBIDDEN, a peer NOT_FOUND', async () => {
      const { owner, plan } = await planIn('SUBMITTED');
      const peer = await newNurse();
      const byPeer = await p.unchanged(() =>
        p.mutate('approveAppraisal', { id: plan.id, expectedVersion: plan.version }, peer, 'appraisal { id }'),
      );
      expect(byPeer.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      for (const who of [kadinkes, owner]) {
        const refused = await p.unchanged(() =>
          p.raw('approveAppraisal', { id: plan.id, expectedVersion: plan.version }, who, 'appraisal { id }'),
        );
        expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const draft = await planIn('DRAFT');
      const byHead = await p.unchanged(() =>
        p.raw('submitAppraisal', { id: draft.plan.id, expectedVersion: draft.plan.version }, head, 'appraisal { id }'),
      );
      expect(byHead.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const byHr = await p.unchanged(() =>
        p.raw('approveAppraisal', { id: plan.id, expectedVersion: plan.version }, p.hr, 'appraisal { id }'),
      );
      expect(byHr.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('the late flag (scenario 3): the planning deadline ends at midnight WIT (UTC+9)', () => {
    it('submitted on 10 January; approved on 31 January 23:59 WIT is on time', async () => {
      app.clock.set('2027-01-10T01:00:00Z');
      const { plan } = await planIn('SUBMITTED');
      app.clock.set('2027-01-31T14:59:00Z');
      const approved = await p.step('approveAppraisal', plan, head);
      expect(approved).toMatchObject({
        status: 'APPROVED',
        approvedLate: false,
        approvedAt: iso('2027-01-31T14:59:00Z'),
        submittedAt: iso('2027-01-10T01:00:00Z'),
      });
    });

    it('approved on 1 February 00:01 WIT (still 31 January in UTC) is late', async () => {
      app.clock.set('2027-01-10T01:00:00Z');
      const { plan } = await planIn('SUBMITTED');
      app.clock.set('2027-01-31T15:01:00Z');
      const approved = await p.step('approveAppraisal', plan, head);
      expect(approved).toMatchObject({
        status: 'APPROVED',
        approvedLate: true,
        approvedAt: iso('2027-01-31T15:01:00Z'),
      });
      const late = await app.data<{ appraisals: { nodes: Array<{ id: string }> } }>(
        'query($p: ID) { appraisals(first: 100, filter: { periodId: $p, approvedLate: true }) { nodes { id } } }',
        { p: period2027 },
        p.hr,
      );
      expect(late.appraisals.nodes.map((n) => n.id)).toContain(plan.id);
    });

    it('a reapproval after a reopen is judged again by its own date', async () => {
      app.clock.set('2027-01-10T01:00:00Z');
      const { owner, plan } = await planIn('APPROVED');
      expect(plan.approvedLate).toBe(false);
      app.clock.set('2027-03-01T00:00:00Z');
      const reopened = await p.step('reopenAppraisal', plan, head, 'Target direvisi');
      const resubmitted = await p.step('submitAppraisal', reopened, owner);
      const reapproved = await p.step('approveAppraisal', resubmitted, head);
      expect(reapproved.approvedLate).toBe(true);
    });
  });

  describe('createAppraisalsForUnit', () => {
    let disdik: Unit;
    let sd: Unit;
    let kadisdik: Employee;
    let kepsek: Employee;
    let withPlan: Employee;
    let inactive: Employee;
    let inSd: Employee[];

    beforeAll(async () => {
      app.clock.set('2027-01-06T01:00:00Z');
      const f = app.fixtures;
      disdik = await f.unit({ code: 'WF-DISDIK', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY });
      sd = await f.unit({ code: 'WF-SDN-WALESI', name: 'SD Negeri Walesi', parent: disdik });
      kadisdik = await f.employee({
        unit: disdik,
        externalSupervisor: bupati,
        name: 'Markus Hubi',
        positionKind: PositionKind.JPT,
        positionTitle: 'Kepala Dinas Pendidikan',
      });
      await f.employee({
        unit: disdik,
        supervisor: kadisdik,
        positionKind: PositionKind.PELAKSANA,
        positionTitle: 'Pengadministrasi Umum',
      });
      kepsek = await f.employee({
        unit: sd,
        supervisor: kadisdik,
        name: 'Lince Asso',
        positionKind: PositionKind.FUNGSIONAL,
        positionTitle: 'Guru Ahli Madya (Kepala Sekolah)',
      });
      const teacher = await f.employee({ unit: sd, supervisor: kepsek, positionTitle: 'Guru Ahli Pertama' });
      withPlan = await f.employee({ unit: sd, supervisor: kepsek, positionTitle: 'Guru Ahli Pertama' });
      inactive = await f.employee({ unit: sd, supervisor: kepsek, positionTitle: 'Guru Ahli Pertama' });
      await p.createPlan(withPlan);
      await p.ok(
        'deactivateEmployee',
        { id: employeeId(inactive), expectedVersion: inactive.version },
        p.hr,
        'employee { id }',
      );
      inSd = [kepsek, teacher];
    });

    const planOf = async (e: Employee) =>
      (
        await app.data<{ employee: { currentAppraisal: PlanOut | null } }>(
          `query($id: ID!) { employee(id: $id) { currentAppraisal { ${PLAN_FIELDS} } } }`,
          { id: employeeId(e) },
          p.hr,
        )
      ).employee.currentAppraisal;

    it('HR starts a plan for every active employee of the subtree without an open one, reports created and skipped, and is idempotent', async () => {
      const created = await p.mutate<{ created: number; skipped: number }>(
        'createAppraisalsForUnit',
        { periodId: period2027, unitId: unitId(disdik) },
        p.hr,
        'created skipped',
      );
      expect(created).toEqual({ created: 4, skipped: 1, userErrors: [] });
      expect(
        await p.count(
          'audit_entry',
          "action = 'APPRAISAL_CREATED' AND entity_id IN (SELECT id FROM appraisal WHERE unit_id IN (?, ?))",
          [disdik.rowId, sd.rowId],
        ),
      ).toBe(5);
      const kepsekPlan = await planOf(kepsek);
      expect(kepsekPlan).toMatchObject({
        status: 'DRAFT',
        form: 'JA_JF',
        approach: 'QUANTITATIVE',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        appraiserName: 'Markus Hubi',
        appraiserPositionTitle: 'Kepala Dinas Pendidikan',
        appraiserSupervisorName: 'Markus Lokobal, S.H.',
        positionTitle: 'Guru Ahli Madya (Kepala Sekolah)',
        version: 1,
        history: [],
      });
      expect((await planOf(kadisdik))!.form).toBe('JPT');
      expect((await planOf(kadisdik))!.appraiserName).toBe('Markus Lokobal, S.H.');
      expect(await planOf(inactive)).toBeNull();
      // Nothing outside the subtree.
      expect(await p.count('appraisal', 'unit_id = ?', [distrik.rowId])).toBe(1);

      const again = await p.unchanged(() =>
        p.mutate<{ created: number; skipped: number }>(
          'createAppraisalsForUnit',
          { periodId: period2027, unitId: unitId(disdik) },
          p.hr,
          'created skipped',
        ),
      );
      expect(again).toEqual({ created: 0, skipped: 5, userErrors: [] });
    });

    it('without subunits, only the unit’s own staff; with another approach, plans take it', async () => {
      const newcomer = await app.fixtures.employee({
        unit: sd,
        supervisor: kepsek,
        positionTitle: 'Guru Ahli Pertama',
      });
      const upstairs = await app.fixtures.employee({
        unit: disdik,
        supervisor: kadisdik,
        positionTitle: 'Analis Kebijakan',
      });
      const result = await p.mutate<{ created: number; skipped: number }>(
        'createAppraisalsForUnit',
        { periodId: period2027, unitId: unitId(sd), includeSubunits: false, approach: 'QUALITATIVE' },
        p.hr,
        'created skipped',
      );
      expect(result).toEqual({ created: 1, skipped: inSd.length + 1, userErrors: [] });
      expect((await planOf(newcomer))!.approach).toBe('QUALITATIVE');
      expect(await planOf(upstairs)).toBeNull();
    });

    it('refuses HR outside the unit (OUT_OF_SCOPE), employees (FORBIDDEN), a closed-to-planning period (INVALID_STATE), an unknown unit or period (NOT_FOUND): nothing written', async () => {
      const scoped = await app.token('dinkes-hr', { roles: [Role.HR_ADMIN], unit: 'WF-DINKES' });
      const outOfScope = await p.unchanged(() =>
        p.mutate('createAppraisalsForUnit', { periodId: period2027, unitId: unitId(sd) }, scoped, 'created'),
      );
      expect(outOfScope.userErrors.map((e) => e.code)).toEqual(['OUT_OF_SCOPE']);
      const byEmployee = await p.unchanged(() =>
        p.raw('createAppraisalsForUnit', { periodId: period2027, unitId: unitId(sd) }, kepsek, 'created'),
      );
      expect(byEmployee.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const noUnit = await p.unchanged(() =>
        p.mutate(
          'createAppraisalsForUnit',
          { periodId: period2027, unitId: toGlobalId('Unit', 99999) },
          p.hr,
          'created',
        ),
      );
      expect(noUnit.userErrors.map((e) => [e.code, e.field])).toEqual([['NOT_FOUND', ['input', 'unitId']]]);
      const noPeriod = await p.unchanged(() =>
        p.mutate(
          'createAppraisalsForUnit',
          { periodId: toGlobalId('PerformancePeriod', 99999), unitId: unitId(sd) },
          p.hr,
          'created',
        ),
      );
      expect(noPeriod.userErrors.map((e) => [e.code, e.field])).toEqual([['NOT_FOUND', ['input', 'periodId']]]);
      const evaluating = await p.openPeriod(2026);
      await p.movePeriodTo(evaluating, 'EVALUATING');
      const late = await p.unchanged(() =>
        p.mutate('createAppraisalsForUnit', { periodId: evaluating.id, unitId: unitId(sd) }, p.hr, 'created'),
      );
      expect(late.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    });
  });

  describe('reassignAppraiser', () => {
    it('the new appraiser decides, the old one gets FORBIDDEN; the snapshot names change; the history keeps who decided', async () => {
      const { owner, plan } = await planIn('SUBMITTED');
      expect(plan).toMatchObject({
        appraiserName: 'Agustina Wenda',
        appraiserPositionTitle: 'Kepala UPTD Puskesmas Walesi',
        appraiserSupervisorName: 'Yosina Kogoya',
        appraiser: { id: employeeId(head) },
      });
      const reassigned = await p.mutate<{ appraisal: PlanOut }>(
        'reassignAppraiser',
        {
          id: plan.id,
          expectedVersion: plan.version,
          appraiserId: employeeId(acting),
          reason: 'Plt. Kepala Puskesmas selama cuti',
        },
        p.hr,
        `appraisal { ${PLAN_FIELDS} }`,
      );
      expect(reassigned.userErrors).toEqual([]);
      expect(reassigned.appraisal).toMatchObject({
        status: 'SUBMITTED',
        version: plan.version + 1,
        appraiserName: 'Petrus Itlay',
        appraiserPositionTitle: 'Kepala Bidang Pelayanan Kesehatan',
        appraiserSupervisorName: 'Yosina Kogoya',
        appraiser: { id: employeeId(acting) },
      });
      expect(await p.count('audit_entry', "action = 'APPRAISER_REASSIGNED' AND entity_id = ?", [dbId(plan.id)])).toBe(
        1,
      );

      const byOld = await p.unchanged(() =>
        p.raw(
          'approveAppraisal',
          { id: plan.id, expectedVersion: reassigned.appraisal.version },
          head,
          'appraisal { id }',
        ),
      );
      expect(byOld.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const returned = await p.step('returnAppraisal', reassigned.appraisal, acting, 'Lengkapi bukti dukung');
      expect(returned.history.at(-1)).toMatchObject({ action: 'RETURN', actorSubject: acting.nip });
      // The main RHK still supports the old appraiser's RHK: the resubmission asks for the new appraiser's.
      const stillOld = await p.unchanged(() =>
        p.mutate('submitAppraisal', { id: plan.id, expectedVersion: returned.version }, owner, 'appraisal { id }'),
      );
      expect(stillOld.userErrors.map((e) => e.code)).toEqual(['INVALID']);
      expect(stillOld.userErrors[0]!.message).toMatch(/appraiser/);
      const relinked = await p.ok<{ appraisal: PlanOut }>(
        'updateWorkResultPlan',
        { id: returned.workResultPlans[0]!.id, expectedVersion: returned.version, supportsId: actingRhk },
        owner,
        `appraisal { ${PLAN_FIELDS} }`,
      );
      const resubmitted = await p.step('submitAppraisal', relinked.appraisal, owner);
      const approved = await p.step('approveAppraisal', resubmitted, acting);
      expect(approved.status).toBe('APPROVED');
    });

    it('an external official (the Bupati) may be the appraiser: an HR admin in scope records the decision', async () => {
      const { plan } = await planIn('SUBMITTED');
      const reassigned = await p.ok<{ appraisal: PlanOut }>(
        'reassignAppraiser',
        {
          id: plan.id,
          expectedVersion: plan.version,
          externalAppraiserId: toGlobalId('ExternalOfficial', bupati.rowId),
        },
        p.hr,
        `appraisal { ${PLAN_FIELDS} }`,
      );
      expect(reassigned.appraisal).toMatchObject({
        appraiserName: 'Markus Lokobal, S.H.',
        appraiserPositionTitle: 'Bupati Jayawijaya',
        appraiser: null,
        appraiserSupervisorName: null,
      });
      const byHead = await p.unchanged(() =>
        p.raw(
          'approveAppraisal',
          { id: plan.id, expectedVersion: reassigned.appraisal.version },
          head,
          'appraisal { id }',
        ),
      );
      expect(byHead.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const approved = await p.step('approveAppraisal', reassigned.appraisal, p.hr);
      expect(approved.history.at(-1)).toMatchObject({ action: 'APPROVE', actorSubject: 'bkpsdm-portal' });
    });

    it('refuses the employee as their own appraiser, both kinds at once, an inactive or unknown appraiser, a stale version, a closed plan, a non-HR caller: nothing written', async () => {
      const { owner, plan } = await planIn('DRAFT');
      const attempt = (input: Record<string, unknown>, who: Employee | string = p.hr) =>
        p.unchanged(() =>
          p.mutate(
            'reassignAppraiser',
            { id: plan.id, expectedVersion: plan.version, ...input },
            who,
            'appraisal { id }',
          ),
        );
      expect(codes(await attempt({ appraiserId: employeeId(owner) }))).toEqual([['INVALID', ['input', 'appraiserId']]]);
      expect(
        codes(
          await attempt({
            appraiserId: employeeId(acting),
            externalAppraiserId: toGlobalId('ExternalOfficial', bupati.rowId),
          }),
        ),
      ).toEqual([['INVALID', ['input', 'externalAppraiserId']]]);
      const retired = await app.fixtures.employee({ unit: pkm, positionKind: PositionKind.PENGAWAS });
      await p.ok(
        'deactivateEmployee',
        { id: employeeId(retired), expectedVersion: retired.version },
        p.hr,
        'employee { id }',
      );
      expect(codes(await attempt({ appraiserId: employeeId(retired) }))).toEqual([
        ['NOT_FOUND', ['input', 'appraiserId']],
      ]);
      expect(codes(await attempt({ appraiserId: toGlobalId('Employee', 99999) }))).toEqual([
        ['NOT_FOUND', ['input', 'appraiserId']],
      ]);
      expect(
        (await attempt({ appraiserId: employeeId(acting), expectedVersion: plan.version + 3 })).userErrors.map((e) => [
          e.code,
          e.currentVersion,
        ]),
      ).toEqual([['CONFLICT', plan.version]]);
      const byEmployee = await p.unchanged(() =>
        p.raw(
          'reassignAppraiser',
          { id: plan.id, expectedVersion: plan.version, appraiserId: employeeId(acting) },
          head,
          'appraisal { id }',
        ),
      );
      expect(byEmployee.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const scoped = await app.token('distrik-hr', { roles: [Role.HR_ADMIN], unit: 'WF-DISTRIK-WALESI' });
      const outOfScope = await p.unchanged(() =>
        p.mutate(
          'reassignAppraiser',
          { id: plan.id, expectedVersion: plan.version, appraiserId: employeeId(acting) },
          scoped,
          'appraisal { id }',
        ),
      );
      expect(outOfScope.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const closed = await planIn('CLOSED');
      const onClosed = await p.unchanged(() =>
        p.mutate(
          'reassignAppraiser',
          { id: closed.plan.id, expectedVersion: closed.plan.version, appraiserId: employeeId(acting) },
          p.hr,
          'appraisal { id }',
        ),
      );
      expect(onClosed.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    });
  });

  describe('transferEmployee (scenario 9)', () => {
    it('the nurse moves to the district office on 1 July: the first plan closes on 30 June and stays in her history, a new DRAFT plan starts with the new appraiser', async () => {
      app.clock.set('2027-01-10T01:00:00Z');
      const nurse = await newNurse('Maria Wenda');
      const first = await p.bringTo(await p.readyPlan(nurse, headRhk), 'APPROVED', nurse, head);
      app.clock.set('2027-06-28T01:00:00Z');
      const moved = await p.mutate<{
        employee: { positionTitle: string; positionKind: string; unit: { id: string }; supervisor: { id: string } };
        closedAppraisal: PlanOut;
        newAppraisal: PlanOut;
      }>(
        'transferEmployee',
        {
          employeeId: employeeId(nurse),
          expectedVersion: nurse.version,
          effectiveDate: '2027-07-01',
          unitId: unitId(distrik),
          positionTitle: 'Pengelola Layanan Kesehatan Distrik',
          positionKind: 'PELAKSANA',
          supervisorId: employeeId(districtHead),
        },
        p.hr,
        `employee { positionTitle positionKind unit { id } supervisor { id } } closedAppraisal { ${PLAN_FIELDS} } newAppraisal { ${PLAN_FIELDS} }`,
      );
      expect(moved.userErrors).toEqual([]);
      expect(moved.employee).toEqual({
        positionTitle: 'Pengelola Layanan Kesehatan Distrik',
        positionKind: 'PELAKSANA',
        unit: { id: unitId(distrik) },
        supervisor: { id: employeeId(districtHead) },
      });
      expect(moved.closedAppraisal).toMatchObject({
        id: first.id,
        status: 'CLOSED',
        startDate: '2027-01-01',
        endDate: '2027-06-30',
        closedAt: iso('2027-06-28T01:00:00Z'),
        positionTitle: 'Perawat Ahli Pertama',
        appraiserName: 'Agustina Wenda',
        unit: { id: unitId(pkm), name: 'UPTD Puskesmas Walesi' },
      });
      expect(moved.closedAppraisal.workResultPlans).toEqual(first.workResultPlans);
      expect(moved.closedAppraisal.history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
        ['SUBMIT', 'DRAFT', 'SUBMITTED'],
        ['APPROVE', 'SUBMITTED', 'APPROVED'],
        ['CLOSE', 'APPROVED', 'CLOSED'],
      ]);
      expect(moved.newAppraisal).toMatchObject({
        status: 'DRAFT',
        version: 1,
        startDate: '2027-07-01',
        endDate: '2027-12-31',
        positionTitle: 'Pengelola Layanan Kesehatan Distrik',
        appraiserName: 'Yulianus Lokobal',
        appraiserPositionTitle: 'Kepala Distrik Walesi',
        appraiserSupervisorName: 'Markus Lokobal, S.H.',
        appraiser: { id: employeeId(districtHead) },
        unit: { id: unitId(distrik), name: 'Kantor Distrik Walesi' },
        period: { id: period2027, year: 2027 },
        workResultPlans: [],
        history: [],
        approvedLate: false,
      });
      expect(await p.count('audit_entry', "action = 'EMPLOYEE_TRANSFERRED' AND entity_id = ?", [nurse.rowId])).toBe(1);

      // Both plans in her history, newest first, for her and for HR; the new one is current.
      const historyQuery =
        'query($id: ID!) { employee(id: $id) { currentAppraisal { id } appraisals { totalCount nodes { id status startDate endDate } } } }';
      for (const who of [nurse, p.hr] as const) {
        const seen = await app.data<{
          employee: {
            currentAppraisal: { id: string };
            appraisals: {
              totalCount: number;
              nodes: Array<{ id: string; status: string; startDate: string; endDate: string }>;
            };
          };
        }>(historyQuery, { id: employeeId(nurse) }, await p.as(who));
        expect(seen.employee.currentAppraisal.id).toBe(moved.newAppraisal.id);
        expect(seen.employee.appraisals).toEqual({
          totalCount: 2,
          nodes: [
            { id: moved.newAppraisal.id, status: 'DRAFT', startDate: '2027-07-01', endDate: '2027-12-31' },
            { id: first.id, status: 'CLOSED', startDate: '2027-01-01', endDate: '2027-06-30' },
          ],
        });
      }
      const mine = await app.data<{ viewer: { appraisals: { totalCount: number } } }>(
        '{ viewer { appraisals { totalCount } } }',
        {},
        await p.token(nurse),
      );
      expect(mine.viewer.appraisals.totalCount).toBe(2);

      // The new plan cascades from the new appraiser's RHK; the new appraiser decides it, the old one no longer sees it.
      const supportable = await app.data<{ appraisal: { supportableWorkResultPlans: Array<{ id: string }> } }>(
        'query($id: ID!) { appraisal(id: $id) { supportableWorkResultPlans { id } } }',
        { id: moved.newAppraisal.id },
        await p.token(nurse),
      );
      expect(supportable.appraisal.supportableWorkResultPlans.map((r) => r.id)).toEqual([districtRhk]);
      const oldAppraiserView = await app.data<{ appraisal: { id: string } | null }>(
        'query($id: ID!) { appraisal(id: $id) { id } }',
        { id: moved.newAppraisal.id },
        await p.token(head),
      );
      expect(oldAppraiserView.appraisal).toBeNull();
      const oldPlanByOldAppraiser = await app.data<{ appraisal: { id: string } | null }>(
        'query($id: ID!) { appraisal(id: $id) { id } }',
        { id: first.id },
        await p.token(head),
      );
      expect(oldPlanByOldAppraiser.appraisal).toEqual({ id: first.id });
      const ready = await p.addRhk(nurse, moved.newAppraisal, {
        supportsId: districtRhk,
        text: 'Terlayaninya administrasi kesehatan distrik',
      });
      const withIki = await p.addIndicator(nurse, ready.rhk.id, ready.plan.version);
      const submitted = await p.step('submitAppraisal', withIki.plan, nurse);
      const approved = await p.step('approveAppraisal', submitted, districtHead);
      expect(approved.status).toBe('APPROVED');
    });

    it('an effective date on or before the plan’s first day is INVALID on effectiveDate, and nothing moves', async () => {
      app.clock.set('2027-01-10T01:00:00Z');
      const nurse = await newNurse();
      await p.readyPlan(nurse, headRhk);
      const refused = await p.unchanged(() =>
        p.mutate(
          'transferEmployee',
          {
            employeeId: employeeId(nurse),
            expectedVersion: nurse.version,
            effectiveDate: '2027-01-01',
            unitId: unitId(distrik),
            supervisorId: employeeId(districtHead),
          },
          p.hr,
          'employee { id }',
        ),
      );
      expect(codes(refused)).toEqual([['INVALID', ['input', 'effectiveDate']]]);
      // After one transfer, the new plan starts on its effective date: the same day again, or before it, is refused.
      const moved = await p.ok<{ employee: { version: number } }>(
        'transferEmployee',
        {
          employeeId: employeeId(nurse),
          expectedVersion: nurse.version,
          effectiveDate: '2027-04-01',
          positionTitle: 'Perawat Ahli Muda',
        },
        p.hr,
        'employee { version }',
      );
      for (const effectiveDate of ['2027-04-01', '2027-03-15']) {
        const again = await p.unchanged(() =>
          p.mutate(
            'transferEmployee',
            {
              employeeId: employeeId(nurse),
              expectedVersion: moved.employee.version,
              effectiveDate,
              positionTitle: 'Perawat Ahli Madya',
            },
            p.hr,
            'employee { id }',
          ),
        );
        expect({ effectiveDate, errors: codes(again) }).toEqual({
          effectiveDate,
          errors: [['INVALID', ['input', 'effectiveDate']]],
        });
      }
      const stale = await p.unchanged(() =>
        p.mutate(
          'transferEmployee',
          { employeeId: employeeId(nurse), expectedVersion: nurse.version, effectiveDate: '2027-09-01' },
          p.hr,
          'employee { id }',
        ),
      );
      expect(stale.userErrors.map((e) => e.code)).toEqual(['CONFLICT']);
    });

    it('an effective date before the plan’s first day, in the previous year, is INVALID too (the open plan would be left with the old appraiser)', async () => {
      app.clock.set('2027-01-10T01:00:00Z');
      const nurse = await newNurse();
      const plan = await p.readyPlan(nurse, headRhk);
      const refused = await p.unchanged(() =>
        p.mutate(
          'transferEmployee',
          {
            employeeId: employeeId(nurse),
            expectedVersion: nurse.version,
            effectiveDate: '2026-12-31',
            unitId: unitId(distrik),
            supervisorId: employeeId(districtHead),
          },
          p.hr,
          'employee { id }',
        ),
      );
      expect(codes(refused)).toEqual([['INVALID', ['input', 'effectiveDate']]]);
      expect((await p.plan(plan.id)).status).toBe('DRAFT');
    });
  });

  describe('team filters by plan status', () => {
    let sup: Employee;

    beforeAll(async () => {
      app.clock.set('2027-01-08T01:00:00Z');
      const f = app.fixtures;
      const seksi = await f.unit({ code: 'WF-SEKSI', name: 'Seksi Kesehatan Keluarga', parent: dinkes });
      sup = await f.employee({
        unit: seksi,
        name: 'Kepala Seksi',
        positionKind: PositionKind.PENGAWAS,
        positionTitle: 'Kepala Seksi Kesehatan Keluarga',
      });
      const supPlan = await p.createPlan(sup);
      const supRhk = (await p.addRhk(sup, supPlan, { text: 'Meningkatnya kesehatan keluarga' })).rhk.id;
      const states: Array<[string, State | null]> = [
        ['T1 Submitted', 'SUBMITTED'],
        ['T2 Submitted', 'SUBMITTED'],
        ['T3 Draft', 'DRAFT'],
        ['T4 Approved', 'APPROVED'],
        ['T5 Returned', 'RETURNED'],
        ['T6 Without', null],
        ['T7 Inactive', null],
      ];
      for (const [name, state] of states) {
        const e = await f.employee({ unit: seksi, supervisor: sup, name });
        if (state) await p.bringTo(await p.readyPlan(e, supRhk), state as 'DRAFT', e, sup);
        if (name === 'T7 Inactive')
          await p.ok('deactivateEmployee', { id: employeeId(e), expectedVersion: e.version }, p.hr, 'employee { id }');
      }
    });

    const team = async (args: string) => {
      const data = await app.data<{
        viewer: {
          team: {
            totalCount: number;
            nodes: Array<{ name: string; currentAppraisal: { status: string } | null }>;
            pageInfo: { hasNextPage: boolean };
          };
        };
      }>(
        `{ viewer { team(${args}) { totalCount pageInfo { hasNextPage } nodes { name currentAppraisal { status } } } } }`,
        {},
        await p.token(sup),
      );
      return data.viewer.team;
    };

    it.each([
      ['', 6, ['T1 Submitted', 'T2 Submitted', 'T3 Draft', 'T4 Approved', 'T5 Returned', 'T6 Without']],
      ['appraisalStatuses: [SUBMITTED]', 2, ['T1 Submitted', 'T2 Submitted']],
      ['withoutAppraisal: true', 1, ['T6 Without']],
      ['appraisalStatuses: [SUBMITTED], withoutAppraisal: true', 3, ['T1 Submitted', 'T2 Submitted', 'T6 Without']],
      ['appraisalStatuses: [DRAFT, RETURNED, APPROVED]', 3, ['T3 Draft', 'T4 Approved', 'T5 Returned']],
      ['appraisalStatuses: [REVISING, CLOSED]', 0, []],
      ['withoutAppraisal: true, active: null', 2, ['T6 Without', 'T7 Inactive']],
      [
        'appraisalStatuses: []',
        6,
        ['T1 Submitted', 'T2 Submitted', 'T3 Draft', 'T4 Approved', 'T5 Returned', 'T6 Without'],
      ],
    ])('team(%s) → totalCount %i', async (args, total, expected) => {
      app.clock.set('2027-02-01T01:00:00Z');
      const result = await team(args || 'first: 20');
      expect(result.totalCount).toBe(total);
      expect(result.nodes.map((n) => n.name).sort()).toEqual(expected);
      if (args.includes('SUBMITTED') && !args.includes('withoutAppraisal'))
        expect(result.nodes.every((n) => n.currentAppraisal?.status === 'SUBMITTED')).toBe(true);
    });

    it('the filters count the whole list, not the page', async () => {
      app.clock.set('2027-02-01T01:00:00Z');
      const page = await team('first: 1, appraisalStatuses: [SUBMITTED]');
      expect(page.totalCount).toBe(2);
      expect(page.nodes).toHaveLength(1);
      expect(page.pageInfo.hasNextPage).toBe(true);
    });

    it('another period: nobody has a plan there yet', async () => {
      app.clock.set('2027-02-01T01:00:00Z');
      const y2028 = await p.openPeriod(2028);
      const data = await app.data<{ viewer: { team: { totalCount: number } } }>(
        'query($p: ID) { viewer { team(withoutAppraisal: true, periodId: $p) { totalCount } } }',
        { p: y2028.id },
        await p.token(sup),
      );
      expect(data.viewer.team.totalCount).toBe(6);
      const submitted = await app.data<{ viewer: { team: { totalCount: number } } }>(
        'query($p: ID) { viewer { team(appraisalStatuses: [SUBMITTED], periodId: $p) { totalCount } } }',
        { p: y2028.id },
        await p.token(sup),
      );
      expect(submitted.viewer.team.totalCount).toBe(0);
    });
  });

  describe('50 concurrent mutations of one plan with the same expectedVersion (docs/reliability.md item 2)', () => {
    const N = 50;

    async function race(
      name: string,
      inputOf: (i: number) => Record<string, unknown>,
      who: Employee,
    ): Promise<Array<{ userErrors: UserErrorOut[]; errors: unknown[] }>> {
      const token = await p.token(who);
      const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
      const responses = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          app.gql<{ r: { userErrors: UserErrorOut[] } }>(
            `mutation($input: ${type}!) { r: ${name}(input: $input) { userErrors { code field message currentVersion } } }`,
            { input: inputOf(i) },
            token,
          ),
        ),
      );
      return responses.map((r) => ({ userErrors: r.body.data?.r.userErrors ?? [], errors: r.body.errors ?? [] }));
    }

    it('approveAppraisal: exactly one wins, 49 CONFLICT, one history row, one audit row, the version rises by one', async () => {
      app.clock.set('2027-01-20T01:00:00Z');
      const { plan } = await planIn('SUBMITTED');
      const transitions = await transitionsOf(plan.id);
      const audits = await transitionAudits(plan.id);
      const outcomes = await race('approveAppraisal', () => ({ id: plan.id, expectedVersion: plan.version }), head);
      expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
      expect(outcomes.filter((o) => o.userErrors.length === 0)).toHaveLength(1);
      const conflicts = outcomes.filter((o) => o.userErrors.length > 0);
      expect(conflicts).toHaveLength(N - 1);
      expect(
        conflicts.every(
          (o) =>
            o.userErrors.length === 1 &&
            o.userErrors[0]!.code === 'CONFLICT' &&
            o.userErrors[0]!.currentVersion === plan.version + 1,
        ),
      ).toBe(true);
      expect(await transitionsOf(plan.id)).toBe(transitions + 1);
      expect(await transitionAudits(plan.id)).toBe(audits + 1);
      const after = await p.plan(plan.id);
      expect(after).toMatchObject({ status: 'APPROVED', version: plan.version + 1 });
      expect(after.history.filter((h) => h.action === 'APPROVE')).toHaveLength(1);
    });

    it('approve and return at once: exactly one decision is taken', async () => {
      app.clock.set('2027-01-20T01:00:00Z');
      const { plan } = await planIn('SUBMITTED');
      const outcomes = await race(
        'returnAppraisal',
        (i) => ({ id: plan.id, expectedVersion: plan.version, reason: `Alasan ${i}` }),
        head,
      );
      const approvals = await race('approveAppraisal', () => ({ id: plan.id, expectedVersion: plan.version }), head);
      const all = [...outcomes, ...approvals];
      expect(all.flatMap((o) => o.errors)).toEqual([]);
      expect(all.filter((o) => o.userErrors.length === 0)).toHaveLength(1);
      expect(await transitionsOf(plan.id)).toBe(2);
    });

    it('addIndicator: exactly one IKI is added, 49 CONFLICT, one audit row, the version rises by one', async () => {
      app.clock.set('2027-01-20T01:00:00Z');
      const owner = await newNurse();
      const created = await p.createPlan(owner);
      const { plan, rhk } = await p.addRhk(owner, created, { supportsId: headRhk });
      const outcomes = await race(
        'addIndicator',
        (i) => ({
          workResultPlanId: rhk.id,
          expectedVersion: plan.version,
          text: `IKI ${i}`,
          aspect: 'QUANTITY',
          targetValue: i,
          targetUnit: 'bayi',
        }),
        owner,
      );
      expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
      expect(outcomes.filter((o) => o.userErrors.length === 0)).toHaveLength(1);
      const conflicts = outcomes.filter((o) => o.userErrors.length > 0);
      expect(
        conflicts.every(
          (o) =>
            o.userErrors.length === 1 &&
            o.userErrors[0]!.code === 'CONFLICT' &&
            o.userErrors[0]!.currentVersion === plan.version + 1,
        ),
      ).toBe(true);
      expect(await p.count('indicator', 'work_result_plan_id = ?', [dbId(rhk.id)])).toBe(1);
      expect(
        await p.count(
          'audit_entry',
          "action = 'INDICATOR_ADDED' AND entity_id IN (SELECT id FROM indicator WHERE work_result_plan_id = ?)",
          [dbId(rhk.id)],
        ),
      ).toBe(1);
      expect(await p.count('audit_entry', "action = 'INDICATOR_ADDED'")).toBe(await p.count('indicator'));
      const after = await p.plan(plan.id);
      expect(after.version).toBe(plan.version + 1);
      expect(after.workResultPlans[0]!.indicators.map((i) => i.position)).toEqual([1]);
    });
  });
});
