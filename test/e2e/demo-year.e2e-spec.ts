import { predikatOf } from '../../src/modules/evaluation/predikat';
import { ExpectationRating } from '../../src/modules/evaluation/evaluation-enums';
import { seedRegion, type SeedResult } from '../../src/seed/seed-region';
import { TestApp } from '../support/test-app';
import { Planning } from './planning-helpers';

/**
 * Issue 4's "done when", on the demo data: a nurse of Puskesmas Walesi reports December's immunisation coverage
 * with evidence; her head's feedback reaches her open subscription within a second (and not a peer's); the head
 * rates the year and the predikat follows the matrix; HR finalizes; her objection is decided by the next level
 * up. Each step is refused to the wrong actor first.
 */

interface Indicator {
  id: string;
  text: string;
  targetUnit: string | null;
}

describe('a year on the demo data', () => {
  let app: TestApp;
  let p: Planning;
  let seeded: SeedResult;
  let nurse: string;
  let head: string;
  let peer: string;
  let headSupervisor: string;
  let planId: string;
  let periodId: string;
  let unitId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    seeded = await seedRegion(app.db, 300, undefined, '2027-12-10');
    app.clock.set('2027-12-10T02:00:00Z');
    nurse = await app.token(seeded.landmarks.nurseAtPuskesmasWalesi);
    head = await app.token(seeded.landmarks.headOfPuskesmasWalesi);
    const rows = (await app.db.manager.query(
      `SELECT e.nip AS nip, e.id AS id, (SELECT s.nip FROM employee s WHERE s.id = h.supervisor_id) AS above
         FROM employee e JOIN employee h ON h.id = e.supervisor_id
        WHERE h.nip = ? AND e.nip <> ? AND e.active = ? ORDER BY e.id`,
      [seeded.landmarks.headOfPuskesmasWalesi, seeded.landmarks.nurseAtPuskesmasWalesi, true],
    )) as Array<{ nip: string; above: string }>;
    peer = await app.token(rows[0]!.nip);
    headSupervisor = await app.token(rows[0]!.above);
  });

  afterAll(() => app?.stop());

  it('runs from a reported month to a decided objection, refusing every wrong actor on the way', async () => {
    // 1. The nurse's approved plan and an immunisation indicator on it.
    const mine = await app.data<{
      viewer: {
        currentAppraisal: {
          id: string;
          status: string;
          version: number;
          period: { id: string };
          unit: { id: string };
          workResultPlans: Array<{ indicators: Indicator[] }>;
        };
      };
    }>(
      '{ viewer { currentAppraisal { id status version period { id } unit { id } workResultPlans { indicators { id text targetUnit } } } } }',
      {},
      nurse,
    );
    const plan = mine.viewer.currentAppraisal;
    expect(plan.status).toBe('APPROVED');
    planId = plan.id;
    periodId = plan.period.id;
    unitId = plan.unit.id;
    const indicators = plan.workResultPlans.flatMap((r) => r.indicators);
    const coverage = indicators.find((i) => /imunisasi/i.test(i.text)) ?? indicators[0]!;

    // 2. December's realization with evidence: a peer may not report it; the nurse does.
    const report = {
      indicatorId: coverage.id,
      subPeriod: 12,
      value: 88,
      narrative: 'Cakupan imunisasi dasar lengkap Desember.',
      evidence: [
        {
          title: 'Register imunisasi Desember 2027',
          url: 'https://portal.jayawijayakab.go.id/bukti/imunisasi-2027-12.pdf',
        },
      ],
    };
    const byPeer = await p.raw('recordRealization', report, peer, 'realization { id }');
    expect(byPeer.body.data?.r?.realization ?? null).toBeNull();
    const recorded = await p.ok<{ realization: { id: string; value: number; evidence: Array<{ title: string }> } }>(
      'recordRealization',
      report,
      nurse,
      'realization { id value evidence { title } }',
    );
    expect(recorded.realization).toMatchObject({
      value: 88,
      evidence: [{ title: 'Register imunisasi Desember 2027' }],
    });

    // 3. The head's feedback reaches the nurse's open subscription within a second; not the peer's; a peer may not give it.
    const nurseSub = app
      .subscriptionClient(nurse)
      .subscribe<{ feedbackReceived: { id: string; text: string } }>('subscription { feedbackReceived { id text } }');
    const peerSub = app
      .subscriptionClient(peer)
      .subscribe<{ feedbackReceived: { id: string } }>('subscription { feedbackReceived { id } }');
    await app.subscriptionsListening(2);
    const feedback = {
      target: 'REALIZATION',
      targetId: recorded.realization.id,
      text: 'Capaian Desember bagus; lampirkan juga rekap per kampung.',
    };
    const peerFeedback = await p.raw('giveFeedback', feedback, peer, 'feedback { id }');
    expect(peerFeedback.body.data?.r?.feedback ?? null).toBeNull();
    // How fast it arrives is measured by `npm run reliability:latency`, not here.
    const given = await p.ok<{ feedback: { id: string } }>('giveFeedback', feedback, head, 'feedback { id }');
    const [event] = await nurseSub.waitFor(1);
    expect(event!.data!.feedbackReceived).toEqual({ id: given.feedback.id, text: feedback.text });
    // Then feedback to the peer: her stream delivers in order, so receiving only hers shows that it skipped the nurse's.
    const peerPlan = await app.data<{ viewer: { currentAppraisal: { id: string } } }>(
      '{ viewer { currentAppraisal { id } } }',
      {},
      peer,
    );
    const toPeer = await p.ok<{ feedback: { id: string } }>(
      'giveFeedback',
      { target: 'APPRAISAL', targetId: peerPlan.viewer.currentAppraisal.id, text: 'Terus pertahankan.' },
      head,
      'feedback { id }',
    );
    await peerSub.waitFor(1);
    expect(peerSub.received.map((e) => e.data?.feedbackReceived.id)).toEqual([toPeer.feedback.id]);

    // 4. In January the year is evaluated: the nurse and a peer may not rate; the head does, and the predikat follows the matrix.
    app.clock.set('2028-01-04T01:00:00Z');
    await p.movePeriodTo({ id: periodId }, 'EVALUATING');
    const current = await p.plan(planId);
    const rating = {
      appraisalId: planId,
      expectedVersion: current.version,
      resultRating: 'DI_BAWAH_EKSPEKTASI',
      resultJustification: 'Dua dari tiga RHK utama di bawah target.',
      behaviorRating: 'SESUAI_EKSPEKTASI',
    };
    for (const wrong of [nurse, peer, headSupervisor]) {
      const refused = await p.raw('rateYear', rating, wrong, 'evaluation { id }');
      expect(refused.body.data?.r?.evaluation ?? null).toBeNull();
    }
    const rated = await p.ok<{ evaluation: { predikat: string; resultRating: string; behaviorRating: string } }>(
      'rateYear',
      rating,
      head,
      'evaluation { predikat resultRating behaviorRating }',
    );
    expect(rated.evaluation.predikat).toBe(
      predikatOf(ExpectationRating.DI_BAWAH_EKSPEKTASI, ExpectationRating.SESUAI_EKSPEKTASI),
    );
    expect(rated.evaluation.predikat).toBe('BUTUH_PERBAIKAN');

    // 5. HR sets the unit's rating and finalizes its ratings (delivered on 5 January); a supervisor may not.
    app.clock.set('2028-01-05T01:00:00Z');
    const hrOnly = await p.raw('setUnitRating', { unitId, periodId, rating: 'BAIK' }, head, 'unitRating { id }');
    expect(hrOnly.body.data?.r?.unitRating ?? null).toBeNull();
    await p.ok('setUnitRating', { unitId, periodId, rating: 'BAIK' }, p.hr, 'unitRating { id }');
    const finalized = await p.ok<{ finalized: number }>(
      'finalizeUnitEvaluations',
      { unitId, periodId },
      p.hr,
      'finalized',
    );
    expect(finalized.finalized).toBeGreaterThanOrEqual(1);

    // 6. On day 10 she objects; the head (her appraiser) and a peer may not decide; the head's supervisor accepts with BAIK.
    app.clock.set('2028-01-14T01:00:00Z');
    const delivered = await p.plan(planId);
    expect(delivered.status).toBe('FINAL');
    const filed = await p.ok<{ objection: { id: string; version: number } }>(
      'fileObjection',
      {
        appraisalId: planId,
        expectedVersion: delivered.version,
        reason: 'Realisasi Desember belum diperhitungkan dalam penilaian.',
      },
      nurse,
      'objection { id version }',
    );
    const decision = {
      id: filed.objection.id,
      expectedVersion: filed.objection.version,
      accept: true,
      resultRating: 'SESUAI_EKSPEKTASI',
      behaviorRating: 'SESUAI_EKSPEKTASI',
      reason: 'Realisasi Desember memenuhi target.',
    };
    for (const wrong of [head, peer, nurse]) {
      const refused = await p.raw('decideObjection', decision, wrong, 'objection { status }');
      expect(refused.body.data?.r?.objection ?? null).toBeNull();
    }
    const decided = await p.ok<{ objection: { status: string; decidedPredikat: string; originalPredikat: string } }>(
      'decideObjection',
      decision,
      headSupervisor,
      'objection { status decidedPredikat originalPredikat }',
    );
    expect(decided.objection).toEqual({
      status: 'ACCEPTED',
      decidedPredikat: 'BAIK',
      originalPredikat: 'BUTUH_PERBAIKAN',
    });

    // The decided rating is the one shown; the head can no longer re-rate.
    const shown = await app.data<{ appraisal: { annualEvaluation: { predikat: string } } }>(
      'query($id: ID!) { appraisal(id: $id) { annualEvaluation { predikat } } }',
      { id: planId },
      nurse,
    );
    expect(shown.appraisal.annualEvaluation.predikat).toBe('BAIK');
    const after = await p.plan(planId);
    const reRate = await p.raw('rateYear', { ...rating, expectedVersion: after.version }, head, 'evaluation { id }');
    expect(reRate.body.data?.r?.userErrors.length ?? 1).toBeGreaterThan(0);
  });
});
