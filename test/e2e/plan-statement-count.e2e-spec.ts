import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import { expectSameStatements, StatementRuns } from '../support/statement-runs';
import { Planning, unitId } from './planning-helpers';

/**
 * SQL statements per request do not grow with the page size on the planning reads (`docs/performance.md`, Counting
 * SQL): a supervisor's dashboard of their team's plans, an HR list of plans, and the cascade under
 * a root RHK, each at N=10 and N=100 on two teams of those sizes, every member with a plan, an RHK, two IKI,
 * and (for some) a history row and a specific expectation. The counts are printed.
 */

const DASHBOARD = `query($n: Int!) { viewer { team(first: $n) { nodes { displayName currentAppraisal {
  status
  workResultPlans { text indicators { text targetValue targetUnit } }
  behaviors { coreValue specificExpectation }
  history { action } } } } } }`;

const HR_LIST = `query($n: Int!, $p: ID) { appraisals(first: $n, filter: { periodId: $p }) { totalCount nodes {
  status appraiserName employee { displayName }
  workResultPlans { text indicators { text targetValue targetUnit } }
  behaviors { coreValue specificExpectation }
  history { action } } } }`;

/**
 * The same reads without the IKI under each RHK: the query-cost estimate counts every plain list as 20 items, so
 * with RHK → IKI nested under a page of 100 plans the full shapes above are refused (QUERY_TOO_COSTLY, see the
 * tests "as written"); these fit under the limit at N=100 and still load plans, RHK, behaviours and history.
 */
const DASHBOARD_LIGHT = `query($n: Int!) { viewer { team(first: $n) { nodes { displayName currentAppraisal {
  status
  workResultPlans { text }
  behaviors { coreValue specificExpectation }
  history { action } } } } } }`;

/** The light dashboard with the period named, so that `currentAppraisal` does not look up the current period. */
const DASHBOARD_LIGHT_PERIOD = `query($n: Int!, $p: ID) { viewer { team(first: $n) { nodes { displayName currentAppraisal(periodId: $p) {
  status
  workResultPlans { text }
  behaviors { coreValue specificExpectation }
  history { action } } } } } }`;

const HR_LIST_LIGHT = `query($n: Int!, $p: ID) { appraisals(first: $n, filter: { periodId: $p }) { totalCount nodes {
  status appraiserName employee { displayName }
  workResultPlans { text }
  behaviors { coreValue specificExpectation }
  history { action } } } }`;

const CASCADE = `query($id: ID!) { node(id: $id) { ... on WorkResultPlan {
  text
  cascade { level supportsId workResultPlan { text owner { displayName } indicators { text targetValue targetUnit } } }
  supportedBy { text owner { displayName } } } } }`;

interface DashboardNode {
  displayName: string;
  currentAppraisal: {
    status: string;
    workResultPlans: Array<{
      text: string;
      indicators: Array<{ text: string; targetValue: number; targetUnit: string }>;
    }>;
    behaviors: Array<{ coreValue: string; specificExpectation: string | null }>;
    history: Array<{ action: string }>;
  } | null;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit)
    await Promise.all(items.slice(i, i + limit).map((item, j) => work(item, i + j)));
}

