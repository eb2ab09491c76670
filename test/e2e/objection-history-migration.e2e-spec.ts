import { TestApp } from '../support/test-app';
import { BELOW, Evaluating, MEETS, type EvaluationOut, type RatedPlanOut, unitGid, wit } from './evaluation-helpers';
import { dbId } from './planning-helpers';

/**
 * The migration that keeps the appraiser's evaluation when an objection is accepted
 * (`1764400000000-evaluation-superseded-on-objection.ts`), on data written the old way: the decided rating had
 * overwritten the annual evaluation in place. Two accepted objections are decided with today's code, the migration
 * is reverted (which writes the old shape back), and for one of them the audit entry the old code wrote is added;
 * applied again, it must give back what today's code gives: the original as it was, and the decided one in force.
 */
describe('migrating accepted objections to a kept original (EvaluationSupersededOnObjection)', () => {
  let app: TestApp;
  let e: Evaluating;
  const decidedState: Array<{
    plan: RatedPlanOut;
    original: EvaluationOut;
    decided: EvaluationOut;
    objectionId: string;
  }> = [];

  const HISTORY = `query($id: ID!) { appraisal(id: $id) { annualEvaluation { id predikat resultJustification }
    evaluations { id kind subPeriod resultRating behaviorRating predikat creditPoints resultJustification ratedBySubject ratedAt
      behaviors { coreValue feedback } supersededBy { id } objection { id } } } }`;
  type History = {
    appraisal: {
      annualEvaluation: { id: string; predikat: string; resultJustification: string | null };
      evaluations: Array<Record<string, unknown>>;
    };
  };
  const history = async (planId: string) => (await app.data<History>(HISTORY, { id: planId }, e.hr)).appraisal;

  beforeAll(async () => {
    app = await TestApp.start();
    e = new Evaluating(app);
    await e.init();
    app.clock.set('2027-01-04T01:00:00Z');
    const { kadinkes, pkm } = await e.givenOrg();
    const year = await e.givenYear(2027);
    const staff = await e.nursesWithPlans(2, year, { positionTitle: 'Perawat Ahli Muda' });
    await e.movePeriodTo(year.period, 'EVALUATING');
    app.clock.set(wit('2028-01-04', '10:00'));
    for (const { plan } of staff) {
      const current = await e.ratedOrFail(plan.id);
      const rated = await e.rateYear(
        {
          appraisalId: current.id,
          expectedVersion: current.version,
          resultRating: BELOW,
          behaviorRating: MEETS,
          resultJustification: 'Cakupan di bawah target',
          behaviors: [{ coreValue: 'KOLABORATIF', feedback: 'Koordinasi baik' }],
        },
        e.org.head,
      );
      expect(rated.userErrors).toEqual([]);
    }
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
    app.clock.set(wit('2028-01-05', '09:00'));
    expect(
      (await e.finalize({ unitId: unitGid(pkm), periodId: year.period.id, includeSubunits: false })).userErrors,
    ).toEqual([]);
    for (const { owner, plan } of staff) {
      app.clock.set(wit('2028-01-10', '09:00'));
      const delivered = await e.ratedOrFail(plan.id);
      const filed = await e.fileObjection(
        { appraisalId: plan.id, expectedVersion: delivered.version, reason: 'Data Desember belum dihitung' },
        owner,
      );
      app.clock.set(wit('2028-01-12', '09:00'));
      const decided = await e.decideObjection(
        {
          id: filed.objection!.id,
          expectedVersion: 1,
          accept: true,
          resultRating: MEETS,
          behaviorRating: MEETS,
          reason: 'Data Desember diterima',
        },
        kadinkes,
      );
      expect(decided.userErrors).toEqual([]);
      const after = await e.ratedOrFail(plan.id);
      decidedState.push({
        plan: after,
        original: after.evaluations.find((x) => x.predikat === 'BUTUH_PERBAIKAN')!,
        decided: after.annualEvaluation!,
        objectionId: filed.objection!.id,
      });
    }
  });
  afterAll(() => app?.stop());

  it('reverted, leaves the old shape: one annual evaluation, overwritten with the decided rating', async () => {
    const before = await Promise.all(decidedState.map((d) => history(d.plan.id)));
    // Reverted with any migration after it. Outside a transaction: TypeORM turns SQLite's foreign keys off for a
    // revert only after opening one, where the pragma does nothing, and rebuilding a table would then cascade.
    const migrations = app.db.dataSource.migrations;
    const index = migrations.findIndex((m) => m.name === 'EvaluationSupersededOnObjection1764400000000');
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = index; i < migrations.length; i++) await app.db.dataSource.undoLastMigration({ transaction: 'none' });
    for (const d of decidedState) {
      const rows: Array<Record<string, unknown>> = await app.db.manager.query(
        "SELECT * FROM evaluation WHERE appraisal_id = ? AND kind = 'ANNUAL'",
        [dbId(d.plan.id)],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: Number(dbId(d.original.id)),
        sub_period: 0,
        predikat: 'BAIK',
        result_justification: 'Cakupan di bawah target',
      });
      expect('superseded_by_id' in rows[0]!).toBe(false);
    }
    // The audit entry the old code wrote with the overwrite: what the evaluation was, and the objection.
    const [kept] = decidedState;
    const original = kept!.original;
    await app.db.manager.query(
      "INSERT INTO audit_entry (occurred_at, actor_kind, actor_employee_id, actor_subject, action, entity_type, entity_id, `before`, `after`, request_id) VALUES (?, 'EMPLOYEE', NULL, 'test', 'EVALUATION_RECORDED', 'Evaluation', ?, ?, ?, NULL)".replace(
        /`/g,
        app.db.kind === 'sqlite' ? '"' : '`',
      ),
      [
        new Date(wit('2028-01-12', '09:00')).toISOString().replace('T', ' ').replace('Z', ''),
        dbId(original.id),
        JSON.stringify({
          resultRating: BELOW,
          behaviorRating: MEETS,
          predikat: 'BUTUH_PERBAIKAN',
          creditPoints: original.creditPoints,
          ratedByEmployeeId: e.org.head.rowId,
          ratedBySubject: e.org.head.nip,
          ratedAt: original.ratedAt,
        }),
        JSON.stringify({ predikat: 'BAIK', byObjection: Number(dbId(kept!.objectionId)) }),
      ],
    );
    expect(before.map((h) => h.evaluations.length)).toEqual([2, 2]);
  });

  it('applied again, keeps the original as the appraiser rated it and puts a decided evaluation with the decider’s reason in force', async () => {
    await app.db.runMigrations();
    const [withAudit, withoutAudit] = decidedState;
    const kept = await history(withAudit!.plan.id);
    expect(kept.annualEvaluation).toMatchObject({ predikat: 'BAIK', resultJustification: 'Data Desember diterima' });
    const annual = kept.evaluations.filter((x) => x.kind === 'ANNUAL');
    expect(annual).toEqual([
      {
        id: withAudit!.original.id,
        kind: 'ANNUAL',
        subPeriod: null,
        resultRating: BELOW,
        behaviorRating: MEETS,
        predikat: 'BUTUH_PERBAIKAN',
        creditPoints: withAudit!.original.creditPoints,
        resultJustification: 'Cakupan di bawah target',
        ratedBySubject: e.org.head.nip,
        ratedAt: withAudit!.original.ratedAt,
        behaviors: expect.arrayContaining([{ coreValue: 'KOLABORATIF', feedback: 'Koordinasi baik' }]),
        supersededBy: { id: kept.annualEvaluation.id },
        objection: null,
      },
      expect.objectContaining({
        id: kept.annualEvaluation.id,
        subPeriod: null,
        resultRating: MEETS,
        behaviorRating: MEETS,
        predikat: 'BAIK',
        creditPoints: withAudit!.decided.creditPoints,
        resultJustification: 'Data Desember diterima',
        ratedBySubject: withAudit!.decided.ratedBySubject,
        ratedAt: withAudit!.decided.ratedAt,
        supersededBy: null,
        objection: { id: withAudit!.objectionId },
      }),
    ]);
    // Without the audit entry: the ratings from the objection, the credit points in proportion, who and when as stored.
    const other = (await history(withoutAudit!.plan.id)).evaluations.filter((x) => x.kind === 'ANNUAL');
    expect(other[0]).toMatchObject({
      id: withoutAudit!.original.id,
      predikat: 'BUTUH_PERBAIKAN',
      resultRating: BELOW,
      creditPoints: withoutAudit!.original.creditPoints,
      resultJustification: 'Cakupan di bawah target',
    });
    expect(other[1]).toMatchObject({
      predikat: 'BAIK',
      resultJustification: 'Data Desember diterima',
      objection: { id: withoutAudit!.objectionId },
    });
  });
});
