import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { seedRegion } from '../../src/seed/seed-region';
import { TestApp } from '../support/test-app';
import {
  ALL_FIELDS_WITHOUT_MODE,
  type Answer,
  ANALYTICS_QUERY,
  type AnalyticsOut,
  exposures,
} from './analytics-helpers';

/**
 * Issue 15, item 1, on the demo region: an analyst recovered one PELAKSANA's predikat and achievement by
 * subtracting Dinas Kesehatan's position-kind breakdown from one of its subunits'. Here the demo year is given
 * everyone's annual rating and closed (straight in the database: the reads are under test, not the workflow),
 * and an auditor subtracts every pair of answers an analyst can get.
 */

const PREDIKATS = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'];
const RATED_AT = '2028-01-15 00:00:00';
const MEASURES = ['distribution', 'completion', 'achievement', 'responsiveness'] as const;

describe('analytics disclosure control on the demo region (issue 15)', () => {
  let app: TestApp;
  let hr: string;
  let analyst: string;
  let units: Array<{ id: number; code: string; parentId: number | null }>;
  const period = toGlobalId('PerformancePeriod', 1);

  beforeAll(async () => {
    app = await TestApp.start();
    await seedRegion(app.db, 300, undefined, '2027-12-10');
    app.clock.set('2028-02-10T02:00:00Z');
    const plans = (await app.db.manager.query(
      "SELECT id FROM appraisal WHERE status <> 'CLOSED' AND period_id = 1 ORDER BY id",
    )) as Array<{ id: number | string }>;
    // Every plan rated but every seventh: some cells then hold fewer rated people than plans.
    for (const [i, plan] of plans.entries()) {
      if (i % 7 === 3) continue;
      await app.db.manager.query(
        `INSERT INTO evaluation (appraisal_id, kind, sub_period, result_rating, behavior_rating, predikat, rated_by_subject, rated_at, version, created_at, updated_at)
         VALUES (?, 'ANNUAL', 0, 'SESUAI_EKSPEKTASI', 'SESUAI_EKSPEKTASI', ?, 'test', ?, 1, ?, ?)`,
        [Number(plan.id), PREDIKATS[(i * 7) % 5], RATED_AT, RATED_AT, RATED_AT],
      );
    }
    await app.db.manager.query("UPDATE performance_period SET status = 'CLOSED'");
    hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    analyst = await app.token('dasbor-bps', { roles: [Role.ANALYST] });
    const rows = (await app.db.manager.query('SELECT id, code, parent_id AS p FROM unit ORDER BY id')) as Array<{
      id: number | string;
      code: string;
      p: number | string | null;
    }>;
    units = rows.map((u) => ({ id: Number(u.id), code: u.code, parentId: u.p === null ? null : Number(u.p) }));
  }, 180_000);
  afterAll(() => app?.stop());

  const analytics = async (token: string, unitId: number, vars: Record<string, unknown> = {}): Promise<AnalyticsOut> =>
    (
      await app.data<{ analytics: AnalyticsOut }>(
        ANALYTICS_QUERY(ALL_FIELDS_WITHOUT_MODE),
        { u: toGlobalId('Unit', unitId), p: period, ...vars },
        token,
      )
    ).analytics;
  const ancestorsOf = (id: number): number[] => {
    const out: number[] = [];
    for (let u = units.find((x) => x.id === id); u?.parentId != null; u = units.find((x) => x.id === u!.parentId))
      out.push(u.parentId);
    return out;
  };

  it('the two-query attack: a unit and a subunit that differ by one PELAKSANA tell the analyst nothing about that person', async () => {
    // Find the attack's pair with HR's full figures: a unit and a unit below it whose PELAKSANA groups differ by one.
    let pair: { outer: number; inner: number } | undefined;
    for (const inner of units) {
      const innerKinds = await analytics(hr, inner.id, { b: 'POSITION_KIND' });
      for (const outer of ancestorsOf(inner.id)) {
        const outerKinds = await analytics(hr, outer, { b: 'POSITION_KIND' });
        const count = (a: AnalyticsOut) => a.distribution.find((g) => g.key === 'PELAKSANA')?.employees ?? 0;
        if (count(outerKinds) - count(innerKinds) === 1) pair = { outer, inner: inner.id };
        if (pair) break;
      }
      if (pair) break;
    }
    expect(pair).toBeDefined();
    const [outer, inner] = [
      await analytics(analyst, pair!.outer, { b: 'POSITION_KIND' }),
      await analytics(analyst, pair!.inner, { b: 'POSITION_KIND' }),
    ];
    for (const measure of MEASURES) {
      const shown = (a: AnalyticsOut) => a[measure].filter((g) => !g.suppressed);
      for (const key of new Set([...shown(outer), ...shown(inner)].map((g) => g.key))) {
        const a = shown(outer).find((g) => g.key === key);
        const b = shown(inner).find((g) => g.key === key);
        const d = (a?.employees ?? 0) - (b?.employees ?? 0);
        // Either the same cells (nothing to subtract) or at least five people's worth.
        expect([measure, key, d === 0 || d >= 5]).toEqual([measure, key, true]);
      }
    }
  });

  it('an auditor subtracting every two answers an analyst can get (every unit, with and without subunits, every breakdown and measure) finds no group of 1–4 people', async () => {
    const answers: Answer[] = [];
    for (const unit of units) {
      for (const sub of [true, false]) {
        for (const b of ['UNIT', 'POSITION_KIND', 'GRADE']) {
          const a = await analytics(analyst, unit.id, { sub, b });
          for (const measure of MEASURES)
            answers.push({ measure: `${measure} by ${b}`, unitId: unit.id, sub, groups: a[measure] });
          // Across measures: the people rated, as the distribution and the year's trend point each count them.
          const rated = a.distribution.reduce((s, g) => s + g.employees - (g.pending ?? 0), 0);
          answers.push({ measure: 'rated', unitId: unit.id, sub, groups: [{ key: 'all', employees: rated }] });
          if (b === 'UNIT') {
            answers.push({
              measure: 'trend',
              unitId: unit.id,
              sub,
              groups: a.trend.map((t) => ({ key: `${t.year}:${t.subPeriod}`, employees: t.rated })),
            });
            // The period's own year: the trend also shows the seed's previous year (2026), other people's ratings.
            const year = a.trend.find((t) => t.subPeriod === null && t.year === 2027);
            answers.push({
              measure: 'rated',
              unitId: unit.id,
              sub,
              groups: [{ key: 'all', employees: year?.rated ?? 0 }],
            });
          }
        }
      }
    }
    // The analyst does get figures: the audit is not vacuous.
    expect(answers.filter((a) => a.measure.startsWith('distribution') && a.groups.length > 0).length).toBeGreaterThan(
      10,
    );
    expect(
      exposures(answers, 5, (ancestor, unit) => unit === ancestor || ancestorsOf(unit).includes(ancestor)),
    ).toEqual([]);
  });

  it('HR admins see the same units person by person (unaffected)', async () => {
    const root = units.find((u) => u.parentId === null)!;
    const a = await analytics(hr, root.id, { b: 'POSITION_KIND' });
    expect(a.distribution.map((g) => g.key).sort()).toEqual(expect.arrayContaining(['FUNGSIONAL', 'PELAKSANA']));
    expect(a.distribution.reduce((s, g) => s + g.employees, 0)).toBe(300);
  });
});
