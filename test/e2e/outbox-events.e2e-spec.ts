import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Actor } from '../../src/core/auth/actor';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { policyTable } from '../../src/app/policy-table';
import { importCsv } from '../../src/modules/import/csv-import';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { EventType } from '../../src/modules/outbox/event-type';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { TestApp } from '../support/test-app';
import { MEETS, unitGid, wit, type Year } from './evaluation-helpers';
import { FollowThrough } from './follow-through-helpers';
import { codes, employeeId, type PlanOut } from './planning-helpers';

/**
 * The transactional outbox over HTTP (`docs/events.md`): one plan's year told as a story, each change writing
 * exactly one event of its type, with the subject, unit, person and payload the docs list; a refused change (a
 * user error, a stale version) writes none; no payload carries a name, a NIP or a text someone wrote.
 */

interface EventRow {
  id: number;
  type: string;
  subjectId: string;
  unitId: number | null;
  employeeId: number | null;
  payload: Record<string, unknown>;
}

/** Every key a payload may hold: ids, states, counts (asserted over every event the story wrote). */
const PAYLOAD_KEYS = new Set([
  'appraisalId',
  'employeeId',
  'periodId',
  'fromStatus',
  'toStatus',
  'version',
  'evaluationId',
  'predikat',
  'kind',
  'subPeriod',
  'change',
  'realizationId',
  'feedbackId',
  'recipientId',
  'target',
  'activityId',
  'status',
  'unitRatingId',
  'unitId',
  'rating',
  'includeSubunits',
  'finalized',
  'pending',
  'curveViolated',
  'objectionId',
  'originalPredikat',
  'decidedPredikat',
  'active',
  'source',
  'received',
  'created',
  'updated',
  'unchanged',
  'failed',
]);

