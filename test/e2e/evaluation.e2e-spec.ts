import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import {
  ABOVE,
  BELOW,
  CORE_VALUES,
  type EvaluationOut,
  Evaluating,
  MEETS,
  PAIR_FOR,
  type PredikatName,
  type Rating,
  unitGid,
  wit,
  type Year,
} from './evaluation-helpers';
import { codes, dbId, type PlanOut, textOf } from './planning-helpers';
import { userErrorCodes } from '../support/authorization-matrix';

/**
 * Periodic and annual evaluation over HTTP (`docs/domain.md`, The ratings; scenario 5): who rates, when, with what
 * input; the predikat from the matrix stored with its inputs; re-rating until the unit is finalized; the suggested
 * result rating from the realizations; the head of a unit following the unit's own rating; credit points of
 * functional staff; an appraiser outside the civil service.
 */

const LABELS = ['Berorientasi Pelayanan', 'Akuntabel', 'Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif'];

/** The matrix as `docs/domain.md` states it: rows result, columns behaviour. */
const MATRIX: Array<[Rating, Rating, PredikatName]> = [
  [ABOVE, ABOVE, 'SANGAT_BAIK'],
  [ABOVE, MEETS, 'BAIK'],
  [ABOVE, BELOW, 'KURANG_MISCONDUCT'],
  [MEETS, ABOVE, 'BAIK'],
  [MEETS, MEETS, 'BAIK'],
  [MEETS, BELOW, 'KURANG_MISCONDUCT'],
  [BELOW, ABOVE, 'BUTUH_PERBAIKAN'],
  [BELOW, MEETS, 'BUTUH_PERBAIKAN'],
  [BELOW, BELOW, 'SANGAT_KURANG'],
];

