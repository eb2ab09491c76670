import fs from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { type Connection } from 'mysql2/promise';
import { type HostKind, type HostMessage, type HostRequest } from './host';
import { o4Value, requestBody } from './operations';
import { type WriterSlot } from './principals';

/**
 * How the servers under test run: `compiled` (the default) is plain `node` on the JavaScript that
 * `bench/tsconfig.build.json` emits into dist/ (the production build of src/ plus `dist/bench/host.js`), as the
 * service runs in production with `npm start`; `swc` is the TypeScript sources under `@swc-node/register`, whose
 * compiler binding and transpile cache add to every process's memory. Both servers always run the same way.
 */
export type Runtime = 'compiled' | 'swc';

export const COMPILED_HOST = path.join(__dirname, '..', 'dist', 'bench', 'host.js');

/** The service's Node flags: as `npm start` passes them, unless BENCH_SERVICE_NODE_FLAGS says otherwise. */
export function serviceNodeFlags(): string[] {
  const flags =
    process.env.BENCH_SERVICE_NODE_FLAGS ??
    (
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
        config?: { nodeFlags?: string };
      }
    ).config?.nodeFlags ??
    '';
  return flags.split(/\s+/).filter(Boolean);
}

/** A server under test, running `host.ts` (or its compiled `host.js`) in a child process. */
export class Host {
  private constructor(
    readonly kind: HostKind,
    readonly url: string,
    /** RSS once started, before any request. */
    readonly idleRssBytes: number,
    private readonly child: ChildProcess,
  ) {}

