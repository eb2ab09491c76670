import { DailyActivity } from '../../src/modules/activity/daily-activity.entity';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { TestApp } from '../support/test-app';
import { wit, type Year } from './evaluation-helpers';
import { ACTIVITY_FIELDS, type ActivityOut, firstIndicator, FollowThrough } from './follow-through-helpers';
import { type PlanOut, textOf } from './planning-helpers';

/**
 * `syncActivities`: a nurse at a puskesmas without signal writes her log on the phone and sends it when she is back
 * in range. Each entry is recorded on its own (one bad entry does not sink the others), and sending the batch again
 * after a lost answer writes nothing twice.
 */

interface Result {
  clientId: string;
  status: string;
  activity: (ActivityOut & { clientId: string | null; writtenAt: string | null }) | null;
  userErrors: Array<{ code: string; field: string[] | null }>;
}
type Synced = { r: { results: Result[] | null; userErrors: Array<{ code: string; field: string[] | null }> } };
const SYNC = `mutation($input: SyncActivitiesInput!) { r: syncActivities(input: $input) { results { clientId status activity { ${ACTIVITY_FIELDS} clientId writtenAt } userErrors { code field } } userErrors { code field } } }`;

describe('syncActivities (entries written offline)', () => {
  let app: TestApp;
  let e: FollowThrough;
  let y2027: Year;
  let nurse: Employee;
  let nursePlan: PlanOut;
  let peer: Employee;
  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    await e.givenOrg();
    y2027 = await e.givenYear(2027, { cadence: 'MONTHLY' });
    [{ owner: nurse, plan: nursePlan }, { owner: peer }] = await e.nursesWithPlans(2, y2027);
    await e.movePeriodTo(y2027.period, 'RUNNING');
    app.clock.set(wit('2027-03-12', '15:00'));
  });
  afterAll(() => app?.stop());

  const sync = async (who: Employee, entries: Array<Record<string, unknown>>) => {
    const res = await app.gql<Synced>(SYNC, { input: { entries } }, await e.token(who));
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.r;
  };
  const offline = (clientId: string, day: string, extra: Record<string, unknown> = {}) => ({
    clientId,
    writtenAt: wit(day, '17:30'),
    date: day,
    description: `Pelayanan posyandu ${day}`,
    durationMinutes: 120,
    ...extra,
  });
  const rows = () => app.db.manager.count(DailyActivity);
  const audits = () => app.db.manager.count(AuditEntry);
  const statuses = (r: Synced['r']) => r.results!.map((x) => [x.clientId, x.status, x.userErrors.map((u) => u.code)]);

  it('records each entry with its client id and time written, one audit row each', async () => {
    const [before, auditsBefore] = [await rows(), await audits()];
    const result = await sync(nurse, [
      offline('hp-nurse:0001', '2027-03-09', { indicatorId: firstIndicator(nursePlan) }),
      offline('hp-nurse:0002', '2027-03-10'),
    ]);
    expect(result.userErrors).toEqual([]);
    expect(statuses(result)).toEqual([
      ['hp-nurse:0001', 'CREATED', []],
      ['hp-nurse:0002', 'CREATED', []],
    ]);
    expect(result.results![0]!.activity).toMatchObject({
      activityDate: '2027-03-09',
      status: 'SUBMITTED',
      indicator: { id: firstIndicator(nursePlan) },
      clientId: 'hp-nurse:0001',
      writtenAt: new Date(wit('2027-03-09', '17:30')).toISOString(),
    });
    expect(await rows()).toBe(before + 2);
    expect(await audits()).toBe(auditsBefore + 2);
  });

  it('answers a resent batch from what was recorded, writing only the new entry', async () => {
    const before = await rows();
    const result = await sync(nurse, [
      offline('hp-nurse:0001', '2027-03-09', { indicatorId: firstIndicator(nursePlan) }),
      offline('hp-nurse:0002', '2027-03-10'),
      offline('hp-nurse:0003', '2027-03-11'),
    ]);
    expect(statuses(result)).toEqual([
      ['hp-nurse:0001', 'ALREADY_RECORDED', []],
      ['hp-nurse:0002', 'ALREADY_RECORDED', []],
      ['hp-nurse:0003', 'CREATED', []],
    ]);
    expect(await rows()).toBe(before + 1);
  });

  it('answers an entry corrected since (updateActivity) as recorded, with its corrected text', async () => {
    const [first] = (await sync(nurse, [offline('hp-nurse:0004', '2027-03-11')])).results!;
    await e.activityOk(
      'updateActivity',
      { id: first!.activity!.id, expectedVersion: 1, description: 'Diperbaiki' },
      nurse,
    );
    const [again] = (await sync(nurse, [offline('hp-nurse:0004', '2027-03-11')])).results!;
    expect(again).toMatchObject({ status: 'ALREADY_RECORDED', activity: { description: 'Diperbaiki', version: 2 } });
  });

  it('refuses a bad entry alone: the others are recorded, the refused one writes nothing', async () => {
    const before = await rows();
    const result = await sync(nurse, [
      offline('hp-nurse:0010', '2027-03-11'),
      offline('hp-nurse:0011', '2027-03-11', { durationMinutes: 0, description: ' ' }),
      offline('hp-nurse:0012', '2027-03-11', { writtenAt: wit('2027-03-12', '15:06') }),
      offline('hp-nurse:0013', '2027-03-12', { writtenAt: wit('2027-03-11', '20:00') }),
      offline('bad id', '2027-03-11'),
      offline('hp-nurse:0001', '2027-03-11'),
      offline('hp-nurse:0014', '2027-03-11'),
    ]);
    expect(result.results!.map((x) => [x.status, x.userErrors.map((u) => [u.code, u.field])])).toEqual([
      ['CREATED', []],
      [
        'REFUSED',
        [
          ['INVALID', ['input', 'entries', '1', 'description']],
          ['INVALID', ['input', 'entries', '1', 'durationMinutes']],
        ],
      ],
      ['REFUSED', [['INVALID', ['input', 'entries', '2', 'writtenAt']]]],
      ['REFUSED', [['INVALID', ['input', 'entries', '3', 'date']]]],
      ['REFUSED', [['INVALID', ['input', 'entries', '4', 'clientId']]]],
      // Another day under an id already used: not the same entry.
      ['REFUSED', [['IDEMPOTENCY_KEY_REUSED', ['input', 'entries', '5', 'clientId']]]],
      ['CREATED', []],
    ]);
    expect(result.results!.filter((x) => x.status === 'REFUSED').every((x) => x.activity === null)).toBe(true);
    expect(await rows()).toBe(before + 2);
  });

  it('accepts a device clock a few minutes ahead', async () => {
    const [ahead] = (
      await sync(nurse, [offline('hp-nurse:0020', '2027-03-12', { writtenAt: wit('2027-03-12', '15:04') })])
    ).results!;
    expect(ahead!.status).toBe('CREATED');
  });

  it('refuses a day in a closed period or none, like recordActivity', async () => {
    const [outside] = (await sync(nurse, [offline('hp-nurse:0030', '2026-12-30')])).results!;
    expect(outside!.userErrors).toEqual([{ code: 'PERIOD_CLOSED', field: ['input', 'entries', '0', 'date'] }]);
  });

  it('keeps client ids per employee', async () => {
    const [theirs] = (await sync(peer, [offline('hp-nurse:0001', '2027-03-10')])).results!;
    expect(theirs!.status).toBe('CREATED');
  });

  it('writes each entry once when the same batch arrives twice at once', async () => {
    const before = await rows();
    const batch = [offline('hp-nurse:0040', '2027-03-11'), offline('hp-nurse:0041', '2027-03-11')];
    const [a, b] = await Promise.all([sync(nurse, batch), sync(nurse, batch)]);
    expect([...a.results!, ...b.results!].every((x) => x.userErrors.length === 0)).toBe(true);
    expect(a.results!.map((x) => x.activity!.id)).toEqual(b.results!.map((x) => x.activity!.id));
    expect(await rows()).toBe(before + 2);
  });

  it('takes 1 to 50 entries', async () => {
    const before = await rows();
    const many = Array.from({ length: 51 }, (_, i) => offline(`bulk-${i}`, '2027-03-12', { description: textOf(10) }));
    expect(await sync(nurse, many)).toEqual({
      results: null,
      userErrors: [{ code: 'INVALID', field: ['input', 'entries'] }],
    });
    expect((await sync(nurse, [])).userErrors.map((u) => u.code)).toEqual(['INVALID']);
    expect(await rows()).toBe(before);
  });
});