describe('SQL statements per request on the planning reads, at N=10 and N=100', () => {
  let app: TestApp;
  let p: Planning;
  let periodId: string;
  let kadinkes: Employee;
  const heads: Record<'small' | 'large', Employee> = {} as Record<'small' | 'large', Employee>;
  const rootRhk: Record<'small' | 'large', string> = {} as Record<'small' | 'large', string>;
  const tokens: Record<string, string> = {};
  let runs: StatementRuns;

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    runs = new StatementRuns(app, 'planning reads', 50);
    runs.record();
    app.clock.set('2027-01-05T01:00:00Z');
    const f = app.fixtures;
    const dinkes = await f.unit({ code: 'SCP-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    kadinkes = await f.employee({
      unit: dinkes,
      name: 'Kepala Dinas',
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
    });
    await f.setHead(dinkes, kadinkes);
    periodId = (await p.openPeriod(2027)).id;
    const kPlan = await p.createPlan(kadinkes);
    const kRhk = (await p.addRhk(kadinkes, kPlan, { text: 'Meningkatnya derajat kesehatan masyarakat' })).rhk.id;

    for (const [size, n] of [
      ['small', 10],
      ['large', 100],
    ] as const) {
      const pkm: Unit = await f.unit({ code: `SCP-PKM-${n}`, name: `UPTD Puskesmas ${n}`, parent: dinkes });
      const head = await f.employee({
        unit: pkm,
        supervisor: kadinkes,
        name: `Kepala Puskesmas ${n}`,
        positionKind: PositionKind.PENGAWAS,
      });
      await f.setHead(pkm, head);
      const { team } = await f.supervisorWithTeam(pkm, n, head);
      heads[size] = head;
      // Plans for the whole unit at once, as HR does at the start of the year.
      const bulk = await p.ok<{ created: number }>(
        'createAppraisalsForUnit',
        { periodId, unitId: unitId(pkm), includeSubunits: false },
        p.hr,
        'created',
      );
      expect(bulk.created).toBe(n + 1);
      const headPlan = (
        await app.data<{ viewer: { currentAppraisal: { id: string; version: number } } }>(
          '{ viewer { currentAppraisal { id version } } }',
          {},
          await p.token(head),
        )
      ).viewer.currentAppraisal;
      rootRhk[size] = (
        await p.addRhk(head, headPlan, { text: `Tercapainya cakupan imunisasi dasar lengkap ${n}`, supportsId: kRhk })
      ).rhk.id;

      await inBatches(team, 10, async (member, i) => {
        const token = await p.token(member);
        const plan = (
          await app.data<{ viewer: { currentAppraisal: { id: string; version: number } } }>(
            '{ viewer { currentAppraisal { id version } } }',
            {},
            token,
          )
        ).viewer.currentAppraisal;
        const { plan: withRhk, rhk } = await p.addRhk(member, plan, {
          text: `Terlaksananya imunisasi di kampung ${i + 1}`,
          supportsId: rootRhk[size],
        });
        const first = await p.addIndicator(member, rhk.id, withRhk.version, {
          text: `Bayi diimunisasi lengkap ${i + 1}`,
          targetValue: 20 + i,
          targetUnit: 'bayi',
        });
        let current = (
          await p.addIndicator(member, rhk.id, first.plan.version, {
            text: 'Laporan bulanan tepat waktu',
            aspect: 'TIME',
            targetValue: 12,
            targetUnit: 'laporan',
          })
        ).plan;
        if (i % 3 === 0) {
          await p.ok(
            'setBehaviorExpectation',
            {
              appraisalId: current.id,
              expectedVersion: current.version,
              coreValue: 'KOLABORATIF',
              expectation: `Bekerja sama dengan kader kampung ${i + 1}`,
            },
            head,
            'appraisal { id }',
          );
          current = { ...current, version: current.version + 1 };
        }
        if (i % 2 === 0) await p.step('submitAppraisal', current, member);
      });
    }
    tokens.small = await p.token(heads.small);
    tokens.large = await p.token(heads.large);
    tokens.kadinkes = await p.token(kadinkes);
    tokens.regionHr = p.hr;
    tokens.scopedHr = await app.token('dinkes-hr', { roles: [Role.HR_ADMIN], unit: 'SCP-DINKES' });
    app.clock.set('2027-02-01T01:00:00Z');
  });

  afterAll(async () => {
    runs?.print();
    await app?.stop();
  });

  const run = <T>(label: string, query: string, variables: Record<string, unknown>, token: string) =>
    runs.fewest<T>(label, query, variables, token);

  type DashboardData = { viewer: { team: { nodes: DashboardNode[] } } };
  type ListData = { appraisals: { totalCount: number; nodes: Array<NonNullable<DashboardNode['currentAppraisal']>> } };

  it('a supervisor’s dashboard, as written (RHK with their IKI): the same statements for a team of 10 and a team of 100', async () => {
    const small = await run<DashboardData>('dashboard, team of 10, first: 10', DASHBOARD, { n: 10 }, tokens.small!);
    const largeFirst10 = await run<DashboardData>(
      'dashboard, team of 100, first: 10',
      DASHBOARD,
      { n: 10 },
      tokens.large!,
    );
    expect(small.data.viewer.team.nodes).toHaveLength(10);
    expect(largeFirst10.data.viewer.team.nodes).toHaveLength(10);
    for (const node of [...small.data.viewer.team.nodes, ...largeFirst10.data.viewer.team.nodes]) {
      const plan = node.currentAppraisal!;
      expect(plan).not.toBeNull();
      expect(plan.workResultPlans).toHaveLength(1);
      expect(plan.workResultPlans[0]!.indicators).toHaveLength(2);
      expect(plan.behaviors).toHaveLength(7);
      expect(plan.history.length).toBe(plan.status === 'SUBMITTED' ? 1 : 0);
    }
    expectSameStatements(small, largeFirst10);
    // At first: 100 the service must answer too (a team of 100 is an ordinary Puskesmas or school district).
    const large = await run<DashboardData>('dashboard, team of 100, first: 100', DASHBOARD, { n: 100 }, tokens.large!);
    expect(large.data.viewer.team.nodes).toHaveLength(100);
    expectSameStatements(small, large);
  });

  it('a supervisor’s dashboard within the cost limit (RHK without IKI): the same statements at N=10 and N=100', async () => {
    const small = await run<DashboardData>(
      'dashboard (no IKI), team of 10, first: 10',
      DASHBOARD_LIGHT,
      { n: 10 },
      tokens.small!,
    );
    const large = await run<DashboardData>(
      'dashboard (no IKI), team of 100, first: 100',
      DASHBOARD_LIGHT,
      { n: 100 },
      tokens.large!,
    );
    expect(small.data.viewer.team.nodes).toHaveLength(10);
    expect(large.data.viewer.team.nodes).toHaveLength(100);
    for (const node of [...small.data.viewer.team.nodes, ...large.data.viewer.team.nodes]) {
      const plan = node.currentAppraisal!;
      expect(plan.workResultPlans).toHaveLength(1);
      expect(plan.behaviors).toHaveLength(7);
      expect(plan.history.length).toBe(plan.status === 'SUBMITTED' ? 1 : 0);
    }
    // The data is really there: expectations and history rows on some plans.
    expect(
      large.data.viewer.team.nodes.filter((n) => n.currentAppraisal!.behaviors[6]!.specificExpectation !== null),
    ).toHaveLength(34);
    expect(large.data.viewer.team.nodes.filter((n) => n.currentAppraisal!.status === 'SUBMITTED')).toHaveLength(50);
    expectSameStatements(small, large);
  });

  it('the same, with currentAppraisal(periodId:) named: the same statements at N=10 and N=100', async () => {
    const small = await run<DashboardData>(
      'dashboard (no IKI, periodId), first: 10',
      DASHBOARD_LIGHT_PERIOD,
      { n: 10, p: periodId },
      tokens.small!,
    );
    const large = await run<DashboardData>(
      'dashboard (no IKI, periodId), first: 100',
      DASHBOARD_LIGHT_PERIOD,
      { n: 100, p: periodId },
      tokens.large!,
    );
    expect(large.data.viewer.team.nodes).toHaveLength(100);
    expect(
      large.data.viewer.team.nodes.every(
        (n) => n.currentAppraisal !== null && n.currentAppraisal.behaviors.length === 7,
      ),
    ).toBe(true);
    expectSameStatements(small, large);
  });

  it('appraisals(first: N) for a region-wide HR admin, as written (RHK with their IKI): the same statements at N=10 and N=100', async () => {
    const small = await run<ListData>(
      'appraisals, as regionHr, first: 10',
      HR_LIST,
      { n: 10, p: periodId },
      tokens.regionHr!,
    );
    expect(small.data.appraisals.nodes).toHaveLength(10);
    expect(small.data.appraisals.nodes.every((n) => n.workResultPlans.every((r) => r.indicators.length > 0))).toBe(
      true,
    );
    const large = await run<ListData>(
      'appraisals, as regionHr, first: 100',
      HR_LIST,
      { n: 100, p: periodId },
      tokens.regionHr!,
    );
    expect(large.data.appraisals.nodes).toHaveLength(100);
    expectSameStatements(small, large);
  });

  it.each(['regionHr', 'scopedHr', 'kadinkes'])(
    'appraisals(first: N) as %s within the cost limit: the same statements at N=10 and N=100',
    async (who) => {
      const small = await run<ListData>(
        `appraisals (no IKI), as ${who}, first: 10`,
        HR_LIST_LIGHT,
        { n: 10, p: periodId },
        tokens[who]!,
      );
      const large = await run<ListData>(
        `appraisals (no IKI), as ${who}, first: 100`,
        HR_LIST_LIGHT,
        { n: 100, p: periodId },
        tokens[who]!,
      );
      expect(small.data.appraisals.nodes).toHaveLength(10);
      expect(large.data.appraisals.nodes).toHaveLength(100);
      expect(large.data.appraisals.totalCount).toBeGreaterThanOrEqual(112);
      expect(large.data.appraisals.nodes.filter((n) => n.workResultPlans.length === 0)).toHaveLength(0);
      expect(large.data.appraisals.nodes.every((n) => n.behaviors.length === 7)).toBe(true);
      expectSameStatements(small, large);
    },
  );

  it.each([
    ['the owner', (size: 'small' | 'large') => tokens[size]!],
    ['a region-wide HR admin', () => tokens.regionHr!],
    ['the head of the health office', () => tokens.kadinkes!],
  ])(
    'the cascade of a root RHK over 10 and over 100 supporting RHK, read by %s: the same statements',
    async (label, tokenOf) => {
      type Data = {
        node: {
          cascade: Array<{
            level: number;
            supportsId: string | null;
            workResultPlan: { owner: { displayName: string } | null; indicators: unknown[] };
          }>;
          supportedBy: unknown[];
        };
      };
      const small = await run<Data>(
        `cascade over 10, read by ${label}`,
        CASCADE,
        { id: rootRhk.small },
        tokenOf('small'),
      );
      const large = await run<Data>(
        `cascade over 100, read by ${label}`,
        CASCADE,
        { id: rootRhk.large },
        tokenOf('large'),
      );
      expect(small.data.node.cascade).toHaveLength(11);
      expect(large.data.node.cascade).toHaveLength(101);
      expect(large.data.node.supportedBy).toHaveLength(100);
      expect(
        large.data.node.cascade
          .filter((c) => c.level === 1)
          .every(
            (c) =>
              c.supportsId === rootRhk.large &&
              c.workResultPlan.indicators.length === 2 &&
              c.workResultPlan.owner !== null,
          ),
      ).toBe(true);
      expectSameStatements(small, large);
    },
  );
});
