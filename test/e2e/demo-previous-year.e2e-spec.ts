import { Role } from '../../src/core/auth/role';
import { checkDomainInvariants } from '../../src/core/database/domain-invariants';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { PREDIKAT_LABEL } from '../../src/modules/document/document-labels';
import { type Predikat } from '../../src/modules/evaluation/evaluation-enums';
import { PREVIOUS_PERIOD_ID, RUNNING_PERIOD_ID, seedRegion, type SeedResult } from '../../src/seed/seed-region';
import { TestApp } from '../support/test-app';

/**
 * Issue 19, item 6: the demo shows everything on first start. The previous year of the seeded region, read the
 * way a newcomer would (the public API and the documents): closed, rated within every unit's curve, delivered,
 * with objections decided and pending, in the trend, the distribution and the talent matrix; the running year
 * as it was.
 */

interface Share {
  predikat: Predikat;
  count: number | null;
}

interface PlanView {
  id: string;
  status: string;
  period: { year: number; status: string };
  deliveredAt: string | null;
  objectionDeadline: string | null;
  annualEvaluation: { predikat: Predikat; resultRating: string; objection: { id: string } | null } | null;
  evaluations: Array<{ subPeriod: number | null; predikat: Predikat; supersededBy: { id: string } | null }>;
  objection: {
    status: string;
    filedAt: string;
    originalPredikat: Predikat;
    decidedPredikat: Predikat | null;
    decisionReason: string | null;
  } | null;
  documents: { evaluationPdf: string | null; evaluationHtml: string | null } | null;
}

const PLAN = `id status period { year status } deliveredAt objectionDeadline
  annualEvaluation { predikat resultRating objection { id } }
  evaluations { subPeriod predikat supersededBy { id } }
  objection { status filedAt originalPredikat decidedPredikat decisionReason }
  documents { evaluationPdf evaluationHtml }`;

