import { type Employee } from '../../src/modules/employee/employee.entity';
import { TestApp } from '../support/test-app';
import { wit, type Year } from './evaluation-helpers';
import { firstIndicator, FollowThrough } from './follow-through-helpers';
import { type PlanOut } from './planning-helpers';

/**
 * The team dashboard keeps plan content and progress across requests by the plan's stamps (`planContentOf`,
 * `latestRealizationShown`); every write of them bumps the stamp (`plan-stamps.ts`). For every mutation that
 * changes a plan's content or progress, on a dashboard read twice before it (so that both caches hold the plan),
 * the next read shows the change: a table of mutation × expected change.
 */

const DASHBOARD = `query { viewer { team(first: 20) { nodes { currentAppraisal { id version workResultPlans { id text indicators { id text
  latestRealization { id subPeriod value version feedback { id text reply version } } } } } } } } }`;

interface Latest {
  id: string;
  subPeriod: number;
  value: number;
  version: number;
  feedback: Array<{ id: string; text: string; reply: string | null; version: number }>;
}
interface Plan {
  id: string;
  version: number;
  workResultPlans: Array<{
    id: string;
    text: string;
    indicators: Array<{ id: string; text: string; latestRealization: Latest | null }>;
  }>;
}
type Data = { viewer: { team: { nodes: Array<{ currentAppraisal: Plan | null }> } } };

