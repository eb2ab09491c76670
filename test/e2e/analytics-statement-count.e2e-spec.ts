import { Role } from '../../src/core/auth/role';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import { PAIR_FOR, type PredikatName, wit, type Year } from './evaluation-helpers';
import { firstIndicator, FollowThrough } from './follow-through-helpers';
import { type PlanOut } from './planning-helpers';
import { DISTRIBUTION, COMPLETION, ACHIEVEMENT, RESPONSIVENESS, TREND, unitGid } from './analytics-helpers';

/**
 * Each analytics breakdown is one aggregate statement (plus at most one batched read of the units' names for the
 * unit breakdown), whatever the number of units (issue 6: "one aggregate statement per breakdown"): a parent with 2
 * sub-units and one with 8, every sub-unit with rated, realized, reviewed plans, so that every path of every
 * statement has rows. A field's cost is the statements of `analytics { mode <field> }` minus those of
 * `analytics { mode }`. The counts are printed.
 */

const FIELDS: Record<string, string> = {
  distribution: DISTRIBUTION,
  completion: COMPLETION,
  achievement: ACHIEVEMENT,
  responsiveness: RESPONSIVENESS,
  trend: TREND,
};

describe('SQL statements per analytics breakdown, 2 units vs 8 units', () => {
  let app: TestApp;
  let e: FollowThrough;
  let year: Year;
  let head: Employee;
  const parents: Record<'small' | 'large', Unit> = {} as Record<'small' | 'large', Unit>;
  const table: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head } = await e.givenOrg());
    year = await e.givenYear(2027);
    const members: Array<{ owner: Employee; plan: PlanOut }> = [];
    const children: Unit[] = [];
    for (const [size, n] of [
      ['small', 2],
      ['large', 8],
    ] as const) {
      parents[size] = await app.fixtures.unit({
        code: `SC-${size.toUpperCase()}`,
        name: `Parent ${size}`,
        parent: e.org.pkm,
      });
      for (let i = 0; i < n; i++) {
        const unit = await app.fixtures.unit({
          code: `SC-${size.toUpperCase()}-${i}`,
          name: `Child ${size} ${i}`,
          parent: parents[size],
        });
        children.push(unit);
        members.push(...(await e.nursesWithPlans(2, year, { unit })));
      }
    }
    await e.movePeriodTo(year.period, 'RUNNING');
    for (const [i, m] of members.entries()) {
      app.clock.set(wit('2027-04-05', '08:00'));
      const r = await e.recordOk({ indicatorId: firstIndicator(m.plan), subPeriod: 1, value: 20 + i }, m.owner);
      const a = await e.logDay(m.owner, { date: '2027-04-05' });
      app.clock.set(wit('2027-04-05', '12:00'));
      if (i % 2 === 0) await e.give({ target: 'REALIZATION', targetId: r.id, text: 'Baik' }, head);
      await e.activityOk('reviewActivity', { id: a.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, head);
      app.clock.set(wit('2027-04-06'));
      const current = await e.ratedOrFail(m.plan.id);
      await e.ok(
        'ratePeriod',
        {
          appraisalId: m.plan.id,
          expectedVersion: current.version,
          subPeriod: 1,
          resultRating: PAIR_FOR.BAIK[0],
          behaviorRating: PAIR_FOR.BAIK[1],
        },
        head,
        'evaluation { id }',
      );
    }
    app.clock.set('2028-01-04T01:00:00Z');
    await e.movePeriodTo(year.period, 'EVALUATING');
    const spread: PredikatName[] = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'];
    for (const [i, m] of members.entries()) await e.rateInto(m.plan, spread[i % spread.length]!);
    for (const unit of children)
      await e.setUnitRating({ unitId: unitGid(unit), periodId: year.period.id, rating: 'BAIK' });
  }, 180_000);

  afterAll(() => {
    if (table.length)
      process.stdout.write(
        `\nAnalytics statements per field (field query minus the bare analytics query):\n${table.join('\n')}\n\n`,
      );
    return app?.stop();
  });

  /** Statements of one request, the fewest of three runs (a request may warm a per-process cache once). */
  const statements = async (unit: Unit, select: string, breakdown: string): Promise<{ n: number; data: unknown }> => {
    let best = Number.POSITIVE_INFINITY;
    let data: unknown;
    for (let i = 0; i < 3; i++) {
      const res = await app.gql(
        `query($u: ID!, $p: ID!, $b: AnalyticsBreakdown!) { analytics(unitId: $u, periodId: $p, breakdown: $b) { mode ${select} } }`,
        { u: unitGid(unit), p: year.period.id, b: breakdown },
        e.hr,
      );
      if (res.body.errors?.length) throw new Error(JSON.stringify(res.body.errors));
      data = res.body.data;
      best = Math.min(best, res.statements);
    }
    return { n: best, data };
  };

  const cases: Array<[string, string]> = [];
  for (const field of Object.keys(FIELDS))
    for (const breakdown of ['UNIT', 'POSITION_KIND', 'GRADE'])
      if (field !== 'trend' || breakdown === 'UNIT') cases.push([field, breakdown]);
  cases.push(['cascade', 'UNIT']);

  it.each(cases)(
    '%s by %s: the same statements for 2 and 8 units, one aggregate (plus one batched label read)',
    async (field, breakdown) => {
      const select =
        field === 'cascade'
          ? `cascade(workResultPlanId: "${year.headRhk}") { indicators averageAchievement rows { indicators } }`
          : FIELDS[field]!;
      const cost: Record<'small' | 'large', number> = { small: 0, large: 0 };
      for (const size of ['small', 'large'] as const) {
        const bare = await statements(parents[size], '', breakdown);
        const full = await statements(parents[size], select, breakdown);
        cost[size] = full.n - bare.n;
        if (field !== 'trend' && field !== 'cascade') {
          const groups = (full.data as { analytics: Record<string, unknown[]> }).analytics[field]!;
          if (breakdown === 'UNIT') expect(groups).toHaveLength(size === 'small' ? 2 : 8);
        }
      }
      table.push(`  ${field.padEnd(15)} ${breakdown.padEnd(14)} 2 units: ${cost.small}   8 units: ${cost.large}`);
      expect(cost.large).toBe(cost.small);
      // One aggregate statement; the unit breakdown may add one batched read of the units' names.
      expect(cost.small).toBeGreaterThanOrEqual(1);
      expect(cost.small).toBeLessThanOrEqual(breakdown === 'UNIT' && field !== 'trend' && field !== 'cascade' ? 2 : 1);
    },
  );

  // Last: it closes the year. Analysts' figures are sums over the reporting cells of closed years.
  it('an analyst: the same statements for 2 and 8 units', async () => {
    await e.movePeriodTo(year.period, 'CLOSED');
    const analyst = await app.token('dasbor-bi', { roles: [Role.ANALYST] });
    const count = async (unit: Unit, select: string): Promise<number> => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const res = await app.gql(
          `query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p) { mode ${select} } }`,
          { u: unitGid(unit), p: year.period.id },
          analyst,
        );
        if (res.body.errors?.length) throw new Error(JSON.stringify(res.body.errors));
        best = Math.min(best, res.statements);
      }
      return best;
    };
    const all = `${DISTRIBUTION} ${COMPLETION} ${ACHIEVEMENT} ${RESPONSIVENESS}`;
    const [small, large] = [await count(parents.small, all), await count(parents.large, all)];
    table.push(`  analyst, four breakdowns  2 units: ${small}   8 units: ${large}`);
    expect(large).toBe(small);
  });
});
