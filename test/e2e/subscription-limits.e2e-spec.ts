import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { parse } from 'graphql';
import WebSocket from 'ws';
import { buildAppSchema } from '../../src/app/schema';
import { estimateQuery } from '../../src/app/query-limits';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { Role } from '../../src/core/auth/role';
import { TestApp } from '../support/test-app';
import { type OpenSubscription, type SubscriptionClient } from '../support/subscription-client';
import { Planning, PLAN_FIELDS, type PlanOut } from './planning-helpers';

/**
 * What one client may make the server do over WebSocket (issue 15, items 3, 5, 8 and 10): subscriptions per socket
 * and per principal, their cost against the principal's budget, deactivation closing open sockets, frames and
 * silent sockets before anyone signed in, and no field suggestions.
 */

const APPRAISAL_CHANGED = 'subscription($id: ID!) { appraisalChanged(id: $id) { id status } }';
const FEEDBACK_RECEIVED = 'subscription { feedbackReceived { id text } }';
const PROTOCOL = 'graphql-transport-ws';

interface World {
  app: TestApp;
  p: Planning;
  head: Employee;
  nurse: Employee;
  peer: Employee;
  plan: PlanOut;
  peerPlan: PlanOut;
}

/** A unit with a head and two staff with a plan each, in a period of 2027. */
async function world(app: TestApp, code: string): Promise<World> {
  const p = await new Planning(app).init();
  app.clock.set('2027-01-04T01:00:00Z');
  const f = app.fixtures;
  const pkm = await f.unit({ code, name: 'UPTD Puskesmas Walesi', kind: UnitKind.AGENCY });
  const head = await f.employee({
    unit: pkm,
    name: 'Agustina Wenda',
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala UPTD Puskesmas Walesi',
  });
  const nurse = await f.employee({
    unit: pkm,
    supervisor: head,
    name: 'Maria Asso',
    positionKind: PositionKind.FUNGSIONAL,
    positionTitle: 'Perawat Terampil',
  });
  const peer = await f.employee({
    unit: pkm,
    supervisor: head,
    name: 'Yohana Logo',
    positionKind: PositionKind.FUNGSIONAL,
    positionTitle: 'Bidan Terampil',
  });
  await f.setHead(pkm, head);
  await p.openPeriod(2027);
  return { app, p, head, nurse, peer, plan: await p.createPlan(nurse), peerPlan: await p.createPlan(peer) };
}

const giveFeedback = (w: World, to: PlanOut, text: string) =>
  w.p.ok<{ feedback: { id: string } }>(
    'giveFeedback',
    { target: 'APPRAISAL', targetId: to.id, text },
    w.head,
    'feedback { id }',
  );

