import { Role } from '../../src/core/auth/role';
import { TestApp } from '../support/test-app';
import { wit } from './evaluation-helpers';
import {
  ACHIEVEMENT,
  type AchievementOut,
  type AnalyticsFixture,
  ALL_FIELDS_WITHOUT_MODE,
  ANALYTICS_QUERY,
  type Answer,
  type AnalyticsOut,
  buildAnalyticsFixture,
  byKey,
  type CascadeOut,
  COMPLETION,
  type CompletionOut,
  DISTRIBUTION,
  type DistributionOut,
  RESPONSIVENESS,
  type ResponsivenessOut,
  shares,
  exposures,
  TREND,
  type TrendOut,
  unitGid,
} from './analytics-helpers';
import { type Unit } from '../../src/modules/unit/unit.entity';

/**
 * The analytics root field over HTTP (issue 6) on a small hand-built fixture (see analytics-helpers.ts): every
 * aggregate against a value computed by hand, the suppression floor for analysts (and its configuration), and the
 * scoping: HR admins in scope, scoped HR admins, supervisors over their subtree, peers, clients without a role.
 */

const CASCADE = (id: string) =>
  `cascade(workResultPlanId: "${id}") { indicators averageAchievement rows { indicators averageAchievement workResultPlan { id } } }`;