describe('the demo’s previous year (issue 19, item 6)', () => {
  let app: TestApp;
  let seeded: SeedResult;
  let hr: string;
  const previous = toGlobalId('PerformancePeriod', PREVIOUS_PERIOD_ID);
  const running = toGlobalId('PerformancePeriod', RUNNING_PERIOD_ID);
  const unitId = async (code: string) =>
    toGlobalId(
      'Unit',
      Number(
        ((await app.db.manager.query('SELECT id FROM unit WHERE code = ?', [code])) as Array<{ id: number }>)[0]!.id,
      ),
    );
  const plan = async (id: string, token = hr) =>
    (await app.data<{ appraisal: PlanView }>(`query($id: ID!) { appraisal(id: $id) { ${PLAN} } }`, { id }, token))
      .appraisal;

  beforeAll(async () => {
    app = await TestApp.start();
    seeded = await seedRegion(app.db, 300, undefined, '2027-12-10');
    app.clock.set('2027-12-10T02:00:00Z');
    hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
  }, 180_000);
  afterAll(() => app?.stop());

  it('has the previous year closed and the running year running, everyone’s plan in each', async () => {
    const { periods } = await app.data<{
      periods: Array<{ id: string; year: number; status: string; cadence: string }>;
    }>('{ periods { id year status cadence } }', {}, hr);
    expect(periods).toEqual([
      { id: running, year: 2027, status: 'RUNNING', cadence: 'MONTHLY' },
      { id: previous, year: 2026, status: 'CLOSED', cadence: 'QUARTERLY' },
    ]);
    const perPeriod = (await app.db.manager.query(
      'SELECT period_id AS p, status, COUNT(*) AS n FROM appraisal GROUP BY period_id, status',
    )) as Array<{ p: number; status: string; n: number }>;
    const finals = perPeriod.filter((r) => Number(r.p) === PREVIOUS_PERIOD_ID);
    expect(finals.map((r) => [r.status, Number(r.n)])).toEqual([['FINAL', seeded.employees]]);
    expect(perPeriod.filter((r) => Number(r.p) === RUNNING_PERIOD_ID).reduce((s, r) => s + Number(r.n), 0)).toBe(
      seeded.employees,
    );
    expect(seeded.objections).toBeGreaterThan(0);
    // Each went through the whole workflow, and was followed through quarter by quarter.
    const histories = (await app.db.manager.query(
      `SELECT a.id AS id, (SELECT COUNT(*) FROM realization r WHERE r.appraisal_id = a.id) AS realizations,
              (SELECT COUNT(*) FROM appraisal_transition t WHERE t.appraisal_id = a.id) AS steps
         FROM appraisal a WHERE a.period_id = ?`,
      [PREVIOUS_PERIOD_ID],
    )) as Array<{ realizations: number; steps: number }>;
    expect(new Set(histories.map((h) => `${Number(h.realizations)} realizations, ${Number(h.steps)} steps`))).toEqual(
      new Set(['20 realizations, 4 steps']),
    );
    const nurse = await app.token(seeded.landmarks.nurseAtPuskesmasWalesi);
    const [{ id: planId }] = (await app.db.manager.query(
      'SELECT a.id AS id FROM appraisal a JOIN employee e ON e.id = a.employee_id WHERE e.nip = ? AND a.period_id = ?',
      [seeded.landmarks.nurseAtPuskesmasWalesi, PREVIOUS_PERIOD_ID],
    )) as Array<{ id: number }>;
    const history = await app.data<{
      appraisal: { history: Array<{ action: string; fromStatus: string; toStatus: string }> };
    }>(
      'query($id: ID!) { appraisal(id: $id) { history { action fromStatus toStatus } } }',
      { id: toGlobalId('Appraisal', Number(planId)) },
      nurse,
    );
    expect(history.appraisal.history.map((h) => `${h.action} ${h.fromStatus}→${h.toStatus}`)).toEqual([
      'SUBMIT DRAFT→SUBMITTED',
      'APPROVE SUBMITTED→APPROVED',
      'EVALUATE APPROVED→EVALUATED',
      'FINALIZE EVALUATED→FINAL',
    ]);
  });

  it('shows the previous year in the trend (annual and quarterly) and a distribution that is all rated and in every unit’s curve', async () => {
    const root = await unitId('JWY');
    const data = await app.data<{
      analytics: {
        trend: Array<{ year: number; subPeriod: number | null; rated: number; counts: Share[] }>;
        distribution: Array<{ pending: number | null; employees: number; counts: Share[] }>;
      };
    }>(
      'query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { trend { year subPeriod rated counts { predikat count } } distribution { pending employees counts { predikat count } } } }',
      { u: root, p: running },
      hr,
    );
    const lastYear = data.analytics.trend.filter((t) => t.year === 2026);
    expect(lastYear.map((t) => t.subPeriod)).toEqual([1, 2, 3, 4, null]);
    expect(lastYear.find((t) => t.subPeriod === null)!.rated).toBe(seeded.employees);
    // The running year: nothing rated yet (its months stay open for the realizations the bench and the demo write).
    expect(data.analytics.trend.filter((t) => t.year === 2027)).toEqual([]);

    const before = await app.data<{
      analytics: { distribution: Array<{ pending: number | null; employees: number; counts: Share[] }> };
    }>(
      'query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { distribution { pending employees counts { predikat count } } } }',
      { u: root, p: previous },
      hr,
    );
    const groups = before.analytics.distribution;
    expect(groups.reduce((s, g) => s + (g.pending ?? 0), 0)).toBe(0);
    const totals = new Map<string, number>();
    for (const g of groups)
      for (const c of g.counts) totals.set(c.predikat, (totals.get(c.predikat) ?? 0) + (c.count ?? 0));
    expect(totals.get('SANGAT_BAIK')).toBeGreaterThan(0);
    expect(totals.get('BAIK')).toBeGreaterThan(0);
    expect(totals.get('BUTUH_PERBAIKAN')).toBeGreaterThan(0);

    // Every unit with staff, on its own: rated by HR, finalized, and within its curve (the decided ratings in force).
    const units = (await app.db.manager.query(
      'SELECT DISTINCT u.id AS id, u.code AS code FROM unit u JOIN appraisal a ON a.unit_id = u.id ORDER BY u.id',
    )) as Array<{ id: number; code: string }>;
    for (const unit of units) {
      const one = await app.data<{
        analytics: {
          distribution: Array<{ unitRating: string | null; pending: number | null; violations: unknown[] }>;
        };
      }>(
        'query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p, includeSubunits: false) { distribution { unitRating pending violations { rule } } } }',
        { u: toGlobalId('Unit', Number(unit.id)), p: previous },
        hr,
      );
      for (const g of one.analytics.distribution) {
        expect({ code: unit.code, ...g }).toEqual({
          code: unit.code,
          unitRating: expect.any(String),
          pending: 0,
          violations: [],
        });
      }
    }
    // A head's result rating followed the unit's rating.
    const heads = (await app.db.manager.query(
      `SELECT ev.result_rating AS result, ur.rating AS unit, ev.unit_rating AS followed
         FROM unit u JOIN appraisal a ON a.employee_id = u.head_id AND a.period_id = ?
         JOIN evaluation ev ON ev.appraisal_id = a.id AND ev.kind = 'ANNUAL' AND ev.sub_period = 0
         JOIN unit_rating ur ON ur.unit_id = u.id AND ur.period_id = a.period_id`,
      [PREVIOUS_PERIOD_ID],
    )) as Array<{ result: string; unit: string; followed: string }>;
    expect(heads.length).toBeGreaterThan(5);
    const follows: Record<string, string> = {
      ISTIMEWA: 'DI_ATAS_EKSPEKTASI',
      BAIK: 'SESUAI_EKSPEKTASI',
      BUTUH_PERBAIKAN: 'DI_BAWAH_EKSPEKTASI',
    };
    for (const h of heads) {
      expect(h.followed).toBe(h.unit);
      expect(h.result).toBe(follows[h.unit]);
    }
  });

  it('serves the nurse’s delivered evaluation as a document, with the predikat decided on her objection', async () => {
    const nurse = await app.token(seeded.landmarks.nurseAtPuskesmasWalesi);
    const mine = await app.data<{
      viewer: { appraisals: { nodes: PlanView[] }; currentAppraisal: { period: { year: number } } };
    }>(`{ viewer { currentAppraisal { period { year } } appraisals(first: 5) { nodes { ${PLAN} } } } }`, {}, nurse);
    expect(mine.viewer.currentAppraisal.period.year).toBe(2027);
    // Newest first: the running year's plan, then last year's.
    expect(mine.viewer.appraisals.nodes.map((p) => p.period.year)).toEqual([2027, 2026]);
    const last = mine.viewer.appraisals.nodes[1]!;
    expect(last.status).toBe('FINAL');
    expect(last.objection).toMatchObject({ status: 'ACCEPTED', decidedPredikat: 'BAIK' });
    expect(last.annualEvaluation).toMatchObject({ predikat: 'BAIK', objection: { id: expect.any(String) } });
    const superseded = last.evaluations.filter((e) => e.supersededBy !== null);
    expect(superseded).toEqual([
      { subPeriod: null, predikat: last.objection!.originalPredikat, supersededBy: { id: expect.any(String) } },
    ]);
    expect(last.evaluations.filter((e) => e.subPeriod !== null).map((e) => e.subPeriod)).toEqual([1, 2, 3, 4]);

    const origin = new URL(app.url).origin;
    const pdf = await fetch(`${origin}${last.documents!.evaluationPdf}`, {
      headers: { authorization: `Bearer ${nurse}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const html = await fetch(`${origin}${last.documents!.evaluationHtml}`, {
      headers: { authorization: `Bearer ${nurse}` },
    });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain(PREDIKAT_LABEL.BAIK);
  });

  it('has objections accepted, rejected and pending, each filed within its window and decided as the services decide', async () => {
    const rows = (await app.db.manager.query(
      'SELECT o.appraisal_id AS plan, o.status AS status FROM objection o ORDER BY o.id',
    )) as Array<{ plan: number; status: string }>;
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ACCEPTED', 'REJECTED', 'PENDING']));
    for (const status of ['ACCEPTED', 'REJECTED', 'PENDING']) {
      const row = rows.find((r) => r.status === status)!;
      const seen = await plan(toGlobalId('Appraisal', Number(row.plan)));
      expect(seen.period).toEqual({ year: 2026, status: 'CLOSED' });
      expect(seen.objection!.status).toBe(status);
      expect(seen.objection!.filedAt.slice(0, 10) <= seen.objectionDeadline!).toBe(true);
      expect(seen.objection!.filedAt > seen.deliveredAt!).toBe(true);
      if (status === 'ACCEPTED') {
        expect(seen.annualEvaluation!.predikat).toBe(seen.objection!.decidedPredikat);
        expect(seen.evaluations.filter((e) => e.supersededBy)).toHaveLength(1);
      } else {
        expect(seen.annualEvaluation!.predikat).toBe(seen.objection!.originalPredikat);
        expect(seen.evaluations.some((e) => e.supersededBy)).toBe(false);
        expect(seen.objection!.decisionReason === null).toBe(status === 'PENDING');
      }
    }
    // The decisions and the year-end are in the audit trail; the whole database keeps its invariants.
    const audited = (await app.db.manager.query(
      'SELECT action, COUNT(*) AS n FROM audit_entry GROUP BY action ORDER BY action',
    )) as Array<{ action: string; n: number }>;
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'OBJECTION_FILED',
        'OBJECTION_DECIDED',
        'EVALUATION_SUPERSEDED',
        'UNIT_RATING_SET',
        'UNIT_EVALUATIONS_FINALIZED',
        'PERIOD_STATUS_CHANGED',
      ]),
    );
    expect((await checkDomainInvariants(app.db.manager)).filter((c) => !c.ok)).toEqual([]);
  });

  it('places people in the talent matrix of the previous year', async () => {
    const data = await app.data<{
      talentMatrix: {
        employees: number;
        unplaced: number;
        boxes: Array<{ box: number; count: number }>;
        placements: Array<{ box: number }>;
      };
    }>(
      'query($u: ID!, $p: ID!) { talentMatrix(unitId: $u, periodId: $p) { employees unplaced boxes { box count } placements(first: 100) { box } } }',
      { u: await unitId('JWY'), p: previous },
      hr,
    );
    const placed = data.talentMatrix.boxes.reduce((s, b) => s + b.count, 0);
    expect(placed).toBe(data.talentMatrix.employees - data.talentMatrix.unplaced);
    expect(placed).toBeGreaterThan(seeded.employees / 2);
    expect(data.talentMatrix.boxes.filter((b) => b.count > 0).length).toBeGreaterThan(3);
    expect(data.talentMatrix.placements.length).toBeGreaterThan(0);
  });
});
