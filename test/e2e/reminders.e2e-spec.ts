import { Role } from '../../src/core/auth/role';
import { loadConfig } from '../../src/core/config/config';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { createLogger } from '../../src/core/server/logger';
import { Appraisal } from '../../src/modules/appraisal/appraisal.entity';
import { AppraisalForm, AppraisalStatus, PlanApproach } from '../../src/modules/appraisal/appraisal-enums';
import { ActivityStatus, DailyActivity } from '../../src/modules/activity/daily-activity.entity';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { ExpectationRating, Predikat } from '../../src/modules/evaluation/evaluation-enums';
import { Objection, ObjectionStatus } from '../../src/modules/evaluation/objection.entity';
import { OutboxEvent } from '../../src/modules/outbox/outbox-event.entity';
import { EvaluationCadence, PeriodStatus } from '../../src/modules/period/period-enums';
import { PerformancePeriod } from '../../src/modules/period/performance-period.entity';
import { Realization } from '../../src/modules/realization/realization.entity';
import { REMINDER_LEASE, ReminderScheduler } from '../../src/modules/reminder/reminder-scheduler';
import { SchedulerLease } from '../../src/modules/reminder/scheduler-lease.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { Indicator } from '../../src/modules/work-plan/indicator.entity';
import { WorkResultKind } from '../../src/modules/work-plan/work-plan-enums';
import { WorkResultPlan } from '../../src/modules/work-plan/work-result-plan.entity';
import { TestApp } from '../support/test-app';

/** 10:00 WIT (UTC+9) on a day of January 2027; 1 January 2027 is a Friday. */
const at = (day: string) => new Date(`${day}T01:00:00Z`);
const WED = at('2027-01-27');
const THU = at('2027-01-28');

interface Row {
  type: string;
  employeeId: number | null;
  unitId: number | null;
  subjectId: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
}