describe('evaluation (periodic and annual)', () => {
  let app: TestApp;
  let e: Evaluating;
  let head: Employee;
  let kadinkes: Employee;

  beforeAll(async () => {
    app = await TestApp.start();
    e = new Evaluating(app);
    await e.init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
  });
  afterAll(() => app?.stop());

  const evaluationRows = (planId: string) => e.count('evaluation', 'appraisal_id = ?', [dbId(planId)]);
  const evaluationAudits = (planId: string) =>
    e.count(
      'audit_entry',
      "action = 'EVALUATION_RECORDED' AND entity_type = 'Evaluation' AND entity_id IN (SELECT id FROM evaluation WHERE appraisal_id = ?)",
      [dbId(planId)],
    );

  describe('periodic evaluation (ratePeriod)', () => {
    let y2027: Year;
    let pool: Array<{ owner: Employee; plan: PlanOut }>;
    const take = () => pool.shift()!;

    beforeAll(async () => {
      app.clock.set('2027-01-04T01:00:00Z');
      y2027 = await e.givenYear(2027);
      pool = await e.nursesWithPlans(8, y2027);
      await e.movePeriodTo(y2027.period, 'RUNNING');
    });

    const rateQ = (
      plan: { id: string; version: number },
      subPeriod: number,
      extra: Record<string, unknown> = {},
      who: Employee | string = head,
    ) =>
      e.ratePeriod(
        {
          appraisalId: plan.id,
          expectedVersion: plan.version,
          subPeriod,
          resultRating: MEETS,
          behaviorRating: MEETS,
          ...extra,
        },
        who,
      );

    it('the appraiser rates a quarter from its last day on (WIT), with the predikat from the matrix and feedback per value', async () => {
      const { plan } = take();
      // 30 March, 23:30 WIT: the first quarter has not ended in Walesi yet (it has, in UTC terms, nearly).
      app.clock.set(wit('2027-03-30', '23:30'));
      const early = await e.unchanged(() => rateQ(plan, 1));
      expect(codes(early)).toEqual([['INVALID', ['input', 'subPeriod']]]);

      app.clock.set(wit('2027-03-31', '00:30'));
      const done = await rateQ(plan, 1, {
        resultRating: ABOVE,
        behaviorRating: MEETS,
        resultJustification: 'Cakupan imunisasi triwulan I melampaui target',
        behaviors: [{ coreValue: 'KOLABORATIF', rating: ABOVE, feedback: 'Aktif dalam posyandu bersama kader' }],
      });
      expect(done.userErrors).toEqual([]);
      expect(done.evaluation).toMatchObject<Partial<EvaluationOut>>({
        kind: 'PERIODIC',
        subPeriod: 1,
        resultRating: ABOVE,
        behaviorRating: MEETS,
        predikat: 'BAIK',
        resultJustification: 'Cakupan imunisasi triwulan I melampaui target',
        ratedBySubject: head.nip,
        ratedAt: new Date(wit('2027-03-31', '00:30')).toISOString(),
        version: 1,
        creditPoints: null,
        unitRating: null,
      });
      expect(done.evaluation!.behaviors.map((b) => b.coreValue)).toEqual([...CORE_VALUES]);
      expect(done.evaluation!.behaviors.find((b) => b.coreValue === 'KOLABORATIF')).toEqual({
        coreValue: 'KOLABORATIF',
        label: 'Kolaboratif',
        rating: ABOVE,
        feedback: 'Aktif dalam posyandu bersama kader',
      });
      // A periodic evaluation does not change the plan's status, only its version.
      expect(done.appraisal).toMatchObject({ status: 'APPROVED', version: plan.version + 1, annualEvaluation: null });
      const reread = await e.ratedOrFail(plan.id);
      expect(reread.evaluations).toEqual([done.evaluation]);
      expect(await evaluationAudits(plan.id)).toBe(1);
    });

    it('only the appraiser rates: the owner, the appraiser’s supervisor and HR are NOT_ALLOWED, a peer gets NOT_FOUND, nothing written', async () => {
      const { owner, plan } = take();
      const peer = pool[0]!.owner;
      app.clock.set(wit('2027-04-02'));
      for (const who of [owner, kadinkes, e.hr]) {
        const refused = await e.unchanged(() =>
          e.raw(
            'ratePeriod',
            {
              appraisalId: plan.id,
              expectedVersion: plan.version,
              subPeriod: 1,
              resultRating: MEETS,
              behaviorRating: MEETS,
            },
            who,
            'evaluation { id }',
          ),
        );
        expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
      }
      const hidden = await e.unchanged(() => rateQ(plan, 1, {}, peer));
      expect(codes(hidden)).toEqual([['NOT_FOUND', ['input', 'appraisalId']]]);
      const anonymous = await e.unchanged(() =>
        app.gql('mutation($i: RatePeriodInput!) { ratePeriod(input: $i) { userErrors { code } } }', {
          i: {
            appraisalId: plan.id,
            expectedVersion: plan.version,
            subPeriod: 1,
            resultRating: MEETS,
            behaviorRating: MEETS,
          },
        }),
      );
      expect(anonymous.body.errors?.map((x) => x.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a quarter that does not exist, one not ended, and a stale version, writing nothing', async () => {
      const { plan } = take();
      app.clock.set(wit('2027-05-15'));
      for (const sub of [0, 5, -1])
        expect(codes(await e.unchanged(() => rateQ(plan, sub)))).toEqual([['INVALID', ['input', 'subPeriod']]]);
      expect(codes(await e.unchanged(() => rateQ(plan, 2)))).toEqual([['INVALID', ['input', 'subPeriod']]]);
      const stale = await e.unchanged(() => rateQ({ id: plan.id, version: plan.version - 1 }, 1));
      expect(stale.userErrors.map((x) => [x.code, x.field, x.currentVersion])).toEqual([
        ['CONFLICT', ['input', 'expectedVersion'], plan.version],
      ]);
    });

    it('closes the quarter’s realizations, suggests from them, and can be re-rated (one row, new version)', async () => {
      const { owner, plan } = take();
      app.clock.set(wit('2027-04-03'));
      // Target 120 a year: 40 in a quarter is above its share (30).
      await e.realize(owner, plan, 1, 40);
      const first = await rateQ(plan, 1, { resultRating: MEETS });
      expect(first.userErrors).toEqual([]);
      expect(first.evaluation).toMatchObject({
        suggestedResultRating: ABOVE,
        resultRating: MEETS,
        predikat: 'BAIK',
        version: 1,
      });
      const closed = await e.unchanged(() =>
        e.mutate(
          'recordRealization',
          { indicatorId: plan.workResultPlans[0]!.indicators[0]!.id, subPeriod: 1, value: 10, expectedVersion: 1 },
          owner,
          'realization { id }',
        ),
      );
      expect(codes(closed)).toEqual([['LOCKED', ['input', 'subPeriod']]]);

      const again = await rateQ(first.appraisal!, 1, { resultRating: BELOW, behaviorRating: BELOW });
      expect(again.userErrors).toEqual([]);
      expect(again.evaluation).toMatchObject({ id: first.evaluation!.id, predikat: 'SANGAT_KURANG', version: 2 });
      expect(await evaluationRows(plan.id)).toBe(1);
      expect(await evaluationAudits(plan.id)).toBe(2);
    });

    it('an annual rating is refused while the period is RUNNING (PERIOD_NOT_EVALUATING)', async () => {
      const { plan } = take();
      app.clock.set(wit('2027-12-31', '12:00'));
      const refused = await e.unchanged(() =>
        e.rateYear(
          { appraisalId: plan.id, expectedVersion: plan.version, resultRating: MEETS, behaviorRating: MEETS },
          head,
        ),
      );
      expect(codes(refused)).toEqual([['WRONG_PERIOD_PHASE', ['input', 'appraisalId']]]);
    });

    it('a plan not approved yet cannot be rated (NOT_APPROVED)', async () => {
      const owner = await e.nurse();
      const ready = await e.readyPlan(owner, y2027.headRhk, { periodId: y2027.period.id });
      const submitted = await e.step('submitAppraisal', ready, owner);
      app.clock.set(wit('2027-04-05'));
      const refused = await e.unchanged(() => rateQ(submitted, 1));
      expect(codes(refused)).toEqual([['PLAN_NOT_APPROVED', ['input', 'appraisalId']]]);
    });
  });

  describe('periods in the wrong status', () => {
    it('ratePeriod in a PLANNING period is WRONG_PERIOD_PHASE; in a CLOSED period ratePeriod and rateYear are PERIOD_CLOSED', async () => {
      app.clock.set('2030-01-05T01:00:00Z');
      const y2030 = await e.givenYear(2030);
      const [planning, closing] = await e.nursesWithPlans(2, y2030);
      app.clock.set(wit('2030-04-10'));
      expect(
        codes(
          await e.unchanged(() =>
            e.ratePeriod(
              {
                appraisalId: planning!.plan.id,
                expectedVersion: planning!.plan.version,
                subPeriod: 1,
                resultRating: MEETS,
                behaviorRating: MEETS,
              },
              head,
            ),
          ),
        ),
      ).toEqual([['WRONG_PERIOD_PHASE', ['input', 'appraisalId']]]);
      await e.movePeriodTo(y2030.period, 'CLOSED');
      app.clock.set(wit('2031-01-10'));
      const plan = closing!.plan;
      expect(
        codes(
          await e.unchanged(() =>
            e.ratePeriod(
              {
                appraisalId: plan.id,
                expectedVersion: plan.version,
                subPeriod: 1,
                resultRating: MEETS,
                behaviorRating: MEETS,
              },
              head,
            ),
          ),
        ),
      ).toEqual([['PERIOD_CLOSED', ['input', 'appraisalId']]]);
      expect(
        codes(
          await e.unchanged(() =>
            e.rateYear(
              { appraisalId: plan.id, expectedVersion: plan.version, resultRating: MEETS, behaviorRating: MEETS },
              head,
            ),
          ),
        ),
      ).toEqual([['PERIOD_CLOSED', ['input', 'appraisalId']]]);
    });
  });

  describe('annual evaluation (rateYear)', () => {
    let y2028: Year;
    let pool: Array<{ owner: Employee; plan: PlanOut }>;
    let pustu: Unit;
    let pustuPlans: Array<{ owner: Employee; plan: PlanOut }>;
    const levels: Record<string, { owner: Employee; plan: PlanOut }[]> = {};
    let pemula: { owner: Employee; plan: PlanOut };
    let clerk: { owner: Employee; plan: PlanOut };
    let districtHead: Employee;
    let districtPlan: PlanOut;
    let submittedPlan: PlanOut;
    const take = () => pool.shift()!;

    const LEVELS: Array<[string, number]> = [
      ['Pemula', 3.75],
      ['Terampil', 5],
      ['Mahir', 12.5],
      ['Penyelia', 25],
      ['Ahli Pertama', 12.5],
      ['Ahli Muda', 25],
      ['Ahli Madya', 37.5],
      ['Ahli Utama', 50],
    ];

    beforeAll(async () => {
      app.clock.set('2028-01-04T01:00:00Z');
      y2028 = await e.givenYear(2028);
      pool = await e.nursesWithPlans(22, y2028);
      pustu = await app.fixtures.unit({ code: 'EV-PUSTU-WALESI', name: 'Pustu Walesi', parent: e.org.pkm });
      pustuPlans = await e.nursesWithPlans(1, y2028, { unit: pustu });
      for (const [level] of LEVELS)
        levels[level] = await e.nursesWithPlans(level === 'Ahli Muda' ? 4 : 1, y2028, {
          positionTitle: `Perawat ${level}`,
        });
      [pemula] = await e.nursesWithPlans(1, y2028, { positionTitle: 'Perawat Pemula' });
      const clerkOwner = await e.nurse({
        positionKind: PositionKind.PELAKSANA,
        positionTitle: 'Pengadministrasi Umum',
      });
      clerk = { owner: clerkOwner, plan: await e.approvedPlan(clerkOwner, head, y2028.headRhk, y2028.period.id) };
      const distrik = await app.fixtures.unit({
        code: 'EV-DISTRIK-WALESI',
        name: 'Kantor Distrik Walesi',
        kind: UnitKind.AGENCY,
      });
      districtHead = await app.fixtures.employee({
        unit: distrik,
        externalSupervisor: e.org.bupati,
        name: 'Yulianus Lokobal',
        positionKind: PositionKind.ADMINISTRATOR,
        positionTitle: 'Kepala Distrik Walesi',
      });
      // Appraised by the Bupati: an HR admin records the approval and the rating.
      districtPlan = await e.approvedPlan(districtHead, e.hr, null, y2028.period.id);
      const owner = await e.nurse();
      submittedPlan = await e.step(
        'submitAppraisal',
        await e.readyPlan(owner, y2028.headRhk, { periodId: y2028.period.id }),
        owner,
      );
      await e.movePeriodTo(y2028.period, 'EVALUATING');
      app.clock.set(wit('2029-01-08'));
    });

    const rate = (
      plan: { id: string; version: number },
      extra: Record<string, unknown> = {},
      who: Employee | string = head,
    ) =>
      e.rateYear(
        { appraisalId: plan.id, expectedVersion: plan.version, resultRating: MEETS, behaviorRating: MEETS, ...extra },
        who,
      );

    describe('the predikat matrix: all nine result × behaviour pairs (scenario 5)', () => {
      it.each(MATRIX)(
        'result %s, behaviour %s → %s, stored with its inputs',
        async (resultRating, behaviorRating, predikat) => {
          const { plan } = take();
          const justification = `Hasil ${resultRating}, perilaku ${behaviorRating}`;
          const done = await rate(plan, { resultRating, behaviorRating, resultJustification: justification });
          expect(done.userErrors).toEqual([]);
          expect(done.evaluation).toMatchObject({
            kind: 'ANNUAL',
            subPeriod: null,
            resultRating,
            behaviorRating,
            predikat,
            resultJustification: justification,
            ratedBySubject: head.nip,
            version: 1,
          });
          expect(done.appraisal).toMatchObject({ status: 'EVALUATED', version: plan.version + 1 });
          expect(done.appraisal!.history.at(-1)).toEqual({
            action: 'EVALUATE',
            fromStatus: 'APPROVED',
            toStatus: 'EVALUATED',
            actorSubject: head.nip,
          });
          // The stored row holds the predikat with the inputs it came from.
          expect(await e.annualRow(plan.id)).toMatchObject({
            result_rating: resultRating,
            behavior_rating: behaviorRating,
            predikat,
            result_justification: justification,
          });
          const reread = await e.ratedOrFail(plan.id);
          expect(reread.annualEvaluation).toEqual(done.evaluation);
          expect(reread.evaluations).toEqual([done.evaluation]);
        },
      );
    });

    it('keeps feedback and a rating per core value: the seven values in order, with their names; values not assessed read as null', async () => {
      const { plan } = take();
      const behaviors = [
        { coreValue: 'AKUNTABEL', rating: ABOVE, feedback: '  Laporan stok vaksin selalu tepat waktu  ' },
        { coreValue: 'BERORIENTASI_PELAYANAN', rating: MEETS, feedback: 'Ramah kepada pasien' },
        { coreValue: 'KOLABORATIF', feedback: 'Bekerja sama dengan kader posyandu' },
      ];
      const done = await rate(plan, { behaviors, behaviorRating: ABOVE });
      expect(done.userErrors).toEqual([]);
      expect(done.evaluation!.behaviors).toEqual(
        CORE_VALUES.map((coreValue, i) => {
          const given = behaviors.find((b) => b.coreValue === coreValue);
          return {
            coreValue,
            label: LABELS[i],
            rating: given?.rating ?? null,
            feedback: given?.feedback.trim() ?? null,
          };
        }),
      );
      expect(await e.count('evaluation_behavior', 'evaluation_id = ?', [dbId(done.evaluation!.id)])).toBe(3);
    });

    it('bad input is a userError with a stable code and field, every problem at once, writing nothing', async () => {
      const { plan } = take();
      const cases: Array<[string, Record<string, unknown>, Array<[string, string[] | null]>]> = [
        [
          'a core value twice',
          {
            behaviors: [
              { coreValue: 'LOYAL', feedback: 'a' },
              { coreValue: 'LOYAL', feedback: 'b' },
            ],
          },
          [['INVALID', ['input', 'behaviors', '1', 'coreValue']]],
        ],
        [
          'feedback over 2,000 characters',
          { behaviors: [{ coreValue: 'ADAPTIF', feedback: textOf(2001) }] },
          [['INVALID', ['input', 'behaviors', '0', 'feedback']]],
        ],
        [
          'a justification over 4,000 characters',
          { resultJustification: textOf(4001) },
          [['INVALID', ['input', 'resultJustification']]],
        ],
        ['no result rating (not the head of a unit)', { resultRating: null }, [['INVALID', ['input', 'resultRating']]]],
        [
          'several problems',
          {
            resultJustification: textOf(4001),
            behaviors: [{ coreValue: 'HARMONIS', feedback: textOf(2001) }, { coreValue: 'HARMONIS' }],
          },
          [
            ['INVALID', ['input', 'resultJustification']],
            ['INVALID', ['input', 'behaviors', '0', 'feedback']],
            ['INVALID', ['input', 'behaviors', '1', 'coreValue']],
          ],
        ],
      ];
      for (const [name, extra, expected] of cases) {
        const refused = await e.unchanged(() => rate(plan, extra));
        expect({ name, errors: codes(refused), evaluation: refused.evaluation ?? null }).toEqual({
          name,
          errors: expected,
          evaluation: null,
        });
      }
      const stale = await e.unchanged(() => rate({ id: plan.id, version: plan.version + 1 }));
      expect(stale.userErrors.map((x) => [x.code, x.field, x.currentVersion])).toEqual([
        ['CONFLICT', ['input', 'expectedVersion'], plan.version],
      ]);
      const unknownPlan = await e.unchanged(() => rate({ id: plan.workResultPlans[0]!.id, version: 1 }));
      expect(codes(unknownPlan)).toEqual([['NOT_FOUND', ['input', 'appraisalId']]]);
    });

    it.each([
      ['an unknown result rating', { resultRating: 'LUAR_BIASA' }],
      ['an unknown core value', { behaviors: [{ coreValue: 'JUJUR', rating: 'SESUAI_EKSPEKTASI' }] }],
      ['an unknown rating of a core value', { behaviors: [{ coreValue: 'LOYAL', rating: 'BAGUS' }] }],
      ['no behaviour rating', { behaviorRating: null }],
    ])('%s is refused before the service runs (HTTP 400, BAD_USER_INPUT), writing nothing', async (_name, extra) => {
      const { plan } = pool[0]!;
      const refused = await e.unchanged(() =>
        e.rateYearRaw(
          { appraisalId: plan.id, expectedVersion: plan.version, resultRating: MEETS, behaviorRating: MEETS, ...extra },
          head,
        ),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((x) => x.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(refused.body)).not.toMatch(/SELECT|INSERT|\/work\/|at .*\.ts/);
    });

    it('the justification and the per-value assessments are optional in the API: absent or blank is stored as null', async () => {
      const { plan } = take();
      const done = await rate(plan, { resultJustification: '   ' });
      expect(done.userErrors).toEqual([]);
      expect(done.evaluation).toMatchObject({ resultJustification: null, predikat: 'BAIK' });
      expect(done.evaluation!.behaviors.every((b) => b.rating === null && b.feedback === null)).toBe(true);
      const four = await rate(done.appraisal!, { resultJustification: `  ${textOf(4000, 'j')}  ` });
      expect(four.evaluation!.resultJustification).toBe(textOf(4000, 'j'));
    });

    it('only the appraiser rates the year: owner, appraiser’s supervisor, HR NOT_ALLOWED; a peer NOT_FOUND; nothing written', async () => {
      const { owner, plan } = take();
      const peer = pool[0]!.owner;
      for (const who of [owner, kadinkes, e.hr]) {
        const refused = await e.unchanged(() =>
          e.rateYearRaw(
            { appraisalId: plan.id, expectedVersion: plan.version, resultRating: ABOVE, behaviorRating: ABOVE },
            who,
          ),
        );
        expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
      }
      expect(codes(await e.unchanged(() => rate(plan, {}, peer)))).toEqual([['NOT_FOUND', ['input', 'appraisalId']]]);
    });

    it('a plan that is not approved cannot be rated (NOT_APPROVED)', async () => {
      expect(submittedPlan.status).toBe('SUBMITTED');
      expect(codes(await e.unchanged(() => rate(submittedPlan)))).toEqual([
        ['PLAN_NOT_APPROVED', ['input', 'appraisalId']],
      ]);
    });

    it('can be re-rated until HR finalizes the unit: same evaluation, new version, each change in the history and the audit; then ALREADY_FINAL', async () => {
      const { plan } = pustuPlans[0]!;
      const first = await rate(plan, { resultRating: MEETS, behaviorRating: MEETS });
      expect(first.evaluation).toMatchObject({ predikat: 'BAIK', version: 1 });
      const second = await rate(first.appraisal!, {
        resultRating: ABOVE,
        behaviorRating: ABOVE,
        resultJustification: 'Setelah klarifikasi data',
      });
      expect(second.userErrors).toEqual([]);
      expect(second.evaluation).toMatchObject({
        id: first.evaluation!.id,
        predikat: 'SANGAT_BAIK',
        version: 2,
        resultJustification: 'Setelah klarifikasi data',
      });
      expect(second.appraisal).toMatchObject({ status: 'EVALUATED', version: plan.version + 2 });
      expect(second.appraisal!.history.slice(-2).map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
        ['EVALUATE', 'APPROVED', 'EVALUATED'],
        ['EVALUATE', 'EVALUATED', 'EVALUATED'],
      ]);
      expect(await evaluationRows(plan.id)).toBe(1);
      const audit = await e.audit('Evaluation', dbId(first.evaluation!.id), 'EVALUATION_RECORDED');
      expect(audit).toHaveLength(2);
      expect(JSON.parse(audit[1]!.before!)).toMatchObject({ predikat: 'BAIK' });
      expect(JSON.parse(audit[1]!.after!)).toMatchObject({ predikat: 'SANGAT_BAIK' });
      // A stale re-rating is refused.
      expect((await e.unchanged(() => rate(first.appraisal!))).userErrors.map((x) => x.code)).toEqual(['CONFLICT']);

      await e.ok(
        'setUnitRating',
        { unitId: unitGid(pustu), periodId: y2028.period.id, rating: 'ISTIMEWA' },
        e.hr,
        'unitRating { id }',
      );
      const finalized = await e.finalize({ unitId: unitGid(pustu), periodId: y2028.period.id });
      expect(finalized).toMatchObject({ userErrors: [], finalized: 1 });
      const final = await e.ratedOrFail(plan.id);
      expect(final.status).toBe('FINAL');
      const refused = await e.unchanged(() => rate(final, { resultRating: BELOW, behaviorRating: BELOW }));
      expect(codes(refused)).toEqual([['ALREADY_FINAL', ['input', 'appraisalId']]]);
      expect((await e.ratedOrFail(plan.id)).annualEvaluation).toMatchObject({ predikat: 'SANGAT_BAIK', version: 2 });
    });

    describe('the suggested result rating from realizations against targets', () => {
      it.each([
        ['above (140 of 120)', [80, 60], ABOVE],
        ['as expected (110 of 120)', [60, 50], MEETS],
        ['below (50 of 120)', [50], BELOW],
        ['none without realizations', [], null],
      ] as Array<[string, number[], Rating | null]>)(
        '%s is exposed on the plan and stored with the rating',
        async (_name, values, suggested) => {
          const { owner, plan } = take();
          for (const [i, value] of values.entries()) await e.realize(owner, plan, i + 1, value);
          expect((await e.ratedOrFail(plan.id)).suggestedResultRating).toBe(suggested);
          // The appraiser may decide otherwise, with a justification.
          const decided: Rating = suggested === MEETS ? ABOVE : MEETS;
          const done = await rate(await e.ratedOrFail(plan.id), {
            resultRating: decided,
            behaviorRating: MEETS,
            resultJustification: 'Mempertimbangkan kondisi lapangan',
          });
          expect(done.userErrors).toEqual([]);
          expect(done.evaluation).toMatchObject({
            suggestedResultRating: suggested,
            resultRating: decided,
            predikat: 'BAIK',
          });
          expect(await e.annualRow(plan.id)).toMatchObject({
            suggested_result_rating: suggested,
            result_rating: decided,
          });
        },
      );
    });

    describe('the head of a unit: the result rating follows the unit’s own rating', () => {
      it('refused until HR sets the unit rating; then derived from it, a different one refused, and it follows a change', async () => {
        const plan = await e.ratedOrFail(y2028.headPlan.id);
        const rateHead = (extra: Record<string, unknown>, version: number) =>
          e.rateYear({ appraisalId: plan.id, expectedVersion: version, behaviorRating: ABOVE, ...extra }, kadinkes);
        expect(codes(await e.unchanged(() => rateHead({}, plan.version)))).toEqual([
          ['UNIT_RATING_MISSING', ['input', 'appraisalId']],
        ]);

        const set = await e.setUnitRating({ unitId: unitGid(e.org.pkm), periodId: y2028.period.id, rating: 'BAIK' });
        expect(set.userErrors).toEqual([]);
        expect(codes(await e.unchanged(() => rateHead({ resultRating: ABOVE }, plan.version)))).toEqual([
          ['INVALID', ['input', 'resultRating']],
        ]);
        const derived = await rateHead({}, plan.version);
        expect(derived.userErrors).toEqual([]);
        expect(derived.evaluation).toMatchObject({
          resultRating: MEETS,
          unitRating: 'BAIK',
          behaviorRating: ABOVE,
          predikat: 'BAIK',
          ratedBySubject: kadinkes.nip,
        });
        const explicit = await rateHead({ resultRating: MEETS }, derived.appraisal!.version);
        expect(explicit.userErrors).toEqual([]);

        await e.ok(
          'setUnitRating',
          {
            unitId: unitGid(e.org.pkm),
            periodId: y2028.period.id,
            rating: 'ISTIMEWA',
            expectedVersion: set.unitRating!.version,
          },
          e.hr,
          'unitRating { id }',
        );
        const again = await rateHead({}, explicit.appraisal!.version);
        expect(again.evaluation).toMatchObject({
          resultRating: ABOVE,
          unitRating: 'ISTIMEWA',
          predikat: 'SANGAT_BAIK',
          version: 3,
        });
      });
    });

    describe('credit points of functional staff: predikat percentage × the level’s coefficient', () => {
      it.each([
        ['BAIK', 25],
        ['SANGAT_BAIK', 37.5],
        ['BUTUH_PERBAIKAN', 18.75],
      ] as Array<[PredikatName, number]>)(
        'Ahli Muda rated %s → %d (the domain’s example)',
        async (predikat, points) => {
          const { plan } = levels['Ahli Muda']!.shift()!;
          const [resultRating, behaviorRating] = PAIR_FOR[predikat];
          const done = await rate(plan, { resultRating, behaviorRating });
          expect(done.evaluation).toMatchObject({ predikat, creditPoints: points });
          expect(Number((await e.annualRow(plan.id))!.credit_points)).toBe(points);
        },
      );

      it.each(LEVELS.filter(([level]) => level !== 'Ahli Muda'))(
        '%s rated BAIK → its coefficient %d',
        async (level, coefficient) => {
          const { plan } = levels[level]!.shift()!;
          const done = await rate(plan);
          expect(done.evaluation).toMatchObject({ predikat: 'BAIK', creditPoints: coefficient });
        },
      );

      it('is the exact product, not rounded to cents: Pemula rated BUTUH_PERBAIKAN → 75% × 3.75 = 2.8125', async () => {
        const done = await rate(pemula.plan, { resultRating: BELOW, behaviorRating: MEETS });
        expect(done.evaluation).toMatchObject({ predikat: 'BUTUH_PERBAIKAN', creditPoints: 2.8125 });
      });

      it('a re-rating recomputes them; a position that is not functional has none', async () => {
        const { plan } = levels['Ahli Muda']!.shift()!;
        const first = await rate(plan, { resultRating: BELOW, behaviorRating: ABOVE });
        expect(first.evaluation).toMatchObject({ predikat: 'BUTUH_PERBAIKAN', creditPoints: 18.75 });
        const second = await rate(first.appraisal!, { resultRating: ABOVE, behaviorRating: ABOVE });
        expect(second.evaluation).toMatchObject({ predikat: 'SANGAT_BAIK', creditPoints: 37.5 });
        const clerkDone = await rate(clerk.plan, { resultRating: ABOVE, behaviorRating: ABOVE });
        expect(clerkDone.evaluation).toMatchObject({ predikat: 'SANGAT_BAIK', creditPoints: null });
      });
    });

    describe('an appraiser outside the civil service (the Bupati)', () => {
      it('an HR admin covering the plan records the rating; the employee cannot rate himself', async () => {
        const own = await e.unchanged(() =>
          e.rateYearRaw(
            {
              appraisalId: districtPlan.id,
              expectedVersion: districtPlan.version,
              resultRating: ABOVE,
              behaviorRating: ABOVE,
            },
            districtHead,
          ),
        );
        expect(userErrorCodes(own)).toEqual(['NOT_ALLOWED']);
        const scoped = await app.token('dinkes-hr', { roles: [Role.HR_ADMIN], unit: e.org.dinkes.code });
        expect(codes(await e.unchanged(() => rate(districtPlan, {}, scoped)))).toEqual([
          ['NOT_FOUND', ['input', 'appraisalId']],
        ]);
        const done = await rate(districtPlan, { resultRating: ABOVE, behaviorRating: MEETS }, e.hr);
        expect(done.userErrors).toEqual([]);
        expect(done.evaluation).toMatchObject({
          predikat: 'BAIK',
          ratedBySubject: 'bkpsdm-portal',
          creditPoints: null,
        });
      });
    });
  });
});
