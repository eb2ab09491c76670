import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { TestApp } from '../support/test-app';
import {
  BELOW,
  Evaluating,
  MEETS,
  type ObjectionOut,
  type RatedPlanOut,
  unitGid,
  wit,
  type Year,
} from './evaluation-helpers';
import { codes, dbId } from './planning-helpers';

/**
 * Objections (keberatan, PP 30/2019 art. 59; `docs/domain.md` scenario 8) over HTTP: an annual BUTUH_PERBAIKAN is
 * delivered on 5 January (WIT); the employee objects within 14 days (calendar, or working days by configuration);
 * the appraiser's supervisor decides, finally, and the decided rating is the one shown everywhere, with the
 * original kept. HR decides when that supervisor is an official outside the civil service.
 */

/** 5 January 2028, 01:00 in Walesi: still 4 January in UTC. */
const DELIVERED = wit('2028-01-05', '01:00');

interface Delivered {
  owner: Employee;
  plan: RatedPlanOut;
}

/**
 * The Puskesmas' 2027 plans rated by its head (the nurses BUTUH_PERBAIKAN, the head herself by her appraiser
 * after HR rates the Puskesmas) and delivered by HR finalizing the unit on 5 January 2028, WIT.
 */
async function givenDelivered(
  app: TestApp,
  nurses: number,
): Promise<{ e: Evaluating; year: Year; delivered: Delivered[]; headPlan: RatedPlanOut; evaluatedOnly: Delivered }> {
  const e = new Evaluating(app);
  await e.init();
  app.clock.set('2027-01-04T01:00:00Z');
  const { kadinkes, pkm } = await e.givenOrg();
  const year = await e.givenYear(2027);
  const staff = await e.nursesWithPlans(nurses, year, { positionTitle: 'Perawat Ahli Muda' });
  // A nurse in a sub-unit that HR does not finalize: her rating stays EVALUATED.
  const pustu = await app.fixtures.unit({ code: `OB-PUSTU-${pkm.rowId}`, name: 'Pustu Walesi', parent: pkm });
  const [pending] = await e.nursesWithPlans(1, year, { unit: pustu });
  await e.movePeriodTo(year.period, 'EVALUATING');
  app.clock.set(wit('2028-01-04', '10:00'));
  for (const { plan } of staff) await e.rateInto(plan, 'BUTUH_PERBAIKAN');
  const evaluatedOnly = { owner: pending!.owner, plan: await e.rateInto(pending!.plan, 'BUTUH_PERBAIKAN') };
  await e.ok(
    'setUnitRating',
    { unitId: unitGid(pkm), periodId: year.period.id, rating: 'BUTUH_PERBAIKAN' },
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
  app.clock.set(DELIVERED);
  const done = await e.finalize({ unitId: unitGid(pkm), periodId: year.period.id, includeSubunits: false });
  if (done.userErrors.length || done.finalized !== nurses + 1) throw new Error(`finalize: ${JSON.stringify(done)}`);
  const delivered: Delivered[] = [];
  for (const { owner, plan } of staff) delivered.push({ owner, plan: await e.ratedOrFail(plan.id) });
  return { e, year, delivered, headPlan: await e.ratedOrFail(year.headPlan.id), evaluatedOnly };
}

describe('objections (keberatan)', () => {
  describe('counted in calendar days (the default)', () => {
    let app: TestApp;
    let e: Evaluating;
    let year: Year;
    let pool: Delivered[];
    let headPlan: RatedPlanOut;
    let evaluatedOnly: Delivered;
    let head: Employee;
    let kadinkes: Employee;
    const take = () => pool.shift()!;

    beforeAll(async () => {
      app = await TestApp.start();
      let delivered: Delivered[];
      ({ e, year, delivered, headPlan, evaluatedOnly } = await givenDelivered(app, 9));
      pool = delivered;
      ({ head, kadinkes } = e.org);
    });
    afterAll(() => app?.stop());

    const file = (
      d: { owner: Employee; plan: { id: string; version: number } },
      reason = 'Capaian imunisasi saya 118 dari 120 bayi; data Februari belum dihitung',
      who: Employee | string = d.owner,
    ) => e.fileObjection({ appraisalId: d.plan.id, expectedVersion: d.plan.version, reason }, who);

    it('delivered on 5 January WIT: the plan shows the delivery and the last day to object (19 January)', async () => {
      const { plan } = pool[0]!;
      expect(plan).toMatchObject({
        status: 'FINAL',
        deliveredAt: DELIVERED,
        objectionDeadline: '2028-01-19',
        objection: null,
      });
      expect(plan.annualEvaluation).toMatchObject({
        predikat: 'BUTUH_PERBAIKAN',
        resultRating: BELOW,
        behaviorRating: MEETS,
        creditPoints: 18.75,
      });
    });

    it('scenario 8: an objection on day 10 goes to the appraiser’s supervisor, who changes it to BAIK; final, audited, shown everywhere, the original kept', async () => {
      const d = take();
      const summaryBefore = await e.summary(e.org.pkm, year.period.id);
      type Trend = {
        analytics: {
          trend: Array<{ subPeriod: number | null; rated: number; counts: Array<{ predikat: string; count: number }> }>;
        };
      };
      const annualTrend = async () =>
        (
          await app.data<Trend>(
            'query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { trend(fromYear: 2027, toYear: 2027) { subPeriod rated counts { predikat count } } } }',
            { u: unitGid(e.org.pkm), p: year.period.id },
            e.hr,
          )
        ).analytics.trend.find((t) => t.subPeriod === null)!;
      const trendBefore = await annualTrend();
      app.clock.set(wit('2028-01-15', '08:00'));
      const filed = await file(d);
      expect(filed.userErrors).toEqual([]);
      expect(filed.objection).toMatchObject<Partial<ObjectionOut>>({
        status: 'PENDING',
        filedAt: wit('2028-01-15', '08:00'),
        originalResultRating: BELOW,
        originalBehaviorRating: MEETS,
        originalPredikat: 'BUTUH_PERBAIKAN',
        decidedPredikat: null,
        version: 1,
      });
      expect(filed.appraisal).toMatchObject({ status: 'FINAL', version: d.plan.version + 1 });
      expect(await e.audit('Objection', dbId(filed.objection!.id), 'OBJECTION_FILED')).toHaveLength(1);
      // One objection per rating.
      const second = await e.unchanged(() => file({ owner: d.owner, plan: filed.appraisal! }));
      expect(codes(second)).toEqual([['DUPLICATE', ['input', 'appraisalId']]]);
      // The supervisor sees it on the plan.
      expect((await e.ratedOrFail(d.plan.id, kadinkes)).objection).toMatchObject({
        id: filed.objection!.id,
        status: 'PENDING',
      });

      app.clock.set(wit('2028-01-22', '10:00'));
      const decided = await e.decideObjection(
        {
          id: filed.objection!.id,
          expectedVersion: 1,
          accept: true,
          resultRating: MEETS,
          behaviorRating: MEETS,
          reason: 'Data Februari terverifikasi: target tercapai',
        },
        kadinkes,
      );
      expect(decided.userErrors).toEqual([]);
      expect(decided.objection).toMatchObject<Partial<ObjectionOut>>({
        status: 'ACCEPTED',
        originalPredikat: 'BUTUH_PERBAIKAN',
        decidedResultRating: MEETS,
        decidedBehaviorRating: MEETS,
        decidedPredikat: 'BAIK',
        decisionReason: 'Data Februari terverifikasi: target tercapai',
        decidedBySubject: kadinkes.nip,
        decidedAt: wit('2028-01-22', '10:00'),
        version: 2,
      });
      // The decided rating is a new evaluation, by the decider with their reason; the appraiser's stays as it was.
      const original = d.plan.annualEvaluation!;
      const annual = decided.appraisal!.annualEvaluation!;
      expect(annual.id).not.toBe(original.id);
      expect(annual).toMatchObject({
        kind: 'ANNUAL',
        subPeriod: null,
        predikat: 'BAIK',
        resultRating: MEETS,
        behaviorRating: MEETS,
        creditPoints: 25,
        resultJustification: 'Data Februari terverifikasi: target tercapai',
        suggestedResultRating: original.suggestedResultRating,
        ratedBySubject: kadinkes.nip,
        ratedAt: wit('2028-01-22', '10:00'),
        version: 1,
      });
      expect(annual.behaviors.every((b) => b.rating === null && b.feedback === null)).toBe(true);
      expect(decided.appraisal).toMatchObject({ status: 'FINAL' });
      expect(decided.appraisal!.evaluations).toEqual([{ ...original, version: original.version + 1 }, annual]);
      const links = await app.data<{
        appraisal: {
          evaluations: Array<{
            id: string;
            supersededBy: { id: string } | null;
            objection: { id: string; status: string } | null;
          }>;
        };
      }>(
        'query($id: ID!) { appraisal(id: $id) { evaluations { id supersededBy { id } objection { id status } } } }',
        { id: d.plan.id },
        await e.token(d.owner),
      );
      expect(links.appraisal.evaluations).toEqual([
        { id: original.id, supersededBy: { id: annual.id }, objection: null },
        { id: annual.id, supersededBy: null, objection: { id: filed.objection!.id, status: 'ACCEPTED' } },
      ]);

      // Shown everywhere: the plan, its evaluations, node(id:), the lists, the unit's spread.
      const reread = await e.ratedOrFail(d.plan.id, d.owner);
      // The employee does not read the NIP of her appraiser's supervisor, in `nip` or in a subject (issue 15).
      const asOwner = { ...annual, ratedBySubject: null };
      expect(reread.annualEvaluation).toEqual(asOwner);
      expect(reread.evaluations).toEqual([
        { ...original, version: original.version + 1, ratedBySubject: null },
        asOwner,
      ]);
      const originalNode = await app.data<{ node: { predikat: string; resultJustification: string | null } | null }>(
        'query($id: ID!) { node(id: $id) { ... on Evaluation { predikat resultJustification } } }',
        { id: original.id },
        await e.token(d.owner),
      );
      expect(originalNode.node).toEqual({
        predikat: 'BUTUH_PERBAIKAN',
        resultJustification: original.resultJustification,
      });
      expect(reread.objection).toEqual({ ...decided.objection, decidedBySubject: null });
      const node = await app.data<{ node: { predikat: string } | null }>(
        'query($id: ID!) { node(id: $id) { ... on Evaluation { predikat } } }',
        { id: annual.id },
        await e.token(d.owner),
      );
      expect(node.node).toEqual({ predikat: 'BAIK' });
      const listed = await app.data<{
        appraisals: { nodes: Array<{ id: string; annualEvaluation: { predikat: string } | null }> };
      }>(
        'query($p: ID!) { appraisals(first: 100, filter: { periodId: $p, statuses: [FINAL] }) { nodes { id annualEvaluation { predikat } } } }',
        { p: year.period.id },
        e.hr,
      );
      expect(listed.appraisals.nodes.find((n) => n.id === d.plan.id)!.annualEvaluation).toEqual({ predikat: 'BAIK' });
      const mine = await app.data<{
        viewer: { appraisals: { nodes: Array<{ id: string; annualEvaluation: { predikat: string } | null }> } };
      }>(
        'query($p: ID) { viewer { appraisals(periodId: $p) { nodes { id annualEvaluation { predikat } } } } }',
        { p: year.period.id },
        await e.token(d.owner),
      );
      expect(mine.viewer.appraisals.nodes).toEqual([{ id: d.plan.id, annualEvaluation: { predikat: 'BAIK' } }]);
      const theirs = await app.data<{
        employee: { appraisals: { nodes: Array<{ annualEvaluation: { predikat: string } | null }> } };
      }>(
        'query($id: ID!) { employee(id: $id) { appraisals { nodes { annualEvaluation { predikat } } } } }',
        { id: toGlobalId('Employee', d.owner.rowId) },
        await e.token(kadinkes),
      );
      expect(theirs.employee.appraisals.nodes).toEqual([{ annualEvaluation: { predikat: 'BAIK' } }]);
      const summaryAfter = await e.summary(e.org.pkm, year.period.id);
      const count = (s: typeof summaryAfter, p: string) => s!.counts.find((c) => c.predikat === p)?.count ?? 0;
      expect([count(summaryAfter, 'BUTUH_PERBAIKAN'), count(summaryAfter, 'BAIK')]).toEqual([
        count(summaryBefore, 'BUTUH_PERBAIKAN') - 1,
        count(summaryBefore, 'BAIK') + 1,
      ]);
      // The trend counts the rating in force once, not the superseded one too.
      const trendAfter = await annualTrend();
      const inTrend = (t: typeof trendAfter, p: string) => t.counts.find((c) => c.predikat === p)?.count ?? 0;
      expect(trendAfter.rated).toBe(trendBefore.rated);
      expect([inTrend(trendAfter, 'BUTUH_PERBAIKAN'), inTrend(trendAfter, 'BAIK')]).toEqual([
        inTrend(trendBefore, 'BUTUH_PERBAIKAN') - 1,
        inTrend(trendBefore, 'BAIK') + 1,
      ]);

      // Audited: the decision, the decided evaluation, and the original's leaving the slot (nothing else of it changed).
      const decisionAudit = await e.audit('Objection', dbId(filed.objection!.id), 'OBJECTION_DECIDED');
      expect(decisionAudit.map((a) => a.actor_subject)).toEqual([kadinkes.nip]);
      const evaluationAudit = await e.audit('Evaluation', dbId(annual.id));
      expect(evaluationAudit.map((a) => [a.action, a.before])).toEqual([['EVALUATION_RECORDED', null]]);
      expect(JSON.parse(evaluationAudit[0]!.after!)).toMatchObject({
        predikat: 'BAIK',
        byObjection: dbId(filed.objection!.id),
        supersedes: dbId(original.id),
      });
      const supersededAudit = await e.audit('Evaluation', dbId(original.id), 'EVALUATION_SUPERSEDED');
      expect(supersededAudit).toHaveLength(1);
      expect(JSON.parse(supersededAudit[0]!.before!)).toMatchObject({
        predikat: 'BUTUH_PERBAIKAN',
        subPeriod: 0,
        supersededById: null,
      });
      expect(JSON.parse(supersededAudit[0]!.after!)).toMatchObject({
        predikat: 'BUTUH_PERBAIKAN',
        subPeriod: null,
        supersededById: dbId(annual.id),
      });

      // Final: the appraiser can no longer edit, and the decision cannot be taken again.
      const current = await e.ratedOrFail(d.plan.id);
      const rerate = await e.unchanged(() =>
        e.rateYear(
          { appraisalId: current.id, expectedVersion: current.version, resultRating: BELOW, behaviorRating: BELOW },
          head,
        ),
      );
      expect(codes(rerate)).toEqual([['INVALID_STATE', ['input', 'appraisalId']]]);
      const again = await e.unchanged(() =>
        e.decideObjection(
          { id: filed.objection!.id, expectedVersion: 2, accept: false, reason: 'Berubah pikiran' },
          kadinkes,
        ),
      );
      expect(codes(again)).toEqual([['INVALID_STATE', ['input', 'id']]]);
    });

    it('the window is 14 calendar days in WIT: 19 January 23:30 is accepted, 20 January 00:30 (day 15) is refused, nothing written', async () => {
      const last = take();
      app.clock.set(wit('2028-01-19', '23:30'));
      expect((await file(last)).userErrors).toEqual([]);
      const late = take();
      app.clock.set(wit('2028-01-20', '00:30'));
      const refused = await e.unchanged(() => file(late));
      expect(codes(refused)).toEqual([['INVALID_STATE', ['input', 'appraisalId']]]);
      expect(refused.userErrors[0]!.message).toMatch(/2028-01-05.*2028-01-19/);
      expect(refused.objection ?? null).toBeNull();
    });

    it('only the employee files, with a reason, against a final rating, at the version read', async () => {
      const d = take();
      app.clock.set(wit('2028-01-10'));
      for (const who of [head, kadinkes, e.hr]) {
        const refused = await e.unchanged(() =>
          e.raw(
            'fileObjection',
            { appraisalId: d.plan.id, expectedVersion: d.plan.version, reason: 'Keberatan' },
            who,
            'objection { id }',
          ),
        );
        expect(refused.body.errors?.map((x) => x.extensions?.code)).toEqual(['FORBIDDEN']);
      }
      expect(codes(await e.unchanged(() => file(d, 'Keberatan', pool[0]!.owner)))).toEqual([
        ['NOT_FOUND', ['input', 'appraisalId']],
      ]);
      for (const reason of ['', '   ', 'x'.repeat(4001)])
        expect(codes(await e.unchanged(() => file(d, reason)))).toEqual([['INVALID', ['input', 'reason']]]);
      const stale = await e.unchanged(() =>
        file({ owner: d.owner, plan: { id: d.plan.id, version: d.plan.version - 1 } }),
      );
      expect(stale.userErrors.map((x) => [x.code, x.currentVersion])).toEqual([['CONFLICT', d.plan.version]]);
      const notFinal = await e.ratedOrFail(evaluatedOnly.plan.id);
      expect(notFinal.status).toBe('EVALUATED');
      expect(codes(await e.unchanged(() => file({ owner: evaluatedOnly.owner, plan: notFinal })))).toEqual([
        ['INVALID_STATE', ['input', 'appraisalId']],
      ]);
    });

    it('the supervisor may reject with a reason: final, the rating unchanged', async () => {
      const d = take();
      app.clock.set(wit('2028-01-12'));
      const filed = await file(d);
      const objection = filed.objection!;
      for (const reason of ['', '  ']) {
        expect(
          codes(
            await e.unchanged(() =>
              e.decideObjection({ id: objection.id, expectedVersion: 1, accept: false, reason }, kadinkes),
            ),
          ),
        ).toEqual([['INVALID', ['input', 'reason']]]);
      }
      const noRatings = await e.unchanged(() =>
        e.decideObjection(
          { id: objection.id, expectedVersion: 1, accept: true, resultRating: MEETS, reason: 'Diterima' },
          kadinkes,
        ),
      );
      expect(codes(noRatings)).toEqual([['INVALID', ['input', 'resultRating']]]);
      const stale = await e.unchanged(() =>
        e.decideObjection({ id: objection.id, expectedVersion: 2, accept: false, reason: 'Ditolak' }, kadinkes),
      );
      expect(stale.userErrors.map((x) => [x.code, x.currentVersion])).toEqual([['CONFLICT', 1]]);

      const rejected = await e.decideObjection(
        {
          id: objection.id,
          expectedVersion: 1,
          accept: false,
          reason: '  Data dukung tidak sesuai dengan laporan bulanan  ',
        },
        kadinkes,
      );
      expect(rejected.userErrors).toEqual([]);
      expect(rejected.objection).toMatchObject({
        status: 'REJECTED',
        decisionReason: 'Data dukung tidak sesuai dengan laporan bulanan',
        decidedPredikat: null,
        decidedResultRating: null,
        decidedBySubject: kadinkes.nip,
        version: 2,
      });
      expect(rejected.appraisal!.annualEvaluation).toEqual(d.plan.annualEvaluation);
      const after = await e.ratedOrFail(d.plan.id);
      expect(after.annualEvaluation).toEqual(d.plan.annualEvaluation);
      expect(after.evaluations).toEqual(d.plan.evaluations);
      expect(await e.count('evaluation', "appraisal_id = ? AND kind = 'ANNUAL'", [dbId(d.plan.id)])).toBe(1);
      expect(after.objection).toEqual(rejected.objection);
      expect(
        codes(
          await e.unchanged(() =>
            e.decideObjection(
              {
                id: objection.id,
                expectedVersion: 2,
                accept: true,
                resultRating: MEETS,
                behaviorRating: MEETS,
                reason: 'x',
              },
              kadinkes,
            ),
          ),
        ),
      ).toEqual([['INVALID_STATE', ['input', 'id']]]);
    });

    it('the wrong decider is refused, writing nothing: the appraiser, the employee and HR (FORBIDDEN), a peer (NOT_FOUND)', async () => {
      const d = take();
      app.clock.set(wit('2028-01-11'));
      const objection = (await file(d)).objection!;
      const input = {
        id: objection.id,
        expectedVersion: 1,
        accept: true,
        resultRating: MEETS,
        behaviorRating: MEETS,
        reason: 'Diterima',
      };
      for (const who of [head, d.owner, e.hr]) {
        const refused = await e.unchanged(() => e.decideObjectionRaw(input, who));
        expect(refused.body.errors?.map((x) => x.extensions?.code)).toEqual(['FORBIDDEN']);
      }
      const peer = await e.unchanged(() => e.decideObjection(input, pool[0]!.owner));
      expect(codes(peer)).toEqual([['NOT_FOUND', ['input', 'id']]]);
      const unknown = await e.unchanged(() =>
        e.decideObjection({ ...input, id: toGlobalId('Objection', 999999) }, kadinkes),
      );
      expect(codes(unknown)).toEqual([['NOT_FOUND', ['input', 'id']]]);
      expect((await e.ratedOrFail(d.plan.id)).objection).toMatchObject({ status: 'PENDING', version: 1 });
    });

    it('when the appraiser’s supervisor is the Bupati, an HR admin covering the plan decides (not the appraiser, not HR out of scope)', async () => {
      expect(headPlan).toMatchObject({ status: 'FINAL' });
      expect(headPlan.annualEvaluation).toMatchObject({
        unitRating: 'BUTUH_PERBAIKAN',
        resultRating: BELOW,
        predikat: 'BUTUH_PERBAIKAN',
      });
      app.clock.set(wit('2028-01-09'));
      const filed = await e.fileObjection(
        {
          appraisalId: headPlan.id,
          expectedVersion: headPlan.version,
          reason: 'Capaian unit belum memperhitungkan laporan Desember',
        },
        head,
      );
      expect(filed.userErrors).toEqual([]);
      const input = {
        id: filed.objection!.id,
        expectedVersion: 1,
        accept: true,
        resultRating: MEETS,
        behaviorRating: MEETS,
        reason: 'Laporan Desember diterima',
      };
      const appraiser = await e.unchanged(() => e.decideObjectionRaw(input, kadinkes));
      expect(appraiser.body.errors?.map((x) => x.extensions?.code)).toEqual(['FORBIDDEN']);
      const bappeda = await app.fixtures.unit({ code: 'OB-BAPPEDA', name: 'Bappeda' });
      const elsewhere = await app.token('bappeda-hr', { roles: [Role.HR_ADMIN], unit: bappeda.code });
      expect(codes(await e.unchanged(() => e.decideObjection(input, elsewhere)))).toEqual([
        ['NOT_FOUND', ['input', 'id']],
      ]);
      const decided = await e.decideObjection(input, e.hr);
      expect(decided.userErrors).toEqual([]);
      expect(decided.objection).toMatchObject({
        status: 'ACCEPTED',
        decidedPredikat: 'BAIK',
        decidedBySubject: 'bkpsdm-portal',
      });
      expect((await e.ratedOrFail(headPlan.id)).annualEvaluation).toMatchObject({
        predikat: 'BAIK',
        ratedBySubject: 'bkpsdm-portal',
      });
    });
  });

  describe('counted in working days (OBJECTION_DAY_COUNTING=working)', () => {
    let app: TestApp;
    let e: Evaluating;
    let pool: Delivered[];

    beforeAll(async () => {
      app = await TestApp.start({
        appraisal: { distributionCurveMode: 'warn', objectionWindowDays: 14, objectionDayCounting: 'working' },
      });
      ({ e, delivered: pool } = await givenDelivered(app, 2));
    });
    afterAll(() => app?.stop());

    it('14 working days from Wednesday 5 January end on Tuesday 25 January: day 15 by the calendar is accepted, 26 January refused', async () => {
      const [onTime, late] = pool as [Delivered, Delivered];
      expect(onTime.plan).toMatchObject({ deliveredAt: DELIVERED, objectionDeadline: '2028-01-25' });
      app.clock.set(wit('2028-01-20', '09:00'));
      expect(
        (
          await e.fileObjection(
            { appraisalId: onTime.plan.id, expectedVersion: onTime.plan.version, reason: 'Keberatan atas predikat' },
            onTime.owner,
          )
        ).userErrors,
      ).toEqual([]);
      app.clock.set(wit('2028-01-26', '00:10'));
      const refused = await e.unchanged(() =>
        e.fileObjection(
          { appraisalId: late.plan.id, expectedVersion: late.plan.version, reason: 'Keberatan atas predikat' },
          late.owner,
        ),
      );
      expect(codes(refused)).toEqual([['INVALID_STATE', ['input', 'appraisalId']]]);
      expect(refused.userErrors[0]!.message).toMatch(/2028-01-25/);
    });
  });
});