describe('domain events in the outbox', () => {
  let app: TestApp;
  let e: FollowThrough;
  let year: Year;
  let nurse: Employee;
  let plan: PlanOut;
  let head: Employee;
  let kadinkes: Employee;
  let seen = 0;
  const all: EventRow[] = [];
  /** Texts people wrote in the story: none may reach a payload. */
  const TEXTS = {
    returned: 'Target imunisasi belum sesuai data sasaran',
    reopened: 'Sasaran berubah setelah APBD-P',
    feedback: 'Laporan posyandu sudah rapi, lanjutkan',
    reply: 'Terima kasih, Bu',
    objection: 'Capaian Desember belum dihitung',
    decision: 'Data Desember sudah diperhitungkan',
  };

  /** The events written since the last call, oldest first. */
  async function newEvents(): Promise<EventRow[]> {
    const rows: Array<Record<string, unknown>> = await app.db.manager.query(
      'SELECT id, type, subject_id, unit_id, employee_id, payload FROM outbox_event WHERE id > ? ORDER BY id',
      [seen],
    );
    const events = rows.map((r) => ({
      id: Number(r.id),
      type: String(r.type),
      subjectId: String(r.subject_id),
      unitId: r.unit_id === null ? null : Number(r.unit_id),
      employeeId: r.employee_id === null ? null : Number(r.employee_id),
      payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
    }));
    if (events.length) seen = events[events.length - 1]!.id;
    all.push(...events);
    return events;
  }

  /** Exactly one new event of `type` (others may come with it, each checked where its own test is). */
  async function one(type: EventType, events?: EventRow[]): Promise<EventRow> {
    const of = (events ?? (await newEvents())).filter((ev) => ev.type === type);
    expect(of).toHaveLength(1);
    return of[0]!;
  }

  const step = async (name: Parameters<FollowThrough['step']>[0], who: Employee | string, reason?: string) => {
    plan = await e.step(name, plan, who, reason);
    return plan;
  };

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
    year = await e.givenYear(2027);
    nurse = await e.nurse({ name: 'Yuliana Itlay' });
    plan = await e.readyPlan(nurse, year.headRhk, { periodId: year.period.id });
    await newEvents();
  });
  afterAll(() => app?.stop());

  const planEvent = (from: string, to: string) => ({
    subjectId: plan.id,
    unitId: e.org.pkm.rowId,
    employeeId: nurse.rowId,
    payload: {
      appraisalId: plan.id,
      employeeId: employeeId(nurse),
      periodId: year.period.id,
      fromStatus: from,
      toStatus: to,
      version: plan.version,
    },
  });

  it('appraisal.submitted: the plan, its unit and employee, the step’s states and the plan’s new version', async () => {
    await step('submitAppraisal', nurse);
    expect(await newEvents()).toEqual([
      { id: expect.any(Number), type: EventType.APPRAISAL_SUBMITTED, ...planEvent('DRAFT', 'SUBMITTED') },
    ]);
  });

  it('appraisal.returned without its reason; a return refused for want of a reason writes nothing', async () => {
    const refused = await e.mutate('returnAppraisal', { id: plan.id, expectedVersion: plan.version }, head);
    expect(codes(refused)).toEqual([['INVALID', ['input', 'reason']]]);
    expect(await newEvents()).toEqual([]);
    await step('returnAppraisal', head, TEXTS.returned);
    expect(await one(EventType.APPRAISAL_RETURNED)).toMatchObject(planEvent('SUBMITTED', 'RETURNED'));
  });

  it('appraisal.approved; an approval at a stale version (CONFLICT) writes nothing', async () => {
    await step('submitAppraisal', nurse);
    await newEvents();
    const stale = await e.mutate('approveAppraisal', { id: plan.id, expectedVersion: plan.version - 1 }, head);
    expect(codes(stale)[0]?.[0]).toBe('CONFLICT');
    expect(await newEvents()).toEqual([]);
    await step('approveAppraisal', head);
    expect(await one(EventType.APPRAISAL_APPROVED)).toMatchObject(planEvent('SUBMITTED', 'APPROVED'));
  });

  it('appraisal.reopened', async () => {
    await step('reopenAppraisal', head, TEXTS.reopened);
    expect(await one(EventType.APPRAISAL_REOPENED)).toMatchObject(planEvent('APPROVED', 'REVISING'));
    await step('submitAppraisal', nurse);
    await step('approveAppraisal', head);
    await newEvents();
  });

  it('appraisal.changed for a realization, with the subscription topic it always had', async () => {
    await e.movePeriodTo(year.period, 'RUNNING');
    app.clock.set(wit('2027-04-05'));
    await newEvents();
    const realization = await e.recordOk(
      { indicatorId: plan.workResultPlans[0]!.indicators[0]!.id, subPeriod: 1, value: 30 },
      nurse,
    );
    expect(await one(EventType.APPRAISAL_CHANGED)).toMatchObject({
      subjectId: plan.id,
      unitId: e.org.pkm.rowId,
      employeeId: nurse.rowId,
      payload: { appraisalId: plan.id, change: 'REALIZATION', realizationId: realization.id, subPeriod: 1, version: 1 },
    });
  });

  it('feedback.received for the recipient, and appraisal.changed when she replies', async () => {
    const given = await e.give({ target: 'APPRAISAL', targetId: plan.id, text: TEXTS.feedback }, head);
    expect(await newEvents()).toEqual([
      {
        id: expect.any(Number),
        type: EventType.FEEDBACK_RECEIVED,
        subjectId: given.id,
        unitId: e.org.pkm.rowId,
        employeeId: nurse.rowId,
        payload: { feedbackId: given.id, recipientId: employeeId(nurse), appraisalId: plan.id, target: 'APPRAISAL' },
      },
    ]);
    await e.ok('replyToFeedback', { id: given.id, expectedVersion: 1, reply: TEXTS.reply }, nurse, 'feedback { id }');
    expect(await one(EventType.APPRAISAL_CHANGED)).toMatchObject({
      subjectId: plan.id,
      payload: { appraisalId: plan.id, change: 'FEEDBACK_REPLY', feedbackId: given.id, version: 2 },
    });
  });

  it('feedback sent three times at once with one Idempotency-Key: one feedback, one event (a losing send rolls back whole)', async () => {
    const token = await e.token(head);
    const sends = await Promise.all(
      [1, 2, 3].map(() =>
        app.gql<{ giveFeedback: { feedback: { id: string } | null; userErrors: unknown[] } }>(
          'mutation($input: GiveFeedbackInput!) { giveFeedback(input: $input) { feedback { id } userErrors { code } } }',
          { input: { target: 'APPRAISAL', targetId: plan.id, text: TEXTS.feedback } },
          token,
          { headers: { 'idempotency-key': 'outbox-feedback-once' } },
        ),
      ),
    );
    const ids = new Set(sends.map((r) => r.body.data?.giveFeedback.feedback?.id));
    expect(ids.size).toBe(1);
    const events = await newEvents();
    expect(events.map((ev) => ev.type)).toEqual([EventType.FEEDBACK_RECEIVED]);
    expect(events[0]!.subjectId).toBe([...ids][0]);
  });

  it('activity.reviewed, in the unit of the person whose log it is', async () => {
    const entry = await e.logDay(nurse, { date: '2027-04-05' });
    await newEvents();
    await e.activityOk('reviewActivity', { id: entry.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, head);
    expect(await one(EventType.ACTIVITY_REVIEWED)).toMatchObject({
      subjectId: entry.id,
      unitId: e.org.pkm.rowId,
      employeeId: nurse.rowId,
      payload: { activityId: entry.id, employeeId: employeeId(nurse), status: 'ACKNOWLEDGED', version: 2 },
    });
  });

  it('appraisal.closed when a transfer closes an open plan', async () => {
    const [moving] = await e.nursesWithPlans(1, year);
    const baru = await app.fixtures.unit({ code: 'OX-BARU', name: 'Puskesmas Baru', kind: UnitKind.AGENCY });
    await newEvents();
    await e.ok(
      'transferEmployee',
      {
        employeeId: employeeId(moving!.owner),
        expectedVersion: moving!.owner.version,
        effectiveDate: '2027-04-01',
        unitId: toGlobalId('Unit', baru.rowId),
      },
      e.hr,
      'employee { id }',
    );
    expect(await one(EventType.APPRAISAL_CLOSED)).toMatchObject({
      subjectId: moving!.plan.id,
      unitId: e.org.pkm.rowId,
      employeeId: moving!.owner.rowId,
      payload: { appraisalId: moving!.plan.id, fromStatus: 'APPROVED', toStatus: 'CLOSED' },
    });
  });

  it('evaluation.recorded for a quarter’s rating', async () => {
    const current = await e.ratedOrFail(plan.id);
    const rated = await e.ratePeriod(
      {
        appraisalId: plan.id,
        expectedVersion: current.version,
        subPeriod: 1,
        resultRating: MEETS,
        behaviorRating: MEETS,
      },
      head,
    );
    expect(rated.userErrors).toEqual([]);
    expect(await one(EventType.EVALUATION_RECORDED)).toMatchObject({
      subjectId: rated.evaluation!.id,
      unitId: e.org.pkm.rowId,
      employeeId: nurse.rowId,
      payload: {
        evaluationId: rated.evaluation!.id,
        appraisalId: plan.id,
        kind: 'PERIODIC',
        subPeriod: 1,
        predikat: 'BAIK',
        version: 1,
      },
    });
  });

  it('appraisal.evaluated carries the annual evaluation and its predikat', async () => {
    await e.movePeriodTo(year.period, 'EVALUATING');
    app.clock.set(wit('2028-01-04', '10:00'));
    await newEvents();
    const rated = await e.rateInto(plan, 'BAIK');
    const event = await one(EventType.APPRAISAL_EVALUATED);
    expect(event).toMatchObject({
      subjectId: plan.id,
      payload: { fromStatus: 'APPROVED', toStatus: 'EVALUATED', predikat: 'BAIK', version: rated.version },
    });
    expect(event.payload.evaluationId).toEqual(expect.any(String));
  });

  it('unit-rating.set; a second rating without its version (CONFLICT) writes nothing', async () => {
    const set = await e.setUnitRating({ unitId: unitGid(e.org.pkm), periodId: year.period.id, rating: 'BAIK' });
    expect(set.userErrors).toEqual([]);
    expect(await one(EventType.UNIT_RATING_SET)).toMatchObject({
      subjectId: set.unitRating!.id,
      unitId: e.org.pkm.rowId,
      employeeId: null,
      payload: {
        unitRatingId: set.unitRating!.id,
        unitId: unitGid(e.org.pkm),
        periodId: year.period.id,
        rating: 'BAIK',
      },
    });
    const again = await e.setUnitRating({ unitId: unitGid(e.org.pkm), periodId: year.period.id, rating: 'ISTIMEWA' });
    expect(codes(again)).toEqual([['CONFLICT', ['input', 'expectedVersion']]]);
    expect(await newEvents()).toEqual([]);
  });

  it('finalizing a unit: appraisal.finalized for each delivered plan, unit-rating.finalized once with the counts', async () => {
    const done = await e.finalize({ unitId: unitGid(e.org.pkm), periodId: year.period.id, includeSubunits: false });
    expect(done.userErrors).toEqual([]);
    const events = await newEvents();
    expect(await one(EventType.APPRAISAL_FINALIZED, events)).toMatchObject({
      subjectId: plan.id,
      payload: { fromStatus: 'EVALUATED', toStatus: 'FINAL', predikat: 'BAIK' },
    });
    expect(await one(EventType.UNIT_RATING_FINALIZED, events)).toMatchObject({
      subjectId: done.unitRating!.id,
      payload: { finalized: done.finalized, pending: done.pending, includeSubunits: false },
    });
    expect(events.map((ev) => ev.type).sort()).toEqual([
      ...Array.from({ length: done.finalized! }, () => EventType.APPRAISAL_FINALIZED),
      EventType.UNIT_RATING_FINALIZED,
    ]);
  });

  it('objection.filed and objection.decided, states only (neither reason)', async () => {
    app.clock.set(wit('2028-01-06', '10:00'));
    const delivered = await e.ratedOrFail(plan.id);
    const stale = await e.fileObjection(
      { appraisalId: plan.id, expectedVersion: delivered.version - 1, reason: TEXTS.objection },
      nurse,
    );
    expect(codes(stale)[0]?.[0]).toBe('CONFLICT');
    expect(await newEvents()).toEqual([]);
    const filed = await e.fileObjection(
      { appraisalId: plan.id, expectedVersion: delivered.version, reason: TEXTS.objection },
      nurse,
    );
    expect(filed.userErrors).toEqual([]);
    expect(await one(EventType.OBJECTION_FILED)).toMatchObject({
      subjectId: filed.objection!.id,
      unitId: e.org.pkm.rowId,
      employeeId: nurse.rowId,
      payload: { objectionId: filed.objection!.id, appraisalId: plan.id, status: 'PENDING', originalPredikat: 'BAIK' },
    });
    const decided = await e.decideObjection(
      { id: filed.objection!.id, expectedVersion: 1, accept: false, reason: TEXTS.decision },
      kadinkes,
    );
    expect(decided.userErrors).toEqual([]);
    expect(await one(EventType.OBJECTION_DECIDED)).toMatchObject({
      subjectId: filed.objection!.id,
      payload: { status: 'REJECTED', decidedPredikat: null, version: 2 },
    });
  });

  it('employee.deactivated', async () => {
    const leaving = await e.nurse({ name: 'Markus Wetipo' });
    await newEvents();
    await e.ok(
      'deactivateEmployee',
      { id: employeeId(leaving), expectedVersion: leaving.version },
      e.hr,
      'employee { id }',
    );
    expect(await newEvents()).toEqual([
      {
        id: expect.any(Number),
        type: EventType.EMPLOYEE_DEACTIVATED,
        subjectId: employeeId(leaving),
        unitId: e.org.pkm.rowId,
        employeeId: leaving.rowId,
        payload: { employeeId: employeeId(leaving), active: false, version: leaving.version + 1 },
      },
    ]);
  });

  it('import.finished once per import call, with its counts, in the importing HR admin’s scope', async () => {
    const rows = [
      { code: 'OX-IMP-1', name: 'Pustu Satu', kind: 'AGENCY', parentCode: null },
      { code: 'OX-IMP-2', name: 'Pustu Dua', kind: 'NOT-A-KIND', parentCode: null },
    ];
    await e.ok('importUnits', { rows }, e.hr, 'summary { created }');
    const event = await one(EventType.IMPORT_FINISHED);
    expect(event).toMatchObject({
      unitId: null,
      employeeId: null,
      payload: { kind: 'UNITS', source: 'MUTATION', received: 2, created: 1, updated: 0, unchanged: 0, failed: 1 },
    });
    expect(event.subjectId).toMatch(/^import_/);
    const scoped = await app.token('hr-dinkes', { roles: [Role.HR_ADMIN], unit: e.org.dinkes.code });
    await e.ok(
      'importUnits',
      { rows: [{ code: 'OX-IMP-3', name: 'Pustu Tiga', kind: 'AGENCY', parentCode: e.org.dinkes.code }] },
      scoped,
      'summary { created }',
    );
    expect(await one(EventType.IMPORT_FINISHED)).toMatchObject({ unitId: e.org.dinkes.rowId });
  });

  it('import.finished once for a whole CSV file, over its chunks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-outbox-'));
    const file = path.join(dir, 'units.csv');
    const lines = ['code,name,kind,parentCode'];
    for (let i = 0; i < 502; i++) lines.push(`OX-CSV-${i},Pustu ${i},AGENCY,`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await importCsv(app.db, file, Actor.client('simpeg', [Role.INTEGRATION]), policyTable);
    expect(await newEvents()).toEqual([
      expect.objectContaining({
        type: EventType.IMPORT_FINISHED,
        unitId: null,
        payload: { kind: 'UNITS', source: 'CSV', received: 502, created: 502, updated: 0, unchanged: 0, failed: 0 },
      }),
    ]);
  });

  it('every type was written, and no payload holds a name, a NIP or a text someone wrote: ids, states, counts', async () => {
    await newEvents();
    // Reminders are written by the scheduler, not by a change: `test/e2e/reminders.e2e-spec.ts` covers them; a
    // webhook's ping by registering an endpoint (`test/e2e/webhooks.e2e-spec.ts`).
    const ofChanges = Object.values(EventType).filter(
      (type) => !type.startsWith('reminder.') && type !== EventType.WEBHOOK_PING,
    );
    expect(new Set(all.map((ev) => ev.type))).toEqual(new Set(ofChanges));
    const people = [nurse, head, kadinkes];
    const forbidden = [...Object.values(TEXTS), ...people.flatMap((p) => [p.name, p.nip])];
    for (const ev of all) {
      for (const [key, value] of Object.entries(ev.payload)) {
        expect(PAYLOAD_KEYS).toContain(key);
        expect(['string', 'number', 'boolean']).toContain(value === null ? 'boolean' : typeof value);
        if (typeof value === 'string') for (const text of forbidden) expect(value).not.toContain(text);
      }
    }
  });
});
