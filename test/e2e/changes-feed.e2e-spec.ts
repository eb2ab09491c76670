import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { EventType } from '../../src/modules/outbox/event-type';
import { OutboxEvent } from '../../src/modules/outbox/outbox-event.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';

/**
 * The changes feed over HTTP (`docs/events.md`, The changes feed): the outbox in id order with stable cursors,
 * filtered by type, scoped like webhooks (integration clients the region, HR admins their subtree, nobody else),
 * served only once settled, in one statement whatever the page size.
 */

interface ChangeOut {
  id: string;
  type: string;
  name: string;
  occurredAt: string;
  subjectId: string;
  unitId: string | null;
  payload: string;
}

interface FeedOut {
  changes: {
    nodes: ChangeOut[];
    edges: Array<{ cursor: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const FEED = `query($after: String, $first: Int, $types: [EventType!]) {
  changes(after: $after, first: $first, types: $types) {
    nodes { id type name occurredAt subjectId unitId payload }
    edges { cursor }
    pageInfo { hasNextPage endCursor }
  }
}`;

const NOW = new Date('2027-03-01T02:00:00Z');
const EARLIER = new Date('2027-03-01T01:00:00Z');

describe('the changes feed', () => {
  let app: TestApp;
  let dinkes: Unit;
  let pkm: Unit;
  let other: Unit;
  let employee: Employee;
  let integration: string;
  let regionHr: string;
  let dinkesHr: string;
  /** Event ids by where they fall. */
  const inDinkes: string[] = [];
  const inOther: string[] = [];
  const regionOnly: string[] = [];
  let seq = 0;

  const event = (type: EventType, unit: Unit | null, at = EARLIER): Omit<OutboxEvent, 'id'> => ({
    eventId: `evt_feed_${++seq}`,
    type,
    occurredAt: at,
    subjectId: toGlobalId('Appraisal', seq),
    unitId: unit?.rowId ?? null,
    employeeId: null,
    payload: JSON.stringify({ appraisalId: toGlobalId('Appraisal', seq), toStatus: 'SUBMITTED' }),
    dedupeKey: null,
  });

  async function write(rows: Array<Omit<OutboxEvent, 'id'>>): Promise<void> {
    await app.db.manager.getRepository(OutboxEvent).insert(rows);
  }

  async function feed(token: string, variables: Record<string, unknown> = {}): Promise<FeedOut['changes']> {
    return (await app.data<FeedOut>(FEED, variables, token)).changes;
  }

  /** Every page, following endCursor. */
  /** `types` by their GraphQL names (APPRAISAL_APPROVED). */
  async function readAll(token: string, first: number, types?: string[]): Promise<ChangeOut[]> {
    const seen: ChangeOut[] = [];
    let after: string | null = null;
    for (;;) {
      const page: FeedOut['changes'] = await feed(token, { first, after, types });
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    app = await TestApp.start();
    app.clock.set(NOW);
    dinkes = await app.fixtures.unit({ code: 'CF-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    pkm = await app.fixtures.unit({ code: 'CF-PKM', name: 'Puskesmas Walesi', parent: dinkes });
    other = await app.fixtures.unit({ code: 'CF-DISDIK', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY });
    employee = await app.fixtures.employee({ unit: pkm });
    integration = await app.token('simpeg-sync', { roles: [Role.INTEGRATION] });
    regionHr = await app.token('bkpsdm', { roles: [Role.HR_ADMIN] });
    dinkesHr = await app.token('hr-dinkes', { roles: [Role.HR_ADMIN], unit: 'CF-DINKES' });
    const types = [EventType.APPRAISAL_SUBMITTED, EventType.APPRAISAL_APPROVED, EventType.FEEDBACK_RECEIVED];
    const rows: Array<Omit<OutboxEvent, 'id'>> = [];
    for (let i = 0; i < 24; i++) {
      const unit = [dinkes, pkm, other, null][i % 4]!;
      const row = event(types[i % 3]!, unit);
      rows.push(row);
      (unit === other ? inOther : unit === null ? regionOnly : inDinkes).push(row.eventId);
    }
    await write(rows);
  });
  afterAll(() => app?.stop());

  it('an integration client reads the whole region in id order, page after page, no event twice or missing', async () => {
    const all = await readAll(integration, 5);
    expect(all.map((c) => c.id)).toEqual([...Array(24).keys()].map((i) => `evt_feed_${i + 1}`));
    expect(all[1]).toEqual<ChangeOut>({
      id: 'evt_feed_2',
      type: 'APPRAISAL_APPROVED',
      name: 'appraisal.approved',
      occurredAt: EARLIER.toISOString(),
      subjectId: toGlobalId('Appraisal', 2),
      unitId: toGlobalId('Unit', pkm.rowId),
      payload: JSON.stringify({ appraisalId: toGlobalId('Appraisal', 2), toStatus: 'SUBMITTED' }),
    });
  });

  it('cursors are stable: the same position gives the same cursor, and resuming after it gives the same events', async () => {
    const first = await feed(integration, { first: 7 });
    const again = await feed(integration, { first: 7 });
    expect(again.edges).toEqual(first.edges);
    const rest = await feed(integration, { first: 5, after: first.pageInfo.endCursor });
    expect(rest.nodes.map((c) => c.id)).toEqual([
      'evt_feed_8',
      'evt_feed_9',
      'evt_feed_10',
      'evt_feed_11',
      'evt_feed_12',
    ]);
    // Events written after the cursor was handed out come after it; nothing before it moves.
    await write([event(EventType.EMPLOYEE_DEACTIVATED, pkm)]);
    const tail = await feed(integration, { first: 100, after: first.pageInfo.endCursor });
    expect(tail.nodes.map((c) => c.id).at(-1)).toBe(`evt_feed_${seq}`);
    expect(tail.nodes).toHaveLength(seq - 7);
  });

  it('filters by type', async () => {
    const approved = await readAll(integration, 4, ['APPRAISAL_APPROVED']);
    expect(approved.map((c) => c.type)).toEqual(Array(8).fill('APPRAISAL_APPROVED'));
    const two = await readAll(integration, 100, ['FEEDBACK_RECEIVED', 'EMPLOYEE_DEACTIVATED']);
    expect(new Set(two.map((c) => c.name))).toEqual(new Set(['feedback.received', 'employee.deactivated']));
  });

  it('an HR admin of a subtree sees the events of its units only; a region-wide HR admin sees every event', async () => {
    const scoped = await readAll(dinkesHr, 6);
    expect(scoped.map((c) => c.id)).toEqual([...inDinkes, `evt_feed_25`]);
    expect(
      scoped.every((c) => c.unitId === toGlobalId('Unit', dinkes.rowId) || c.unitId === toGlobalId('Unit', pkm.rowId)),
    ).toBe(true);
    const region = await readAll(regionHr, 100);
    expect(region).toHaveLength(seq);
    expect(region.map((c) => c.id)).toEqual(expect.arrayContaining([...inOther, ...regionOnly]));
    const otherHr = await app.token('hr-disdik', { roles: [Role.HR_ADMIN], unit: 'CF-DISDIK' });
    expect((await readAll(otherHr, 100)).map((c) => c.id)).toEqual(inOther);
  });

  it('employees and analysts are refused by role (FORBIDDEN), with no data', async () => {
    for (const token of [await app.token(employee.nip), await app.token('bi-dashboard', { roles: [Role.ANALYST] })]) {
      const res = await app.gql(FEED, {}, token);
      expect(res.body.data?.changes ?? null).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('serves an event only once settled (2 s), so that one committing late is not passed by a later id', async () => {
    await write([event(EventType.APPRAISAL_SUBMITTED, pkm, NOW)]);
    const before = await readAll(integration, 100);
    expect(before.map((c) => c.id)).not.toContain(`evt_feed_${seq}`);
    app.clock.set(new Date(NOW.getTime() + 2000));
    expect((await readAll(integration, 100)).map((c) => c.id).at(-1)).toBe(`evt_feed_${seq}`);
    app.clock.set(NOW);
  });

  it('a cursor it did not hand out is refused', async () => {
    const res = await app.gql(FEED, { after: 'bm90LWEtY3Vyc29y' }, integration);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a page is one statement, whatever its size', async () => {
    const small = await app.gql(FEED, { first: 2 }, integration);
    const large = await app.gql<FeedOut>(FEED, { first: 100 }, integration);
    expect(small.body.errors).toBeUndefined();
    expect(large.body.errors).toBeUndefined();
    expect(large.body.data!.changes.nodes.length).toBeGreaterThan(20);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(2);
  });

  it('a real change reaches the feed: deactivating an employee', async () => {
    const leaving = await app.fixtures.employee({ unit: other });
    await app.gql(
      'mutation($input: DeactivateEmployeeInput!) { deactivateEmployee(input: $input) { userErrors { code } } }',
      { input: { id: toGlobalId('Employee', leaving.rowId), expectedVersion: leaving.version } },
      regionHr,
    );
    app.clock.set(new Date(NOW.getTime() + 5000));
    const last = (await readAll(integration, 100, ['EMPLOYEE_DEACTIVATED'])).at(-1)!;
    expect(last).toMatchObject({
      name: 'employee.deactivated',
      subjectId: toGlobalId('Employee', leaving.rowId),
      unitId: toGlobalId('Unit', other.rowId),
    });
    expect(JSON.parse(last.payload)).toEqual({
      employeeId: toGlobalId('Employee', leaving.rowId),
      active: false,
      version: leaving.version + 1,
    });
    app.clock.set(NOW);
  });

  it('leaves out an event of a type this build does not name (a newer instance’s, during a rollout)', async () => {
    const future = { ...event(EventType.APPRAISAL_SUBMITTED, pkm), type: 'reminder.not-yet-known' };
    await write([future]);
    const ids = (await readAll(integration, 100)).map((c) => c.id);
    expect(ids).not.toContain(future.eventId);
    expect(ids.length).toBeGreaterThan(20);
  });

  it('gives an HR admin of a subtree a unit-less event about a person in it, as webhooks do (one rule)', async () => {
    const outsider = await app.fixtures.employee({ unit: other });
    const about = (person: { rowId: number }) => ({
      ...event(EventType.FEEDBACK_RECEIVED, null),
      employeeId: person.rowId,
    });
    const mine = about(employee);
    const theirs = about(outsider);
    await write([mine, theirs]);
    const scoped = (await readAll(dinkesHr, 100)).map((c) => c.id);
    expect(scoped).toContain(mine.eventId);
    expect(scoped).not.toContain(theirs.eventId);
    const otherHr = await app.token('hr-disdik', { roles: [Role.HR_ADMIN], unit: 'CF-DISDIK' });
    const theirsSeen = (await readAll(otherHr, 100)).map((c) => c.id);
    expect(theirsSeen).toContain(theirs.eventId);
    expect(theirsSeen).not.toContain(mine.eventId);
  });
});
