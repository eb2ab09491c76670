import { Role } from '../../src/core/auth/role';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import {
  eachCase,
  expectAnswered,
  expectUnauthenticated,
  expectWrite,
  errorCodes,
  snapshotTables,
} from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';
import { webhookService } from '../../src/modules/webhook/webhook.service';
import { WebhookDelivery, WebhookDeliveryStatus } from '../../src/modules/webhook/webhook-delivery.entity';

/**
 * The webhook operations as an authorization matrix: every actor × every operation on an endpoint registered by
 * the HR admin of unit A (with one FAILED delivery). Role alone decides FORBIDDEN; an endpoint outside the caller's
 * reach reads as absent (NOT_FOUND, an empty log, left out of the list); refused writes change no row.
 */

type ActorName =
  | 'employee'
  | 'analyst'
  | 'anonymous'
  | 'hrRegion'
  | 'hrOfA'
  | 'hrOfSubA'
  | 'hrOfB'
  | 'integration'
  | 'otherIntegration';
const ACTORS: readonly ActorName[] = [
  'employee',
  'analyst',
  'anonymous',
  'hrRegion',
  'hrOfA',
  'hrOfSubA',
  'hrOfB',
  'integration',
  'otherIntegration',
];
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND';

/** Who reaches the endpoint of HR of A: its owner and the region-wide HR admin. HR of a unit inside A does not. */
const REACHES: ReadonlySet<ActorName> = new Set(['hrOfA', 'hrRegion']);

function outcomeFor(actor: ActorName): Outcome {
  if (actor === 'anonymous') return 'UNAUTHENTICATED';
  if (actor === 'employee' || actor === 'analyst') return 'FORBIDDEN';
  return REACHES.has(actor) ? 'ALLOWED' : 'NOT_FOUND';
}

interface Target {
  endpointId: string;
  deliveryId: string;
}

type Operation = (app: TestApp, target: Target, token: string | null) => Promise<void>;

const TABLES = ['webhook_endpoint', 'webhook_delivery', 'outbox_event', 'audit_entry'];

/** A mutation checked with the project's write rule: refused ones leave every table as it was. */
function write(root: string, object: string, input: (t: Target) => Record<string, unknown>) {
  return (outcome: Outcome): Operation =>
    async (app, target, token) => {
      const before = await snapshotTables(app, TABLES);
      const res = await app.gql(
        `mutation($input: ${root[0]!.toUpperCase()}${root.slice(1)}Input!) { ${root}(input: $input) { ${object} { id } userErrors { code field } } }`,
        { input: input(target) },
        token,
      );
      const after = await snapshotTables(app, TABLES);
      await expectWrite(outcome, { res, root, object, before, after });
    };
}

