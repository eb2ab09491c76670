import { type Employee } from '../../src/modules/employee/employee.entity';
import { Feedback, FeedbackTarget } from '../../src/modules/feedback/feedback.entity';
import { TestApp } from '../support/test-app';
import { wit, type Year } from './evaluation-helpers';
import { firstIndicator, FollowThrough } from './follow-through-helpers';
import { dbId, type PlanOut } from './planning-helpers';

/**
 * The team dashboard (`docs/performance.md`, O1) through its field resolvers and per-request loaders, batched level
 * by level for the whole page, with plan content (RHK and IKI) and progress (latest realizations and their
 * feedback) kept across requests by the plan's version and progress version (`planContentOf`,
 * `latestRealizationShown`): the same answers with or without an argument written, fewer statements on a repeated
 * read, and a changed plan read at once.
 */

const NESTED = `workResultPlans { id kind text indicators { id text targetValue targetUnit
  latestRealization { id subPeriod value feedback { id text reply author { displayName } } } } }`;
const DASHBOARD = `query { viewer { team(first: 20) { totalCount nodes { id displayName currentAppraisal { id status version ${NESTED} } } } } }`;
/** The same selection with an argument on currentAppraisal (its default): the same path, the same answers. */
const RESOLVED = `query { viewer { team(first: 20) { totalCount nodes { id displayName currentAppraisal: currentAppraisal(periodId: null) { id status version ${NESTED} } } } } }`;

interface Dashboard {
  viewer: {
    team: {
      totalCount: number;
      nodes: Array<{
        id: string;
        currentAppraisal: {
          id: string;
          version: number;
          workResultPlans: Array<{
            indicators: Array<{ id: string; latestRealization: { feedback: Array<{ text: string }> } | null }>;
          }>;
        } | null;
      }>;
    };
  };
}