describe('the dashboard sees every write of plan content and progress at once', () => {
  let app: TestApp;
  let e: FollowThrough;
  let head: Employee;
  let owner: Employee;
  let plan: PlanOut;
  let token: string;

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head } = await e.givenOrg());
    const y2027: Year = await e.givenYear(2027, { cadence: 'MONTHLY' });
    await e.movePeriodTo(y2027.period, 'RUNNING');
    [{ owner, plan }] = (await e.nursesWithPlans(2, y2027)) as [{ owner: Employee; plan: PlanOut }];
    app.clock.set(wit('2027-03-02'));
    await e.recordOk({ indicatorId: firstIndicator(plan), subPeriod: 1, value: 40 }, owner);
    // Revising: the plan's content may change and realizations may still be recorded.
    plan = await e.step('reopenAppraisal', plan, head, 'Sasaran berubah setelah APBD-P');
    token = await e.token(head);
  });
  afterAll(() => app?.stop());

  /** The nurse's plan as the head's dashboard shows it, and the statements the read cost. */
  const readCounted = async (): Promise<{ plan: Plan; statements: number }> => {
    const result = await app.gql<Data>(DASHBOARD, {}, token);
    expect(result.body.errors).toBeUndefined();
    return {
      plan: result.body.data!.viewer.team.nodes.map((n) => n.currentAppraisal).find((p) => p?.id === plan.id)!,
      statements: result.statements,
    };
  };
  const rhks = (p: Plan) => p.workResultPlans;
  const indicators = (p: Plan) => p.workResultPlans.flatMap((r) => r.indicators);
  const latest = (p: Plan) => indicators(p).find((i) => i.id === firstIndicator(plan))!.latestRealization!;

  interface Case {
    mutation: string;
    /** Makes the change, given the plan as the dashboard showed it just before. */
    change: (before: Plan) => Promise<unknown>;
    /** What the next read shows. */
    expected: (after: Plan, before: Plan) => void;
  }

  const added: { rhk?: string; indicator?: string } = {};
  const CASES: Case[] = [
    {
      mutation: 'addWorkResultPlan',
      change: async (before) => {
        const p = await e.ok<{ workResultPlan: { id: string } }>(
          'addWorkResultPlan',
          {
            appraisalId: plan.id,
            expectedVersion: before.version,
            kind: 'ADDITIONAL',
            text: 'Tugas tambahan: pelatihan kader',
          },
          owner,
          'workResultPlan { id }',
        );
        added.rhk = p.workResultPlan.id;
      },
      expected: (after) => expect(rhks(after).map((r) => r.text)).toContain('Tugas tambahan: pelatihan kader'),
    },
    {
      mutation: 'updateWorkResultPlan',
      change: (before) =>
        e.ok(
          'updateWorkResultPlan',
          { id: added.rhk, expectedVersion: before.version, text: 'Tugas tambahan: pelatihan kader posyandu' },
          owner,
          'workResultPlan { id }',
        ),
      expected: (after) =>
        expect(rhks(after).find((r) => r.id === added.rhk)!.text).toBe('Tugas tambahan: pelatihan kader posyandu'),
    },
    {
      mutation: 'addIndicator',
      change: async (before) => {
        const input = {
          workResultPlanId: added.rhk,
          expectedVersion: before.version,
          text: 'Jumlah kader dilatih',
          aspect: 'QUANTITY',
          targetValue: 20,
          targetUnit: 'orang',
        };
        added.indicator = (
          await e.ok<{ indicator: { id: string } }>('addIndicator', input, owner, 'indicator { id }')
        ).indicator.id;
      },
      expected: (after) =>
        expect(indicators(after).find((i) => i.id === added.indicator)).toMatchObject({
          text: 'Jumlah kader dilatih',
          latestRealization: null,
        }),
    },
    {
      mutation: 'updateIndicator',
      change: (before) =>
        e.ok(
          'updateIndicator',
          { id: added.indicator, expectedVersion: before.version, text: 'Jumlah kader posyandu dilatih' },
          owner,
          'indicator { id }',
        ),
      expected: (after) =>
        expect(indicators(after).find((i) => i.id === added.indicator)!.text).toBe('Jumlah kader posyandu dilatih'),
    },
    {
      mutation: 'removeIndicator',
      change: (before) =>
        e.ok('removeIndicator', { id: added.indicator, expectedVersion: before.version }, owner, 'removedId'),
      expected: (after) => expect(indicators(after).map((i) => i.id)).not.toContain(added.indicator),
    },
    {
      mutation: 'removeWorkResultPlan',
      change: (before) =>
        e.ok('removeWorkResultPlan', { id: added.rhk, expectedVersion: before.version }, owner, 'removedId'),
      expected: (after) => expect(rhks(after).map((r) => r.id)).not.toContain(added.rhk),
    },
    {
      mutation: 'recordRealization (a new sub-period)',
      change: () => e.recordOk({ indicatorId: firstIndicator(plan), subPeriod: 2, value: 55 }, owner),
      expected: (after) => expect(latest(after)).toMatchObject({ subPeriod: 2, value: 55, feedback: [] }),
    },
    {
      mutation: 'recordRealization (the same sub-period again)',
      change: (before) =>
        e.recordOk(
          { indicatorId: firstIndicator(plan), subPeriod: 2, value: 60, expectedVersion: latest(before).version },
          owner,
        ),
      expected: (after, before) =>
        expect(latest(after)).toMatchObject({ id: latest(before).id, subPeriod: 2, value: 60 }),
    },
    {
      mutation: 'giveFeedback (on the latest realization)',
      change: (before) =>
        e.give({ target: 'REALIZATION', targetId: latest(before).id, text: 'Februari naik, pertahankan.' }, head),
      expected: (after) => expect(latest(after).feedback.map((f) => f.text)).toEqual(['Februari naik, pertahankan.']),
    },
    {
      mutation: 'replyToFeedback',
      change: (before) => {
        const feedback = latest(before).feedback[0]!;
        return e.ok(
          'replyToFeedback',
          { id: feedback.id, expectedVersion: feedback.version, reply: 'Siap, terima kasih.' },
          owner,
          'feedback { id }',
        );
      },
      expected: (after) => expect(latest(after).feedback[0]!.reply).toBe('Siap, terima kasih.'),
    },
  ];

  it.each(CASES.map((c) => [c.mutation, c] as const))(
    '%s: the next read shows it',
    async (_name, { change, expected }) => {
      const cold = await readCounted();
      const warm = await readCounted();
      // The second read is served from what was kept: the plan's content and progress cost no statement.
      expect(warm.statements).toBeLessThanOrEqual(cold.statements);
      expect(warm.plan).toEqual(cold.plan);
      await change(warm.plan);
      const after = await readCounted();
      expected(after.plan, warm.plan);
      // The change bumped the plan's stamp: what was kept for it is not used, the plan is read again.
      expect(after.statements).toBeGreaterThan(warm.statements);
      // And what that read kept answers the next one the same, without reading it again.
      const again = await readCounted();
      expect(again.plan).toEqual(after.plan);
      expect(again.statements).toBe(warm.statements);
    },
  );
});