/** Opens `count` subscriptions on one client and waits until each is either listening or refused. */
async function open(
  app: TestApp,
  client: SubscriptionClient,
  count: number,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const before = app.server.activeSubscriptions();
  const subs = Array.from({ length: count }, () =>
    client.subscribe<{ appraisalChanged: { id: string } }>(query, variables),
  );
  const deadline = Date.now() + 10_000;
  // A refused subscription completes with its error; an admitted one is counted by the server as listening.
  while (subs.filter((s) => s.completed).length + app.server.activeSubscriptions() - before < count) {
    if (Date.now() > deadline) throw new Error('subscriptions were neither listening nor refused in time');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { subs, admitted: subs.filter((s) => !s.completed), refused: subs.filter((s) => s.completed) };
}

/** Waits until the server has let go of subscriptions, down to `count` listening. */
async function listeningDropsTo(app: TestApp, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (app.server.activeSubscriptions() > count) {
    if (Date.now() > deadline)
      throw new Error(`still ${app.server.activeSubscriptions()} subscriptions listening, expected ${count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const codesOf = (subs: Array<OpenSubscription<unknown>>) => [
  ...new Set(subs.map((s) => s.received[0]?.errors?.[0]?.extensions?.code)),
];

describe('subscriptions per socket and per principal', () => {
  let w: World;

  beforeAll(async () => {
    w = await world(await TestApp.start(), 'LIM-PKM');
  });
  afterAll(() => w?.app.stop());

  it('admits 10 of 100 subscriptions on one socket and 20 over three sockets; one event then runs 20 times; another person is unaffected', async () => {
    const { app, p, nurse, peer, plan, peerPlan } = w;
    const token = await p.token(nurse);
    const before = app.server.activeSubscriptions();

    const first = await open(app, app.subscriptionClient(token), 100, APPRAISAL_CHANGED, { id: plan.id });
    expect([first.admitted.length, first.refused.length]).toEqual([10, 90]);
    expect(codesOf(first.refused)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect(first.refused[0]!.received[0]!.errors![0]!.message).toBe(
      'At most 10 subscriptions per connection: complete one before starting another.',
    );
    await app.subscriptionsListening(before + 10);

    const second = await open(app, app.subscriptionClient(token), 10, APPRAISAL_CHANGED, { id: plan.id });
    expect(second.admitted).toHaveLength(10);
    await app.subscriptionsListening(before + 20);
    const third = await open(app, app.subscriptionClient(token), 5, APPRAISAL_CHANGED, { id: plan.id });
    expect([third.admitted.length, codesOf(third.refused)]).toEqual([0, ['TOO_MANY_SUBSCRIPTIONS']]);
    expect(third.refused[0]!.received[0]!.errors![0]!.message).toBe(
      'At most 20 subscriptions at once for one sign-in: complete one before starting another.',
    );

    // Another person's subscriptions are their own.
    const peerSubs = await open(app, app.subscriptionClient(await p.token(peer)), 10, APPRAISAL_CHANGED, {
      id: peerPlan.id,
    });
    expect(peerSubs.admitted).toHaveLength(10);
    await app.subscriptionsListening(before + 30);
    expect(app.server.activeSubscriptions()).toBe(before + 30);

    await giveFeedback(w, plan, 'Satu perubahan, dua puluh penerima.');
    const delivered = [...first.admitted, ...second.admitted];
    await Promise.all(delivered.map((s) => s.waitFor(1)));
    expect(delivered.map((s) => s.received.length)).toEqual(Array(20).fill(1));
    await giveFeedback(w, peerPlan, 'Untuk rekan.');
    await Promise.all(peerSubs.admitted.map((s) => s.waitFor(1)));
    expect(peerSubs.admitted.map((s) => s.received[0]?.data?.appraisalChanged.id)).toEqual(Array(10).fill(peerPlan.id));
    // The refused ones got their refusal and nothing more; the nurse's events came once each.
    expect([...first.refused, ...third.refused].every((s) => s.received.length === 1 && !s.received[0]!.data)).toBe(
      true,
    );
    expect(delivered.map((s) => s.received.length)).toEqual(Array(20).fill(1));
  });

  it('gives the places back when a subscription completes or its socket closes', async () => {
    const { app } = w;
    const f = app.fixtures;
    const other = await f.employee({ unit: await f.unit({ code: 'LIM-OTHER' }), name: 'Nelce Kogoya' });
    const token = await app.token(other.nip);
    const one = app.subscriptionClient(token);
    const full = await open(app, one, 10, FEEDBACK_RECEIVED);
    expect(full.admitted).toHaveLength(10);
    full.admitted[0]!.dispose();
    await listeningDropsTo(app, app.server.activeSubscriptions() - 1);
    const again = await open(app, one, 2, FEEDBACK_RECEIVED);
    expect([again.admitted.length, again.refused.length]).toEqual([1, 1]);
    expect((await open(app, app.subscriptionClient(token), 10, FEEDBACK_RECEIVED)).admitted).toHaveLength(10);
    const three = app.subscriptionClient(token);
    expect((await open(app, three, 1, FEEDBACK_RECEIVED)).refused).toHaveLength(1);
    const listening = app.server.activeSubscriptions();
    await one.dispose();
    await listeningDropsTo(app, listening - 10);
    expect((await open(app, three, 10, FEEDBACK_RECEIVED)).admitted).toHaveLength(10);
  });
});

describe('the cost of subscriptions and of their events', () => {
  // A subscription that reads the whole plan: its cost is what each event costs to execute.
  const WHOLE_PLAN = `subscription($id: ID!) { appraisalChanged(id: $id) { ${PLAN_FIELDS} } }`;
  let w: World;
  let cost: number;

  beforeAll(async () => {
    cost = estimateQuery(await buildAppSchema(), parse(WHOLE_PLAN), undefined, { id: 'x' }).cost;
    // Room for the subscription and one event; the minute refills less than one more in the seconds a test takes.
    w = await world(await TestApp.start({ rateLimitCostPerMinute: Math.floor(cost * 2.5) }), 'COST-PKM');
  });
  afterAll(() => w?.app.stop());

  it('spends the same budget as HTTP: each event is charged, and once spent the event is refused (RATE_LIMITED), not executed', async () => {
    const { app, plan, peerPlan } = w;
    // HR readers who have spent nothing yet (the fixtures' own requests were made by others).
    const watcher = await app.token('hr-watcher', { roles: [Role.HR_ADMIN] });
    const sub = app
      .subscriptionClient(watcher)
      .subscribe<{ appraisalChanged: { id: string; status: string } }>(WHOLE_PLAN, { id: plan.id });
    await app.subscriptionsListening(1);
    await giveFeedback(w, plan, 'Peristiwa pertama.');
    await sub.waitFor(1);
    expect(sub.received[0]!.errors).toBeUndefined();
    expect(sub.received[0]!.data!.appraisalChanged).toMatchObject({ id: plan.id, status: 'DRAFT' });
    await giveFeedback(w, plan, 'Peristiwa kedua.');
    await sub.waitFor(2);
    expect(sub.received[1]!.data).toBeUndefined();
    expect(sub.received[1]!.errors!.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    // The same budget over HTTP is spent as well: the same read of the plan is refused there.
    const http = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on Appraisal { ${PLAN_FIELDS} } } }`,
      { id: plan.id },
      watcher,
    );
    expect([http.status, http.body.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    // Another principal's budget is untouched: their subscription is admitted and its event executed.
    const other = app.subscriptionClient(await app.token('hr-watcher-2', { roles: [Role.HR_ADMIN] }));
    const otherSub = other.subscribe<{ appraisalChanged: { id: string } }>(WHOLE_PLAN, { id: peerPlan.id });
    await app.subscriptionsListening(2);
    await giveFeedback(w, peerPlan, 'Untuk rekan.');
    expect((await otherSub.waitFor(1))[0]!.data!.appraisalChanged.id).toBe(peerPlan.id);
  });
});

describe('deactivation closes the person’s open sockets', () => {
  let w: World;

  beforeAll(async () => {
    w = await world(await TestApp.start(), 'DEACT-PKM');
  });
  afterAll(() => w?.app.stop());

  it('closes every socket of a deactivated employee (4403) within seconds; another person’s socket lives on', async () => {
    const { app, p, nurse, peer, peerPlan } = w;
    const nurseClients = [app.subscriptionClient(await p.token(nurse)), app.subscriptionClient(await p.token(nurse))];
    const nurseSubs = nurseClients.map((c) => c.subscribe(FEEDBACK_RECEIVED));
    const peerClient = app.subscriptionClient(await p.token(peer));
    const peerSub = peerClient.subscribe<{ feedbackReceived: { id: string } }>(FEEDBACK_RECEIVED);
    await app.subscriptionsListening(3);

    await p.ok(
      'deactivateEmployee',
      { id: toGlobalId('Employee', nurse.rowId), expectedVersion: nurse.version },
      p.hr,
      'employee { active }',
    );
    for (const client of nurseClients)
      expect(await client.whenClosed(5000)).toEqual({ code: 4403, reason: 'Signed out: the account was deactivated' });
    expect(nurseSubs.flatMap((s) => s.received)).toEqual([]);

    const given = await giveFeedback(w, peerPlan, 'Masih tersambung.');
    expect((await peerSub.waitFor(1))[0]!.data!.feedbackReceived.id).toBe(given.feedback.id);
    expect(peerClient.closed).toBeUndefined();
  });
});

describe('every open socket is authenticated again now and then', () => {
  let w: World;

  beforeAll(async () => {
    w = await world(await TestApp.start({ wsRevalidateMs: 300 }), 'REVAL-PKM');
  });
  afterAll(() => w?.app.stop());

  it('closes the socket of an employee deactivated without an event (a lost Redis message); another person’s lives on', async () => {
    const { app, p, nurse, peer, peerPlan } = w;
    const nurseClient = app.subscriptionClient(await p.token(nurse));
    nurseClient.subscribe(FEEDBACK_RECEIVED);
    const peerClient = app.subscriptionClient(await p.token(peer));
    const peerSub = peerClient.subscribe<{ feedbackReceived: { id: string } }>(FEEDBACK_RECEIVED);
    await app.subscriptionsListening(2);
    // Straight in the database: no deactivation event is published.
    await app.db.manager.query('UPDATE employee SET active = ? WHERE id = ?', [false, nurse.rowId]);
    expect(await nurseClient.whenClosed(5000)).toEqual({
      code: 4403,
      reason: 'Signed out: the token or the account is no longer valid',
    });
    const given = await giveFeedback(w, peerPlan, 'Masih tersambung.');
    expect((await peerSub.waitFor(1))[0]!.data!.feedbackReceived.id).toBe(given.feedback.id);
    expect(peerClient.closed).toBeUndefined();
  });
});

/** Opens a TCP connection, upgrades it to a WebSocket by hand, and resolves once the server answered 101. */
async function rawWebSocket(url: string): Promise<{ socket: Socket; received: () => Buffer }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let data = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  socket.write(
    [
      'GET /graphql HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Protocol: ${PROTOCOL}`,
      '',
      '',
    ].join('\r\n'),
  );
  const deadline = Date.now() + 5000;
  while (!data.includes('\r\n\r\n')) {
    if (Date.now() > deadline) throw new Error('no upgrade answer');
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(data.toString('latin1').split('\r\n')[0]).toBe('HTTP/1.1 101 Switching Protocols');
  const headerEnd = data.indexOf('\r\n\r\n') + 4;
  return { socket, received: () => data.subarray(headerEnd) };
}

/** The header of a client's (masked) text frame of `length` bytes, in the 64-bit length form. */
function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  randomBytes(4).copy(header, 10);
  return header;
}