describe('the team dashboard through loaders, plan content and progress kept by version', () => {
  let app: TestApp;
  let e: FollowThrough;
  let head: Employee;
  let kadinkes: Employee;
  let y2027: Year;
  let nurses: Array<{ owner: Employee; plan: PlanOut }>;
  let februaryOfSecond: string;
  let feedbackOnFebruary: { id: string; version: number };

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
    y2027 = await e.givenYear(2027, { cadence: 'MONTHLY' });
    await e.movePeriodTo(y2027.period, 'RUNNING');
    nurses = await e.nursesWithPlans(3, y2027);
    // Someone on the team without a plan: their currentAppraisal is null either way.
    await e.nurse({ supervisor: head });
    app.clock.set(wit('2027-03-02'));
    const [first, second] = nurses;
    const january = await e.recordOk(
      { indicatorId: firstIndicator(first!.plan), subPeriod: 1, value: 40 },
      first!.owner,
    );
    await e.recordOk({ indicatorId: firstIndicator(first!.plan), subPeriod: 2, value: 55 }, first!.owner);
    await e.give({ target: 'REALIZATION', targetId: january.id, text: 'Januari sudah dicatat.' }, head);
    const february = await e.recordOk(
      { indicatorId: firstIndicator(second!.plan), subPeriod: 2, value: 70 },
      second!.owner,
    );
    februaryOfSecond = february.id;
    feedbackOnFebruary = await e.give(
      { target: 'REALIZATION', targetId: february.id, text: 'Capaian Februari baik.' },
      head,
    );
    await e.give({ target: 'REALIZATION', targetId: february.id, text: 'Lampirkan register kohort.' }, head);
  });
  afterAll(() => app?.stop());

  it('answers the same, through the same path, whether or not an argument is written', async () => {
    const token = await e.token(head);
    const ahead = await app.gql<Dashboard>(DASHBOARD, {}, token);
    expect(ahead.body.errors).toBeUndefined();
    const resolved = await app.gql<Dashboard>(RESOLVED, {}, token);
    expect(resolved.body.errors).toBeUndefined();
    expect(ahead.body.data).toEqual(resolved.body.data);
    // The same path: warm, the two spellings run the same statements.
    const warm = await app.gql<Dashboard>(DASHBOARD, {}, token);
    expect((await app.gql<Dashboard>(RESOLVED, {}, token)).statements).toBe(warm.statements);

    const team = ahead.body.data!.viewer.team;
    expect(team.totalCount).toBe(4);
    expect(team.nodes.filter((n) => n.currentAppraisal === null)).toHaveLength(1);
    const feedback = team.nodes.flatMap(
      (n) =>
        n.currentAppraisal?.workResultPlans.flatMap((r) =>
          r.indicators.flatMap((i) => i.latestRealization?.feedback ?? []),
        ) ?? [],
    );
    // The latest realization of the first nurse is February's, which has no feedback; January's is not shown.
    expect(feedback.map((f) => f.text).sort()).toEqual(['Capaian Februari baik.', 'Lampirkan register kohort.']);
  });

  it('answers each mutation of one document after its own write: the second reads the latest realization the first did not', async () => {
    app.clock.set(wit('2027-03-02'));
    const { owner, plan } = nurses[2]!;
    const indicatorId = firstIndicator(plan);
    const select = 'realization { indicator { latestRealization { subPeriod value } } } userErrors { code }';
    const res = await app.gql<{
      a: { realization: { indicator: { latestRealization: { subPeriod: number; value: number } } } };
      b: { realization: { indicator: { latestRealization: { subPeriod: number; value: number } } } };
    }>(
      `mutation($a: RecordRealizationInput!, $b: RecordRealizationInput!) {
        a: recordRealization(input: $a) { ${select} } b: recordRealization(input: $b) { ${select} } }`,
      { a: { indicatorId, subPeriod: 1, value: 50 }, b: { indicatorId, subPeriod: 2, value: 60 } },
      await e.token(owner),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.a.realization.indicator.latestRealization).toEqual({ subPeriod: 1, value: 50 });
    expect(res.body.data!.b.realization.indicator.latestRealization).toEqual({ subPeriod: 2, value: 60 });
  });

  it('answers the same with the argument written for someone two levels up (team depth ALL): the plans they read above their reports', async () => {
    const token = await e.token(kadinkes);
    const all = (q: string) => q.replace('team(first: 20)', 'team(first: 20, depth: ALL)');
    const ahead = await app.gql<Dashboard>(all(DASHBOARD), {}, token);
    const resolved = await app.gql<Dashboard>(all(RESOLVED), {}, token);
    expect(ahead.body.errors).toBeUndefined();
    expect(ahead.body.data).toEqual(resolved.body.data);
    expect(ahead.body.data!.viewer.team.nodes.filter((n) => n.currentAppraisal !== null).length).toBeGreaterThanOrEqual(
      4,
    );
  });

  it('reads unchanged plan content from the cache (one statement fewer), and a changed plan at once', async () => {
    const token = await e.token(head);
    const first = await app.gql<Dashboard>(DASHBOARD, {}, token);
    const again = await app.gql<Dashboard>(DASHBOARD, {}, token);
    expect(again.body.data).toEqual(first.body.data);
    // The first read left every plan's content in the cache, if an earlier read in this process had not already:
    // the second is warm either way, and a third reads the same.
    expect(again.statements).toBeLessThanOrEqual(first.statements);
    expect((await app.gql<Dashboard>(DASHBOARD, {}, token)).statements).toBe(again.statements);

    // The appraiser reopens the first nurse's plan and the nurse adds an IKI: the next read shows it.
    const { owner, plan } = nurses[0]!;
    const reopened = await e.step('reopenAppraisal', plan, head, 'Sasaran berubah setelah APBD-P');
    // Its payload does not read the plan's content, so nothing has read the new version yet.
    const added = await e.ok<{ appraisal: { version: number }; indicator: { id: string } }>(
      'addIndicator',
      {
        workResultPlanId: plan.workResultPlans[0]!.id,
        expectedVersion: reopened.version,
        text: 'Jumlah balita ditimbang',
        aspect: 'QUANTITY',
        targetValue: 100,
        targetUnit: 'balita',
      },
      owner,
      'appraisal { version } indicator { id }',
    );
    const after = await app.gql<Dashboard>(DASHBOARD, {}, token);
    const mine = after.body.data!.viewer.team.nodes.find((n) => n.currentAppraisal?.id === plan.id)!.currentAppraisal!;
    expect(mine.version).toBe(added.appraisal.version);
    expect(mine.workResultPlans[0]!.indicators.map((i) => i.id)).toContain(added.indicator.id);
    // That one plan was read again from the database (its content, and its progress, kept by the same version).
    expect(after.statements).toBeGreaterThan(again.statements);
    const warm = await app.gql<Dashboard>(DASHBOARD, {}, token);
    expect(warm.statements).toBe(again.statements);
    expect(warm.body.data).toEqual(after.body.data);
  });

  it('serves content taken from the cache to the rest of the request too: RHK and indicators by id cost no statement', async () => {
    const token = await e.token(head);
    await app.gql<Dashboard>(DASHBOARD, {}, token);
    const warm = await app.gql<Dashboard>(DASHBOARD, {}, token);
    // Each indicator's RHK, and each latest realization's indicator, by id (loaders the cached content was offered to).
    const byId = DASHBOARD.replace('indicators { id', 'indicators { workResultPlan { id } id').replace(
      'latestRealization { id',
      'latestRealization { indicator { id } id',
    );
    type ById = {
      viewer: {
        team: {
          nodes: Array<{
            currentAppraisal: {
              workResultPlans: Array<{
                id: string;
                indicators: Array<{
                  id: string;
                  workResultPlan: { id: string };
                  latestRealization: { indicator: { id: string } } | null;
                }>;
              }>;
            } | null;
          }>;
        };
      };
    };
    const read = await app.gql<ById>(byId, {}, token);
    expect(read.body.errors).toBeUndefined();
    const rhks = read.body.data!.viewer.team.nodes.flatMap((n) => n.currentAppraisal?.workResultPlans ?? []);
    const indicators = rhks.flatMap((r) => r.indicators.map((i) => ({ rhk: r.id, indicator: i })));
    expect(indicators.length).toBeGreaterThan(3);
    for (const { rhk, indicator } of indicators) {
      expect(indicator.workResultPlan.id).toBe(rhk);
      if (indicator.latestRealization) expect(indicator.latestRealization.indicator.id).toBe(indicator.id);
    }
    expect(indicators.some((i) => i.indicator.latestRealization !== null)).toBe(true);
    expect(read.statements).toBe(warm.statements);
  });

  it('reads unchanged progress from the cache, and a new realization, feedback or reply at once', async () => {
    const token = await e.token(head);
    type Latest = {
      id: string;
      subPeriod: number;
      value: number;
      feedback: Array<{ id: string; text: string; reply: string | null }>;
    } | null;
    const latestOf = (d: Dashboard | null | undefined, indicatorId: string) =>
      d!.viewer.team.nodes
        .flatMap((n) => n.currentAppraisal?.workResultPlans.flatMap((r) => r.indicators) ?? [])
        .find((i) => i.id === indicatorId)!.latestRealization as Latest;
    // A day later (the current period is read once a day): warm reads first.
    app.clock.set(wit('2027-03-03'));
    await app.gql<Dashboard>(DASHBOARD, {}, token);
    const warm = await app.gql<Dashboard>(DASHBOARD, {}, token);
    const [first, second, third] = nurses;

    // A realization where there was none: read at once, with one statement more (that plan's progress only: its
    // latest realizations and their feedback together).
    const march = await e.recordOk({ indicatorId: firstIndicator(third!.plan), subPeriod: 3, value: 12 }, third!.owner);
    const afterRecord = await app.gql<Dashboard>(DASHBOARD, {}, token);
    expect(latestOf(afterRecord.body.data, firstIndicator(third!.plan))).toMatchObject({
      id: march.id,
      subPeriod: 3,
      value: 12,
      feedback: [],
    });
    expect(afterRecord.statements).toBe(warm.statements + 1);
    const again = await app.gql<Dashboard>(DASHBOARD, {}, token);
    expect(again.statements).toBe(warm.statements);
    expect(again.body.data).toEqual(afterRecord.body.data);

    // Feedback on the first nurse's latest (February), then the second nurse's reply to the head's feedback.
    const february = latestOf(again.body.data, firstIndicator(first!.plan))!;
    await e.give({ target: 'REALIZATION', targetId: february.id, text: 'Februari naik, pertahankan.' }, head);
    expect(
      latestOf((await app.gql<Dashboard>(DASHBOARD, {}, token)).body.data, firstIndicator(first!.plan))!.feedback.map(
        (f) => f.text,
      ),
    ).toEqual(['Februari naik, pertahankan.']);
    await e.ok(
      'replyToFeedback',
      { id: feedbackOnFebruary.id, expectedVersion: feedbackOnFebruary.version, reply: 'Register kohort menyusul.' },
      second!.owner,
      'feedback { id }',
    );
    const replied = latestOf((await app.gql<Dashboard>(DASHBOARD, {}, token)).body.data, firstIndicator(second!.plan))!;
    expect(replied.id).toBe(februaryOfSecond);
    expect(replied.feedback.find((f) => f.id === feedbackOnFebruary.id)!.reply).toBe('Register kohort menyusul.');

    // And the resolvers, reading everything from the database, agree with the cached reads.
    const cached = await app.gql<Dashboard>(DASHBOARD, {}, token);
    const resolved = await app.gql<Dashboard>(RESOLVED, {}, token);
    expect(cached.body.data).toEqual(resolved.body.data);
  });

  it('keeps nothing older than the version it was read at, when a request read the plan before (two edits in one document)', async () => {
    // Each mutation commits on its own, and its payload is read after it commits: the second payload must not
    // keep what the first one read as the content of the second version.
    const { owner, plan } = nurses[0]!;
    const before = await e.plan(plan.id, owner);
    const indicatorId = before.workResultPlans[0]!.indicators[0]!.id;
    const both = await app.gql<{
      m1: { appraisal: { version: number } };
      m2: { appraisal: { version: number }; userErrors: unknown[] };
    }>(
      `mutation($a: AddIndicatorInput!, $u: UpdateIndicatorInput!) {
        m1: addIndicator(input: $a) { appraisal { version workResultPlans { indicators { id text } } } userErrors { code } }
        m2: updateIndicator(input: $u) { appraisal { version workResultPlans { indicators { id text } } } userErrors { code } } }`,
      {
        a: {
          workResultPlanId: before.workResultPlans[0]!.id,
          expectedVersion: before.version,
          text: 'Jumlah ibu hamil diperiksa',
          aspect: 'QUANTITY',
          targetValue: 40,
          targetUnit: 'orang',
        },
        u: { id: indicatorId, expectedVersion: before.version + 1, text: 'Jumlah bayi diimunisasi lengkap (revisi)' },
      },
      await e.token(owner),
    );
    expect(both.body.errors).toBeUndefined();
    expect(both.body.data!.m2.userErrors).toEqual([]);
    const dashboard = await app.gql<Dashboard>(
      DASHBOARD.replace('targetValue', 'targetValue text'),
      {},
      await e.token(head),
    );
    const mine = dashboard.body.data!.viewer.team.nodes.find(
      (n) => n.currentAppraisal?.id === plan.id,
    )!.currentAppraisal!;
    expect(mine.version).toBe(before.version + 2);
    const texts = (mine.workResultPlans[0]!.indicators as unknown as Array<{ id: string; text: string }>).map(
      (i) => i.text,
    );
    expect(texts).toContain('Jumlah bayi diimunisasi lengkap (revisi)');
    expect(texts).toContain('Jumlah ibu hamil diperiksa');
  });
  it('shows on a realization only the feedback the caller may read (READ_FEEDBACK), as on an indicator', async () => {
    // A note on the second nurse's February realization, addressed to the head of the agency by himself and tied to
    // no plan (written behind the service's back): the Puskesmas head reads the realization but not this note.
    const [first] = nurses;
    const indicatorId = firstIndicator(first!.plan);
    const token = await e.token(head);
    const shown = (d: Dashboard | null | undefined) =>
      d!.viewer.team.nodes
        .flatMap((n) => n.currentAppraisal?.workResultPlans.flatMap((r) => r.indicators) ?? [])
        .find((i) => i.id === indicatorId)!.latestRealization!;
    const before = (await app.gql<Dashboard>(DASHBOARD, {}, token)).body.data;
    const realizationId = dbId((shown(before) as unknown as { id: string }).id);
    const now = new Date('2027-03-03T00:00:00Z');
    await app.db.manager.getRepository(Feedback).insert({
      recipientEmployeeId: kadinkes.rowId,
      appraisalId: null,
      authorEmployeeId: kadinkes.rowId,
      targetKind: FeedbackTarget.REALIZATION,
      targetId: realizationId,
      coreValue: null,
      text: 'Catatan pribadi kepala dinas.',
      reply: null,
      repliedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    // As the service does with every write of progress: what was kept of this plan is not served again.
    await app.db.manager.query('UPDATE appraisal SET progress_version = progress_version + 1 WHERE id = ?', [
      dbId(first!.plan.id),
    ]);
    const asHead = shown((await app.gql<Dashboard>(DASHBOARD, {}, token)).body.data);
    expect(asHead.feedback.map((f) => f.text)).not.toContain('Catatan pribadi kepala dinas.');
    expect(asHead.feedback).toEqual(shown(before).feedback);
    // Its recipient reads it, on the realization reached from his own dashboard (everyone below him).
    const all = DASHBOARD.replace('team(first: 20)', 'team(first: 20, depth: ALL)');
    const asKadinkes = shown((await app.gql<Dashboard>(all, {}, await e.token(kadinkes))).body.data);
    expect(asKadinkes.feedback.map((f) => f.text)).toContain('Catatan pribadi kepala dinas.');
  });
});
