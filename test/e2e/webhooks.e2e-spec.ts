import { TestApp } from '../support/test-app';
import { Role } from '../../src/core/auth/role';
import { loadConfig } from '../../src/core/config/config';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { webhookService } from '../../src/modules/webhook/webhook.service';
import { systemResolve } from '../../src/modules/webhook/webhook-target';
import { Actor } from '../../src/core/auth/actor';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { WebhookEndpoint } from '../../src/modules/webhook/webhook-endpoint.entity';
import { decideSeeEndpoint } from '../../src/modules/webhook/webhook.policy';

/**
 * The webhook endpoints' API over HTTP: who may register and see them (HR admins in scope, integration clients;
 * others FORBIDDEN, another scope's endpoint NOT_FOUND), the SSRF rule at registration, versions, the secret shown
 * once, and refusals that leave the database unchanged.
 */

interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
}
interface EndpointOut {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  version: number;
  scopeUnitId: string | null;
}

const FIELDS = 'id url eventTypes enabled version scopeUnitId';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret webhookEndpoint { ${FIELDS} } userErrors { code field message } } }`;
const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) { webhookEndpoint { ${FIELDS} } userErrors { code field message } } }`;
const DISABLE = `mutation($input: DisableWebhookEndpointInput!) {
  disableWebhookEndpoint(input: $input) { webhookEndpoint { ${FIELDS} } userErrors { code field message } } }`;
const ROTATE = `mutation($input: RotateWebhookEndpointSecretInput!) {
  rotateWebhookEndpointSecret(input: $input) { secret webhookEndpoint { ${FIELDS} } userErrors { code field message } } }`;
const LIST = `{ webhookEndpoints { ${FIELDS} } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount nodes { eventType status } } }`;

type CreateResult = {
  createWebhookEndpoint: { secret: string | null; webhookEndpoint: EndpointOut | null; userErrors: UserErrorOut[] };
};

