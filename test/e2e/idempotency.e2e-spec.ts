import { Role } from '../../src/core/auth/role';
import { IdempotencyRecord } from '../../src/core/idempotency/idempotency-record.entity';
import { DailyActivity } from '../../src/modules/activity/daily-activity.entity';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { Unit } from '../../src/modules/unit/unit.entity';
import { type GraphQLResponse, TestApp } from '../support/test-app';
import { wit, type Year } from './evaluation-helpers';
import { ACTIVITY_FIELDS, type ActivityOut, FollowThrough } from './follow-through-helpers';

/**
 * `Idempotency-Key` on create-type mutations (`docs/api.md`, Transport): a resend after a lost answer gets the first
 * answer and writes nothing; the same key with another input is refused; keys are per caller and last a day.
 */

type Recorded = { r: { activity: ActivityOut | null; userErrors: Array<{ code: string; field: string[] | null }> } };
const RECORD = `mutation($input: RecordActivityInput!) { r: recordActivity(input: $input) { activity { ${ACTIVITY_FIELDS} } userErrors { code field } } }`;

describe('Idempotency-Key', () => {
  let app: TestApp;
  let e: FollowThrough;
  let y2027: Year;
  let nurse: Employee;
  let peer: Employee;
  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    await e.givenOrg();
    y2027 = await e.givenYear(2027, { cadence: 'MONTHLY' });
    [{ owner: nurse }, { owner: peer }] = await e.nursesWithPlans(2, y2027);
    await e.movePeriodTo(y2027.period, 'RUNNING');
    app.clock.set(wit('2027-03-10', '16:45'));
  });
  afterAll(() => app?.stop());

  const entry = (description = 'Imunisasi di Posyandu Hitigima') => ({
    date: '2027-03-10',
    description,
    durationMinutes: 90,
  });
  const record = async (
    who: Employee,
    input: Record<string, unknown>,
    key?: string,
  ): Promise<GraphQLResponse<Recorded>> =>
    app.gql<Recorded>(
      RECORD,
      { input },
      await e.token(who),
      key === undefined ? {} : { headers: { 'idempotency-key': key } },
    );
  const rows = () => app.db.manager.count(DailyActivity);
  const audits = () => app.db.manager.count(AuditEntry);

  it('answers a resend with the first answer and writes once', async () => {
    const [before, auditsBefore] = [await rows(), await audits()];
    const first = await record(nurse, entry(), 'phone-1:entry-0001');
    expect(first.body.data?.r.userErrors).toEqual([]);
    const again = await record(nurse, entry(), 'phone-1:entry-0001');
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(first.body.data);
    expect(await rows()).toBe(before + 1);
    expect(await audits()).toBe(auditsBefore + 1);
  });

  it('shows the record as it is now on a resend (re-read, not a copy)', async () => {
    const first = (await record(nurse, entry('Penyuluhan gizi'), 'phone-1:entry-0002')).body.data!.r.activity!;
    await e.activityOk('updateActivity', { id: first.id, expectedVersion: 1, durationMinutes: 45 }, nurse);
    const again = (await record(nurse, entry('Penyuluhan gizi'), 'phone-1:entry-0002')).body.data!.r.activity!;
    expect(again).toEqual({ ...first, durationMinutes: 45, version: 2 });
  });

  it('refuses the same key with another input (IDEMPOTENCY_KEY_REUSED), writing nothing', async () => {
    await record(nurse, entry('Kunjungan rumah'), 'phone-1:entry-0003');
    const before = await rows();
    const other = await record(nurse, entry('Kunjungan rumah, 3 keluarga'), 'phone-1:entry-0003');
    expect(other.body.data?.r).toEqual({
      activity: null,
      userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: null }],
    });
    expect(await rows()).toBe(before);
  });

  it('keeps keys apart per caller', async () => {
    const before = await rows();
    const mine = await record(nurse, entry('Rapat puskesmas'), 'shared-key');
    const theirs = await record(peer, entry('Rapat puskesmas'), 'shared-key');
    expect(theirs.body.data?.r.userErrors).toEqual([]);
    expect(theirs.body.data?.r.activity?.id).not.toBe(mine.body.data?.r.activity?.id);
    expect(await rows()).toBe(before + 2);
  });

  it('writes once when the same key arrives several times at once', async () => {
    const before = await rows();
    const answers = await Promise.all(Array.from({ length: 6 }, () => record(nurse, entry('Posyandu'), 'burst-1')));
    const ids = new Set(answers.map((a) => a.body.data?.r.activity?.id));
    expect(answers.map((a) => a.body.data?.r.userErrors)).toEqual(answers.map(() => []));
    expect(ids.size).toBe(1);
    expect(await rows()).toBe(before + 1);
  });

  it('stores nothing for a refused first try: the corrected resend writes', async () => {
    const refused = await record(nurse, { ...entry(), durationMinutes: 0 }, 'phone-1:entry-0004');
    expect(refused.body.data?.r.userErrors.map((u) => u.code)).toEqual(['INVALID']);
    const fixed = await record(nurse, entry('Dicatat ulang'), 'phone-1:entry-0004');
    expect(fixed.body.data?.r.userErrors).toEqual([]);
  });

  it('forgets a key after 24 hours (and purges it)', async () => {
    const first = await record(nurse, entry('Laporan bulanan'), 'daily-key');
    app.clock.set(wit('2027-03-11', '16:46'));
    try {
      const later = await record(nurse, entry('Laporan bulanan'), 'daily-key');
      expect(later.body.data?.r.userErrors).toEqual([]);
      expect(later.body.data?.r.activity?.id).not.toBe(first.body.data?.r.activity?.id);
      const keys = await app.db.manager.getRepository(IdempotencyRecord).find();
      expect(keys.every((k) => k.createdAt.getTime() > new Date(wit('2027-03-10', '16:46')).getTime())).toBe(true);
    } finally {
      app.clock.set(wit('2027-03-10', '16:45'));
    }
  });

  it('works for a client principal and a mutation of another module (createUnit)', async () => {
    const hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    const create = () =>
      app.gql<{ r: { unit: { id: string; code: string } | null } }>(
        'mutation { r: createUnit(input: { code: "PKM-WLS", name: "Puskesmas Walesi", kind: HEALTH_CENTRE }) { unit { id code } userErrors { code } } }',
        {},
        hr,
        { headers: { 'idempotency-key': 'import-batch-7:unit-1' } },
      );
    const before = await app.db.manager.count(Unit);
    const [first, again] = [await create(), await create()];
    expect(first.body.errors).toBeUndefined();
    expect(again.body.data).toEqual(first.body.data);
    expect(await app.db.manager.count(Unit)).toBe(before + 1);
  });

  describe('refused before anything runs (400 BAD_IDEMPOTENCY_KEY)', () => {
    const refusedWith = (res: GraphQLResponse<unknown>) => [res.status, res.body.errors?.[0]?.extensions?.code];

    it('a key of the wrong shape', async () => {
      const before = await rows();
      expect(refusedWith(await record(nurse, entry(), 'has space'))).toEqual([400, 'BAD_IDEMPOTENCY_KEY']);
      expect(refusedWith(await record(nurse, entry(), 'k'.repeat(101)))).toEqual([400, 'BAD_IDEMPOTENCY_KEY']);
      expect(await rows()).toBe(before);
    });

    it('a key on a query, on a mutation without support, or on several mutations', async () => {
      const token = await e.token(nurse);
      const headers = { 'idempotency-key': 'k-1' };
      expect(refusedWith(await app.gql('{ viewer { roles } }', {}, token, { headers }))).toEqual([
        400,
        'BAD_IDEMPOTENCY_KEY',
      ]);
      const update = 'mutation { updateActivity(input: { id: "x", expectedVersion: 1 }) { userErrors { code } } }';
      expect(refusedWith(await app.gql(update, {}, token, { headers }))).toEqual([400, 'BAD_IDEMPOTENCY_KEY']);
      const before = await rows();
      const two = `mutation($input: RecordActivityInput!) { a: recordActivity(input: $input) { userErrors { code } } b: recordActivity(input: $input) { userErrors { code } } }`;
      expect(refusedWith(await app.gql(two, { input: entry() }, token, { headers }))).toEqual([
        400,
        'BAD_IDEMPOTENCY_KEY',
      ]);
      expect(await rows()).toBe(before);
    });
  });
});
