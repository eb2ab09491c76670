import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { TestApp } from '../support/test-app';
import { expectSameStatements, StatementRuns } from '../support/statement-runs';
import { wit } from './evaluation-helpers';
import { firstIndicator, FollowThrough } from './follow-through-helpers';
import { type PlanOut } from './planning-helpers';

/**
 * SQL statements per request do not grow with the list on the follow-through reads (`docs/performance.md`, Counting
 * SQL): a supervisor's list of the team's daily entries, a plan's indicators with their realizations, and a
 * team's plans with their realizations and logs, each for a small and a large case (2 and 12 staff; 1 or 2 and 12
 * realizations), with every nested field a loader serves (employee, indicator, reviewer, evidence, feedback).
 * The counts are printed; besides "the same for both sizes", each stays under a small absolute bound.
 */

const TEAM_ACTIVITIES = `{ viewer { teamActivities(first: 100) { totalCount edges { cursor node {
  activityDate description durationMinutes status reviewComment
  employee { name } indicator { text } reviewer { name }
  feedback { text author { name } } } } } } }`;

const PLAN_REALIZATIONS = `query($id: ID!) { appraisal(id: $id) { status workResultPlans { text indicators {
  text targetValue
  realizations { subPeriod value narrative evidence { title url } indicator { text } feedback { text author { name } } }
  latestRealization { subPeriod value } } } } }`;

/** Within the query-cost limit: a page of 12 staff (the estimate counts every plain list as its hinted size). */
const TEAM_PLANS = `query($p: ID) { viewer { team(first: 12) { totalCount nodes {
  name
  currentAppraisal(periodId: $p) { status workResultPlans { text indicators { text realizations { subPeriod value } } } }
  activities(first: 5) { totalCount edges { node { activityDate description status } } } } } } }`;

const FEEDBACK_GIVEN = `{ viewer { feedbackGiven(first: 100) { totalCount nodes {
  targetKind targetId text author { name } recipient { name } appraisal { status } } } } }`;

/** The most statements each read issues (the fewest of five runs, as measured on SQLite and MariaDB). */
const BOUND = { teamActivities: 8, planRealizations: 8, teamPlans: 10, feedbackGiven: 5 };