describe('webhook endpoints', () => {
  let app: TestApp;
  let unitA: Unit;
  let unitB: Unit;
  let person: Employee;
  const tokens: Record<string, string> = {};

  const create = (token: string, url: string, eventTypes = ['appraisal.changed']) =>
    app.gql<CreateResult>(CREATE, { input: { url, eventTypes } }, token);

  const tableCounts = async () => {
    const count = async (table: string) =>
      Number((await app.db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return {
      endpoints: await count('webhook_endpoint'),
      outbox: await count('outbox_event'),
      audit: await count('audit_entry'),
    };
  };

  beforeAll(async () => {
    const defaults = loadConfig({ NODE_ENV: 'test' }).webhooks;
    app = await TestApp.start({ webhooks: { ...defaults, allowedHosts: ['127.0.0.1'] } });
    // Registration resolves host names: a fake DNS keeps the test off the network.
    webhookService.resolve = async (host) => {
      if (host === 'localhost') return systemResolve(host);
      if (host === 'rebind.example.test') return [{ address: '127.0.0.1', family: 4 }];
      return [{ address: '93.184.216.34', family: 4 }];
    };
    const region = await app.fixtures.unit({ code: 'WH-R', kind: UnitKind.GOVERNMENT });
    unitA = await app.fixtures.unit({ code: 'WH-A', parent: region });
    unitB = await app.fixtures.unit({ code: 'WH-B', parent: region });
    person = await app.fixtures.employee({ unit: unitA });
    tokens.hrRegion = await app.token('hr-region', { roles: [Role.HR_ADMIN] });
    tokens.hrA = await app.token(person.nip, { roles: [Role.HR_ADMIN], unit: unitA.code });
    tokens.hrB = await app.token('hr-b', { roles: [Role.HR_ADMIN], unit: unitB.code });
    tokens.portal = await app.token('portal', { roles: [Role.INTEGRATION] });
    tokens.otherPortal = await app.token('other-portal', { roles: [Role.INTEGRATION] });
    tokens.employee = await app.token(person.nip);
    tokens.analyst = await app.token('dasbor', { roles: [Role.ANALYST] });
  });

  afterAll(async () => {
    webhookService.resolve = undefined;
    await app?.stop();
  });

  it('registers an endpoint, answers its secret once, records a ping for it and an audit row without the secret', async () => {
    const before = await tableCounts();
    const { body } = await create(tokens.hrA!, 'https://hooks.example.org/kinerja', [
      'appraisal.changed',
      'appraisal.changed',
    ]);
    const payload = body.data!.createWebhookEndpoint;
    expect(payload.userErrors).toEqual([]);
    expect(payload.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(payload.webhookEndpoint).toMatchObject({
      url: 'https://hooks.example.org/kinerja',
      eventTypes: ['appraisal.changed'],
      enabled: true,
      version: 1,
    });
    expect(payload.webhookEndpoint!.scopeUnitId).toBe(unitA.id);
    expect(await tableCounts()).toEqual({
      endpoints: before.endpoints + 1,
      outbox: before.outbox + 1,
      audit: before.audit + 1,
    });
    const [audit] = await app.db.manager.query(
      "SELECT after FROM audit_entry WHERE action = 'WEBHOOK_ENDPOINT_CREATED' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.after).not.toContain(payload.secret);
    expect(JSON.stringify(await app.data(LIST, {}, tokens.hrA!))).not.toContain('whsec_');
  });

  it.each([
    ['http://127.0.0.2/', 'URL_ADDRESS'],
    ['http://10.1.2.3/hook', 'URL_ADDRESS'],
    ['http://169.254.169.254/latest/meta-data/', 'URL_ADDRESS'],
    ['http://[::1]:4001/', 'URL_ADDRESS'],
    ['http://[::ffff:127.0.0.1]/', 'URL_ADDRESS'],
    // 127.0.0.2: 127.0.0.1 itself is on this test's allow list.
    ['http://0x7f000002/', 'URL_ADDRESS'],
    ['http://localhost:4001/', 'URL_ADDRESS'],
    ['https://rebind.example.test/', 'URL_ADDRESS'],
    ['https://user:secret@hooks.example.org/', 'URL_CREDENTIALS'],
    ['file:///etc/passwd', 'URL_SCHEME'],
  ])('refuses the SSRF target %s (INVALID on url), changing nothing', async (url) => {
    const before = await tableCounts();
    const { body } = await create(tokens.portal!, url);
    expect(body.errors).toBeUndefined();
    expect(body.data!.createWebhookEndpoint.webhookEndpoint).toBeNull();
    expect(body.data!.createWebhookEndpoint.userErrors).toEqual([
      { code: 'INVALID', field: ['input', 'url'], message: expect.any(String) },
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('says why in both languages', async () => {
    const id = await app.gql<CreateResult>(
      CREATE,
      { input: { url: 'http://10.0.0.1/', eventTypes: ['appraisal.changed'] } },
      tokens.portal!,
      { headers: { 'accept-language': 'id' } },
    );
    expect(id.body.data!.createWebhookEndpoint.userErrors[0]!.message).toContain('jaringan internal');
    const en = await create(tokens.portal!, 'http://10.0.0.1/');
    expect(en.body.data!.createWebhookEndpoint.userErrors[0]!.message).toContain('internal network');
  });

  it('accepts a loopback target only because its host is in WEBHOOK_ALLOWED_HOSTS', async () => {
    const { body } = await create(tokens.portal!, 'http://127.0.0.1:4001/hook');
    expect(body.data!.createWebhookEndpoint.userErrors).toEqual([]);
    expect(body.data!.createWebhookEndpoint.webhookEndpoint!.scopeUnitId).toBeNull();
  });

  it('refuses unknown and missing event types', async () => {
    const unknown = await create(tokens.portal!, 'https://hooks.example.org/', ['appraisal.changed', 'no.such']);
    expect(unknown.body.data!.createWebhookEndpoint.userErrors).toEqual([
      { code: 'INVALID', field: ['input', 'eventTypes', '1'], message: expect.any(String) },
    ]);
    const none = await create(tokens.portal!, 'https://hooks.example.org/', []);
    expect(none.body.data!.createWebhookEndpoint.userErrors[0]!.code).toBe('INVALID');
  });

  it('refuses by role alone: employees and analysts are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    for (const token of [tokens.employee!, tokens.analyst!]) {
      for (const query of [LIST, CREATE]) {
        const result = await app.gql(query, { input: { url: 'https://hooks.example.org/', eventTypes: [] } }, token);
        expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
    const anonymous = await app.gql(LIST);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows each endpoint to its owner and to HR admins whose scope covers it; to no one else', async () => {
    const a = (await create(tokens.hrA!, 'https://a.example.org/')).body.data!.createWebhookEndpoint.webhookEndpoint!;
    const b = (await create(tokens.hrB!, 'https://b.example.org/')).body.data!.createWebhookEndpoint.webhookEndpoint!;
    const p = (await create(tokens.portal!, 'https://p.example.org/')).body.data!.createWebhookEndpoint
      .webhookEndpoint!;
    const ids = async (token: string) =>
      (await app.data<{ webhookEndpoints: EndpointOut[] }>(LIST, {}, token)).webhookEndpoints.map((e) => e.id);
    expect(await ids(tokens.hrA!)).toEqual(expect.arrayContaining([a.id]));
    expect(await ids(tokens.hrA!)).not.toEqual(expect.arrayContaining([b.id]));
    expect(await ids(tokens.hrA!)).not.toContain(p.id);
    expect(await ids(tokens.hrB!)).toEqual([b.id]);
    expect(await ids(tokens.portal!)).toContain(p.id);
    expect(await ids(tokens.portal!)).not.toContain(a.id);
    expect(await ids(tokens.otherPortal!)).toEqual([]);
    expect(await ids(tokens.hrRegion!)).toEqual(expect.arrayContaining([a.id, b.id, p.id]));

    // Another scope's endpoint reads as absent: NOT_FOUND for every change, nothing changed, no deliveries.
    const before = await tableCounts();
    const update = await app.gql<{ updateWebhookEndpoint: { userErrors: UserErrorOut[] } }>(
      UPDATE,
      { input: { id: a.id, expectedVersion: 1, url: 'https://evil.example.org/' } },
      tokens.hrB!,
    );
    expect(update.body.data!.updateWebhookEndpoint.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) },
    ]);
    for (const [query, name] of [
      [DISABLE, 'disableWebhookEndpoint'],
      [ROTATE, 'rotateWebhookEndpointSecret'],
    ] as const) {
      for (const token of [tokens.hrB!, tokens.otherPortal!]) {
        const result = await app.gql<Record<string, { userErrors: UserErrorOut[] }>>(
          query,
          { input: { id: a.id } },
          token,
        );
        expect(result.body.data![name]!.userErrors[0]!.code).toBe('NOT_FOUND');
      }
    }
    expect(await tableCounts()).toEqual(before);
    const deliveries = await app.data<{ webhookDeliveries: { totalCount: number } }>(
      DELIVERIES,
      { id: a.id },
      tokens.hrB!,
    );
    expect(deliveries.webhookDeliveries.totalCount).toBe(0);

    // The region-wide HR admin may act on it.
    const disabled = await app.data<{ disableWebhookEndpoint: { webhookEndpoint: EndpointOut } }>(
      DISABLE,
      { input: { id: a.id } },
      tokens.hrRegion!,
    );
    expect(disabled.disableWebhookEndpoint.webhookEndpoint).toMatchObject({ enabled: false, version: 2 });
  });

  it('lists exactly what decideSeeEndpoint allows, for every actor (the SQL and the rule agree)', async () => {
    await create(tokens.hrB!, 'https://agree-b.example.org/');
    await create(tokens.otherPortal!, 'https://agree-p.example.org/');
    const endpoints = await app.db.manager.getRepository(WebhookEndpoint).find();
    const closure: Array<{ ancestor_id: number | string; descendant_id: number | string }> = await app.db.manager.query(
      'SELECT ancestor_id, descendant_id FROM unit_closure',
    );
    const covers = (scope: number | null, unit: number | null) =>
      scope === null ||
      (unit !== null && closure.some((c) => Number(c.ancestor_id) === scope && Number(c.descendant_id) === unit));
    const actors: Array<[string, Actor]> = [
      ['hrRegion', Actor.client('hr-region', [Role.HR_ADMIN])],
      ['hrA', Actor.employee(person.rowId, person.nip, [Role.HR_ADMIN], unitA.rowId)],
      ['hrB', Actor.client('hr-b', [Role.HR_ADMIN], unitB.rowId)],
      ['portal', Actor.client('portal', [Role.INTEGRATION])],
      ['otherPortal', Actor.client('other-portal', [Role.INTEGRATION])],
    ];
    for (const [name, actor] of actors) {
      const expected = endpoints
        .filter((endpoint) =>
          decideSeeEndpoint({
            actor,
            endpoint,
            scopeCovers: actor.isHrAdmin && covers(actor.hrScopeUnitId, endpoint.scopeUnitId),
          }),
        )
        .map((e) => e.id)
        .sort();
      const listed = (await app.data<{ webhookEndpoints: EndpointOut[] }>(LIST, {}, tokens[name]!)).webhookEndpoints
        .map((e) => e.id)
        .sort();
      expect([name, listed]).toEqual([name, expected]);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('keeps the endpoints’ pings out of the changes feed (they are not domain events)', async () => {
    const pings = Number(
      (await app.db.manager.query("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'webhook.ping'"))[0].n,
    );
    expect(pings).toBeGreaterThan(0);
    app.clock.set(new Date(Date.now() + 60_000));
    try {
      const feed = await app.data<{ changes: { nodes: Array<{ name: string }> } }>(
        '{ changes(first: 100) { nodes { name } } }',
        {},
        tokens.portal!,
      );
      expect(feed.changes.nodes.map((n) => n.name)).not.toContain('webhook.ping');
      const asked = await app.data<{ changes: { nodes: Array<{ name: string }> } }>(
        '{ changes(first: 100, types: [WEBHOOK_PING]) { nodes { name } } }',
        {},
        tokens.portal!,
      );
      expect(asked.changes.nodes).toEqual([]);
    } finally {
      app.clock.reset();
    }
  });

  it('updates with the version read, refuses a stale one with CONFLICT, and rotates the secret', async () => {
    const created = (await create(tokens.portal!, 'https://v.example.org/')).body.data!.createWebhookEndpoint;
    const id = created.webhookEndpoint!.id;
    const updated = await app.data<{ updateWebhookEndpoint: { webhookEndpoint: EndpointOut; userErrors: [] } }>(
      UPDATE,
      { input: { id, expectedVersion: 1, eventTypes: ['feedback.received', 'appraisal.changed'] } },
      tokens.portal!,
    );
    expect(updated.updateWebhookEndpoint.webhookEndpoint).toMatchObject({
      eventTypes: ['feedback.received', 'appraisal.changed'],
      version: 2,
    });
    const stale = await app.data<{ updateWebhookEndpoint: { userErrors: UserErrorOut[] } }>(
      UPDATE,
      { input: { id, expectedVersion: 1, url: 'https://w.example.org/' } },
      tokens.portal!,
    );
    expect(stale.updateWebhookEndpoint.userErrors[0]!.code).toBe('CONFLICT');
    const refusedUrl = await app.data<{ updateWebhookEndpoint: { userErrors: UserErrorOut[] } }>(
      UPDATE,
      { input: { id, expectedVersion: 2, url: 'http://192.168.0.10/' } },
      tokens.portal!,
    );
    expect(refusedUrl.updateWebhookEndpoint.userErrors).toEqual([
      { code: 'INVALID', field: ['input', 'url'], message: expect.any(String) },
    ]);
    const rotated = await app.data<{ rotateWebhookEndpointSecret: { secret: string; webhookEndpoint: EndpointOut } }>(
      ROTATE,
      { input: { id } },
      tokens.portal!,
    );
    expect(rotated.rotateWebhookEndpointSecret.secret).toMatch(/^whsec_/);
    expect(rotated.rotateWebhookEndpointSecret.secret).not.toBe(created.secret);
    expect(rotated.rotateWebhookEndpointSecret.webhookEndpoint.version).toBe(3);
    const again = await app.data<{ disableWebhookEndpoint: { userErrors: UserErrorOut[] } }>(
      DISABLE,
      { input: { id } },
      tokens.portal!,
    );
    expect(again.disableWebhookEndpoint.userErrors).toEqual([]);
    const twice = await app.data<{ disableWebhookEndpoint: { userErrors: UserErrorOut[] } }>(
      DISABLE,
      { input: { id } },
      tokens.portal!,
    );
    expect(twice.disableWebhookEndpoint.userErrors[0]!.code).toBe('ALREADY_IN_STATE');
  });
});