describe('reminders', () => {
  let app: TestApp;
  let unit: Unit;
  let otherUnit: Unit;
  /** The supervisor: appraiser of everyone below. */
  let head: Employee;
  /** Approved 2027 plan with an indicator and no January realization. */
  let approvedNoRealization: Employee;
  /** Approved 2027 plan, January recorded. */
  let approvedRecorded: Employee;
  /** 2027 plan submitted to the head; 2026 rating delivered 14 January, not objected to. */
  let submitted: Employee;
  /** No 2027 plan; a daily-log entry of Friday 22 January waits for the head; 2026 rating objected to. */
  let noPlan: Employee;
  let inactive: Employee;
  /** 2027 plan submitted on the morning of Wednesday 27 January: not yet a reminder that day. */
  let submittedToday: Employee;
  let planOfSubmittedToday: Appraisal;
  let period2027: PerformancePeriod;
  let period2026: PerformancePeriod;

  const rows = async (): Promise<Row[]> =>
    (await app.db.manager.getRepository(OutboxEvent).find({ order: { id: 'ASC' } }))
      .filter((e) => e.type.startsWith('reminder.'))
      .map((e) => ({
        type: e.type,
        employeeId: e.employeeId,
        unitId: e.unitId,
        subjectId: e.subjectId,
        payload: JSON.parse(e.payload) as Record<string, unknown>,
        dedupeKey: e.dedupeKey,
      }));
  const ofDay = (all: Row[], day: string) => all.filter((r) => r.payload.day === day);
  const recipients = (all: Row[], type: string) =>
    all
      .filter((r) => r.type === type)
      .map((r) => r.employeeId!)
      .sort((a, b) => a - b);
  const ids = (...people: Employee[]) => people.map((p) => p.rowId).sort((a, b) => a - b);

  async function period(year: number, status: PeriodStatus): Promise<PerformancePeriod> {
    const repo = app.db.manager.getRepository(PerformancePeriod);
    const now = new Date('2026-12-01T00:00:00Z');
    return repo.save(
      repo.create({
        year,
        cadence: EvaluationCadence.MONTHLY,
        status,
        startDate: `${year}-01-01`,
        endDate: `${year}-12-31`,
        planningDeadline: `${year}-01-31`,
        periodicEvaluationDays: 10,
        annualEvaluationDeadline: `${year + 1}-01-31`,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  async function plan(
    employee: Employee,
    of: PerformancePeriod,
    status: AppraisalStatus,
    extra: Partial<Appraisal> = {},
  ): Promise<Appraisal> {
    const repo = app.db.manager.getRepository(Appraisal);
    const now = new Date('2027-01-05T01:00:00Z');
    return repo.save(
      repo.create({
        employeeId: employee.rowId,
        periodId: of.rowId,
        openPeriodId: of.rowId,
        status,
        form: AppraisalForm.JA_JF,
        approach: PlanApproach.QUANTITATIVE,
        startDate: of.startDate,
        endDate: of.endDate,
        positionTitle: employee.positionTitle,
        positionKind: employee.positionKind,
        grade: employee.grade,
        unitId: employee.unitId,
        appraiserEmployeeId: employee.supervisorId,
        appraiserExternalId: null,
        appraiserName: null,
        appraiserPositionTitle: null,
        appraiserSupervisorEmployeeId: null,
        appraiserSupervisorExternalId: null,
        appraiserSupervisorName: null,
        appraiserSupervisorPositionTitle: null,
        resourceSupport: null,
        accountabilityScheme: null,
        consequences: null,
        submittedAt: now,
        approvedAt: null,
        approvedLate: false,
        deliveredAt: null,
        closedAt: null,
        version: 1,
        progressVersion: 0,
        createdAt: now,
        updatedAt: now,
        ...extra,
      }),
    );
  }

  async function indicatorOf(appraisal: Appraisal): Promise<Indicator> {
    const now = new Date('2027-01-05T01:00:00Z');
    const rhk = await app.db.manager.getRepository(WorkResultPlan).save({
      appraisalId: appraisal.rowId,
      kind: WorkResultKind.MAIN,
      position: 1,
      text: 'Layanan imunisasi',
      supportsId: null,
      createdAt: now,
      updatedAt: now,
    });
    return app.db.manager.getRepository(Indicator).save({
      workResultPlanId: rhk.rowId,
      position: 1,
      text: 'Cakupan imunisasi',
      aspect: null,
      targetValue: 95,
      targetUnit: '%',
      targetText: null,
      perspective: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  async function activity(employee: Employee, day: string, writtenAt: Date, status = ActivityStatus.SUBMITTED) {
    await app.db.manager.getRepository(DailyActivity).save({
      employeeId: employee.rowId,
      appraisalId: null,
      indicatorId: null,
      activityDate: day,
      description: 'Posyandu',
      durationMinutes: 120,
      evidenceUrl: null,
      status,
      reviewComment: null,
      reviewerEmployeeId: null,
      reviewedAt: null,
      version: 1,
      clientId: null,
      writtenAt: null,
      createdAt: writtenAt,
      updatedAt: writtenAt,
    });
  }

  async function delivered(employee: Employee, deliveredAt: Date, objected: boolean): Promise<Appraisal> {
    const appraisal = await plan(employee, period2026, AppraisalStatus.FINAL, { deliveredAt });
    if (objected)
      await app.db.manager.getRepository(Objection).save({
        appraisalId: appraisal.rowId,
        reason: 'Tidak sesuai',
        filedAt: deliveredAt,
        status: ObjectionStatus.PENDING,
        originalResultRating: ExpectationRating.SESUAI_EKSPEKTASI,
        originalBehaviorRating: ExpectationRating.SESUAI_EKSPEKTASI,
        originalPredikat: Predikat.BAIK,
        decidedResultRating: null,
        decidedBehaviorRating: null,
        decidedPredikat: null,
        decisionReason: null,
        decidedBySubject: null,
        decidedAt: null,
        version: 1,
        createdAt: deliveredAt,
        updatedAt: deliveredAt,
      });
    return appraisal;
  }

  /** A second scheduler on the same database, as another instance would run. */
  const scheduler = (holder: string) =>
    new ReminderScheduler({
      db: app.db,
      settings: { ...app.config.reminders, intervalMs: 3600_000 },
      appraisal: app.config.appraisal,
      timeZone: app.config.timeZone,
      log: createLogger('silent'),
      holder,
    });

  let planOfSubmitted: Appraisal;
  let planOfApprovedNoRealization: Appraisal;
  let deliveredToSubmitted: Appraisal;

  beforeAll(async () => {
    app = await TestApp.start();
    unit = await app.fixtures.unit({ code: 'PKM-REM' });
    otherUnit = await app.fixtures.unit({ code: 'PKM-OTHER' });
    head = await app.fixtures.employee({ unit: otherUnit });
    approvedNoRealization = await app.fixtures.employee({ unit, supervisor: head });
    approvedRecorded = await app.fixtures.employee({ unit, supervisor: head });
    submitted = await app.fixtures.employee({ unit, supervisor: head });
    noPlan = await app.fixtures.employee({ unit, supervisor: head });
    inactive = await app.fixtures.employee({ unit, supervisor: head });
    submittedToday = await app.fixtures.employee({ unit, supervisor: head });
    await app.db.manager.query('UPDATE employee SET active = ? WHERE id = ?', [
      app.db.kind === 'sqlite' ? 0 : false,
      inactive.rowId,
    ]);
    period2026 = await period(2026, PeriodStatus.EVALUATING);
    period2027 = await period(2027, PeriodStatus.RUNNING);
    await period(2025, PeriodStatus.CLOSED);
    planOfApprovedNoRealization = await plan(approvedNoRealization, period2027, AppraisalStatus.APPROVED);
    await indicatorOf(planOfApprovedNoRealization);
    const recorded = await plan(approvedRecorded, period2027, AppraisalStatus.APPROVED);
    const indicator = await indicatorOf(recorded);
    await app.db.manager.getRepository(Realization).save({
      indicatorId: indicator.rowId,
      appraisalId: recorded.rowId,
      subPeriod: 1,
      value: 50,
      statement: null,
      narrative: null,
      evidenceJson: '[]',
      version: 1,
      createdAt: at('2027-01-20'),
      updatedAt: at('2027-01-20'),
    });
    planOfSubmitted = await plan(submitted, period2027, AppraisalStatus.SUBMITTED, {
      submittedAt: at('2027-01-25'),
    });
    // Friday 22 January, 10:00 WIT: waits 3 working days by Wednesday 27, 4 by Thursday 28.
    await activity(noPlan, '2027-01-22', at('2027-01-22'));
    await activity(approvedRecorded, '2027-01-18', at('2027-01-18'), ActivityStatus.ACKNOWLEDGED);
    // Never reviewed, but its year is closed: nobody can review it any more.
    await activity(approvedNoRealization, '2025-12-30', at('2025-12-30'));
    planOfSubmittedToday = await plan(submittedToday, period2027, AppraisalStatus.SUBMITTED, {
      submittedAt: new Date('2027-01-27T00:30:00Z'),
    });
    // Delivered 14 January (WIT): the 14-day window closes 28 January.
    deliveredToSubmitted = await delivered(submitted, at('2027-01-14'), false);
    await delivered(noPlan, at('2027-01-14'), true);
    // Delivered 20 January: closes 3 February, not within 2 days of the 27th or 28th.
    await delivered(approvedRecorded, at('2027-01-20'), false);
    await app.db.manager.query('UPDATE appraisal SET open_period_id = NULL WHERE period_id = ?', [period2026.rowId]);
  });

  afterAll(async () => {
    await app.stop();
  });

  it('writes each kind for the right people only (a fixed clock: Wednesday 27 January 2027, WIT)', async () => {
    // Off in tests unless started: nothing has run yet.
    expect(await app.db.manager.getRepository(SchedulerLease).count()).toBe(0);
    const run = await app.server.reminders.runOnce(WED);
    expect(run.leader).toBe(true);
    const wed = ofDay(await rows(), '2027-01-27');
    expect(run.written).toBe(wed.length);
    // Planning deadline (31 January, within 7 days): every active employee without an approved 2027 plan.
    expect(recipients(wed, 'reminder.planning_deadline')).toEqual(ids(head, submitted, noPlan, submittedToday));
    // Realizations: the last 5 days of January; the approved plan with an indicator not recorded for January.
    expect(recipients(wed, 'reminder.realization_missing')).toEqual(ids(approvedNoRealization));
    // Plans awaiting approval: to the appraiser.
    expect(recipients(wed, 'reminder.plan_approval_pending')).toEqual(ids(head));
    // Submitted this morning: it waits from tomorrow.
    expect(wed.filter((r) => r.type === 'reminder.plan_approval_pending').map((r) => r.subjectId)).toEqual([
      toGlobalId('Appraisal', planOfSubmitted.rowId),
    ]);
    // The objection window closes on the 28th: the employee who has not objected.
    expect(recipients(wed, 'reminder.objection_window_closing')).toEqual(ids(submitted));
    // Friday's entry has waited 3 working days (Mon, Tue, Wed), not more: the weekend does not count.
    expect(recipients(wed, 'reminder.activity_review_pending')).toEqual([]);

    const planning = wed.find((r) => r.type === 'reminder.planning_deadline' && r.employeeId === noPlan.rowId)!;
    expect(planning.unitId).toBe(unit.rowId);
    expect(planning.subjectId).toBe(toGlobalId('PerformancePeriod', period2027.rowId));
    expect(planning.dedupeKey).toBe(
      `reminder:PLANNING_DEADLINE:${planning.subjectId}:${toGlobalId('Employee', noPlan.rowId)}:2027-01-27`,
    );
    expect(planning.payload).toEqual({
      kind: 'PLANNING_DEADLINE',
      subjectId: planning.subjectId,
      employeeId: toGlobalId('Employee', noPlan.rowId),
      day: '2027-01-27',
      dueDate: '2027-01-31',
    });
    const approval = wed.find((r) => r.type === 'reminder.plan_approval_pending')!;
    expect([approval.subjectId, approval.unitId]).toEqual([
      toGlobalId('Appraisal', planOfSubmitted.rowId),
      otherUnit.rowId,
    ]);
    const realization = wed.find((r) => r.type === 'reminder.realization_missing')!;
    expect(realization.subjectId).toBe(toGlobalId('Appraisal', planOfApprovedNoRealization.rowId));
    expect(realization.payload).toMatchObject({ subPeriod: 1, dueDate: '2027-01-31' });
    const objection = wed.find((r) => r.type === 'reminder.objection_window_closing')!;
    expect(objection.subjectId).toBe(toGlobalId('Appraisal', deliveredToSubmitted.rowId));
    expect(objection.payload).toMatchObject({ dueDate: '2027-01-28' });
    expect(wed.some((r) => r.employeeId === inactive.rowId)).toBe(false);
  });

  it('writes nothing new when run again the same day', async () => {
    const before = (await rows()).length;
    const again = await app.server.reminders.runOnce(new Date(WED.getTime() + 3600_000));
    expect(again).toEqual({ leader: true, written: 0 });
    expect((await rows()).length).toBe(before);
  });

  it('writes again the next day; entries waiting over a weekend count working days only', async () => {
    const run = await app.server.reminders.runOnce(THU);
    const thu = ofDay(await rows(), '2027-01-28');
    expect(run.written).toBe(thu.length);
    expect(recipients(thu, 'reminder.planning_deadline')).toEqual(ids(head, submitted, noPlan, submittedToday));
    expect(
      thu
        .filter((r) => r.type === 'reminder.plan_approval_pending')
        .map((r) => r.subjectId)
        .sort(),
    ).toEqual([planOfSubmitted, planOfSubmittedToday].map((a) => toGlobalId('Appraisal', a.rowId)).sort());
    // Four working days now (Mon–Thu): to the reviewer, the supervisor of an employee without a plan.
    // One reminder: the entry of a closed year is not reminded.
    expect(recipients(thu, 'reminder.activity_review_pending')).toEqual(ids(head));
    const review = thu.find((r) => r.type === 'reminder.activity_review_pending')!;
    expect(review.subjectId).toBe(toGlobalId('Employee', noPlan.rowId));
    expect(review.payload).toMatchObject({ count: 1, oldestDay: '2027-01-22' });
    expect(recipients(thu, 'reminder.objection_window_closing')).toEqual(ids(submitted));
  });

  it('reminders: the signed-in person sees only their own, newest first', async () => {
    const query = `query($first: Int, $after: String) { reminders(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id kind subjectId day dueDate count createdAt } } }`;
    const all = await rows();
    const mine = all.filter((r) => r.employeeId === head.rowId);
    const token = await app.token(head.nip);
    const first = await app.data<{
      reminders: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: Array<{ id: string; kind: string; subjectId: string; day: string }>;
      };
    }>(query, { first: 2 }, token);
    expect(first.reminders.totalCount).toBe(mine.length);
    expect(first.reminders.nodes.map((n) => n.day)).toEqual(['2027-01-28', '2027-01-28']);
    const rest = await app.data<{ reminders: { nodes: Array<{ kind: string; subjectId: string }> } }>(
      query,
      { first: 100, after: first.reminders.pageInfo.endCursor },
      token,
    );
    const seen = [...first.reminders.nodes, ...rest.reminders.nodes];
    expect(seen.map((n) => `${n.kind}:${n.subjectId}`).sort()).toEqual(
      mine.map((r) => `${r.payload.kind as string}:${r.subjectId}`).sort(),
    );
    // Someone else's: the objection reminder belongs to `submitted` alone.
    const theirs = await app.data<{ reminders: { nodes: Array<{ kind: string }> } }>(
      query,
      { first: 100 },
      await app.token(submitted.nip),
    );
    expect(theirs.reminders.nodes.map((n) => n.kind).sort()).toEqual(
      ['OBJECTION_WINDOW_CLOSING', 'OBJECTION_WINDOW_CLOSING', 'PLANNING_DEADLINE', 'PLANNING_DEADLINE'].sort(),
    );
    // By global id: the recipient reads it, anyone else reads null, as if it did not exist.
    const nodeQuery = 'query($id: ID!) { node(id: $id) { id ... on Reminder { kind } } }';
    const id = first.reminders.nodes[0]!.id;
    expect((await app.data<{ node: unknown }>(nodeQuery, { id }, token)).node).toMatchObject({ id });
    expect((await app.data<{ node: unknown }>(nodeQuery, { id }, await app.token(submitted.nip))).node).toBeNull();
    const hr = await app.data<{ reminders: { totalCount: number } }>(
      'query { reminders { totalCount } }',
      {},
      await app.token('hr-client', { roles: [Role.HR_ADMIN] }),
    );
    expect(hr.reminders.totalCount).toBe(0);
  });

  it('reach the changes feed like every event: an integration client reads them by type', async () => {
    // The feed serves an event once it has settled (a few seconds old by the service's clock).
    app.clock.set('2027-01-29T00:00:00Z');
    try {
      const feed = await app.data<{ changes: { nodes: Array<{ type: string; name: string; subjectId: string }> } }>(
        'query { changes(first: 100, types: [REMINDER_OBJECTION_WINDOW_CLOSING]) { nodes { type name subjectId } } }',
        {},
        await app.token('simpeg-sync', { roles: [Role.INTEGRATION] }),
      );
      const closing = (await rows()).filter((r) => r.type === 'reminder.objection_window_closing');
      expect(feed.changes.nodes.map((n) => n.subjectId)).toEqual(closing.map((r) => r.subjectId));
      expect(feed.changes.nodes[0]).toMatchObject({
        type: 'REMINDER_OBJECTION_WINDOW_CLOSING',
        name: 'reminder.objection_window_closing',
      });
    } finally {
      app.clock.reset();
    }
  });

  it('reminderReceived: the recipient receives their reminder, and nobody else’s', async () => {
    const subscription = 'subscription { reminderReceived { kind subjectId day } }';
    const mine = app.subscriptionClient(await app.token(noPlan.nip)).subscribe<{
      reminderReceived: { kind: string; subjectId: string; day: string };
    }>(subscription);
    const other = app.subscriptionClient(await app.token(approvedRecorded.nip)).subscribe<{
      reminderReceived: { kind: string };
    }>(subscription);
    await app.subscriptionsListening(2);
    // Friday 29 January: `noPlan` is reminded of the planning deadline; `approvedRecorded` of nothing.
    await app.server.reminders.runOnce(at('2027-01-29'));
    const [received] = await mine.waitFor(1);
    expect(received!.data!.reminderReceived).toEqual({
      kind: 'PLANNING_DEADLINE',
      subjectId: toGlobalId('PerformancePeriod', period2027.rowId),
      day: '2027-01-29',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(mine.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
    mine.dispose();
    other.dispose();
  });

  it('a run is a fixed number of statements, whatever the number of employees', async () => {
    const statements: string[] = [];
    const logger = app.db.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      statements.push(query);
      return original(query, parameters, queryRunner);
    };
    const count = async (day: string) => {
      statements.length = 0;
      await app.server.reminders.runOnce(at(day));
      return statements.length;
    };
    try {
      const small = await count('2027-01-26');
      // Twenty more employees, each with a plan submitted, a daily-log entry waiting and a rating delivered.
      for (let i = 0; i < 20; i++) {
        const person = await app.fixtures.employee({ unit, supervisor: head });
        await plan(person, period2027, AppraisalStatus.SUBMITTED, { submittedAt: at('2027-01-18') });
        await activity(person, '2027-01-15', at('2027-01-15'));
      }
      const before = (await rows()).length;
      const large = await count('2027-01-25');
      expect((await rows()).length - before).toBeGreaterThanOrEqual(60);
      expect(large).toBe(small);
    } finally {
      logger.logQuery = original;
    }
  });

  it('two schedulers at once: only the lease holder writes; the lease expires and the other takes over', async () => {
    const [one, two] = [scheduler('instance-one'), scheduler('instance-two')];
    // The test server's own scheduler held the lease until 29 January + 2 h; 1 February it has expired.
    const monday = at('2027-02-01');
    const before = (await rows()).length;
    const runs = await Promise.all([one.runOnce(monday), two.runOnce(monday)]);
    expect(runs.map((r) => r.leader).sort()).toEqual([false, true]);
    const leader = runs[0]!.leader ? one : two;
    const follower = leader === one ? two : one;
    const written = (await rows()).length - before;
    expect(written).toBeGreaterThan(0);
    expect(runs.find((r) => r.leader)!.written).toBe(written);
    // An hour later the leader renews; the follower still gets nothing.
    expect((await follower.runOnce(new Date(monday.getTime() + 3600_000))).leader).toBe(false);
    expect((await leader.runOnce(new Date(monday.getTime() + 3600_000))).leader).toBe(true);
    // The leader stops running: two intervals after its last renewal the lease has expired and the other takes it.
    const later = new Date(monday.getTime() + 3 * 3600_000 + 60_000);
    expect((await follower.runOnce(later)).leader).toBe(true);
    expect((await leader.runOnce(later)).leader).toBe(false);
  });

  it('stop: a run under way writes no further kind, none starts after, and the lease is given up at once', async () => {
    const stopping = scheduler('instance-three');
    const tuesday = at('2027-02-02');
    const before = (await rows()).length;
    const pending = stopping.runOnce(tuesday);
    await stopping.stop();
    expect(await pending).toEqual({ leader: true, written: 0 });
    expect(await stopping.runOnce(tuesday)).toEqual({ leader: false, written: 0 });
    expect((await rows()).length).toBe(before);
    const lease = await app.db.manager.getRepository(SchedulerLease).findOneBy({ name: REMINDER_LEASE });
    expect(lease!.holder).toBe('instance-three');
    expect(lease!.expiresAt.getTime()).toBeLessThan(tuesday.getTime());
    // Another instance takes over at its next run, without waiting for the lease to run out.
    const next = await scheduler('instance-four').runOnce(tuesday);
    expect(next.leader).toBe(true);
    expect(next.written).toBeGreaterThan(0);
  });
});

describe('the scheduler in the service', () => {
  it('starts with the server when REMINDERS is on, and gives its lease up when the server stops', async () => {
    const app = await TestApp.start({ reminders: { ...loadConfig({ NODE_ENV: 'test' }).reminders, enabled: true } });
    const lease = () => app.db.manager.getRepository(SchedulerLease).findOneBy({ name: REMINDER_LEASE });
    try {
      for (let i = 0; i < 100 && !(await lease()); i++) await new Promise((r) => setTimeout(r, 20));
      const held = await lease();
      expect(held?.holder).toBe(app.server.reminders.holder);
      expect(held!.expiresAt.getTime()).toBeGreaterThan(Date.now());
      await app.server.stop();
      expect((await lease())!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    } finally {
      await app.testDb.drop();
    }
  });
});