describe('SQL statements per request on the follow-through reads, small and large', () => {
  let app: TestApp;
  let e: FollowThrough;
  let runs: StatementRuns;
  const leads: Record<'small' | 'large', Employee> = {} as Record<'small' | 'large', Employee>;
  /** The first staff member of each team, and her plan. */
  const plans: Record<'small' | 'large', PlanOut> = {} as Record<'small' | 'large', PlanOut>;
  const owners: Record<'small' | 'large', Employee> = {} as Record<'small' | 'large', Employee>;
  let periodId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    runs = new StatementRuns(app, 'follow-through reads');
    runs.record();
    app.clock.set('2027-01-04T01:00:00Z');
    const { head } = await e.givenOrg();
    const y2027 = await e.givenYear(2027, { cadence: 'MONTHLY' });
    periodId = y2027.period.id;
    const f = app.fixtures;
    const teams: Record<'small' | 'large', Array<{ owner: Employee; plan: PlanOut }>> = { small: [], large: [] };
    for (const [size, n] of [
      ['small', 2],
      ['large', 12],
    ] as const) {
      const pustu = await f.unit({ code: `SCF-PUSTU-${n}`, name: `Puskesmas Pembantu ${n}`, parent: e.org.pkm });
      const lead = await f.employee({
        unit: pustu,
        supervisor: head,
        name: `Kepala Pustu ${n}`,
        positionKind: PositionKind.PENGAWAS,
        positionTitle: 'Kepala Puskesmas Pembantu',
      });
      leads[size] = lead;
      const leadPlan = await e.approvedPlan(lead, head, y2027.headRhk, periodId);
      for (let i = 0; i < n; i++) {
        const owner = await f.employee({
          unit: pustu,
          supervisor: lead,
          name: `Bidan ${n}-${String(i + 1).padStart(2, '0')}`,
        });
        teams[size].push({ owner, plan: await e.approvedPlan(owner, lead, leadPlan.workResultPlans[0]!.id, periodId) });
      }
    }
    await e.movePeriodTo(y2027.period, 'RUNNING');
    app.clock.set(wit('2027-12-20'));
    // Small: one realization and one entry each (two realizations for the first, whose plan is read alone: the
    // feedback on a plan's latest realizations is read with them, so the rest must exist for its statement to
    // run); large: twelve realizations and two entries each. Some reviewed, some with feedback, every
    // realization with evidence.
    for (const size of ['small', 'large'] as const) {
      for (const [i, { owner, plan }] of teams[size].entries()) {
        const months = size === 'large' ? 12 : i === 0 ? 2 : 1;
        const indicatorId = firstIndicator(plan);
        for (let month = 1; month <= months; month++) {
          const r = await e.recordOk(
            {
              indicatorId,
              subPeriod: month,
              value: 10 + month,
              narrative: `Bulan ${month}`,
              evidence: [
                { title: `Kohort ${month}`, url: `https://portal.jayawijayakab.go.id/kohort/${i}/${month}.pdf` },
              ],
            },
            owner,
          );
          if (month % 3 === 1)
            await e.give({ target: 'REALIZATION', targetId: r.id, text: `Catatan bulan ${month}` }, leads[size]);
        }
        for (let day = 1; day <= (size === 'small' ? 1 : 2); day++) {
          const entry = await e.logDay(owner, {
            date: `2027-12-${String(day + i).padStart(2, '0')}`,
            description: `Posyandu ${i}-${day}`,
            indicatorId,
          });
          if (day === 1)
            await e.activityOk(
              'reviewActivity',
              { id: entry.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' },
              leads[size],
            );
          await e.give({ target: 'ACTIVITY', targetId: entry.id, text: `Catatan kegiatan ${day}` }, leads[size]);
        }
      }
      plans[size] = teams[size][0]!.plan;
      owners[size] = teams[size][0]!.owner;
    }
  });

  afterAll(async () => {
    runs?.print();
    await app?.stop();
  });

  const run = async <T>(label: string, query: string, variables: Record<string, unknown>, who: Employee) =>
    runs.fewest<T>(label, query, variables, await e.token(who));

  it('a supervisor’s team activities (2 entries of 2 staff vs 24 entries of 12 staff): the same statements', async () => {
    type Data = {
      viewer: {
        teamActivities: {
          totalCount: number;
          edges: Array<{
            node: {
              employee: { name: string };
              indicator: { text: string } | null;
              reviewer: { name: string } | null;
              feedback: unknown[];
            };
          }>;
        };
      };
    };
    const small = await run<Data>('teamActivities, 2 staff, 2 entries', TEAM_ACTIVITIES, {}, leads.small);
    const large = await run<Data>('teamActivities, 12 staff, 24 entries', TEAM_ACTIVITIES, {}, leads.large);
    expect(small.data.viewer.teamActivities.totalCount).toBe(2);
    expect(large.data.viewer.teamActivities.totalCount).toBe(24);
    for (const { node } of [...small.data.viewer.teamActivities.edges, ...large.data.viewer.teamActivities.edges]) {
      expect(node.employee).not.toBeNull();
      expect(node.indicator).not.toBeNull();
      expect(node.feedback).toHaveLength(1);
    }
    expect(large.data.viewer.teamActivities.edges.filter((x) => x.node.reviewer !== null)).toHaveLength(12);
    expectSameStatements(small, large);
    expect(large.statements).toBeLessThanOrEqual(BOUND.teamActivities);
  });

  it.each([
    ['its owner', 'owner'],
    ['its appraiser', 'lead'],
  ] as const)(
    'a plan’s indicators with their realizations (2 vs 12, with evidence and feedback), read by %s: the same statements',
    async (label, reader) => {
      type Data = {
        appraisal: {
          workResultPlans: Array<{
            indicators: Array<{
              realizations: Array<{ evidence: unknown[]; indicator: unknown; feedback: unknown[] }>;
              latestRealization: { subPeriod: number };
            }>;
          }>;
        };
      };
      const who = (size: 'small' | 'large') => (reader === 'owner' ? owners[size] : leads[size]);
      const small = await run<Data>(
        `plan realizations (2), read by ${label}`,
        PLAN_REALIZATIONS,
        { id: plans.small.id },
        who('small'),
      );
      const large = await run<Data>(
        `plan realizations (12), read by ${label}`,
        PLAN_REALIZATIONS,
        { id: plans.large.id },
        who('large'),
      );
      const indicatorOf = (d: Data) => d.appraisal.workResultPlans[0]!.indicators[0]!;
      expect(indicatorOf(small.data).realizations).toHaveLength(2);
      expect(indicatorOf(large.data).realizations).toHaveLength(12);
      expect(indicatorOf(large.data).latestRealization.subPeriod).toBe(12);
      expect(indicatorOf(large.data).realizations.every((r) => r.evidence.length === 1 && r.indicator !== null)).toBe(
        true,
      );
      expect(indicatorOf(large.data).realizations.filter((r) => r.feedback.length === 1)).toHaveLength(4);
      expectSameStatements(small, large);
      expect(large.statements).toBeLessThanOrEqual(BOUND.planRealizations);
    },
  );

  it('a team’s plans with their realizations and each one’s log (2 staff with 1 or 2 realizations vs 12 staff with 12): the same statements', async () => {
    type Data = {
      viewer: {
        team: {
          totalCount: number;
          nodes: Array<{
            currentAppraisal: { workResultPlans: Array<{ indicators: Array<{ realizations: unknown[] }> }> };
            activities: { totalCount: number };
          }>;
        };
      };
    };
    const small = await run<Data>(
      'team plans with realizations and logs, 2 staff',
      TEAM_PLANS,
      { p: periodId },
      leads.small,
    );
    const large = await run<Data>(
      'team plans with realizations and logs, 12 staff',
      TEAM_PLANS,
      { p: periodId },
      leads.large,
    );
    expect(small.data.viewer.team.totalCount).toBe(2);
    expect(large.data.viewer.team.totalCount).toBe(12);
    expect(
      small.data.viewer.team.nodes.map(
        (n) => n.currentAppraisal.workResultPlans[0]!.indicators[0]!.realizations.length,
      ),
    ).toEqual([2, 1]);
    expect(small.data.viewer.team.nodes.every((n) => n.activities.totalCount === 1)).toBe(true);
    expect(
      large.data.viewer.team.nodes.every(
        (n) =>
          n.currentAppraisal.workResultPlans[0]!.indicators[0]!.realizations.length === 12 &&
          n.activities.totalCount === 2,
      ),
    ).toBe(true);
    expectSameStatements(small, large);
    expect(large.statements).toBeLessThanOrEqual(BOUND.teamPlans);
  });

  it('the feedback a supervisor gave, with author, recipient and plan (4 vs 72): the same statements', async () => {
    type Data = {
      viewer: {
        feedbackGiven: {
          totalCount: number;
          nodes: Array<{ recipient: { name: string } | null; appraisal: { status: string } | null }>;
        };
      };
    };
    const small = await run<Data>('feedbackGiven, 4 pieces to 2 staff', FEEDBACK_GIVEN, {}, leads.small);
    const large = await run<Data>('feedbackGiven, 72 pieces to 12 staff', FEEDBACK_GIVEN, {}, leads.large);
    expect(small.data.viewer.feedbackGiven.totalCount).toBe(4);
    expect(large.data.viewer.feedbackGiven.totalCount).toBe(72);
    expect(
      large.data.viewer.feedbackGiven.nodes.every((n) => n.recipient !== null && n.appraisal?.status === 'APPROVED'),
    ).toBe(true);
    expectSameStatements(small, large);
    expect(large.statements).toBeLessThanOrEqual(BOUND.feedbackGiven);
  });
});