describe('analytics (issue 6)', () => {
  let app: TestApp;
  let fx: AnalyticsFixture;
  let pid: string;

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await buildAnalyticsFixture(app);
    pid = fx.year.period.id;
  }, 120_000);
  afterAll(() => app?.stop());

  /** The analytics of `unit` as `token` (fails on a GraphQL error). */
  const analytics = async (
    token: string,
    unit = fx.dinkes,
    vars: Record<string, unknown> = {},
    select?: string,
  ): Promise<AnalyticsOut | null> =>
    (
      await app.data<{ analytics: AnalyticsOut | null }>(
        ANALYTICS_QUERY(select),
        { u: unitGid(unit), p: pid, ...vars },
        token,
      )
    ).analytics;
  const must = async (
    token: string,
    unit = fx.dinkes,
    vars: Record<string, unknown> = {},
    select?: string,
  ): Promise<AnalyticsOut> => {
    const a = await analytics(token, unit, vars, select);
    if (!a) throw new Error('analytics is null');
    return a;
  };
  const group = <T extends { key: string }>(groups: T[], unit: { rowId: number }): T | undefined =>
    groups.find((g) => g.key === unitGid(unit as never));

  // ---- The figures against hand computation (HR admin of the region) -----------------------------------------

  describe('each aggregate against the hand-computed fixture (HR admin)', () => {
    beforeAll(() => app.clock.set(wit('2028-01-10')));

    it('predikat distribution per unit, with the unit ratings and the curve violations (scenario 7 style)', async () => {
      const a = await must(fx.tokens.hr);
      expect(a).toMatchObject({ mode: 'HR', breakdown: 'UNIT', floor: 5 });
      expect(byKey(a.distribution)).toEqual(
        byKey<DistributionOut>([
          {
            key: unitGid(fx.dinkes),
            label: 'Dinas Kesehatan',
            employees: 1,
            suppressed: false,
            pending: 1,
            counts: shares({}),
            unitRating: null,
            violations: [],
          },
          {
            key: unitGid(fx.pkm),
            label: 'UPTD Puskesmas Walesi',
            employees: 9,
            suppressed: false,
            pending: 3,
            counts: shares({ BAIK: 5, SANGAT_KURANG: 1 }),
            unitRating: 'BAIK',
            violations: [
              { rule: 'BAIK at most 70%', count: 5, total: 6 },
              { rule: 'at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT', count: 0, total: 6 },
            ],
          },
          {
            key: unitGid(fx.pustu),
            label: 'Pustu Walesi',
            employees: 4,
            suppressed: false,
            pending: 1,
            counts: shares({ SANGAT_BAIK: 2, KURANG_MISCONDUCT: 1 }),
            unitRating: 'BUTUH_PERBAIKAN',
            violations: [
              { rule: 'BUTUH_PERBAIKAN at least 60%', count: 0, total: 3 },
              { rule: 'SANGAT_BAIK at most 10%', count: 2, total: 3 },
            ],
          },
        ]),
      );
      // Shares as computed by hand.
      expect(group(a.distribution, fx.pkm)!.counts.find((c) => c.predikat === 'BAIK')!.share).toBe(0.8333);
      expect(group(a.distribution, fx.pustu)!.counts.find((c) => c.predikat === 'SANGAT_BAIK')!.share).toBe(0.6667);
    });

    it('the same unit without its subunits, and the curve agrees with the unit’s own evaluation summary', async () => {
      const a = await must(fx.tokens.hr, fx.pkm, { sub: false }, DISTRIBUTION);
      expect(a.distribution.map((g) => [g.key, g.employees])).toEqual([[unitGid(fx.pkm), 9]]);
      // The unit's own evaluation summary, over the same employees (its default counts the subunits too).
      const own = await app.data<{
        unit: {
          evaluationSummary: {
            rating: string;
            pending: number;
            counts: Array<{ predikat: string; count: number }>;
            violations: unknown[];
          };
        };
      }>(
        'query($id: ID!, $p: ID!) { unit(id: $id) { evaluationSummary(periodId: $p, includeSubunits: false) { rating pending counts { predikat count } violations { rule count total } } } }',
        { id: unitGid(fx.pkm), p: pid },
        fx.tokens.hr,
      );
      const g = a.distribution[0]!;
      expect(own.unit.evaluationSummary.violations).toEqual(g.violations);
      expect(own.unit.evaluationSummary.pending).toBe(g.pending);
      expect(Object.fromEntries(own.unit.evaluationSummary.counts.map((c) => [c.predikat, c.count]))).toEqual(
        Object.fromEntries(g.counts.map((c) => [c.predikat, c.count])),
      );
    });

    it('predikat distribution per position kind and per grade (no unit rating or violations there)', async () => {
      const kinds = await must(fx.tokens.hr, fx.dinkes, { b: 'POSITION_KIND' }, DISTRIBUTION);
      const row = (key: string, employees: number, pending: number, spread: Parameters<typeof shares>[0]) => ({
        key,
        label: key,
        employees,
        suppressed: false,
        pending,
        counts: shares(spread),
        unitRating: null,
        violations: [],
      });
      expect(byKey(kinds.distribution)).toEqual(
        byKey([
          row('JPT', 1, 1, {}),
          row('PENGAWAS', 2, 1, { KURANG_MISCONDUCT: 1 }),
          row('FUNGSIONAL', 10, 3, { SANGAT_BAIK: 2, BAIK: 5 }),
          row('PELAKSANA', 1, 0, { SANGAT_KURANG: 1 }),
        ]),
      );
      const grades = await must(fx.tokens.hr, fx.dinkes, { b: 'GRADE' }, DISTRIBUTION);
      expect(byKey(grades.distribution)).toEqual(
        byKey([
          row('III/a', 7, 3, { SANGAT_BAIK: 2, BAIK: 2 }),
          row('III/b', 4, 1, { BAIK: 3 }),
          row('III/c', 1, 0, { KURANG_MISCONDUCT: 1 }),
          row('II/c', 1, 0, { SANGAT_KURANG: 1 }),
          row('IV/c', 1, 1, {}),
        ]),
      );
    });

    it('completion per status, with planning and evaluation overdue against the period’s deadlines (WIT days)', async () => {
      const at = async (instant: string) => {
        app.clock.set(instant);
        return byKey((await must(fx.tokens.hr, fx.dinkes, {}, COMPLETION)).completion);
      };
      const zero = { draft: 0, submitted: 0, returned: 0, approved: 0, revising: 0, evaluated: 0, final: 0 };
      const expected = (po: [number, number, number], eo: [number, number, number]): CompletionOut[] =>
        byKey([
          {
            key: unitGid(fx.dinkes),
            label: 'Dinas Kesehatan',
            employees: 1,
            suppressed: false,
            ...zero,
            draft: 1,
            planningOverdue: po[0],
            evaluationOverdue: eo[0],
          },
          {
            key: unitGid(fx.pkm),
            label: 'UPTD Puskesmas Walesi',
            employees: 9,
            suppressed: false,
            ...zero,
            draft: 1,
            submitted: 1,
            approved: 1,
            evaluated: 6,
            planningOverdue: po[1],
            evaluationOverdue: eo[1],
          },
          {
            key: unitGid(fx.pustu),
            label: 'Pustu Walesi',
            employees: 4,
            suppressed: false,
            ...zero,
            returned: 1,
            final: 3,
            planningOverdue: po[2],
            evaluationOverdue: eo[2],
          },
        ]);
      // 31 January 2027 in Walesi is still within the planning deadline; 1 February (00:30 WIT, 31 January UTC) is past it.
      expect(await at(wit('2027-01-31', '23:30'))).toEqual(expected([0, 0, 0], [0, 0, 0]));
      expect(await at(wit('2027-02-01', '00:30'))).toEqual(expected([1, 2, 1], [0, 0, 0]));
      // The annual evaluation deadline (31 January of the next year): unrated plans become overdue the day after.
      expect(await at(wit('2028-01-31', '23:30'))).toEqual(expected([1, 2, 1], [0, 0, 0]));
      expect(await at(wit('2028-02-01', '00:30'))).toEqual(expected([1, 2, 1], [1, 3, 1]));
      app.clock.set(wit('2028-01-10'));
    });

    it('the overdue plans themselves, for HR (planning late: the Dinas head’s draft, n7, n8, b3)', async () => {
      app.clock.set(wit('2028-01-10'));
      const a = await must(fx.tokens.hr, fx.dinkes, {}, 'overdue(first: 100) { id }');
      expect(a.overdue.map((p) => p.id).sort()).toEqual(
        [fx.plans.kadinkes, fx.plans.n7, fx.plans.n8, fx.plans.b3].sort(),
      );
      app.clock.set(wit('2028-02-05'));
      const later = await must(fx.tokens.hr, fx.dinkes, {}, 'overdue(first: 100) { id }');
      expect(later.overdue.map((p) => p.id).sort()).toEqual(
        [fx.plans.kadinkes, fx.plans.n7, fx.plans.n8, fx.plans.b3, fx.plans.head].sort(),
      );
      const two = await must(fx.tokens.hr, fx.dinkes, {}, 'overdue(first: 2) { id }');
      expect(two.overdue).toHaveLength(2);
      app.clock.set(wit('2028-01-10'));
    });

    it('indicator achievement per unit: a rate’s latest value, a count’s sum, over the target; averaged; met', async () => {
      const a = await must(fx.tokens.hr, fx.dinkes, {}, ACHIEVEMENT);
      // PKM: head 70/120, n1 95/95, n2 60/80, n3 130/120, n5 30/120, n6 100/100 (n4 has no value: not measured).
      const pkmAverage = (70 / 120 + 1 + 60 / 80 + 130 / 120 + 30 / 120 + 1) / 6;
      // Pustu: lead 45/90 ('persen' is a rate), b1 120/120, b2 60/120.
      const pustuAverage = (45 / 90 + 1 + 60 / 120) / 3;
      expect(byKey(a.achievement)).toEqual(
        byKey<AchievementOut>([
          {
            key: unitGid(fx.pkm),
            label: 'UPTD Puskesmas Walesi',
            employees: 6,
            suppressed: false,
            indicators: 6,
            averageAchievement: round4(pkmAverage),
            met: 3,
          },
          {
            key: unitGid(fx.pustu),
            label: 'Pustu Walesi',
            employees: 3,
            suppressed: false,
            indicators: 3,
            averageAchievement: round4(pustuAverage),
            met: 1,
          },
        ]),
      );
      expect(round4(pkmAverage)).toBe(0.7778);
      const kinds = await must(fx.tokens.hr, fx.dinkes, { b: 'POSITION_KIND' }, ACHIEVEMENT);
      expect(byKey(kinds.achievement)).toEqual(
        byKey<AchievementOut>([
          {
            key: 'PENGAWAS',
            label: 'PENGAWAS',
            employees: 2,
            suppressed: false,
            indicators: 2,
            averageAchievement: round4((70 / 120 + 0.5) / 2),
            met: 0,
          },
          {
            key: 'FUNGSIONAL',
            label: 'FUNGSIONAL',
            employees: 6,
            suppressed: false,
            indicators: 6,
            averageAchievement: round4((1 + 0.75 + 130 / 120 + 0.25 + 1 + 0.5) / 6),
            met: 3,
          },
          {
            key: 'PELAKSANA',
            label: 'PELAKSANA',
            employees: 1,
            suppressed: false,
            indicators: 1,
            averageAchievement: 1,
            met: 1,
          },
        ]),
      );
    });

    it('the cascade: the indicators of the RHK supporting one RHK, rolled up under it, one row per supporting RHK', async () => {
      const a = await app.data<{
        analytics: { top: CascadeOut; pustu: CascadeOut; dinas: CascadeOut; none: CascadeOut };
      }>(
        `query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { top: ${CASCADE(fx.year.headRhk)} pustu: ${CASCADE(fx.leadRhk)} dinas: ${CASCADE(fx.year.kadinkesRhk)} none: ${CASCADE('bm9wZToz')} } }`,
        { u: unitGid(fx.dinkes), p: pid },
        fx.tokens.hr,
      );
      // Under the head's RHK: n1 1, n2 0.75, n3 1.0833, n5 0.25, n6 1, lead 0.5 (n4, n7, n8 unmeasured).
      expect(a.analytics.top.indicators).toBe(6);
      expect(a.analytics.top.averageAchievement).toBe(round4((1 + 0.75 + 130 / 120 + 0.25 + 1 + 0.5) / 6));
      expect(
        a.analytics.top.rows.map((r) => [r.workResultPlan?.id, r.indicators, r.averageAchievement]).sort(),
      ).toEqual(
        [
          [fx.n[0]!.plan.workResultPlans[0]!.id, 1, 1],
          [fx.n[1]!.plan.workResultPlans[0]!.id, 1, 0.75],
          [fx.n[2]!.plan.workResultPlans[0]!.id, 1, round4(130 / 120)],
          [fx.n[4]!.plan.workResultPlans[0]!.id, 1, 0.25],
          [fx.n[5]!.plan.workResultPlans[0]!.id, 1, 1],
          [fx.leadRhk, 1, 0.5],
        ].sort(),
      );
      expect(a.analytics.pustu).toMatchObject({ indicators: 2, averageAchievement: 0.75 });
      expect(a.analytics.dinas).toMatchObject({
        indicators: 1,
        averageAchievement: round4(70 / 120),
        rows: [{ workResultPlan: { id: fx.year.headRhk }, indicators: 1 }],
      });
      expect(a.analytics.none).toEqual({ indicators: 0, averageAchievement: null, rows: [] });
    });

    it('responsiveness: share of realizations with feedback and median hours to the first; share of log entries reviewed and median hours', async () => {
      const a = await must(fx.tokens.hr, fx.dinkes, {}, RESPONSIVENESS);
      expect(byKey(a.responsiveness)).toEqual(
        byKey<ResponsivenessOut>([
          // 10 realizations, 4 answered after 2, 4 (not the later 5), 10, 30 hours: median 7. 5 entries, 3 reviewed after 1, 5, 24 hours: median 5.
          {
            key: unitGid(fx.pkm),
            label: 'UPTD Puskesmas Walesi',
            employees: 6,
            suppressed: false,
            realizations: 10,
            realizationFeedbackShare: 0.4,
            medianHoursToFeedback: 7,
            activities: 5,
            activityReviewShare: 0.6,
            medianHoursToReview: 5,
          },
          {
            key: unitGid(fx.pustu),
            label: 'Pustu Walesi',
            employees: 3,
            suppressed: false,
            realizations: 3,
            realizationFeedbackShare: 0.3333,
            medianHoursToFeedback: 6,
            activities: 0,
            activityReviewShare: null,
            medianHoursToReview: null,
          },
        ]),
      );
    });

    it('trend over the quarters of the year and across years (the closed 2026 included)', async () => {
      const a = await must(fx.tokens.hr, fx.dinkes, {}, TREND);
      expect(a.trend).toEqual<TrendOut[]>([
        {
          year: 2026,
          subPeriod: null,
          rated: 5,
          suppressed: false,
          counts: shares({ SANGAT_BAIK: 1, BAIK: 3, BUTUH_PERBAIKAN: 1 }),
        },
        {
          year: 2027,
          subPeriod: 1,
          rated: 5,
          suppressed: false,
          counts: shares({ SANGAT_BAIK: 1, BAIK: 3, BUTUH_PERBAIKAN: 1 }),
        },
        { year: 2027, subPeriod: 2, rated: 2, suppressed: false, counts: shares({ BAIK: 1, SANGAT_KURANG: 1 }) },
        {
          year: 2027,
          subPeriod: null,
          rated: 9,
          suppressed: false,
          counts: shares({ SANGAT_BAIK: 2, BAIK: 5, KURANG_MISCONDUCT: 1, SANGAT_KURANG: 1 }),
        },
      ]);
      const only2027 = await app.data<{ analytics: { trend: TrendOut[] } }>(
        'query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { trend(fromYear: 2027, toYear: 2027) { year subPeriod rated } } }',
        { u: unitGid(fx.dinkes), p: pid },
        fx.tokens.hr,
      );
      expect(only2027.analytics.trend.map((t) => [t.year, t.subPeriod, t.rated])).toEqual([
        [2027, 1, 5],
        [2027, 2, 2],
        [2027, null, 9],
      ]);
      const tooLong = await app.gql(
        'query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { trend(fromYear: 2010, toYear: 2027) { year } } }',
        { u: unitGid(fx.dinkes), p: pid },
        fx.tokens.hr,
      );
      expect(tooLong.body.errors?.map((x) => x.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

    it('an HR admin gets every breakdown in one request, in a handful of statements', async () => {
      const res = await app.gql<{ analytics: AnalyticsOut }>(
        ANALYTICS_QUERY(),
        { u: unitGid(fx.dinkes), p: pid },
        fx.tokens.hr,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.status).toBe(200);
      expect(res.statements).toBeLessThanOrEqual(20);
    });
  });

  // ---- The suppression floor -----------------------------------------------------------------------------------

  describe('analysts: sums over whole reporting cells, performance of closed years only', () => {
    beforeAll(() => app.clock.set(wit('2028-01-10')));

    it('a year not closed: nothing but the closed years’ trend', async () => {
      const a = await must(
        fx.tokens.analyst,
        fx.dinkes,
        {},
        `mode floor withheldUntilClosed ${ALL_FIELDS_WITHOUT_MODE}`,
      );
      expect(a).toMatchObject({
        mode: 'AGGREGATES',
        floor: 5,
        withheldUntilClosed: true,
        distribution: [],
        completion: [],
        achievement: [],
        responsiveness: [],
        overdue: [],
      });
      // Only the closed 2026 reaches the trend: five nurses, one cell.
      expect(a.trend).toEqual<TrendOut[]>([
        {
          year: 2026,
          subPeriod: null,
          rated: 5,
          suppressed: false,
          counts: shares({ SANGAT_BAIK: 1, BAIK: 3, BUTUH_PERBAIKAN: 1 }),
        },
      ]);
    });

    it('a caller who sees individuals gets no aggregates-only view: an employee holding ANALYST sees her own people, an HR admin holding ANALYST nothing outside her scope', async () => {
      const headAnalyst = await app.token(fx.head.nip, { roles: [Role.ANALYST] });
      expect(await must(headAnalyst, fx.dinkes, {}, 'mode')).toEqual({ mode: 'SUPERVISOR' });
      const scopedHrAnalyst = await app.token('bkpsdm-pustu-bi', {
        roles: [Role.HR_ADMIN, Role.ANALYST],
        unit: fx.pustu.code,
      });
      expect(await analytics(scopedHrAnalyst, fx.dinkes, {}, 'mode')).toBeNull();
      expect(await must(scopedHrAnalyst, fx.pustu, {}, 'mode')).toEqual({ mode: 'HR' });
    });

    it('the cascade is withheld whole from analysts', async () => {
      const a = await app.data<{ analytics: { top: CascadeOut & { suppressed: boolean } } }>(
        `query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { top: cascade(workResultPlanId: "${fx.year.headRhk}") { indicators averageAchievement rows { indicators } suppressed } } }`,
        { u: unitGid(fx.dinkes), p: pid },
        fx.tokens.analyst,
      );
      expect(a.analytics.top).toEqual({ indicators: 0, averageAchievement: null, rows: [], suppressed: true });
    });

    it('an HR admin sees every unit in full, performance included', async () => {
      const hr = await must(fx.tokens.hr, fx.dinkes, {}, `withheldUntilClosed ${ALL_FIELDS_WITHOUT_MODE}`);
      expect(hr).toMatchObject({ withheldUntilClosed: false });
      for (const unit of [fx.dinkes, fx.pustu])
        expect(group(hr.distribution, unit)!.counts.every((c) => c.count !== null)).toBe(true);
    });
  });

  // ---- Scoping -------------------------------------------------------------------------------------------------

  describe('scoping', () => {
    beforeAll(() => app.clock.set(wit('2028-01-10')));

    it('the Dinas head (a supervisor of everyone below) sees exactly HR’s figures of the Puskesmas and the Pustu, and not her own unit', async () => {
      const boss = await must(await fx.e.token(fx.kadinkes));
      const hr = await must(fx.tokens.hr);
      expect(boss.mode).toBe('SUPERVISOR');
      const below = (groups: Array<{ key: string }>) => groups.filter((g) => g.key !== unitGid(fx.dinkes));
      expect(byKey(boss.distribution)).toEqual(byKey(below(hr.distribution)));
      expect(byKey(boss.completion)).toEqual(byKey(below(hr.completion)));
      expect(byKey(boss.achievement)).toEqual(byKey(below(hr.achievement)));
      expect(byKey(boss.responsiveness)).toEqual(byKey(below(hr.responsiveness)));
      expect(boss.trend).toEqual(hr.trend);
      expect(boss.overdue.map((p) => p.id).sort()).toEqual([fx.plans.n7, fx.plans.n8, fx.plans.b3].sort());
    });

    it('the Puskesmas head sees HR’s figures filtered to her subtree (her own plan left out)', async () => {
      const head = await must(await fx.e.token(fx.head));
      const hr = await must(fx.tokens.hr);
      expect(head.mode).toBe('SUPERVISOR');
      // The Pustu lies wholly below her: identical.
      for (const k of ['distribution', 'completion', 'achievement', 'responsiveness'] as const)
        expect(group(head[k] as Array<{ key: string }>, fx.pustu)).toEqual(
          group(hr[k] as Array<{ key: string }>, fx.pustu),
        );
      // The Puskesmas less her own plan (APPROVED, unrated; 70/120 achieved; two realizations, one answered after 2 h).
      const hrPkm = group(hr.distribution, fx.pkm)!;
      expect(group(head.distribution, fx.pkm)).toEqual({ ...hrPkm, employees: 8, pending: 2 });
      const hrDone = group(hr.completion, fx.pkm)!;
      expect(group(head.completion, fx.pkm)).toEqual({ ...hrDone, employees: 8, approved: 0 });
      expect(group(head.achievement, fx.pkm)).toMatchObject({
        employees: 5,
        indicators: 5,
        averageAchievement: round4((1 + 0.75 + 130 / 120 + 0.25 + 1) / 5),
        met: 3,
      });
      expect(group(head.responsiveness, fx.pkm)).toMatchObject({
        employees: 5,
        realizations: 8,
        realizationFeedbackShare: 0.375,
        medianHoursToFeedback: 10,
        activities: 5,
        activityReviewShare: 0.6,
        medianHoursToReview: 5,
      });
      expect(head.trend).toEqual(hr.trend);
      expect(head.overdue.map((p) => p.id).sort()).toEqual([fx.plans.n7, fx.plans.n8, fx.plans.b3].sort());
    });

    it('the Pustu lead sees her three staff only', async () => {
      const lead = await must(await fx.e.token(fx.lead));
      expect(lead.distribution).toEqual([
        {
          key: unitGid(fx.pustu),
          label: 'Pustu Walesi',
          employees: 3,
          suppressed: false,
          pending: 1,
          counts: shares({ SANGAT_BAIK: 2 }),
          unitRating: 'BUTUH_PERBAIKAN',
          violations: [
            { rule: 'BUTUH_PERBAIKAN at least 60%', count: 0, total: 2 },
            { rule: 'SANGAT_BAIK at most 10%', count: 2, total: 2 },
          ],
        },
      ]);
      expect(lead.completion).toEqual([expect.objectContaining({ employees: 3, returned: 1, final: 2 })]);
    });

    it('a scoped HR admin of the Pustu sees the Pustu’s plans in full, and nothing of the Puskesmas', async () => {
      const scoped = await must(fx.tokens.scopedHr, fx.pustu);
      const hr = await must(fx.tokens.hr, fx.pustu);
      expect(scoped.mode).toBe('HR');
      expect(scoped.distribution).toEqual(hr.distribution);
      expect(scoped.completion).toEqual(hr.completion);
      expect(scoped.distribution.map((g) => [g.key, g.employees])).toEqual([[unitGid(fx.pustu), 4]]);
      expect(scoped.overdue.map((p) => p.id)).toEqual([fx.plans.b3]);
      for (const unit of [fx.pkm, fx.dinkes]) expect(await analytics(fx.tokens.scopedHr, unit)).toBeNull();
    });

    it('an employee with nobody below her gets empty groups (and no overdue plans, no cascade rows)', async () => {
      const peer = await fx.e.token(fx.n[0]!.owner);
      for (const b of ['UNIT', 'POSITION_KIND', 'GRADE']) {
        const a = await must(peer, fx.dinkes, { b });
        expect(a).toMatchObject({
          mode: 'SUPERVISOR',
          distribution: [],
          completion: [],
          achievement: [],
          responsiveness: [],
          trend: [],
          overdue: [],
        });
      }
      const c = await app.data<{ analytics: { top: CascadeOut } }>(
        `query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { top: ${CASCADE(fx.year.headRhk)} } }`,
        { u: unitGid(fx.dinkes), p: pid },
        peer,
      );
      expect(c.analytics.top).toEqual({ indicators: 0, averageAchievement: null, rows: [] });
    });

    it('an integration client gets null; a client token without roles and anonymous are refused (UNAUTHENTICATED, no data)', async () => {
      expect(await analytics(fx.tokens.integration)).toBeNull();
      const roleless = await app.gql<{ analytics: AnalyticsOut | null }>(
        ANALYTICS_QUERY(),
        { u: unitGid(fx.dinkes), p: pid },
        fx.tokens.client,
      );
      expect(roleless.body.data?.analytics ?? null).toBeNull();
      expect(roleless.body.errors?.map((x) => x.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const anonymous = await app.gql<{ analytics: AnalyticsOut | null }>(
        ANALYTICS_QUERY(),
        { u: unitGid(fx.dinkes), p: pid },
        null,
      );
      expect(anonymous.body.data?.analytics ?? null).toBeNull();
      expect(anonymous.body.errors?.map((x) => x.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('an unknown unit or period, or an id of another type, reads as null', async () => {
      expect(await analytics(fx.tokens.hr, { id: 999_999 } as never)).toBeNull();
      const wrongType = await app.data<{ analytics: AnalyticsOut | null }>(
        ANALYTICS_QUERY('mode'),
        { u: pid, p: pid },
        fx.tokens.hr,
      );
      expect(wrongType.analytics).toBeNull();
    });
  });
});

describe('analytics for analysts once the year is closed', () => {
  let app: TestApp;
  let fx: AnalyticsFixture;

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await buildAnalyticsFixture(app);
    await fx.e.movePeriodTo(fx.year.period, 'CLOSED');
    app.clock.set(wit('2028-02-10'));
  }, 120_000);
  afterAll(() => app?.stop());

  const analytics = async (token: string, unit: { rowId: number }, vars: Record<string, unknown> = {}) =>
    (
      await app.data<{ analytics: AnalyticsOut & { withheldUntilClosed: boolean } }>(
        ANALYTICS_QUERY(`withheldUntilClosed ${ALL_FIELDS_WITHOUT_MODE}`),
        { u: unitGid(unit as never), p: fx.year.period.id, ...vars },
        token,
      )
    ).analytics;

  it('the one cell’s figures equal HR’s sums over its units; no median (an order statistic)', async () => {
    const a = await analytics(fx.tokens.analyst, fx.dinkes);
    const hr = await analytics(fx.tokens.hr, fx.dinkes);
    expect(a.withheldUntilClosed).toBe(false);
    const pick = <T extends { key: string }>(groups: T[], unit: Unit) => groups.find((g) => g.key === unitGid(unit))!;
    const counts = (unit: Unit) => pick(hr.distribution, unit).counts.map((c) => c.count!);
    expect(a.distribution).toHaveLength(1);
    expect(a.distribution[0]).toMatchObject({
      key: unitGid(fx.pkm),
      employees: 13,
      pending: pick(hr.distribution, fx.pkm).pending! + pick(hr.distribution, fx.pustu).pending!,
      unitRating: null,
      violations: [],
    });
    expect(a.distribution[0]!.counts.map((c) => c.count)).toEqual(
      counts(fx.pkm).map((n, i) => n + counts(fx.pustu)[i]!),
    );
    // Achievement: the cell's measured people reach the floor: the indicators of both units, averaged together.
    const ach = [pick(hr.achievement, fx.pkm), pick(hr.achievement, fx.pustu)];
    expect(a.achievement).toEqual([
      {
        key: unitGid(fx.pkm),
        label: fx.pkm.name,
        employees: ach[0]!.employees + ach[1]!.employees,
        suppressed: false,
        indicators: ach[0]!.indicators! + ach[1]!.indicators!,
        met: ach[0]!.met! + ach[1]!.met!,
        averageAchievement: expect.any(Number),
      },
    ]);
    const mean =
      (ach[0]!.averageAchievement! * ach[0]!.indicators! + ach[1]!.averageAchievement! * ach[1]!.indicators!) /
      (ach[0]!.indicators! + ach[1]!.indicators!);
    expect(a.achievement[0]!.averageAchievement).toBeCloseTo(mean, 3);
    expect(a.responsiveness.every((g) => g.medianHoursToFeedback === null && g.medianHoursToReview === null)).toBe(
      true,
    );
    expect(a.trend.map((t) => [t.year, t.subPeriod, t.rated])).toEqual([
      [2026, null, 5],
      [2027, 1, 5],
      [2027, null, 9],
    ]);
  });

  /**
   * The fixture's cells (floor 5): the Pustu (4 plans) rolls up into the Puskesmas, a block of 13; its classes
   * (FUNG III 10, PENGAWAS III 2, PELAKSANA II 1) leave a residual of 3, which takes in FUNG III: one cell of 13,
   * "LAINNYA" in the kind and grade breakdowns. The Dinas (1 plan) reaches the top alone and is never released.
   */
  it('the kind and grade breakdowns show the residual cell, never one person’s class', async () => {
    for (const b of ['POSITION_KIND', 'GRADE']) {
      const a = await analytics(fx.tokens.analyst, fx.dinkes, { b });
      expect(a.completion.map((g) => [g.key, g.employees])).toEqual([['LAINNYA', 13]]);
    }
    // The Pustu is no cell of its own: nothing. The Puskesmas without subunits is its whole cell.
    expect((await analytics(fx.tokens.analyst, fx.pustu, { sub: false })).completion).toEqual([]);
    expect((await analytics(fx.tokens.analyst, fx.pustu)).completion).toEqual([]);
    expect((await analytics(fx.tokens.analyst, fx.pkm, { sub: false })).completion.map((g) => g.employees)).toEqual([
      13,
    ]);
  });

  it('a trend over two closed years takes the statements of one: the years’ cells load in one batch', async () => {
    const statements = async (from: number) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const res = await app.gql<{ analytics: { trend: Array<{ year: number }> } }>(
          `query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { trend(fromYear: ${from}, toYear: 2027) { year rated } } }`,
          { u: unitGid(fx.dinkes), p: fx.year.period.id },
          fx.tokens.analyst,
        );
        best = Math.min(best, res.statements);
        expect(res.body.data?.analytics.trend.map((t) => t.year)).toEqual(
          from === 2026 ? [2026, 2027, 2027] : [2027, 2027],
        );
      }
      return best;
    };
    expect(await statements(2026)).toBe(await statements(2027));
  });

  it('a closed year’s cells are published on first read: moving a unit afterwards changes no answer about that year', async () => {
    const before = await analytics(fx.tokens.analyst, fx.dinkes);
    const pkmBefore = await analytics(fx.tokens.analyst, fx.pkm, { sub: false });
    const stored = (await app.db.manager.query('SELECT COUNT(*) AS n FROM analytics_reporting_cell')) as Array<{
      n: number | string;
    }>;
    expect(Number(stored[0]!.n)).toBeGreaterThan(0);
    // Computed afresh, the Pustu (4) moved under the Dinas (1) would make a block of 5 of its own.
    const [{ version }] = (await app.db.manager.query('SELECT version FROM unit WHERE id = ?', [
      fx.pustu.rowId,
    ])) as Array<{ version: number }>;
    const moved = await app.data<{ moveUnit: { userErrors: unknown[] } }>(
      'mutation($i: MoveUnitInput!) { moveUnit(input: $i) { userErrors { code message } } }',
      { i: { id: unitGid(fx.pustu), parentId: unitGid(fx.dinkes), expectedVersion: Number(version) } },
      fx.tokens.hr,
    );
    expect(moved.moveUnit.userErrors).toEqual([]);
    try {
      const after = await analytics(fx.tokens.analyst, fx.dinkes);
      expect(after).toEqual(before);
      expect(after.distribution.map((g) => [g.key, g.employees])).toEqual([[unitGid(fx.pkm), 13]]);
      // The Puskesmas's cell stays whole though the Pustu's plans are no longer below it.
      expect(await analytics(fx.tokens.analyst, fx.pkm, { sub: false })).toEqual(pkmBefore);
      expect(pkmBefore.completion.map((g) => g.employees)).toEqual([13]);
    } finally {
      const [{ version: v }] = (await app.db.manager.query('SELECT version FROM unit WHERE id = ?', [
        fx.pustu.rowId,
      ])) as Array<{ version: number }>;
      await app.data(
        'mutation($i: MoveUnitInput!) { moveUnit(input: $i) { userErrors { code } } }',
        { i: { id: unitGid(fx.pustu), parentId: unitGid(fx.pkm), expectedVersion: Number(v) } },
        fx.tokens.hr,
      );
    }
  });

  it('no two answers an analyst can get differ by 1 to 4 people: every unit pair, breakdown and measure', async () => {
    const answers: Answer[] = [];
    for (const unit of [fx.dinkes, fx.pkm, fx.pustu]) {
      for (const sub of [true, false]) {
        for (const b of ['UNIT', 'POSITION_KIND', 'GRADE']) {
          const a = await analytics(fx.tokens.analyst, unit, { sub, b });
          for (const measure of ['distribution', 'completion', 'achievement', 'responsiveness'] as const) {
            answers.push({ measure: `${measure} by ${b}`, unitId: unit.rowId, sub, groups: a[measure] });
          }
          answers.push({
            measure: 'trend',
            unitId: unit.rowId,
            sub,
            groups: a.trend.map((t) => ({ key: `${t.year}:${t.subPeriod}`, employees: t.rated })),
          });
        }
      }
    }
    // The Dinas is above the Puskesmas, which is above the Pustu.
    const order = [fx.dinkes.rowId, fx.pkm.rowId, fx.pustu.rowId];
    expect(exposures(answers, 5, (ancestor, unit) => order.indexOf(ancestor) <= order.indexOf(unit))).toEqual([]);
  });
});

function round4(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