/** The close code of the first close frame the server sent, once it did (undefined after the timeout). */
async function closeCode(received: () => Buffer, timeoutMs = 5000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = received();
    // An unmasked server frame: 0x88 is FIN + close, then a 1-byte length, then the code.
    const at = frames.indexOf(0x88);
    if (at >= 0 && frames.length >= at + 4) return frames.readUInt16BE(at + 2);
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A plain `ws` socket speaking graphql-transport-ws that has sent nothing yet. */
function silentSocket(
  url: string,
): Promise<{ ws: WebSocket; closed: Promise<{ code: number; at: number }> } | { refused: number }> {
  const ws = new WebSocket(url.replace(/^http/, 'ws'), PROTOCOL);
  const closed = new Promise<{ code: number; at: number }>((resolve) =>
    ws.once('close', (code) => resolve({ code, at: Date.now() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      res.resume();
    });
    ws.once('error', reject);
  });
}

describe('before anyone signed in', () => {
  let app: TestApp;
  let nurse: Employee;

  beforeAll(async () => {
    // The sign-in timeout is long here, so that the sockets below stay unauthenticated as long as the test needs.
    app = await TestApp.start({ wsConnectionInitTimeoutMs: 30_000, wsMaxUnauthenticatedConnections: 3 });
    nurse = await app.fixtures.employee({ unit: await app.fixtures.unit({ code: 'PRE-PKM' }), name: 'Maria Asso' });
  });
  afterAll(() => app?.stop());

  it('closes a socket at the header of a frame larger than the HTTP body limit (1009), without waiting for the frame', async () => {
    expect(app.config.bodyLimitBytes).toBe(100 * 1024);
    const { socket, received } = await rawWebSocket(app.url);
    try {
      // A text frame announcing 60 MiB, of which only 64 KiB are sent.
      socket.write(Buffer.concat([frameHeader(60 * 1024 * 1024), Buffer.alloc(64 * 1024, 0x20)]));
      expect(await closeCode(received)).toBe(1009);
    } finally {
      socket.destroy();
    }
  });

  it('closes a frame just over the limit too, and accepts one just under it (control)', async () => {
    const over = await rawWebSocket(app.url);
    try {
      over.socket.write(
        Buffer.concat([frameHeader(app.config.bodyLimitBytes + 1), Buffer.alloc(app.config.bodyLimitBytes + 1, 0x20)]),
      );
      expect(await closeCode(over.received)).toBe(1009);
    } finally {
      over.socket.destroy();
    }
    const client = app.subscriptionClient(null, {
      authorization: `Bearer ${await app.token(nurse.nip)}`,
      padding: 'x'.repeat(90 * 1024),
    });
    await client.connected();
  });

  it('refuses (503) a new socket while 3 others have not signed in yet, and takes it once one has', async () => {
    const silent = await Promise.all([1, 2, 3].map(() => silentSocket(app.url)));
    expect(silent.every((s) => 'ws' in s)).toBe(true);
    expect(await silentSocket(app.url)).toEqual({ refused: 503 });
    // One of them signs in: a place is free again.
    const first = silent[0] as { ws: WebSocket };
    const acked = new Promise((resolve) => first.ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    first.ws.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await app.token(nurse.nip)}` } }),
    );
    expect(await acked).toEqual({ type: 'connection_ack' });
    const fourth = await silentSocket(app.url);
    expect('ws' in fourth).toBe(true);
    for (const s of [...silent, fourth]) if ('ws' in s) s.ws.close();
  });
});

describe('a socket that never signs in', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ wsConnectionInitTimeoutMs: 200 });
  });
  afterAll(() => app?.stop());

  it('is closed (4408) after the configured time to send connection_init', async () => {
    const started = Date.now();
    const socket = await silentSocket(app.url);
    if (!('ws' in socket)) throw new Error(`refused with ${socket.refused}`);
    const { code, at } = await socket.closed;
    expect(code).toBe(4408);
    // Configured 0.2 s; graphql-ws's own default is 3 s.
    expect(at - started).toBeLessThan(2000);
  });
});

describe('field suggestions over WebSocket', () => {
  let app: TestApp;
  let nurse: Employee;

  beforeAll(async () => {
    app = await TestApp.start();
    nurse = await app.fixtures.employee({ unit: await app.fixtures.unit({ code: 'SUGG-PKM' }), name: 'Maria Asso' });
  });
  afterAll(() => app?.stop());

  it('are not given, as over HTTP: the error names what was asked, not what exists', async () => {
    const client = app.subscriptionClient(await app.token(nurse.nip));
    const sub = client.subscribe('subscription { feedbackReceived { txt } }');
    const [refusal] = await sub.waitFor(1);
    expect(refusal!.errors).toEqual([
      { message: 'Cannot query field "txt" on type "Feedback".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    const http = await app.gql('{ viewer { subjekt } }', {}, await app.token(nurse.nip));
    expect(http.body.errors?.[0]?.message).toBe('Cannot query field "subjekt" on type "Viewer".');
  });

  it('a variable of the wrong type or missing is BAD_USER_INPUT, as over HTTP, not a masked internal error', async () => {
    const client = app.subscriptionClient(await app.token(nurse.nip));
    const query = 'subscription($id: ID!) { appraisalChanged(id: $id) { id } }';
    for (const variables of [{ id: { not: 'an id' } }, {}]) {
      const [refusal] = await client.subscribe(query, variables).waitFor(1);
      expect(refusal!.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
