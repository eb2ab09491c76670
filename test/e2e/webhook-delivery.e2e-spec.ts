import { TestApp } from '../support/test-app';
import { TestReceiver } from '../support/webhook-receiver';
import { Actor } from '../../src/core/auth/actor';
import { Role } from '../../src/core/auth/role';
import { loadConfig, type WebhookSettings } from '../../src/core/config/config';
import { RequestContext } from '../../src/core/context/request-context';
import { createLogger } from '../../src/core/server/logger';
import { policyTable } from '../../src/app/policy-table';
import { EventType } from '../../src/modules/outbox/event-type';
import { type DomainEvent, recordEvents } from '../../src/modules/outbox/outbox';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { WebhookDelivery, WebhookDeliveryStatus } from '../../src/modules/webhook/webhook-delivery.entity';
import { WebhookWorker } from '../../src/modules/webhook/webhook-worker';
import { verifyWebhook } from '../../src/modules/webhook/webhook-signature';
import { testDatabaseKind } from '../support/test-database';

/**
 * Delivery of outbox events to webhook endpoints, with a receiver in the test (127.0.0.1, allowed by
 * WEBHOOK_ALLOWED_HOSTS): retries while it is down, a worker killed mid-delivery, scope at delivery time,
 * signatures, giving up and retrying by hand, and two workers at once (SKIP LOCKED on MariaDB).
 */

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret webhookEndpoint { id } userErrors { code message } } }`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus) {
  webhookDeliveries(endpointId: $id, status: $status, first: 50) {
    totalCount nodes { id eventId eventType status attempts lastStatusCode lastError deliveredAt } } }`;
const RETRY = `mutation($input: RetryWebhookDeliveryInput!) {
  retryWebhookDelivery(input: $input) { webhookDelivery { status } userErrors { code } } }`;

interface Registered {
  id: string;
  secret: string;
}

