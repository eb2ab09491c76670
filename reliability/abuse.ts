import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { Role } from '../src/core/auth/role';
import { loadConfig } from '../src/core/config/config';
import { Database } from '../src/core/database/database';
import { toGlobalId } from '../src/core/graphql/global-id';
import { createLogger } from '../src/core/server/logger';
import { createServer } from '../src/app/server';
import { DEMO_EMPLOYEES } from '../src/app/service';
import { predikatOf } from '../src/modules/evaluation/predikat';
import { ExpectationRating } from '../src/modules/evaluation/evaluation-enums';
import { seedRegion, type SeedResult } from '../src/seed/seed-region';

/**
 * `npm run reliability:abuse` (issue 15, "Done when"): items 1–5 and 8 of the issue as attacks against the service
 * on loopback, on a fresh SQLite file with the demo region. Each attack prints what it tried and what it measured,
 * then HELD or BROKEN; the exit code is 0 only when every attack held.
 *
 * The service runs in a child process (this file with `--serve`), so that its memory is its own and a busy event
 * loop there does not slow the attacker's clock. It binds 127.0.0.1 only; every wait below is bounded.
 */

const SECRET = randomBytes(24).toString('hex');
const ANALYST = 'abuse-analyst';
/** A request "answered in time" for items 2–4. */
const ANSWER_WITHIN_MS = 1_000;
/** Subscriptions one socket may hold for item 3 to count as bounded. */
const MAX_SUBSCRIPTIONS = 20;
const SMALL_GROUP = { min: 1, max: 4 };
/** `ABUSE_ONLY=1,4` runs those items only (while fixing one); the exit code then speaks for them alone. */
const ONLY = process.env.ABUSE_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);

// ---------------------------------------------------------------------------------------------------------------
// The service, in a child process.

interface Served {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Child side: builds the config from the environment it is sent, listens on 127.0.0.1, answers RSS probes. */
async function serve(): Promise<void> {
  const env = await new Promise<Record<string, string>>((resolve) =>
    process.once('message', (m) => resolve((m as { env: Record<string, string> }).env)),
  );
  const config = loadConfig(env);
  const log = createLogger(config.logLevel);
  const db = await Database.connect(config.databaseUrl, { log });
  const server = await (await createServer({ config, db, log })).listen(0, '127.0.0.1');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
    if (m.type === 'stop') void stop();
  });
  process.once('disconnect', () => void stop());
  process.send?.({ type: 'listening', url: server.url });
}