const ROWS: ReadonlyArray<readonly [string, (outcome: Outcome) => Operation]> = [
  [
    'webhookEndpoints',
    (outcome) => async (app, target, token) => {
      const res = await app.gql<{ webhookEndpoints: Array<{ id: string }> }>('{ webhookEndpoints { id } }', {}, token);
      if (outcome === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      if (outcome === 'FORBIDDEN') {
        expect(errorCodes(res)).toEqual(['FORBIDDEN']);
        return;
      }
      const ids = expectAnswered(res).webhookEndpoints.map((e) => e.id);
      if (outcome === 'ALLOWED') expect(ids).toContain(target.endpointId);
      else expect(ids).not.toContain(target.endpointId);
    },
  ],
  [
    'webhookDeliveries',
    (outcome) => async (app, target, token) => {
      const res = await app.gql<{ webhookDeliveries: { totalCount: number; nodes: Array<{ id: string }> } }>(
        'query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount nodes { id } } }',
        { id: target.endpointId },
        token,
      );
      if (outcome === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      if (outcome === 'FORBIDDEN') {
        expect(errorCodes(res)).toEqual(['FORBIDDEN']);
        return;
      }
      const log = expectAnswered(res).webhookDeliveries;
      if (outcome === 'ALLOWED') expect(log.nodes.map((d) => d.id)).toContain(target.deliveryId);
      else expect(log).toEqual({ totalCount: 0, nodes: [] });
    },
  ],
  [
    'createWebhookEndpoint',
    (outcome) =>
      write('createWebhookEndpoint', 'webhookEndpoint', () => ({
        url: 'https://hooks.example.org/',
        eventTypes: ['appraisal.changed'],
      }))(outcome === 'NOT_FOUND' ? 'ALLOWED' : outcome),
  ],
  [
    'updateWebhookEndpoint',
    write('updateWebhookEndpoint', 'webhookEndpoint', (t) => ({
      id: t.endpointId,
      expectedVersion: 1,
      eventTypes: ['feedback.received'],
    })),
  ],
  ['disableWebhookEndpoint', write('disableWebhookEndpoint', 'webhookEndpoint', (t) => ({ id: t.endpointId }))],
  [
    'rotateWebhookEndpointSecret',
    write('rotateWebhookEndpointSecret', 'webhookEndpoint', (t) => ({ id: t.endpointId })),
  ],
  ['retryWebhookDelivery', write('retryWebhookDelivery', 'webhookDelivery', (t) => ({ id: t.deliveryId }))],
];

describe('webhook authorization matrix', () => {
  let app: TestApp;
  const tokens = {} as Record<ActorName, string | null>;

  /** A fresh endpoint of HR of A with one FAILED delivery, so that no case depends on another. */
  const freshTarget = async (): Promise<Target> => {
    const created = await app.data<{ createWebhookEndpoint: { webhookEndpoint: { id: string } } }>(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } } }`,
      { input: { url: 'https://a.example.org/hook', eventTypes: ['appraisal.changed'] } },
      tokens.hrOfA,
    );
    const endpointId = created.createWebhookEndpoint.webhookEndpoint.id;
    const [endpoint] = await app.db.manager.query('SELECT id FROM webhook_endpoint ORDER BY id DESC LIMIT 1');
    const [ping] = await app.db.manager.query('SELECT id, event_id FROM outbox_event ORDER BY id DESC LIMIT 1');
    const now = new Date();
    now.setUTCMilliseconds(0);
    const delivery = app.db.manager.getRepository(WebhookDelivery).create({
      endpointId: Number(endpoint.id),
      outboxEventId: Number(ping.id),
      eventId: ping.event_id,
      eventType: 'webhook.ping',
      status: WebhookDeliveryStatus.FAILED,
      attempts: 3,
      nextAttemptAt: now,
      createdAt: now,
    });
    await app.db.manager.getRepository(WebhookDelivery).insert(delivery);
    return { endpointId, deliveryId: delivery.id };
  };

  beforeAll(async () => {
    app = await TestApp.start();
    // Registration resolves host names: a fake DNS keeps the test off the network.
    webhookService.resolve = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]);
    const region = await app.fixtures.unit({ code: 'WA-R', kind: UnitKind.GOVERNMENT });
    const a = await app.fixtures.unit({ code: 'WA-A', parent: region });
    const subA = await app.fixtures.unit({ code: 'WA-A1', parent: a });
    const b = await app.fixtures.unit({ code: 'WA-B', parent: region });
    const person = await app.fixtures.employee({ unit: subA });
    tokens.employee = await app.token(person.nip);
    tokens.analyst = await app.token('dasbor', { roles: [Role.ANALYST] });
    tokens.anonymous = null;
    tokens.hrRegion = await app.token('hr-region', { roles: [Role.HR_ADMIN] });
    tokens.hrOfA = await app.token('hr-a', { roles: [Role.HR_ADMIN], unit: a.code });
    tokens.hrOfSubA = await app.token('hr-a1', { roles: [Role.HR_ADMIN], unit: subA.code });
    tokens.hrOfB = await app.token('hr-b', { roles: [Role.HR_ADMIN], unit: b.code });
    tokens.integration = await app.token('portal', { roles: [Role.INTEGRATION] });
    tokens.otherIntegration = await app.token('other-portal', { roles: [Role.INTEGRATION] });
  });

  afterAll(async () => {
    webhookService.resolve = undefined;
    await app?.stop();
  });

  eachCase({
    actors: ACTORS,
    rows: ROWS,
    outcome: (_row, actor, name) =>
      name === 'createWebhookEndpoint' && outcomeFor(actor) === 'NOT_FOUND' ? 'ALLOWED' : outcomeFor(actor),
    check: async (c) => {
      const target = await freshTarget();
      await c.row(c.outcome)(app, target, tokens[c.actor]);
    },
  });
});