  static start(kind: HostKind, env: Record<string, string>, runtime: Runtime): Promise<Host> {
    // `fork` would inherit this process's `-r @swc-node/register`: the compiled host gets an empty execArgv.
    const child = fork(runtime === 'compiled' ? COMPILED_HOST : path.join(__dirname, 'host.ts'), [kind], {
      execArgv: [
        ...(runtime === 'compiled' ? [] : ['-r', '@swc-node/register']),
        // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each server, written there when it stops (open in Chrome DevTools).
        // The service runs with the Node flags `npm start` gives it (package.json `config.nodeFlags`: its heap
        // sizing); BENCH_SERVICE_NODE_FLAGS replaces them for an experiment ('' for Node's defaults).
        ...(kind === 'service' ? serviceNodeFlags() : []),
        ...(process.env.BENCH_CPU_PROF
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`,
              `--cpu-prof-name=${kind}-${Date.now()}.cpuprofile`,
            ]
          : []),
      ],
      // As deployed: graphql-js, express and Apollo read NODE_ENV when loaded (graphql's development-mode
      // instanceOf checks alone cost the dashboard several percent of its CPU).
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      // The service's request log goes nowhere: it is written (that cost is real) but not shown.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} did not start within 60 s`)), 60_000);
      child.once('exit', (code) => reject(new Error(`${kind} exited with code ${code} while starting`)));
      child.on('message', (message: HostMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(new Host(kind, message.url, message.rssBytes, child));
        } else if (message.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`${kind} failed to start: ${message.message}`));
        }
      });
    });
  }

  private ask<T extends HostMessage['type']>(
    request: HostRequest,
    answer: T,
  ): Promise<Extract<HostMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.kind} did not answer ${request.type}`)), 10_000);
      const onMessage = (message: HostMessage) => {
        if (message.type !== answer) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message as Extract<HostMessage, { type: T }>);
      };
      this.child.on('message', onMessage);
      this.child.send(request);
    });
  }

  async reset(): Promise<void> {
    await this.ask({ type: 'reset' }, 'reset');
  }

  stats(): Promise<Extract<HostMessage, { type: 'stats' }>> {
    return this.ask({ type: 'stats' }, 'stats');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop' } satisfies HostRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface Posted {
  status: number;
  text: string;
  bytes: number;
  body: { data?: unknown; errors?: unknown[] };
}

export async function post(url: string, body: string, token: string): Promise<Posted> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  let parsed: Posted['body'];
  try {
    parsed = JSON.parse(text) as Posted['body'];
  } catch {
    parsed = { errors: [text.slice(0, 200)] };
  }
  return { status: response.status, text, bytes: Buffer.byteLength(text), body: parsed };
}

/**
 * The O4 writers: each request takes a writer whose previous request has been answered, so no two requests ever
 * carry the same realization at once (a conflict then means a real lost race, counted in `conflicts`).
 * autocannon resets a connection's context on every request, so the writer travels in the context from
 * `setupRequest` to `onResponse` of the same request.
 */
export class Writers {
  private readonly busy = new Set<number>();
  private next = 0;
  conflicts = 0;
  constructor(
    readonly slots: WriterSlot[],
    readonly tokens: string[],
    readonly versions: number[],
  ) {}

  static async load(connection: Connection, slots: WriterSlot[], tokens: string[]): Promise<Writers> {
    const [rows] = await connection.query('SELECT id, version FROM realization WHERE id IN (?)', [
      slots.map((s) => s.realizationId),
    ]);
    const version = new Map(
      (rows as Array<{ id: number; version: number }>).map((r) => [Number(r.id), Number(r.version)]),
    );
    return new Writers(
      slots,
      tokens,
      slots.map((s) => version.get(s.realizationId) ?? 1),
    );
  }

  /** A writer with nothing in flight (round robin); if all are busy, the next one anyway. */
  claim(): number {
    for (let i = 0; i < this.slots.length; i++) {
      const slot = (this.next + i) % this.slots.length;
      if (!this.busy.has(slot)) {
        this.next = slot + 1;
        this.busy.add(slot);
        return slot;
      }
    }
    return this.next++ % this.slots.length;
  }

  body(slot: number): string {
    const s = this.slots[slot]!;
    const version = this.versions[slot]!;
    return requestBody('O4', {
      input: {
        indicatorId: s.indicatorGlobalId,
        subPeriod: s.subPeriod,
        value: o4Value(version),
        expectedVersion: version,
      },
    });
  }

  /** Learns the new version from the answer (or the current one from a CONFLICT) and frees the writer. */
  learn(slot: number, text: string): void {
    this.busy.delete(slot);
    try {
      const payload = (
        JSON.parse(text) as {
          data?: {
            recordRealization?: {
              realization: { version: number } | null;
              userErrors: Array<{ currentVersion: number | null }>;
            };
          };
        }
      ).data?.recordRealization;
      if (payload?.realization) this.versions[slot] = payload.realization.version;
      else {
        this.conflicts += 1;
        const current = payload?.userErrors[0]?.currentVersion;
        if (typeof current === 'number') this.versions[slot] = current;
      }
    } catch {
      this.conflicts += 1;
    }
  }
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** One bounded autocannon run on loopback: a fixed body, or the O4 writers. */
export async function load(
  url: string,
  options: {
    connections: number;
    durationSeconds: number;
    body?: string;
    token?: string;
    writers?: Writers;
    /** Sent as `accept-encoding` (`--accept-encoding`); none by default, so answers go uncompressed. */
    acceptEncoding?: string;
  },
): Promise<LoadResult> {
  const { writers } = options;
  const encoding = options.acceptEncoding ? { 'accept-encoding': options.acceptEncoding } : {};
  const common = { url, connections: options.connections, duration: options.durationSeconds, timeout: 30 };
  const instance = writers
    ? autocannon({
        ...common,
        requests: [
          {
            method: 'POST',
            setupRequest: (request, context) => {
              const ctx = context as { slot?: number };
              ctx.slot = writers.claim();
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${writers.tokens[ctx.slot]}`,
                  ...encoding,
                },
                body: writers.body(ctx.slot),
              };
            },
            onResponse: (_status, body, context) => writers.learn((context as { slot: number }).slot, body),
          },
        ],
      })
    : autocannon({
        ...common,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, ...encoding },
        body: options.body,
      });
  const result = await instance;
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** MariaDB's global `Questions` counter. */
export async function questions(connection: Connection): Promise<number> {
  const [rows] = await connection.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number((rows as Array<{ Value: string }>)[0]!.Value);
}

/**
 * SQL statements per request from MariaDB's `Questions`: `count` sequential requests on a quiet server, the
 * counter read before and after, minus what reading it costs; the lowest of `trials` (other clients of a shared
 * MariaDB can only add to it).
 */
export async function statementsPerRequest(
  connection: Connection,
  count: number,
  trials: number,
  send: () => Promise<void>,
): Promise<number> {
  // What reading the counter costs (normally 1): the lowest of three, as others may run statements meanwhile.
  let overhead = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const before = await questions(connection);
    overhead = Math.min(overhead, (await questions(connection)) - before);
  }
  let best = Number.POSITIVE_INFINITY;
  for (let t = 0; t < trials; t++) {
    const start = await questions(connection);
    for (let i = 0; i < count; i++) await send();
    const end = await questions(connection);
    best = Math.min(best, (end - start - overhead) / count);
  }
  return best;
}