/** Parent side: starts the service on the database file with the given settings (environment variables). */
async function startService(databaseUrl: string, settings: Record<string, string> = {}): Promise<Served> {
  const child = fork(__filename, ['--serve'], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Only what is named here: not the caller's DATABASE_URL or other settings.
  child.send({
    env: {
      NODE_ENV: 'development',
      JWT_SECRET: SECRET,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: process.env.ABUSE_LOG_LEVEL ?? 'silent',
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      ...settings,
    },
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not start within 60 s')), 60_000);
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m.type === 'listening') {
        clearTimeout(timer);
        resolve(m.url!.replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before listening`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.send({ type: 'stop' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, child, stop };
}

/** The service's resident memory, from /proc (not delayed by a busy event loop), else asked over IPC. */
async function rssOf(child: ChildProcess): Promise<number> {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // Not Linux: ask the process itself.
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(NaN), 5_000);
    const on = (m: { type?: string; rss?: number }) => {
      if (m.type !== 'rss') return;
      clearTimeout(timer);
      child.off('message', on);
      resolve(m.rss!);
    };
    child.on('message', on);
    child.send({ type: 'rss' });
  });
}

/** Samples the service's RSS every 50 ms until stopped; gives the peak. */
function rssSampler(child: ChildProcess): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await rssOf(child));
      await sleep(50);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return Math.max(peak, await rssOf(child));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Small tools.

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const progress = (text: string) => process.stdout.write(`  · ${text}\n`);

function token(subject: string, roles: Role[] = [], expires: string | number = '2h'): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(SECRET));
}

interface GqlAnswer {
  status: number;
  ms: number;
  body?: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
  /** Set when no answer came in time or the connection failed. */
  failure?: string;
}

async function gql(
  url: string,
  bearer: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 30_000,
): Promise<GqlAnswer> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: GqlAnswer['body'];
    try {
      body = JSON.parse(text) as GqlAnswer['body'];
    } catch {
      body = undefined;
    }
    return { status: res.status, ms: performance.now() - started, body };
  } catch (error) {
    const name = (error as Error).name;
    return {
      status: 0,
      ms: performance.now() - started,
      failure: name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : String(error),
    };
  }
}

/** The mutation's payload, or an error naming what went wrong. */
async function mutate<T>(
  url: string,
  bearer: string,
  name: string,
  input: Record<string, unknown>,
  selection: string,
): Promise<T> {
  const answer = await gql(
    url,
    bearer,
    `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { r: ${name}(input: $input) { ${selection} userErrors { code message } } }`,
    { input },
  );
  const payload = answer.body?.data?.r as (T & { userErrors: Array<{ code: string; message: string }> }) | undefined;
  if (!payload) throw new Error(`${name}: ${answer.failure ?? JSON.stringify(answer.body?.errors ?? answer.status)}`);
  if (payload.userErrors.length)
    throw new Error(`${name}: ${payload.userErrors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  return payload;
}

/** A trivial signed-in query: how long another user waits. */
const TRIVIAL = '{ viewer { employee { name } } }';

async function trivialLatency(
  url: string,
  bearer: string,
  timeoutMs = 15_000,
): Promise<{ ms: number; ok: boolean; text: string }> {
  const answer = await gql(url, bearer, TRIVIAL, {}, timeoutMs);
  const ok = answer.status === 200 && !answer.body?.errors && answer.body?.data != null;
  return {
    ms: answer.ms,
    ok,
    text: ok
      ? `answered in ${answer.ms.toFixed(0)} ms`
      : answer.failure
        ? answer.failure
        : `HTTP ${answer.status} after ${answer.ms.toFixed(0)} ms`,
  };
}

/** A graphql-transport-ws socket spoken by hand: every message and byte is counted. */
class RawSocket {
  readonly ws: WebSocket;
  readonly messages: Array<{ type: string; id?: string; payload?: unknown; size: number }> = [];
  bytes = 0;
  openedAt = performance.now();
  closed?: { code: number; reason: string; afterMs: number };
  error?: string;
  private waiters: Array<() => void> = [];

  constructor(url: string) {
    this.ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { maxPayload: 512 * 1024 * 1024 });
    this.ws.on('message', (data: Buffer) => {
      this.bytes += data.length;
      try {
        const m = JSON.parse(data.toString()) as { type: string; id?: string; payload?: unknown };
        this.messages.push({ ...m, size: data.length });
      } catch {
        this.messages.push({ type: 'unparsable', size: data.length });
      }
      this.wake();
    });
    this.ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString(), afterMs: performance.now() - this.openedAt };
      this.wake();
    });
    this.ws.on('error', (error: Error) => {
      this.error = error.message;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  opened(timeoutMs = 5_000): Promise<boolean> {
    if (this.ws.readyState === WebSocket.OPEN) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.ws.once('open', () => {
        clearTimeout(timer);
        this.openedAt = performance.now();
        resolve(true);
      });
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }

  send(message: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /** Waits until `ready()` holds, the socket closed, or the time is up; tells whether `ready()` holds. */
  async until(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!ready() && !this.closed && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - performance.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return ready();
  }

  async signIn(bearer: string): Promise<boolean> {
    if (!(await this.opened())) return false;
    this.send({ type: 'connection_init', payload: { authorization: `Bearer ${bearer}` } });
    return this.until(() => this.messages.some((m) => m.type === 'connection_ack'), 5_000);
  }

  close(): void {
    this.ws.terminate();
  }
}

interface Outcome {
  item: string;
  held: boolean;
  line: string;
}

interface Ctx {
  served: Served;
  db: Database;
  seed: SeedResult;
  periodId: string;
  period: { id: number; version: number };
}

// ---------------------------------------------------------------------------------------------------------------
// Item 2: slow sockets.

async function slowSockets({ served, seed }: Ctx): Promise<Outcome> {
  const SOCKETS = 50;
  const OBSERVE_MS = 15_000;
  const { port } = new URL(served.url);
  const sockets: Array<{ socket: net.Socket; closedAfter?: number }> = [];
  const started = performance.now();
  await Promise.all(
    Array.from(
      { length: SOCKETS },
      () =>
        new Promise<void>((resolve) => {
          const socket = net.connect(Number(port), '127.0.0.1');
          const entry: { socket: net.Socket; closedAfter?: number } = { socket };
          sockets.push(entry);
          socket.on('error', () => undefined);
          socket.on('close', () => (entry.closedAfter = performance.now() - started));
          socket.on('connect', () => {
            socket.write(
              `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"{ viewer { employee { name } } }","pad":"`,
              () => resolve(),
            );
          });
          setTimeout(resolve, 5_000);
        }),
    ),
  );
  await sleep(300);
  progress(`${SOCKETS} sockets sent headers (Content-Length: 1000) and 60 bytes of body; a nurse asks a real query`);
  const nurse = await token(seed.landmarks.nurseAtPuskesmasWalesi);
  const real = await trivialLatency(served.url, nurse, 15_000);
  progress(`the nurse's query: ${real.text}; watching the slow sockets for ${OBSERVE_MS / 1000} s`);
  const deadline = started + OBSERVE_MS;
  while (performance.now() < deadline && sockets.some((s) => s.closedAfter === undefined)) await sleep(100);
  const closed = sockets.filter((s) => s.closedAfter !== undefined).map((s) => s.closedAfter!);
  for (const s of sockets) s.socket.destroy();
  const kept =
    closed.length === SOCKETS
      ? `the server dropped all slow sockets after ${(Math.max(...closed) / 1000).toFixed(1)} s at most`
      : `the server still held ${SOCKETS - closed.length} of them after ${OBSERVE_MS / 1000} s${closed.length ? ` (dropped ${closed.length} after ${(Math.min(...closed) / 1000).toFixed(1)}–${(Math.max(...closed) / 1000).toFixed(1)} s)` : ''}`;
  const held = real.ok && real.ms <= ANSWER_WITHIN_MS;
  return { item: '2', held, line: `${SOCKETS} slow sockets: real request ${real.text}; ${kept}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Item 8: big frames before authentication, and a socket that never says hello.

async function bigFrames({ served }: Ctx): Promise<Outcome> {
  const FRAMES = 2;
  const SIZE = 60 * 1024 * 1024;
  const frame = Buffer.from(`{"type":"connection_init","payload":{"pad":"${'a'.repeat(SIZE)}"}}`);
  await sleep(500);
  const before = await rssOf(served.child);
  const sampler = rssSampler(served.child);
  const sockets = Array.from({ length: FRAMES }, () => new RawSocket(served.url));
  await Promise.all(
    sockets.map(async (s) => {
      if (!(await s.opened())) return;
      s.ws.send(frame, () => undefined);
      await s.until(() => false, 15_000);
    }),
  );
  const peak = await sampler.stop();
  for (const s of sockets) s.close();
  const growth = peak - before;
  const closedAll = sockets.every((s) => s.closed);
  const codes = sockets
    .map((s) =>
      s.closed
        ? `${s.closed.code}${s.closed.reason ? ` ${s.closed.reason}` : ''} after ${(s.closed.afterMs / 1000).toFixed(1)} s`
        : 'still open',
    )
    .join(', ');
  progress(`${FRAMES} anonymous 60 MB connection_init frames: closed ${codes}; RSS ${mb(before)} → peak ${mb(peak)}`);

  const silent = new RawSocket(served.url);
  const opened = await silent.opened();
  await silent.until(() => false, 10_000);
  silent.close();
  const silentClosed = opened && silent.closed !== undefined && silent.closed.afterMs <= 5_000;
  const silentText = !opened
    ? 'could not open'
    : silent.closed
      ? `closed (${silent.closed.code}) after ${(silent.closed.afterMs / 1000).toFixed(1)} s`
      : 'still open after 10 s';
  const held = closedAll && growth < 50 * 1024 * 1024 && silentClosed;
  return {
    item: '8',
    held,
    line: `${FRAMES} anonymous 60 MB connection_init frames: sockets ${closedAll ? 'closed' : 'NOT all closed'} (${codes}), RSS grew ${mb(growth)} (${mb(before)} → ${mb(peak)}); a socket without connection_init: ${silentText}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Item 3: one socket, many subscriptions, one event.

/** What each of the many subscriptions asks for on every change: a plan with its indicators and realizations. */
const APPRAISAL_SELECTION =
  'id status version employee { name } history { action occurredAt reason } feedback { text } ' +
  'workResultPlans { text indicators { text targetText targetValue realizations { subPeriod value narrative evidence { title url } feedback { text } } } }';

async function subscriptionMultiplication({ served, db, seed }: Ctx): Promise<Outcome> {
  const SUBSCRIPTIONS = 100;
  const nurseNip = seed.landmarks.nurseAtPuskesmasWalesi;
  const [mine] = (await db.manager.query(
    `SELECT a.id AS plan, r.indicator_id AS indicator, r.sub_period AS sub, r.version AS version
       FROM appraisal a JOIN employee e ON e.id = a.employee_id JOIN realization r ON r.appraisal_id = a.id
      WHERE e.nip = ? AND a.status = 'APPROVED' ORDER BY r.sub_period, r.id LIMIT 1`,
    [nurseNip],
  )) as Array<{ plan: number; indicator: number; sub: number; version: number }>;
  if (!mine) throw new Error('the nurse has no realization to change');
  const nurse = await token(nurseNip);
  const teacher = await token(seed.landmarks.teacherAtSdWalesi);
  const socket = new RawSocket(served.url);
  if (!(await socket.signIn(nurse)))
    throw new Error(`the nurse's socket was not acknowledged (${JSON.stringify(socket.closed)})`);
  const planId = toGlobalId('Appraisal', Number(mine.plan));
  for (let i = 1; i <= SUBSCRIPTIONS; i++) {
    socket.send({
      id: String(i),
      type: 'subscribe',
      payload: {
        query: `subscription($id: ID!) { appraisalChanged(id: $id) { ${APPRAISAL_SELECTION} } }`,
        variables: { id: planId },
      },
    });
  }
  // Refusals come back as `error` (or the socket closes); give the server a moment to answer all 100.
  await socket.until(() => false, 1_500);
  const refused = new Set(socket.messages.filter((m) => m.type === 'error' || m.type === 'complete').map((m) => m.id));
  const accepted = socket.closed ? 0 : SUBSCRIPTIONS - refused.size;
  progress(
    `one nurse's socket asked for ${SUBSCRIPTIONS} appraisalChanged subscriptions: ${accepted} accepted${socket.closed ? ` (socket closed ${socket.closed.code})` : ''}; she records a realization`,
  );

  const before = await rssOf(served.child);
  const sampler = rssSampler(served.child);
  const bytesBefore = socket.bytes;
  const nextBefore = socket.messages.filter((m) => m.type === 'next').length;
  const started = performance.now();
  const write = gql(
    served.url,
    nurse,
    'mutation($input: RecordRealizationInput!) { r: recordRealization(input: $input) { realization { version } userErrors { code message } } }',
    {
      input: {
        indicatorId: toGlobalId('Indicator', Number(mine.indicator)),
        subPeriod: Number(mine.sub),
        expectedVersion: Number(mine.version),
        value: 77,
        narrative: 'Koreksi (abuse run).',
      },
    },
  );
  await sleep(20);
  const other = await trivialLatency(served.url, teacher);
  const written = await write;
  const writeErrors =
    (written.body?.data?.r as { userErrors?: Array<{ code: string }> } | undefined)?.userErrors ?? written.body?.errors;
  if (!written.body?.data?.r || (writeErrors && writeErrors.length))
    progress(`the realization was not recorded: ${JSON.stringify(writeErrors ?? written.failure)}`);
  // Pushes settle: until nothing new for a second (at most 30 s).
  let lastCount = -1;
  let lastAt = performance.now();
  while (performance.now() - started < 30_000 && performance.now() - lastAt < 1_000) {
    const count = socket.messages.length;
    if (count !== lastCount) {
      lastCount = count;
      lastAt = performance.now();
    }
    await sleep(50);
  }
  const lastPush = socket.messages.length ? performance.now() - started - (performance.now() - lastAt) : 0;
  const peak = await sampler.stop();
  const pushed = socket.messages.filter((m) => m.type === 'next').length - nextBefore;
  const bytes = socket.bytes - bytesBefore;
  socket.close();
  const held = accepted <= MAX_SUBSCRIPTIONS && other.ok && other.ms <= ANSWER_WITHIN_MS;
  return {
    item: '3',
    held,
    line:
      `${SUBSCRIPTIONS} appraisalChanged subscriptions on one socket: ${accepted} accepted; one recordRealization pushed ${pushed} events, ${(bytes / 1024 / 1024).toFixed(1)} MB over ${(lastPush / 1000).toFixed(1)} s; ` +
      `another user's request ${other.text}; RSS ${mb(before)} → peak ${mb(peak)}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Item 4: analytics whose cost is under-estimated.

/**
 * The six aggregates, from everything to the least: the attacker sends the heaviest selection the estimate lets
 * through, as the issue's attacker did.
 */
const AGGREGATE_LADDER: Array<{ name: string; selection: string }> = [
  {
    name: 'every field',
    selection:
      'distribution { key employees pending counts { predikat count share } violations { rule count total } } ' +
      'completion { key employees draft submitted returned approved revising evaluated final planningOverdue evaluationOverdue } ' +
      'achievement { key employees indicators averageAchievement met } ' +
      'responsiveness { key employees realizations realizationFeedbackShare medianHoursToFeedback activities activityReviewShare medianHoursToReview } ' +
      'trend { year subPeriod rated counts { predikat count share } } ' +
      'competencyGaps { employees averageGap withGap }',
  },
  {
    name: 'the main figures',
    selection:
      'distribution { key employees pending counts { predikat count } } completion { key employees approved evaluated final } ' +
      'achievement { key employees averageAchievement met } responsiveness { key employees realizations activities } trend { year rated } competencyGaps { averageGap }',
  },
  {
    name: 'one figure each',
    selection:
      'distribution { pending } completion { approved } achievement { met } responsiveness { realizations } trend { rated } competencyGaps { withGap }',
  },
];

async function analyticsCost({ served, db, seed, periodId }: Ctx): Promise<Outcome> {
  const CONCURRENT = 10;
  const [{ id: rootId }] = (await db.manager.query(
    'SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1',
  )) as Array<{ id: number }>;
  const breakdowns = ['UNIT', 'POSITION_KIND', 'GRADE'];
  const variables = { u: toGlobalId('Unit', Number(rootId)), p: periodId };
  const hr = await token(seed.landmarks.hrAdmin, [Role.HR_ADMIN]);
  const nurse = await token(seed.landmarks.nurseAtPuskesmasWalesi);

  const tried: string[] = [];
  let heavy: string | undefined;
  let accepted = '';
  for (const rung of AGGREGATE_LADDER) {
    const fields = Array.from(
      { length: 15 },
      (_, i) => `a${i}: analytics(unitId: $u, periodId: $p, breakdown: ${breakdowns[i % 3]}) { ${rung.selection} }`,
    );
    const query = `query($u: ID!, $p: ID!) { ${fields.join(' ')} }`;
    const one = await gql(served.url, hr, query, variables, 60_000);
    const refusal = one.body?.errors?.[0]?.extensions?.code as string | undefined;
    const cost = (one.body?.extensions?.cost as { estimated?: number; budget?: number } | undefined) ?? {};
    const estimated = cost.estimated ?? (one.body?.errors?.[0]?.extensions?.cost as number | undefined);
    if (one.status !== 200 || refusal !== undefined || one.failure) {
      tried.push(
        `${rung.name}: refused (${one.failure ?? `HTTP ${one.status}${refusal ? ` ${refusal}` : ''}`}${estimated ? `, estimated ${estimated}` : ''})`,
      );
      continue;
    }
    const perMinute =
      estimated && cost.budget ? ` (the budget allows ${Math.floor(cost.budget / estimated)} a minute)` : '';
    accepted = `${rung.name}: estimated ${estimated ?? '?'}${perMinute}, answered in ${one.ms.toFixed(0)} ms`;
    tried.push(accepted);
    heavy = query;
    break;
  }
  const first = `15 aliased region-wide analytics × 6 aggregates, ${tried.join('; ')}`;
  if (!heavy) return { item: '4', held: true, line: `${first}: every selection refused` };
  progress(`${first}; now ${CONCURRENT} at once from one HR admin, and a nurse's trivial query`);

  const storm = Array.from({ length: CONCURRENT }, () => gql(served.url, hr, heavy, variables, 60_000));
  const samples: Array<{ ms: number; ok: boolean; text: string }> = [];
  for (let i = 0; i < 3; i++) {
    await sleep(300);
    samples.push(await trivialLatency(served.url, nurse, 20_000));
  }
  const heavyAnswers = await Promise.all(storm);
  const answeredHeavy = heavyAnswers.filter((a) => a.status === 200 && !a.body?.errors).length;
  const worst = samples.reduce((a, b) => (!b.ok || b.ms > a.ms ? b : a));
  const held = samples.every((s) => s.ok && s.ms <= ANSWER_WITHIN_MS);
  return {
    item: '4',
    held,
    line:
      `${first}; ${CONCURRENT} at once from one principal (${answeredHeavy} answered, slowest ${Math.max(...heavyAnswers.map((a) => a.ms)).toFixed(0)} ms): ` +
      `another principal's trivial query ${samples.map((s) => (s.ok ? `${s.ms.toFixed(0)} ms` : s.text)).join(', ')} (worst ${worst.text})`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Item 5: deactivation and tokens that never expire.

async function deactivation({ served, db, seed }: Ctx): Promise<Outcome> {
  const [victim] = (await db.manager.query(
    `SELECT e.id AS id, e.nip AS nip, e.version AS version, a.id AS plan
       FROM employee e JOIN employee h ON h.id = e.supervisor_id JOIN appraisal a ON a.employee_id = e.id AND a.status = 'APPROVED'
      WHERE h.nip = ? AND e.nip <> ? AND e.active = ? ORDER BY e.id DESC LIMIT 1`,
    [seed.landmarks.headOfPuskesmasWalesi, seed.landmarks.nurseAtPuskesmasWalesi, true],
  )) as Array<{ id: number; nip: string; version: number; plan: number }>;
  if (!victim) throw new Error('no employee under the head of Puskesmas Walesi to deactivate');
  const mine = await token(victim.nip);
  const socket = new RawSocket(served.url);
  if (!(await socket.signIn(mine))) throw new Error('the employee could not open a socket');
  socket.send({ id: 'f', type: 'subscribe', payload: { query: 'subscription { feedbackReceived { id text } }' } });
  await sleep(300);
  const hr = await token(seed.landmarks.hrAdmin, [Role.HR_ADMIN]);
  await mutate(
    served.url,
    hr,
    'deactivateEmployee',
    { id: toGlobalId('Employee', Number(victim.id)), expectedVersion: Number(victim.version) },
    'employee { id }',
  );
  const deactivatedAt = performance.now();
  progress(
    'HR deactivated an employee with an open feedbackReceived subscription; waiting up to 5 s for the socket to close',
  );
  await socket.until(() => false, 5_000);
  let closedText: string;
  let leaked = '';
  if (socket.closed) {
    closedText = `socket closed (${socket.closed.code}) ${((performance.now() - deactivatedAt) / 1000).toFixed(1)} s or less after the deactivation`;
  } else {
    closedText = 'socket still open 5 s after the deactivation';
    const head = await token(seed.landmarks.headOfPuskesmasWalesi);
    const text = 'Umpan balik untuk pegawai yang sudah dinonaktifkan (abuse run).';
    try {
      await mutate(
        served.url,
        head,
        'giveFeedback',
        { target: 'APPRAISAL', targetId: toGlobalId('Appraisal', Number(victim.plan)), text },
        'feedback { id }',
      );
      const got = await socket.until(
        () => socket.messages.some((m) => m.type === 'next' && JSON.stringify(m.payload).includes(text)),
        2_000,
      );
      leaked = got ? ', and it still received new feedback with its text' : ', though new feedback did not reach it';
    } catch (error) {
      leaked = ` (new feedback could not be given: ${(error as Error).message})`;
    }
  }
  socket.close();

  const forever = await new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(seed.landmarks.teacherAtSdWalesi)
    .setIssuedAt()
    .setExpirationTime(9999999999999)
    .sign(new TextEncoder().encode(SECRET));
  const answer = await gql(served.url, forever, TRIVIAL);
  const refused = answer.status === 401;
  const held = socket.closed !== undefined && refused;
  return {
    item: '5',
    held,
    line: `deactivated employee: ${closedText}${leaked}; a token with exp = 9999999999999: HTTP ${answer.status}${refused ? ' (refused)' : answer.body?.data ? ' (accepted)' : ''}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Item 1: differencing an analyst's answers.

/**
 * The analyst's GraphQL selection when the schema cannot be read (introspection off): every measure, every field.
 * Normally the selection is built from the schema (`analystSelection`), so that new fields (e.g. how many employees
 * a group withholds) and new aggregates are asked for and audited without a change here.
 */
const FALLBACK_SELECTION = `mode floor
  distribution { key label employees suppressed pending counts { predikat count share } violations { rule count total } }
  completion { key label employees suppressed draft submitted returned approved revising evaluated final planningOverdue evaluationOverdue }
  achievement { key label employees suppressed indicators averageAchievement met }
  responsiveness { key label employees suppressed realizations realizationFeedbackShare medianHoursToFeedback activities activityReviewShare medianHoursToReview }
  trend { year subPeriod rated suppressed counts { predikat count share } }
  competencyGaps { competency { id } employees suppressed averageCurrent averageGap averageRequired withGap }`;
const FALLBACK_MEASURES = ['distribution', 'completion', 'achievement', 'responsiveness', 'trend', 'competencyGaps'];

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface IntrospectedField {
  name: string;
  args: Array<{ defaultValue: string | null; type: TypeRef }>;
  type: TypeRef;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';

/**
 * Every aggregate of `Analytics` (a list of groups that can be `suppressed`) with every field an analyst may ask
 * for: scalars, lists of small objects one level down (`counts`, `violations`), and the id of a single object
 * (`competency`). Fields with a required argument (`cascade`) are left out. Undefined when introspection is off.
 */
async function analystSelection(
  url: string,
  bearer: string,
): Promise<{ selection: string; measures: string[] } | undefined> {
  const types = new Map<
    string,
    { fields: IntrospectedField[] | null; interfaces: Array<{ name: string }> | null } | null
  >();
  const typeOf = async (name: string) => {
    if (!types.has(name)) {
      const res = await gql(
        url,
        bearer,
        `query($n: String!) { __type(name: $n) { interfaces { name } fields { name args { defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } } } }`,
        { n: name },
      );
      types.set(
        name,
        (res.body?.data?.__type as
          { fields: IntrospectedField[] | null; interfaces: Array<{ name: string }> | null } | null | undefined) ??
          null,
      );
    }
    return types.get(name) ?? null;
  };
  const fieldsOf = async (name: string) => (await typeOf(name))?.fields ?? null;
  const isIdentified = async (name: string) =>
    ((await typeOf(name))?.interfaces ?? []).some((i) => i.name === 'Node') ||
    ((await fieldsOf(name)) ?? []).some((g) => g.name === 'id');
  const unwrap = (ref: TypeRef) => {
    let list = false;
    let t: TypeRef = ref;
    while (t.ofType) {
      if (t.kind === 'LIST') list = true;
      t = t.ofType;
    }
    return { kind: t.kind, name: t.name!, list };
  };
  const askable = (f: IntrospectedField) => !f.args.some((a) => a.type.kind === 'NON_NULL' && a.defaultValue === null);
  const select = async (typeName: string, depth: number): Promise<string> => {
    const parts: string[] = [];
    for (const f of (await fieldsOf(typeName)) ?? []) {
      if (!askable(f)) continue;
      const t = unwrap(f.type);
      if (t.kind === 'SCALAR' || t.kind === 'ENUM') parts.push(f.name);
      else if (t.kind === 'OBJECT' && t.list && depth > 0) {
        const inner = await select(t.name, depth - 1);
        if (inner) parts.push(`${f.name} { ${inner} }`);
      } else if (t.kind === 'OBJECT' && !t.list && (await isIdentified(t.name))) parts.push(`${f.name} { id }`);
    }
    return parts.join(' ');
  };
  const analytics = await fieldsOf('Analytics');
  if (!analytics) return undefined;
  const parts: string[] = [];
  const measures: string[] = [];
  for (const f of analytics) {
    const t = unwrap(f.type);
    if (!askable(f)) continue;
    if (t.kind === 'SCALAR' || t.kind === 'ENUM') parts.push(f.name);
    if (t.kind !== 'OBJECT' || !t.list || !((await fieldsOf(t.name)) ?? []).some((g) => g.name === 'suppressed'))
      continue;
    measures.push(f.name);
    parts.push(`${f.name} { ${await select(t.name, 1)} }`);
  }
  return measures.length ? { selection: parts.join(' '), measures } : undefined;
}
const CSV_MEASURES = ['distribution', 'completion', 'achievement', 'responsiveness'];
const BREAKDOWNS = ['UNIT', 'POSITION_KIND', 'GRADE'];

/** One group's numbers, flattened (`counts.SANGAT_KURANG.count`); null where withheld. */
type Flat = Record<string, number | null>;
/** Per measure, per group key. */
type Answer = Map<string, Map<string, Flat>>;

/** Fields that say how many a group covers, rather than something about them. */
const isPopulationField = (name: string) => name === 'employees' || /withheld|suppressed/i.test(name);
/** Fields that can be summed over groups (counts), as opposed to means, shares and medians. */
const isAdditive = (name: string, values: Array<number | null>) =>
  !/average|share|median|hours/i.test(name) && values.every((v) => v === null || Number.isInteger(v));

/** Flattened field names seen with a number somewhere: a null in one of them is a withheld figure, not an absent enum. */
const NUMERIC = new Set<string>();

function flatten(value: unknown, prefix: string, out: Flat): void {
  if (value === null || value === undefined) {
    if (prefix) out[prefix] = null;
  } else if (typeof value === 'number') {
    out[prefix] = value;
    NUMERIC.add(prefix);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      // Elements keyed by their first text field (a predikat, a rule), else by position.
      const label =
        item && typeof item === 'object'
          ? Object.values(item as Record<string, unknown>).find((v) => typeof v === 'string')
          : undefined;
      flatten(item, `${prefix}.${label ?? i}`, out);
    });
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (k !== 'key' && k !== 'label') flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
}

function groupKey(group: Record<string, unknown>): string {
  if (typeof group.key === 'string') return group.key;
  if (group.competency && typeof group.competency === 'object')
    return `competency:${(group.competency as { id: string }).id}`;
  if ('year' in group) return `${group.year}/${group.subPeriod ?? 'year'}`;
  return JSON.stringify(group);
}

/** How many employees a group's figures cover: its employees less any it says it withholds; `rated` for trend points. */
function covered(flat: Flat): number | null {
  if (typeof flat.employees === 'number') {
    const withheld = Object.entries(flat)
      .filter(([k, v]) => k !== 'employees' && isPopulationField(k) && typeof v === 'number')
      .reduce((n, [, v]) => n + (v as number), 0);
    return flat.employees - withheld;
  }
  return typeof flat.rated === 'number' ? flat.rated : null;
}

/** The fields that carry something about the people covered (everything numeric but the head counts). */
const valueFields = (flat: Flat) =>
  Object.keys(flat).filter(
    (k) =>
      NUMERIC.has(k) &&
      !isPopulationField(k) &&
      !KEY_FIELDS.has(k) &&
      !(k === 'rated' && typeof flat.employees !== 'number'),
  );
/** Numeric fields that name a group rather than describe it (trend points are keyed by year and month). */
const KEY_FIELDS = new Set(['year', 'subPeriod', 'floor']);

/**
 * What `a − b` says about the people in the difference, the most telling first: counts that moved, then means
 * recovered with their weights (a mean over `indicators` or `employees` times that count, differenced).
 */
function describe(a: Flat, b: Flat | undefined, fields: string[], limit = 6): string {
  const parts: Array<{ text: string; rank: number }> = [];
  for (const f of fields) {
    const x = a[f]!;
    const y = b?.[f] ?? 0;
    const weight = /^average/i.test(f)
      ? (['indicators', 'employees'].find(
          (w) => typeof a[w] === 'number' && (b === undefined || typeof b[w] === 'number'),
        ) ?? undefined)
      : undefined;
    if (weight) {
      const wa = a[weight]!;
      const wb = b?.[weight] ?? 0;
      if (wa - wb > 0) {
        parts.push({
          text: `${f} ${+((x * wa - y * wb) / (wa - wb)).toFixed(3)} (over ${wa - wb} ${weight})`,
          rank: 1,
        });
        continue;
      }
    }
    const diff = +(x - y).toFixed(4);
    parts.push({ text: `${f} ${diff}`, rank: /share|median|average/i.test(f) ? 3 : diff !== 0 ? 0 : 2 });
  }
  return parts
    .sort((p, q) => p.rank - q.rank)
    .slice(0, limit)
    .map((p) => p.text)
    .join(', ');
}

interface Finding {
  where: string;
  people: number;
  values: string;
}

async function analyticsDifferencing({ served, db, seed, periodId, period }: Ctx): Promise<Outcome> {
  const hr = await token(seed.landmarks.hrAdmin, [Role.HR_ADMIN]);
  const rated = await rateTheYear(served.url, db, hr, periodId, period);
  const analyst = await token(ANALYST, [Role.ANALYST]);
  const introspected = await analystSelection(served.url, analyst);
  const { selection, measures: graphqlMeasures } = introspected ?? {
    selection: FALLBACK_SELECTION,
    measures: FALLBACK_MEASURES,
  };
  progress(
    `the analyst's selection ${introspected ? 'from the schema' : '(introspection off: the fixed one)'}: ${graphqlMeasures.join(', ')}`,
  );
  const units = (await db.manager.query('SELECT id, name, parent_id AS parent FROM unit ORDER BY id')) as Array<{
    id: number;
    name: string;
    parent: number | null;
  }>;
  const parentOf = new Map(units.map((u) => [Number(u.id), u.parent === null ? null : Number(u.parent)]));
  const nameOf = new Map(units.map((u) => [Number(u.id), u.name]));
  const hasChildren = new Set(units.filter((u) => u.parent !== null).map((u) => Number(u.parent)));
  const isAncestor = (a: number, b: number) => {
    for (let p = parentOf.get(b); p != null; p = parentOf.get(p)) if (p === a) return true;
    return false;
  };

  // Every set of employees an analyst can name: a unit with its sub-units, and (when it has some) without them.
  interface UnitSet {
    unit: number;
    subunits: boolean;
  }
  const sets: UnitSet[] = units.flatMap((u) => [
    { unit: Number(u.id), subunits: true },
    ...(hasChildren.has(Number(u.id)) ? [{ unit: Number(u.id), subunits: false }] : []),
  ]);
  const setName = (s: UnitSet) => `${nameOf.get(s.unit)}${s.subunits ? '' : ' (own staff only)'}`;
  const answers = new Map<string, Answer>();
  const answerKey = (s: UnitSet, breakdown: string) => `${s.unit}:${s.subunits}:${breakdown}`;
  let requests = 0;
  let refused = 0;
  const base = served.url.replace(/\/graphql$/, '');
  const jobs = sets.flatMap((s) => BREAKDOWNS.map((b) => ({ s, b })));
  progress(
    `the analyst asks for ${jobs.length} (unit set, breakdown) answers: GraphQL and the ${CSV_MEASURES.length} CSV exports each`,
  );
  const work = async ({ s, b }: { s: UnitSet; b: string }) => {
    const answer: Answer = new Map();
    const unitId = toGlobalId('Unit', s.unit);
    const res = await gql(
      served.url,
      analyst,
      `query($u: ID!, $p: ID!, $s: Boolean!) { analytics(unitId: $u, periodId: $p, includeSubunits: $s, breakdown: ${b}) { ${selection} } }`,
      { u: unitId, p: periodId, s: s.subunits },
    );
    requests += 1;
    const analytics = res.body?.data?.analytics as Record<string, unknown> | null | undefined;
    if (!analytics) refused += 1;
    for (const measure of graphqlMeasures) {
      const groups = analytics?.[measure];
      if (!Array.isArray(groups)) continue;
      const byKey = new Map<string, Flat>();
      for (const g of groups as Array<Record<string, unknown>>) {
        const flat: Flat = {};
        flatten(g, '', flat);
        byKey.set(groupKey(g), flat);
      }
      answer.set(measure, byKey);
    }
    for (const kind of CSV_MEASURES) {
      requests += 1;
      try {
        const csv = await fetch(
          `${base}/exports/analytics/${kind}.csv?unitId=${encodeURIComponent(unitId)}&periodId=${encodeURIComponent(periodId)}&includeSubunits=${s.subunits}&breakdown=${b}`,
          {
            headers: { authorization: `Bearer ${analyst}` },
            signal: AbortSignal.timeout(30_000),
          },
        );
        if (csv.status !== 200) {
          refused += 1;
          continue;
        }
        const rows = parseCsv(await csv.text(), { columns: true, skip_empty_lines: true }) as Array<
          Record<string, string>
        >;
        const byKey = new Map<string, Flat>();
        for (const row of rows) {
          const flat: Flat = {};
          for (const [k, v] of Object.entries(row)) {
            if (k === 'key' || k === 'label') continue;
            if (v === '') flat[k] = null;
            else if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v)) {
              flat[k] = Number(v);
              NUMERIC.add(k);
            }
          }
          byKey.set(row.key ?? JSON.stringify(row), flat);
        }
        answer.set(`${kind}.csv`, byKey);
      } catch {
        refused += 1;
      }
    }
    answers.set(answerKey(s, b), answer);
  };
  for (let i = 0; i < jobs.length; i += 4) await Promise.all(jobs.slice(i, i + 4).map(work));
  progress(`${requests} requests (${refused} refused or empty); auditing`);

  // 1. Each answer alone: a group of 1–4 with a figure.
  const direct: Finding[] = [];
  // 2. Every nested pair A ⊃ B: per group, A − B.
  const differences: Finding[] = [];
  let pairs = 0;
  for (const s of sets) {
    for (const b of BREAKDOWNS) {
      for (const [measure, groups] of answers.get(answerKey(s, b)) ?? []) {
        for (const [key, flat] of groups) {
          const n = covered(flat);
          const shown = valueFields(flat).filter((f) => flat[f] !== null);
          if (n !== null && n >= SMALL_GROUP.min && n <= SMALL_GROUP.max && shown.length)
            direct.push({
              where: `${setName(s)}, ${b}/${key}, ${measure}`,
              people: n,
              values: describe(flat, undefined, shown),
            });
        }
      }
    }
  }
  for (const a of sets) {
    for (const inner of sets) {
      const nested = a.subunits && (isAncestor(a.unit, inner.unit) || (inner.unit === a.unit && !inner.subunits));
      if (!nested) continue;
      pairs += 1;
      for (const b of BREAKDOWNS) {
        const big = answers.get(answerKey(a, b));
        const small = answers.get(answerKey(inner, b));
        if (!big || !small) continue;
        for (const [measure, groups] of big) {
          const smallGroups = small.get(measure);
          if (!smallGroups) continue;
          for (const [key, ga] of groups) {
            const gb = smallGroups.get(key);
            const na = covered(ga);
            const nb = gb ? covered(gb) : 0;
            if (na === null || nb === null) continue;
            const d = na - nb;
            if (d < SMALL_GROUP.min || d > SMALL_GROUP.max) continue;
            const shown = valueFields(ga).filter(
              (f) => ga[f] !== null && (gb === undefined || (gb[f] !== null && gb[f] !== undefined)),
            );
            if (shown.length)
              differences.push({
                where: `${setName(a)} − ${setName(inner)}, ${b}/${key}, ${measure}`,
                people: d,
                values: describe(ga, gb, shown),
              });
          }
        }
      }
    }
  }
  // 3. Totals: what one breakdown shows in full, less what another shows, is the sum of the other's withheld groups.
  const fromTotals: Finding[] = [];
  for (const s of sets) {
    const measures = new Set(BREAKDOWNS.flatMap((b) => [...(answers.get(answerKey(s, b))?.keys() ?? [])]));
    for (const measure of measures) {
      if (measure.startsWith('trend') || measure.startsWith('competencyGaps')) continue; // not grouped by the breakdown
      for (const full of BREAKDOWNS) {
        const fullGroups = [...(answers.get(answerKey(s, full))?.get(measure)?.values() ?? [])];
        if (!fullGroups.length) continue;
        for (const partial of BREAKDOWNS) {
          if (partial === full) continue;
          const groups = [...(answers.get(answerKey(s, partial))?.get(measure)?.values() ?? [])];
          const withheld = groups.filter((g) => valueFields(g).some((f) => g[f] === null));
          if (!withheld.length) continue;
          // How many they cover: the full breakdown's head count less the shown groups', else what the withheld say.
          const heads = (list: Flat[]) =>
            list.every((g) => typeof g.employees === 'number')
              ? list.reduce((n, g) => n + (g.employees as number), 0)
              : null;
          const shownHeads = heads(groups.filter((g) => !withheld.includes(g)));
          const fullHeads = heads(fullGroups);
          const people = fullHeads !== null && shownHeads !== null ? fullHeads - shownHeads : (heads(withheld) ?? 0);
          if (people < SMALL_GROUP.min || people > SMALL_GROUP.max) continue;
          const derived: string[] = [];
          for (const f of valueFields(fullGroups[0]!)) {
            const all = fullGroups.map((g) => g[f] ?? null);
            if (!isAdditive(f, all) || all.some((v) => v === null)) continue;
            const visible = groups.filter((g) => !withheld.includes(g)).map((g) => g[f]);
            if (visible.some((v) => v === null || v === undefined)) continue;
            const total = (all as number[]).reduce((x, y) => x + y, 0);
            derived.push(`${f} ${total - (visible as number[]).reduce((x, y) => x + y, 0)}`);
          }
          if (derived.length)
            fromTotals.push({
              where: `${setName(s)}, ${measure}: ${full} total less ${partial}'s shown groups`,
              people,
              values: derived.slice(0, 6).join(', '),
            });
        }
      }
    }
  }

  const specific = await twoQueryAttack(served.url, db, analyst, periodId, selection);
  // An analyst who got no answer at all would make this audit vacuous: that is not a pass.
  const held =
    direct.length === 0 && differences.length === 0 && fromTotals.length === 0 && specific.held && refused < requests;
  const example = (list: Finding[]) =>
    list.length
      ? ` (e.g. ${list[0]!.where}: ${list[0]!.people} employee${list[0]!.people === 1 ? '' : 's'}: ${list[0]!.values})`
      : '';
  progress(`the two-query attack: ${specific.line}`);
  return {
    item: '1',
    held,
    line:
      `analyst's answers (${rated}): ${requests} requests over ${sets.length} unit sets × ${BREAKDOWNS.length} breakdowns × ${graphqlMeasures.length} measures + ${CSV_MEASURES.length} CSV exports, ${pairs} nested pairs: ` +
      `${direct.length} groups of 1–4 shown directly${example(direct)}; ${differences.length} differences exposing 1–4 employees${example(differences)}; ` +
      `${fromTotals.length} withheld groups derived from totals${example(fromTotals)}; two-query attack: ${specific.short}`,
  };
}

/**
 * Closes the demo year with ratings, so that the predikat distribution has something to leak: the year moves to
 * EVALUATING, HR sets every unit's rating, every approved plan's appraiser rates it (a fixed spread, including
 * SANGAT_KURANG), then the year is CLOSED. Falls back to the running year when a step is refused.
 */
async function rateTheYear(
  url: string,
  db: Database,
  hr: string,
  periodId: string,
  period: { id: number; version: number },
): Promise<string> {
  try {
    await mutate(
      url,
      hr,
      'changePeriodStatus',
      { id: periodId, expectedVersion: period.version, status: 'EVALUATING' },
      'period { version }',
    );
    const units = (await db.manager.query('SELECT id FROM unit WHERE head_id IS NOT NULL ORDER BY id')) as Array<{
      id: number;
    }>;
    const unitRatings = ['BAIK', 'BUTUH_PERBAIKAN', 'ISTIMEWA', 'KURANG', 'BAIK', 'SANGAT_KURANG'];
    for (const [i, u] of units.entries())
      await mutate(
        url,
        hr,
        'setUnitRating',
        { unitId: toGlobalId('Unit', Number(u.id)), periodId, rating: unitRatings[i % unitRatings.length] },
        'unitRating { id }',
      );
    const plans = (await db.manager.query(
      `SELECT a.id AS id, a.version AS version, ap.nip AS appraiser, (SELECT COUNT(*) FROM unit u WHERE u.head_id = a.employee_id AND u.id = a.unit_id) AS heads
         FROM appraisal a JOIN employee ap ON ap.id = a.appraiser_employee_id
        WHERE a.period_id = ? AND a.status = 'APPROVED' ORDER BY a.id`,
      [period.id],
    )) as Array<{ id: number; version: number; appraiser: string; heads: number }>;
    const ratings = [
      ExpectationRating.SESUAI_EKSPEKTASI,
      ExpectationRating.DI_ATAS_EKSPEKTASI,
      ExpectationRating.DI_BAWAH_EKSPEKTASI,
    ];
    const tokens = new Map<string, string>();
    let done = 0;
    let failed = 0;
    const predikats = new Map<string, number>();
    const rateOne = async (p: (typeof plans)[number], i: number) => {
      let bearer = tokens.get(p.appraiser);
      if (!bearer) tokens.set(p.appraiser, (bearer = await token(p.appraiser)));
      // A fixed, uneven spread: mostly as expected, some above, a few below on both (SANGAT_KURANG).
      const result = ratings[(i * 7) % 11 < 7 ? 0 : (i * 7) % 11 < 9 ? 1 : 2]!;
      const behavior = ratings[(i * 5) % 13 < 9 ? 0 : (i * 5) % 13 < 11 ? 1 : 2]!;
      try {
        const input = {
          appraisalId: toGlobalId('Appraisal', Number(p.id)),
          expectedVersion: Number(p.version),
          behaviorRating: behavior,
          ...(Number(p.heads) > 0 ? {} : { resultRating: result }),
        };
        await mutate(url, bearer, 'rateYear', input, 'evaluation { predikat }');
        done += 1;
        if (!Number(p.heads))
          predikats.set(predikatOf(result, behavior), (predikats.get(predikatOf(result, behavior)) ?? 0) + 1);
      } catch {
        failed += 1;
      }
    };
    for (let i = 0; i < plans.length; i += 8) await Promise.all(plans.slice(i, i + 8).map((p, j) => rateOne(p, i + j)));
    const [{ version }] = (await db.manager.query('SELECT version FROM performance_period WHERE id = ?', [
      period.id,
    ])) as Array<{ version: number }>;
    await mutate(
      url,
      hr,
      'changePeriodStatus',
      { id: periodId, expectedVersion: Number(version), status: 'CLOSED' },
      'period { version }',
    );
    const spread = [...predikats].map(([k, v]) => `${v} ${k}`).join(', ');
    progress(
      `the year is CLOSED with ${done} plans rated (${failed} not: no appraiser in the region or refused; staff: ${spread})`,
    );
    return `year CLOSED, ${done} plans rated`;
  } catch (error) {
    progress(`could not close the year with ratings (${(error as Error).message}); auditing the running year`);
    return 'year RUNNING, unrated';
  }
}

/** The issue's attack: Dinas Kesehatan and one of its sub-units by POSITION_KIND, one PELAKSANA apart. */
async function twoQueryAttack(
  url: string,
  db: Database,
  analyst: string,
  periodId: string,
  selection: string,
): Promise<{ held: boolean; line: string; short: string }> {
  const [dinkes] = (await db.manager.query("SELECT id FROM unit WHERE code = 'JWY-DINKES'")) as Array<{ id: number }>;
  if (!dinkes) return { held: false, line: 'no Dinas Kesehatan in the demo region', short: 'no Dinas Kesehatan' };
  const pelaksana = (await db.manager.query(
    `SELECT c.ancestor_id AS unit, COUNT(*) AS n FROM appraisal a JOIN unit_closure c ON c.descendant_id = a.unit_id
      WHERE a.period_id = (SELECT pp.id FROM performance_period pp ORDER BY pp.year DESC LIMIT 1) AND a.position_kind = 'PELAKSANA' AND a.status <> 'CLOSED'
        AND c.ancestor_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?)
      GROUP BY c.ancestor_id`,
    [dinkes.id],
  )) as Array<{ unit: number; n: number }>;
  const total = Number(pelaksana.find((r) => Number(r.unit) === Number(dinkes.id))?.n ?? 0);
  const candidates = pelaksana
    .filter((r) => Number(r.unit) !== Number(dinkes.id))
    .map((r) => ({ unit: Number(r.unit), d: total - Number(r.n) }));
  const sub =
    candidates.find((c) => c.d === 1) ?? candidates.filter((c) => c.d >= 1 && c.d <= 4).sort((a, b) => a.d - b.d)[0];
  if (!sub)
    return {
      held: false,
      line: 'no sub-unit of Dinas Kesehatan is 1–4 PELAKSANA short of it (not tried)',
      short: 'not tried',
    };
  const [{ name }] = (await db.manager.query('SELECT name FROM unit WHERE id = ?', [sub.unit])) as Array<{
    name: string;
  }>;
  const ask = async (unit: number) => {
    const res = await gql(
      url,
      analyst,
      `query($u: ID!, $p: ID!) { analytics(unitId: $u, periodId: $p, breakdown: POSITION_KIND) { ${selection} } }`,
      { u: toGlobalId('Unit', unit), p: periodId },
    );
    const analytics = res.body?.data?.analytics as Record<string, unknown> | null | undefined;
    const out = new Map<string, Flat>();
    for (const measure of ['distribution', 'achievement', 'responsiveness']) {
      const group = (analytics?.[measure] as Array<Record<string, unknown>> | undefined)?.find(
        (g) => g.key === 'PELAKSANA',
      );
      if (!group) continue;
      const flat: Flat = {};
      flatten(group, '', flat);
      out.set(measure, flat);
    }
    return out;
  };
  const [a, b] = [await ask(Number(dinkes.id)), await ask(sub.unit)];
  const derived: string[] = [];
  for (const [measure, ga] of a) {
    const gb = b.get(measure);
    const fields = valueFields(ga).filter(
      (f) => ga[f] !== null && ga[f] !== undefined && (!gb || (gb[f] !== null && gb[f] !== undefined)),
    );
    if (fields.length) derived.push(`${measure}: ${describe(ga, gb, fields, 5)}`);
  }
  const [truth] = (await db.manager.query(
    `SELECT ev.predikat AS predikat FROM appraisal a JOIN unit_closure c ON c.descendant_id = a.unit_id AND c.ancestor_id = ?
       LEFT JOIN evaluation ev ON ev.appraisal_id = a.id AND ev.kind = 'ANNUAL' AND ev.sub_period = 0
      WHERE a.position_kind = 'PELAKSANA' AND a.status <> 'CLOSED' AND a.unit_id NOT IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?)
        AND a.period_id = (SELECT pp.id FROM performance_period pp ORDER BY pp.year DESC LIMIT 1)`,
    [dinkes.id, sub.unit],
  )) as Array<{ predikat: string | null }>;
  const who = `Dinas Kesehatan − ${name} (${sub.d} PELAKSANA apart${sub.d === 1 ? `, whose predikat in the database is ${truth?.predikat ?? 'none (not rated)'}` : ''})`;
  if (!derived.length) return { held: true, line: `${who}: nothing derived`, short: `${who}: nothing derived` };
  return {
    held: false,
    line: `${who}: derived ${derived.join('; ')}`,
    short: `${who}: derived ${derived.map((d) => d.split(', ')[0]).join('; ')}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------

const TITLES: Record<string, string> = {
  '1': 'analytics differencing',
  '2': 'slow sockets',
  '3': 'subscription multiplication',
  '4': 'analytics cost',
  '5': 'deactivation',
  '8': 'big frames',
};

async function attack(item: string, run: () => Promise<Outcome>, limitMs: number): Promise<Outcome> {
  process.stdout.write(`item ${item} (${TITLES[item]}):\n`);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      run(),
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`did not finish within ${limitMs / 1000} s`)), limitMs)),
      ),
    ]);
    process.stdout.write(
      `  ${outcome.held ? 'HELD' : 'BROKEN'}: ${outcome.line} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    return outcome;
  } catch (error) {
    const line = `the attack could not run: ${(error as Error).message}`;
    process.stdout.write(`  BROKEN: ${line}\n`);
    return { item, held: false, line };
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'kinerja-abuse-'));
  const databaseUrl = `sqlite:${join(work, 'abuse.sqlite')}`;
  const served: Served[] = [];
  let db: Database | undefined;
  const outcomes: Outcome[] = [];
  try {
    db = await Database.connect(databaseUrl);
    await db.runMigrations();
    const seed = await seedRegion(db, DEMO_EMPLOYEES);
    const [period] = (await db.manager.query('SELECT id, version FROM performance_period WHERE year = ?', [
      seed.year,
    ])) as Array<{ id: number; version: number }>;
    const base = {
      db,
      seed,
      period: { id: Number(period!.id), version: Number(period!.version) },
      periodId: toGlobalId('PerformancePeriod', Number(period!.id)),
    };
    process.stdout.write(
      `demo region seeded: ${seed.units} units, ${seed.employees} employees (${databaseUrl}); the service runs with its default settings\n`,
    );

    // Items 2–5 and 8 against the default settings.
    const wanted = (item: string) => !ONLY || ONLY.includes(item);
    if (['2', '8', '3', '4', '5'].some(wanted)) {
      const first = await startService(databaseUrl);
      served.push(first);
      const ctx: Ctx = { ...base, served: first };
      if (wanted('2')) outcomes.push(await attack('2', () => slowSockets(ctx), 40_000));
      if (wanted('8')) outcomes.push(await attack('8', () => bigFrames(ctx), 40_000));
      if (wanted('3')) outcomes.push(await attack('3', () => subscriptionMultiplication(ctx), 60_000));
      if (wanted('4')) outcomes.push(await attack('4', () => analyticsCost(ctx), 90_000));
      if (wanted('5')) outcomes.push(await attack('5', () => deactivation(ctx), 30_000));
      await first.stop();
    }

    // Item 1 on a fresh process without the cost budget: its hundreds of queries are an audit, not the attack's cost.
    if (wanted('1')) {
      process.stdout.write('restarting the service with RATE_LIMIT_COST_PER_MINUTE=0 for the analytics audit\n');
      const second = await startService(databaseUrl, { RATE_LIMIT_COST_PER_MINUTE: '0' });
      served.push(second);
      outcomes.push(await attack('1', () => analyticsDifferencing({ ...base, served: second }), 120_000));
      await second.stop();
    }
  } finally {
    for (const s of served) await s.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
  process.stdout.write(`\nsummary (${((Date.now() - started) / 1000).toFixed(0)} s):\n`);
  for (const o of [...outcomes].sort((x, y) => Number(x.item) - Number(y.item)))
    process.stdout.write(`  item ${o.item} ${TITLES[o.item]}: ${o.held ? 'HELD' : 'BROKEN'}\n`);
  const all = outcomes.length === (ONLY?.length ?? Object.keys(TITLES).length) && outcomes.every((o) => o.held);
  process.stdout.write(
    all
      ? 'every attack held\n'
      : `${outcomes.filter((o) => !o.held).length} of ${outcomes.length} attacks BROKE through\n`,
  );
  process.exitCode = all ? 0 : 1;
}

if (process.argv[2] === '--serve') {
  void serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  void main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => setTimeout(() => process.exit(), 1_000).unref());
}