describe('webhook delivery', () => {
  let app: TestApp;
  let receiver: TestReceiver;
  let settings: WebhookSettings;
  let unitA: Unit;
  let unitB: Unit;
  let personInB: Employee;
  const tokens: Record<string, string> = {};
  /** The workers' clock: real time moved forward by the test. */
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const log = createLogger('silent');

  const worker = (overrides: Partial<WebhookSettings> = {}) =>
    new WebhookWorker({ db: app.db, settings: { ...settings, ...overrides }, log, clock, random: () => 0.5 });

  const register = async (token: string, path: string, eventTypes: string[]): Promise<Registered> => {
    const result = await app.data<{
      createWebhookEndpoint: { secret: string; webhookEndpoint: { id: string } };
    }>(CREATE, { input: { url: receiver.url(path), eventTypes } }, token);
    return { id: result.createWebhookEndpoint.webhookEndpoint.id, secret: result.createWebhookEndpoint.secret };
  };

  /** Writes outbox rows as a domain change would: in a transaction. */
  const emit = (events: DomainEvent[]) =>
    new RequestContext({
      requestId: 'emit',
      actor: Actor.client('test', [Role.HR_ADMIN]),
      db: app.db,
      log,
      policyTable,
      timeZone: 'Asia/Jayapura',
    }).transaction((tx) => recordEvents(tx, events));

  const appraisalChanged = (unit: Unit, n: number): DomainEvent => ({
    type: EventType.APPRAISAL_CHANGED,
    subjectId: `Appraisal:${n}`,
    unitId: unit.rowId,
    employeeId: null,
    payload: { status: 'SUBMITTED' },
  });

  const deliveriesOf = (endpointId: string, token: string) =>
    app.data<{
      webhookDeliveries: {
        totalCount: number;
        nodes: Array<{ id: string; eventId: string; eventType: string; status: string; attempts: number }>;
      };
    }>(DELIVERIES, { id: endpointId }, token);

  beforeAll(async () => {
    settings = { ...loadConfig({ NODE_ENV: 'test' }).webhooks, allowedHosts: ['127.0.0.1'], timeoutSeconds: 2 };
    app = await TestApp.start({ webhooks: settings });
    receiver = await TestReceiver.start();
    const region = await app.fixtures.unit({ code: 'WD-R', kind: UnitKind.GOVERNMENT });
    unitA = await app.fixtures.unit({ code: 'WD-A', parent: region });
    unitB = await app.fixtures.unit({ code: 'WD-B', parent: region });
    personInB = await app.fixtures.employee({ unit: unitB });
    tokens.hrA = await app.token('hr-a', { roles: [Role.HR_ADMIN], unit: unitA.code });
    tokens.hrB = await app.token('hr-b', { roles: [Role.HR_ADMIN], unit: unitB.code });
    tokens.portal = await app.token('portal', { roles: [Role.INTEGRATION] });
  });

  afterAll(async () => {
    await receiver?.down();
    await app?.stop();
  });

  beforeEach(async () => {
    // Each test starts with nothing pending from the one before.
    await app.db.manager.query('UPDATE webhook_endpoint SET enabled = 0');
    await app.db.manager.query(`UPDATE webhook_delivery SET status = 'DELIVERED'`);
    receiver.received.length = 0;
    await receiver.up();
    // Events are written at real time: the workers' clock starts there again.
    offsetMs = 0;
  });

  it('sends each event to the endpoints whose owner may read it, signed, with the payload and no personal text', async () => {
    const a = await register(tokens.hrA!, '/a', ['appraisal.changed', 'feedback.received']);
    const b = await register(tokens.hrB!, '/b', ['appraisal.changed', 'feedback.received']);
    const portal = await register(tokens.portal!, '/portal', ['appraisal.changed']);
    await emit([
      appraisalChanged(unitA, 1),
      {
        type: EventType.FEEDBACK_RECEIVED,
        subjectId: 'Feedback:9',
        unitId: null,
        employeeId: personInB.rowId,
        payload: { feedbackId: 'Feedback:9' },
      },
    ]);
    await worker().deliverDue();

    // HR of A: the event in A only; HR of B: the person-only event about someone in B; the portal: its type, all.
    expect(receiver.events('/a').map((r) => r.type)).toEqual(['appraisal.changed']);
    expect(receiver.events('/b').map((r) => r.type)).toEqual(['feedback.received']);
    expect(receiver.events('/portal').map((r) => r.type)).toEqual(['appraisal.changed']);
    // Every endpoint got its own ping, and nobody else's.
    for (const path of ['/a', '/b', '/portal'])
      expect(receiver.received.filter((r) => r.path === path && r.type === 'webhook.ping')).toHaveLength(1);

    const [delivered] = receiver.events('/a');
    expect(delivered!.id).toMatch(/^evt_[0-9a-f-]{36}$/);
    expect(verifyWebhook(a.secret, delivered!, delivered!.body)).toBe(true);
    expect(verifyWebhook(b.secret, delivered!, delivered!.body)).toBe(false);
    expect(JSON.parse(delivered!.body)).toEqual({
      type: 'appraisal.changed',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { subjectId: 'Appraisal:1', unitId: unitA.id, status: 'SUBMITTED' },
    });
    for (const r of receiver.received) {
      const secret = r.path === '/a' ? a.secret : r.path === '/b' ? b.secret : portal.secret;
      expect(verifyWebhook(secret, r, r.body)).toBe(true);
    }
    const log = await deliveriesOf(a.id, tokens.hrA!);
    expect(log.webhookDeliveries.nodes.map((d) => [d.eventType, d.status])).toEqual([
      ['appraisal.changed', 'DELIVERED'],
      ['webhook.ping', 'DELIVERED'],
    ]);
    // The wrong scope sees nothing of it.
    expect((await deliveriesOf(a.id, tokens.hrB!)).webhookDeliveries.totalCount).toBe(0);

    // A second round sends nothing again.
    receiver.received.length = 0;
    expect(await worker().deliverDue()).toMatchObject({ delivered: 0 });
    expect(receiver.received).toEqual([]);
  });

  it('retries while the receiver is down and delivers later with the same webhook-id', async () => {
    const portal = await register(tokens.portal!, '/retry', ['appraisal.changed']);
    await worker().deliverDue(); // the ping
    await receiver.down();
    await emit([appraisalChanged(unitA, 2)]);
    expect(await worker().deliverDue()).toMatchObject({ delivered: 0, retrying: 1 });
    const [pending] = (await deliveriesOf(portal.id, tokens.portal!)).webhookDeliveries.nodes;
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 1 });

    // Not due yet: nothing is tried.
    expect(await worker().deliverDue()).toMatchObject({ delivered: 0, retrying: 0 });
    offsetMs += 60_000;
    expect(await worker().deliverDue()).toMatchObject({ retrying: 1 });

    await receiver.up();
    offsetMs += 3_600_000;
    expect(await worker().deliverDue()).toMatchObject({ delivered: 1 });
    const received = receiver.events('/retry');
    expect(received).toHaveLength(1);
    expect(received[0]!.id).toBe(pending!.eventId);
    expect(verifyWebhook(portal.secret, received[0]!, received[0]!.body, Math.floor(clock().getTime() / 1000))).toBe(
      true,
    );
    const [done] = (await deliveriesOf(portal.id, tokens.portal!)).webhookDeliveries.nodes;
    expect(done).toMatchObject({ status: 'DELIVERED', attempts: 3 });
  });

  it('loses nothing when a worker dies mid-delivery: another sends after the lease, duplicates share the webhook-id', async () => {
    await register(tokens.portal!, '/killed', ['appraisal.changed']);
    await worker().deliverDue(); // the ping
    await emit([appraisalChanged(unitA, 3), appraisalChanged(unitA, 4)]);
    const dying = worker();
    await dying.fanOut();
    const claim = await dying.claim();
    expect(claim.deliveries).toHaveLength(2);
    // The claimed rows are leased: another worker leaves them alone until the lease ends.
    expect(await worker().deliverDue()).toMatchObject({ delivered: 0 });
    expect(receiver.events('/killed')).toEqual([]);

    offsetMs += (settings.timeoutSeconds + 31) * 1000;
    expect(await worker().deliverDue()).toMatchObject({ delivered: 2 });
    const first = receiver.events('/killed').map((r) => r.id);
    expect(new Set(first).size).toBe(2);

    // The "dead" worker wakes up and sends what it held: a duplicate, with the same ids; its outcome is not recorded.
    await dying.send(claim);
    const all = receiver.events('/killed').map((r) => r.id);
    expect(all).toHaveLength(4);
    expect(new Set(all)).toEqual(new Set(first));
    const rows = await app.db.manager.getRepository(WebhookDelivery).findBy({ eventType: 'appraisal.changed' });
    const mine = rows.filter((r) => first.includes(r.eventId));
    expect(mine.map((r) => r.status)).toEqual([WebhookDeliveryStatus.DELIVERED, WebhookDeliveryStatus.DELIVERED]);
    expect(mine.map((r) => r.attempts)).toEqual([2, 2]);
  });

  it('refuses at delivery time a target that became internal, and marks a delivery FAILED after the retry hours; it can be retried', async () => {
    const portal = await register(tokens.portal!, '/late', ['appraisal.changed']);
    await worker().deliverDue();
    await emit([appraisalChanged(unitA, 5)]);
    // The allow list no longer names 127.0.0.1 (a changed configuration, or DNS): the POST is refused before it leaves.
    const strict = worker({ allowedHosts: [], retryHours: 1 });
    expect(await strict.deliverDue()).toMatchObject({ delivered: 0, retrying: 1 });
    expect(receiver.events('/late')).toEqual([]);
    const [refused] = (
      await app.data<{ webhookDeliveries: { nodes: Array<{ id: string; lastError: string }> } }>(
        DELIVERIES,
        { id: portal.id, status: 'PENDING' },
        tokens.portal!,
      )
    ).webhookDeliveries.nodes;
    expect(refused!.lastError).toContain('target refused');

    offsetMs += 3_600_000;
    expect(await strict.deliverDue()).toMatchObject({ failed: 1 });
    const failed = await app.data<{ webhookDeliveries: { nodes: Array<{ id: string; status: string }> } }>(
      DELIVERIES,
      { id: portal.id, status: 'FAILED' },
      tokens.portal!,
    );
    const failedId = failed.webhookDeliveries.nodes[0]!.id;

    // Another scope may not retry it (NOT_FOUND); the owner may, once.
    const outOfScope = await app.data<{ retryWebhookDelivery: { userErrors: Array<{ code: string }> } }>(
      RETRY,
      { input: { id: failedId } },
      tokens.hrB!,
    );
    expect(outOfScope.retryWebhookDelivery.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const retried = await app.data<{ retryWebhookDelivery: { webhookDelivery: { status: string } } }>(
      RETRY,
      { input: { id: failedId } },
      tokens.portal!,
    );
    expect(retried.retryWebhookDelivery.webhookDelivery.status).toBe('PENDING');
    const twice = await app.data<{ retryWebhookDelivery: { userErrors: Array<{ code: string }> } }>(
      RETRY,
      { input: { id: failedId } },
      tokens.portal!,
    );
    expect(twice.retryWebhookDelivery.userErrors).toEqual([{ code: 'INVALID_STATE' }]);
    expect(await worker().deliverDue()).toMatchObject({ delivered: 1 });
    expect(receiver.events('/late')).toHaveLength(1);
  });

  it('runs as a loop until stopped; sends nothing for a deactivated owner; fails what was pending for a disabled endpoint', async () => {
    const owner = await app.fixtures.employee({ unit: unitA });
    const ownerToken = await app.token(owner.nip, { roles: [Role.HR_ADMIN], unit: unitA.code });
    await register(ownerToken, '/person', ['appraisal.changed']);
    const portal = await register(tokens.portal!, '/loop', ['appraisal.changed']);

    const loop = worker({ pollSeconds: 1 });
    loop.start();
    try {
      await emit([appraisalChanged(unitA, 6)]);
      for (let i = 0; i < 100 && receiver.events('/loop').length === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(receiver.events('/loop')).toHaveLength(1);
      expect(receiver.events('/person')).toHaveLength(1);
    } finally {
      await loop.stop();
    }

    // The person who registered it is deactivated: their endpoint receives nothing more; the portal's does.
    await app.db.manager.query('UPDATE employee SET active = 0 WHERE id = ?', [owner.rowId]);
    await emit([appraisalChanged(unitA, 7)]);
    await worker().deliverDue();
    expect(receiver.events('/person')).toHaveLength(1);
    expect(receiver.events('/loop')).toHaveLength(2);

    // The portal's next delivery waits for a retry; the endpoint is disabled meanwhile: it ends FAILED, unsent.
    await receiver.down();
    await emit([appraisalChanged(unitA, 8)]);
    expect(await worker().deliverDue()).toMatchObject({ retrying: 1 });
    const disabled = await app.gql(
      `mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { userErrors { code } } }`,
      { input: { id: portal.id } },
      tokens.portal!,
    );
    expect(disabled.body.errors).toBeUndefined();
    await receiver.up();
    offsetMs += 3_600_000;
    await worker().deliverDue();
    expect(receiver.events('/loop')).toHaveLength(2);
    const failed = await app.data<{ webhookDeliveries: { nodes: Array<{ status: string; lastError: string }> } }>(
      DELIVERIES,
      { id: portal.id, status: 'FAILED' },
      tokens.portal!,
    );
    expect(failed.webhookDeliveries.nodes).toEqual([expect.objectContaining({ lastError: 'endpoint disabled' })]);
  });

  it('sends an endpoint enabled again the events from then on, not those it missed', async () => {
    const portal = await register(tokens.portal!, '/again', ['appraisal.changed']);
    await worker().deliverDue();
    const mutate = (query: string, input: Record<string, unknown>) => app.data(query, { input }, tokens.portal!);
    await mutate(
      `mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { userErrors { code } } }`,
      { id: portal.id },
    );
    await emit([appraisalChanged(unitA, 9)]);
    await worker().deliverDue();
    await mutate(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }`,
      { id: portal.id, expectedVersion: 2, enabled: true },
    );
    await emit([appraisalChanged(unitA, 10)]);
    await worker().deliverDue();
    expect(receiver.events('/again').map((r) => JSON.parse(r.body).data.subjectId)).toEqual(['Appraisal:10']);
  });

  it('delivers an event whose transaction commits after a later one (its id is lower than one already sent)', async () => {
    await register(tokens.portal!, '/late-commit', ['appraisal.changed']);
    await worker().deliverDue();
    await emit([appraisalChanged(unitA, 11), appraisalChanged(unitA, 12), appraisalChanged(unitA, 13)]);
    // 12 is "still in its transaction": not visible yet while 11 and 13 are sent.
    const [row] = await app.db.manager.query("SELECT * FROM outbox_event WHERE subject_id = 'Appraisal:12'");
    await app.db.manager.query('DELETE FROM outbox_event WHERE id = ?', [row.id]);
    await worker().deliverDue();
    const subjects = () => receiver.events('/late-commit').map((r) => JSON.parse(r.body).data.subjectId);
    expect(subjects()).toEqual(['Appraisal:11', 'Appraisal:13']);
    // It commits: the endpoint's cursor has not passed its id yet (13 is under a minute old), so it is sent.
    await app.db.manager.query(
      'INSERT INTO outbox_event (id, event_id, type, occurred_at, subject_id, unit_id, employee_id, payload, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        row.id,
        row.event_id,
        row.type,
        row.occurred_at,
        row.subject_id,
        row.unit_id,
        row.employee_id,
        row.payload,
        null,
      ],
    );
    offsetMs += 30_000;
    await worker().deliverDue();
    expect(subjects()).toEqual(['Appraisal:11', 'Appraisal:13', 'Appraisal:12']);
    // Once a minute old, the cursor passes them all: nothing is sent twice.
    offsetMs += 60_000;
    await worker().deliverDue();
    await worker().deliverDue();
    expect(subjects()).toHaveLength(3);
  });

  it(`never has two workers deliver the same delivery at once (${testDatabaseKind === 'mysql' ? 'SKIP LOCKED' : 'one writer'})`, async () => {
    await register(tokens.portal!, '/pair', ['appraisal.changed']);
    await register(tokens.hrA!, '/pair-a', ['appraisal.changed']);
    await emit(Array.from({ length: 40 }, (_, i) => appraisalChanged(unitA, 100 + i)));
    const [one, two] = await Promise.all([worker().deliverDue(), worker().deliverDue()]);
    expect(one.delivered + two.delivered).toBe(2 * 41);
    for (const path of ['/pair', '/pair-a']) {
      const ids = receiver.received.filter((r) => r.path === path).map((r) => r.id);
      expect(ids).toHaveLength(41);
      expect(new Set(ids).size).toBe(41);
    }
  });
});
