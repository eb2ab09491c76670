import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { SubscriptionClient } from '../support/subscription-client';
import { Planning, type PlanOut } from './planning-helpers';

/**
 * With `REDIS_URL`, events cross instances: feedback given through one server process reaches a subscriber of
 * another, in both directions. The second instance is a real `node` process on the same database; `.ci/run` sets
 * REDIS_URL (and starts Redis when it is not answering), so this runs in CI.
 */

const redisUrl = process.env.REDIS_URL;
const FEEDBACK_RECEIVED = 'subscription { feedbackReceived { id text } }';
const ROOT = join(__dirname, '..', '..');

interface Instance {
  child: ChildProcess;
  url: string;
}

/** Starts `src/main.ts` in its own process on the given database and Redis; resolves with its GraphQL URL. */
function startInstance(databaseUrl: string, channelPrefix: string): Promise<Instance> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      REDIS_URL: redisUrl,
      REDIS_CHANNEL_PREFIX: channelPrefix,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second instance did not start in time: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`second instance exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'listening' && entry.url) {
        clearTimeout(timer);
        resolve({ child, url: entry.url.replace('localhost', '127.0.0.1') });
      }
    });
  });
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

(redisUrl ? describe : describe.skip)('events across two server processes through Redis', () => {
  const prefix = `kw-test-${randomBytes(4).toString('hex')}`;
  const channel = `${prefix}:FEEDBACK_RECEIVED`;
  let app: TestApp;
  let second: Instance | undefined;
  let redis: Redis;
  let p: Planning;
  let head: Employee;
  let nurse: Employee;
  let plan: PlanOut;

  jest.setTimeout(60_000);

  beforeAll(async () => {
    app = await TestApp.start({ redisUrl, redisChannelPrefix: prefix }, { shared: true });
    redis = new Redis(redisUrl!);
    p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const pkm = await app.fixtures.unit({ code: 'REDIS-PKM', name: 'UPTD Puskesmas Walesi', kind: UnitKind.AGENCY });
    head = await app.fixtures.employee({
      unit: pkm,
      name: 'Agustina Wenda',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Walesi',
    });
    nurse = await app.fixtures.employee({
      unit: pkm,
      supervisor: head,
      name: 'Maria Asso',
      positionKind: PositionKind.FUNGSIONAL,
      positionTitle: 'Perawat Terampil',
    });
    await app.fixtures.setHead(pkm, head);
    await p.openPeriod(2027);
    plan = await p.createPlan(nurse);
    second = await startInstance(app.testDb.url, prefix);
  });

  afterAll(async () => {
    await stopInstance(second);
    redis?.disconnect();
    await app?.stop();
  });

  /** Waits until `count` processes listen on the channel, so that nothing is published before anyone hears it. */
  async function subscribers(count: number, on = channel, exactly = false): Promise<void> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const [, n] = (await redis.pubsub('NUMSUB', on)) as [string, number];
      if (exactly ? Number(n) === count : Number(n) >= count) return;
      if (Date.now() > deadline) throw new Error(`only ${n} of ${count} processes subscribed to ${on}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function giveFeedbackThrough(url: string, text: string): Promise<string> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await p.token(head)}` },
      body: JSON.stringify({
        query:
          'mutation($input: GiveFeedbackInput!) { giveFeedback(input: $input) { feedback { id } userErrors { code message } } }',
        variables: { input: { target: 'APPRAISAL', targetId: plan.id, text } },
      }),
    });
    const body = (await response.json()) as {
      data: { giveFeedback: { feedback: { id: string } | null; userErrors: unknown[] } };
    };
    expect(body.data.giveFeedback.userErrors).toEqual([]);
    return body.data.giveFeedback.feedback!.id;
  }

  it('delivers feedback given through the second process to a subscriber of the first', async () => {
    const client = app.subscriptionClient(await p.token(nurse));
    try {
      const before = app.server.activeSubscriptions();
      const sub = client.subscribe<{ feedbackReceived: { id: string; text: string } }>(FEEDBACK_RECEIVED);
      await app.subscriptionsListening(before + 1);
      await subscribers(1);
      // How fast it crosses is measured by `npm run reliability:latency`, not here.
      const id = await giveFeedbackThrough(second!.url, 'Diberikan lewat instans kedua.');
      const [event] = await sub.waitFor(1);
      expect(event!.data!.feedbackReceived).toEqual({ id, text: 'Diberikan lewat instans kedua.' });
    } finally {
      await client.dispose();
    }
  });

  it('and feedback given through the first process to a subscriber of the second', async () => {
    // Whatever ran before has let go of the channel: the one process that then listens is the second.
    await subscribers(0, channel, true);
    const client = new SubscriptionClient(second!.url, await p.token(nurse));
    try {
      const sub = client.subscribe<{ feedbackReceived: { id: string; text: string } }>(FEEDBACK_RECEIVED);
      await subscribers(1, channel, true);
      const id = await giveFeedbackThrough(app.url, 'Diberikan lewat instans pertama.');
      const [event] = await sub.waitFor(1);
      expect(event!.data!.feedbackReceived).toEqual({ id, text: 'Diberikan lewat instans pertama.' });
    } finally {
      await client.dispose();
    }
  });

  it('closes a deactivated employee’s sockets on both processes (4403), whichever one HR used', async () => {
    const leaver = await app.fixtures.employee({
      unit: await app.fixtures.unit({ code: 'REDIS-LEAVER' }),
      name: 'Petrus Asso',
    });
    const token = await app.token(leaver.nip);
    const onFirst = app.subscriptionClient(token);
    const onSecond = new SubscriptionClient(second!.url, token);
    try {
      onFirst.subscribe(FEEDBACK_RECEIVED);
      onSecond.subscribe(FEEDBACK_RECEIVED);
      await Promise.all([onFirst.connected(), onSecond.connected()]);
      // Both processes listen for deactivations from the start.
      await subscribers(2, `${prefix}:EMPLOYEE_DEACTIVATED`);
      const response = await app.gql<{ deactivateEmployee: { userErrors: unknown[] } }>(
        'mutation($input: DeactivateEmployeeInput!) { deactivateEmployee(input: $input) { userErrors { code message } } }',
        { input: { id: toGlobalId('Employee', leaver.rowId), expectedVersion: leaver.version } },
        p.hr,
      );
      expect(response.body.data?.deactivateEmployee.userErrors).toEqual([]);
      const closed = { code: 4403, reason: 'Signed out: the account was deactivated' };
      expect(await onSecond.whenClosed(5000)).toEqual(closed);
      expect(await onFirst.whenClosed(5000)).toEqual(closed);
    } finally {
      await onSecond.dispose();
    }
  });
});
