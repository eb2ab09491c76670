import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql, { type Connection } from 'mysql2/promise';
import { SignJWT } from 'jose';
import { CliError, parseArgs, progressLine, stringOption } from '../src/cli/cli-support';
import { Database } from '../src/core/database/database';
import { createLogger } from '../src/core/server/logger';
import { seedRegion } from '../src/seed/seed-region';
import {
  COMPILED_HOST,
  Host,
  load,
  post,
  type Runtime,
  serviceNodeFlags,
  statementsPerRequest,
  Writers,
  type LoadResult,
} from './load';
import { DESCRIPTIONS, globalId, OPERATIONS, type OperationName, requestBody, VERIFIED } from './operations';
import { pickPrincipals, type Principals } from './principals';
import { ENCODINGS, wireBytes, type WireBytes } from './wire-bytes';

/**
 * `npm run bench -- [--employees 5000] [--duration 10] [--connections 10] [--reuse] [--strict] [--runtime compiled|swc] [--only O1,O3] [--accept-encoding gzip|br]`
 *
 * Seeds (or with --reuse, reuses) a region of N employees in the MariaDB database `kinerja_bench_<N>`, starts the
 * service and the raw-SQL baseline (each in its own process), checks that they answer O1–O3 (and O5) with the
 * same `data`, then measures O1–O5 on each with autocannon on loopback (`docs/performance.md`). Prints
 * one table and writes it as JSON to bench/results/<timestamp>.json. --strict: exit 1 when a bar is missed.
 * BENCH_DATABASE_URL names the server (default mysql://root@127.0.0.1:3306); the database name is replaced.
 * --runtime compiled (default): first builds src/ and the host with `tsc -p bench/tsconfig.build.json` (the
 * production build's settings and output folder, plus dist/bench/), then runs both servers with plain `node` on
 * the JavaScript; --runtime swc runs both from the TypeScript sources under `@swc-node/register` instead.
 * --accept-encoding: the load asks for compressed answers (the baseline never compresses: compare the service with
 * itself without the option). Either way the bytes O1 takes on the wire, each way, are reported for identity, gzip
 * and br.
 */

const JWT_SECRET =
  process.env.JWT_SECRET && process.env.JWT_SECRET.length >= 32
    ? process.env.JWT_SECRET
    : 'kinerja-walesi-benchmark-secret-0123456789abcdef';
const TIME_ZONE = process.env.TIME_ZONE || 'Asia/Jayapura';
/** Sequential requests per trial when counting statements with `Questions`, and trials (the lowest wins). */
const QUIET_REQUESTS = 20;
const QUIET_TRIALS = 3;
const WARMUP_SECONDS = 2;

interface Side {
  load: LoadResult;
  payloadBytes: number;
  /** From MariaDB's `Questions` on a quiet sequential run. */
  statementsPerRequest: number;
  /** Counted inside the server (the service's per-request tally, the baseline's own counter), same quiet run. */
  statementsCounted: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
  /** RSS of the fresh server before its first request. */
  idleRssMb: number;
  writeConflicts?: number;
}

interface OperationResult {
  operation: OperationName;
  description: string;
  service: Side;
  baseline: Side;
  ratio: { throughput: number; p50: number; p99: number; cpu: number };
}

const log = (text: string) => process.stderr.write(`${text}\n`);

function databaseUrlFor(employees: number): { server: string; url: string; name: string } {
  const server = new URL(process.env.BENCH_DATABASE_URL || 'mysql://root@127.0.0.1:3306');
  const name = `kinerja_bench_${employees}`;
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return { server: server.toString(), url: url.toString(), name };
}

async function connect(url: string, database?: string): Promise<Connection> {
  const u = new URL(url);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    dateStrings: ['DATE'],
    timezone: 'Z',
  });
}

/** Reuses a seeded database of about N employees, or (re)creates and seeds one with the project's own seed. */
async function prepareDatabase(employees: number, reuse: boolean): Promise<string> {
  const { server, url, name } = databaseUrlFor(employees);
  const admin = await connect(server);
  try {
    const [existing] = await admin.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
      name,
    ]);
    if (reuse && (existing as unknown[]).length > 0) {
      const [[row]] = (await admin
        .query(`SELECT COUNT(*) AS n FROM \`${name}\`.employee`)
        .catch(() => [[{ n: 0 }]])) as unknown as [[{ n: number }]];
      if (Number(row.n) >= employees) {
        // A seed made by an older build still gets the newer migrations (they keep its rows).
        const db = await Database.connect(url, { log: createLogger('warn') });
        await db.runMigrations().finally(() => db.close());
        log(`Reusing ${name} (${Number(row.n).toLocaleString('en')} employees).`);
        return url;
      }
      log(`${name} is not a complete seed (${Number(row.n)} employees): seeding it again.`);
    }
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const db = await Database.connect(url, { log: createLogger('warn') });
  try {
    await db.runMigrations();
    const line = progressLine();
    const result = await seedRegion(db, employees, (p) =>
      line.update(`seeding ${p.phase}: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}`),
    );
    line.done(
      `Seeded ${name}: ${result.employees.toLocaleString('en')} employees, ${result.realizations.toLocaleString('en')} realizations in ${(result.ms / 1000).toFixed(1)} s.`,
    );
  } finally {
    await db.close();
  }
  return url;
}

function token(subject: string, roles: string[] = []): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

/** JSON with object keys sorted, so that equal data compares equal whatever order its keys were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Where two JSON texts first differ, with some context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at character ${i}:\n  service:  …${a.slice(Math.max(0, i - 120), i + 120)}\n  baseline: …${b.slice(Math.max(0, i - 120), i + 120)}`;
}

interface Fixed {
  body: string;
  token: string;
}

export async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2));
  const employees = Number(stringOption(options, 'employees') ?? 5000);
  const duration = Number(stringOption(options, 'duration') ?? 10);
  const connections = Number(stringOption(options, 'connections') ?? 10);
  if (!Number.isInteger(employees) || employees < 200)
    throw new CliError('--employees must be a whole number of at least 200 (O1 needs a team of 50).');
  if (!(duration > 0 && duration <= 120)) throw new CliError('--duration must be from 1 to 120 seconds per operation.');
  if (!Number.isInteger(connections) || connections < 1 || connections > 100)
    throw new CliError('--connections must be from 1 to 100.');
  const acceptEncoding = stringOption(options, 'accept-encoding');
  if (acceptEncoding !== undefined && acceptEncoding !== 'gzip' && acceptEncoding !== 'br')
    throw new CliError('--accept-encoding is gzip or br.');
  const runtime = (stringOption(options, 'runtime') ?? 'compiled') as Runtime;
  if (runtime !== 'compiled' && runtime !== 'swc') throw new CliError('--runtime is compiled or swc.');
  if (runtime === 'compiled') build();
  // --only O1,O3: time only these (all are still checked for equal answers); the bars of the others read as missing.
  const only = stringOption(options, 'only')
    ?.split(',')
    .map((o) => o.trim().toUpperCase());
  const unknown = only?.filter((o) => !(OPERATIONS as readonly string[]).includes(o)) ?? [];
  if (unknown.length)
    throw new CliError(`--only: unknown operation ${unknown.join(', ')} (one of ${OPERATIONS.join(', ')}).`);

  const url = await prepareDatabase(employees, options.has('reuse'));
  const db = await connect(url, new URL(url).pathname.slice(1));
  const hosts: Host[] = [];
  try {
    // Twice as many O4 writers as connections: a connection always finds one with nothing in flight.
    const principals = await pickPrincipals(db, 2 * connections, TIME_ZONE);
    log(
      `O1 supervisor ${principals.supervisor.nip} (${principals.supervisor.reports} direct reports); O2 employee ${principals.employee.nip}; O3 HR admin ${principals.hrAdmin.nip}.`,
    );
    const tokens = {
      supervisor: await token(principals.supervisor.nip),
      employee: await token(principals.employee.nip),
      hrAdmin: await token(principals.hrAdmin.nip, ['HR_ADMIN']),
      writers: await Promise.all(principals.writers.map((w) => token(w.nip))),
    };
    const fixed = fixedRequests(principals, tokens);

    const env = { BENCH_DATABASE_URL: url, BENCH_JWT_SECRET: JWT_SECRET, TIME_ZONE };
    const startPair = async () => {
      const pair = await Promise.all([Host.start('service', env, runtime), Host.start('baseline', env, runtime)]);
      hosts.push(...pair);
      return pair;
    };
    const stopPair = async (pair: Host[]) => {
      await Promise.all(pair.map((h) => h.stop()));
      hosts.splice(0, hosts.length, ...hosts.filter((h) => !pair.includes(h)));
    };

    // Correctness first, on one pair of servers.
    const first = await startPair();
    log(`service ${first[0].url}, baseline ${first[1].url}`);
    const payload = await verify(fixed, first[0], first[1], db, principals, tokens.writers);
    const pageSizes = await o1PageSizes(db, first[0], first[1], tokens.supervisor);
    const o1Wire: WireBytes[] = [];
    for (const encoding of ENCODINGS)
      o1Wire.push(await wireBytes(first[0].url, fixed.O1.body, fixed.O1.token, encoding));
    const o3Scopes = await o3ScopeSizes(db, first[0], fixed.O3, principals);
    await stopPair(first);

    // Then each operation on a fresh pair, so that one operation's memory does not count as the next one's peak.
    const results: OperationResult[] = [];
    for (const operation of OPERATIONS.filter((o) => !only || only.includes(o))) {
      const pair = await startPair();
      const sides = {} as Record<'service' | 'baseline', Side>;
      for (const host of pair) {
        sides[host.kind] = await measure(operation, host, db, fixed, principals, tokens.writers, {
          connections,
          duration,
          payloadBytes: payload[operation][host.kind],
          acceptEncoding,
        });
      }
      await stopPair(pair);
      const s = sides.service;
      const b = sides.baseline;
      results.push({
        operation,
        description: DESCRIPTIONS[operation],
        service: s,
        baseline: b,
        ratio: {
          throughput: s.load.requestsPerSecond / b.load.requestsPerSecond,
          p50: s.load.p50 / b.load.p50,
          p99: s.load.p99 / b.load.p99,
          cpu: s.cpuMsPerRequest / b.cpuMsPerRequest,
        },
      });
    }

    const bars = checkBars(results, pageSizes, o3Scopes, connections);
    process.stdout.write(
      `\n${table(results, { employees, duration, connections, runtime })}\n\n${wireLine(o1Wire)}\n${pageSizeLine(pageSizes)}\nO3 SQL statements per request by scope (Questions, service): whole region ${fmt(o3Scopes.root, 2)}, ${o3Scopes.sub.unit} ${fmt(o3Scopes.sub.statements, 2)}\n\n${bars.map((b) => `${b.met ? 'PASS' : 'MISS'}  ${b.bar}: ${b.value}`).join('\n')}\n`,
    );
    const file = writeResults({
      employees,
      duration,
      connections,
      acceptEncoding: acceptEncoding ?? 'none',
      o1Wire,
      runtime,
      database: new URL(url).pathname.slice(1),
      principals,
      results,
      pageSizes,
      o3Scopes,
      bars,
    });
    process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
    if (options.has('strict') && bars.some((b) => !b.met)) process.exitCode = 1;
  } finally {
    await Promise.allSettled(hosts.map((h) => h.stop()));
    await db.end();
  }
}

/**
 * The production build (`tsconfig.build.json`: same settings, same dist/ folder) plus the bench host, in one
 * incremental `tsc` run: a few seconds when nothing changed. Fails the run if it does not compile.
 */
function build(): void {
  const started = Date.now();
  const root = path.join(__dirname, '..');
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.build.json')],
    { cwd: root, stdio: 'inherit' },
  );
  if (!fs.existsSync(COMPILED_HOST))
    throw new CliError(`The build did not produce ${path.relative(root, COMPILED_HOST)}.`);
  log(`Built src/ and the bench host into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

function fixedRequests(
  p: Principals,
  tokens: { supervisor: string; employee: string; hrAdmin: string },
): Record<Exclude<OperationName, 'O4'>, Fixed> {
  return {
    O1: { body: requestBody('O1', { n: 50 }), token: tokens.supervisor },
    O2: { body: requestBody('O2', {}), token: tokens.employee },
    O3: { body: requestBody('O3', { unitId: p.rootUnitGlobalId, periodId: p.periodGlobalId }), token: tokens.hrAdmin },
    O5: { body: requestBody('O5', { id: p.nodeGlobalId }), token: tokens.supervisor },
  };
}

/**
 * Both servers must answer the same `data` for O1–O3 (and O5) before anything is timed; O4 must succeed on both.
 * Returns the payload sizes.
 */
async function verify(
  fixed: Record<Exclude<OperationName, 'O4'>, Fixed>,
  service: Host,
  baseline: Host,
  db: Connection,
  principals: Principals,
  writerTokens: string[],
): Promise<Record<OperationName, Record<'service' | 'baseline', number>>> {
  const sizes = {} as Record<OperationName, Record<'service' | 'baseline', number>>;
  for (const operation of ['O1', 'O2', 'O3', 'O5'] as const) {
    const [s, b] = [
      await post(service.url, fixed[operation].body, fixed[operation].token),
      await post(baseline.url, fixed[operation].body, fixed[operation].token),
    ];
    for (const [name, r] of [
      ['service', s],
      ['baseline', b],
    ] as const) {
      if (r.status !== 200 || r.body.errors)
        throw new Error(`${operation} on the ${name} failed (HTTP ${r.status}): ${r.text.slice(0, 500)}`);
    }
    const [sd, bd] = [canonical(s.body.data), canonical(b.body.data)];
    if (sd !== bd)
      throw new Error(`${operation}: the service and the baseline answer different data ${firstDifference(sd, bd)}`);
    const raw = JSON.stringify(s.body.data) === JSON.stringify(b.body.data);
    log(
      `${operation}: same data on both (${sd.length.toLocaleString('en')} bytes of data${raw ? ', same key order' : ', key order differs'})${VERIFIED.has(operation) ? '' : ' [checked beyond the brief]'}`,
    );
    sizes[operation] = { service: s.bytes, baseline: b.bytes };
  }
  const writers = await Writers.load(db, principals.writers.slice(0, 1), writerTokens.slice(0, 1));
  for (const host of [service, baseline]) {
    const r = await post(host.url, writers.body(0), writerTokens[0]!);
    writers.learn(0, r.text);
    if (r.status !== 200 || writers.conflicts > 0)
      throw new Error(`O4 on the ${host.kind} did not record: ${r.text.slice(0, 500)}`);
    sizes.O4 = { ...sizes.O4, [host.kind]: r.bytes } as Record<'service' | 'baseline', number>;
  }
  log('O4: recorded on both.');
  return sizes;
}

interface PageSizes {
  service: Record<'10' | '50' | '100', { statements: number; status: number }>;
  baseline: Record<'10' | '50' | '100', { statements: number; status: number }>;
}

/** O1 at page sizes 10, 50 and 100: statements per request should not change. */
async function o1PageSizes(db: Connection, service: Host, baseline: Host, supervisorToken: string): Promise<PageSizes> {
  const out = { service: {}, baseline: {} } as PageSizes;
  for (const host of [service, baseline]) {
    for (const n of [10, 50, 100] as const) {
      const body = requestBody('O1', { n });
      const first = await post(host.url, body, supervisorToken);
      const statements = await statementsPerRequest(db, 5, 2, async () => {
        await post(host.url, body, supervisorToken);
      });
      out[host.kind][String(n) as '10'] = { statements, status: first.status };
      if (first.status !== 200 || first.body.errors)
        log(`O1 at n=${n} on the ${host.kind}: HTTP ${first.status} ${first.text.slice(0, 300)}`);
    }
  }
  return out;
}

/** O3 statements per request on the service over the whole region and over the largest subtree below it. */
const O3_STATEMENTS = 6;
const idIn = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

interface O3Scopes {
  root: number;
  sub: { unit: string; statements: number; status: number };
}

async function o3ScopeSizes(db: Connection, service: Host, root: Fixed, principals: Principals): Promise<O3Scopes> {
  const [rows] = await db.query(
    `SELECT c.ancestor_id AS id FROM unit_closure c JOIN appraisal a ON a.unit_id = c.descendant_id AND a.period_id = ?
      WHERE c.ancestor_id <> ? AND c.depth > 0 GROUP BY c.ancestor_id ORDER BY COUNT(DISTINCT c.descendant_id) DESC, c.ancestor_id LIMIT 1`,
    [idIn(principals.periodGlobalId), idIn(principals.rootUnitGlobalId)],
  );
  const subId = Number((rows as Array<{ id: number }>)[0]?.id ?? -1);
  const sub = {
    ...root,
    body: requestBody('O3', { unitId: globalId('Unit', subId), periodId: principals.periodGlobalId }),
  };
  const count = async (f: Fixed) => {
    const first = await post(service.url, f.body, f.token);
    const statements = await statementsPerRequest(db, 5, 2, async () => {
      await post(service.url, f.body, f.token);
    });
    return {
      statements,
      status: first.status === 200 && !first.body.errors ? 200 : first.status === 200 ? 599 : first.status,
    };
  };
  return { root: (await count(root)).statements, sub: { unit: `subtree of unit ${subId}`, ...(await count(sub)) } };
}

async function measure(
  operation: OperationName,
  host: Host,
  db: Connection,
  fixed: Record<Exclude<OperationName, 'O4'>, Fixed>,
  principals: Principals,
  writerTokens: string[],
  options: { connections: number; duration: number; payloadBytes: number; acceptEncoding?: string },
): Promise<Side> {
  const writers = operation === 'O4' ? await Writers.load(db, principals.writers, writerTokens) : undefined;
  const send = operation === 'O4' ? undefined : fixed[operation];
  // The quiet run: statements per request from MariaDB, and from the server's own count.
  await host.reset();
  let sent = 0;
  const statementsFromQuestions = await statementsPerRequest(db, QUIET_REQUESTS, QUIET_TRIALS, async () => {
    sent += 1;
    if (writers) {
      const r = await post(host.url, writers.body(0), writers.tokens[0]!);
      writers.learn(0, r.text);
    } else await post(host.url, send!.body, send!.token);
  });
  const counted = (await host.stats()).statements / sent;
  // Warm up, then the timed run.
  const target = {
    connections: options.connections,
    body: send?.body,
    token: send?.token,
    acceptEncoding: options.acceptEncoding,
  };
  await load(host.url, { ...target, writers, durationSeconds: WARMUP_SECONDS });
  // Requests cut off by the end of the warm-up may have been written: read the versions again.
  const timedWriters = operation === 'O4' ? await Writers.load(db, principals.writers, writerTokens) : undefined;
  await host.reset();
  log(`${operation} on the ${host.kind}: ${options.duration} s at ${options.connections} connections…`);
  const result = await load(host.url, { ...target, writers: timedWriters, durationSeconds: options.duration });
  const stats = await host.stats();
  return {
    load: result,
    payloadBytes: options.payloadBytes,
    statementsPerRequest: statementsFromQuestions,
    statementsCounted: counted,
    cpuMsPerRequest: stats.requests ? stats.cpuMs / stats.requests : Number.NaN,
    peakRssMb: stats.peakRssBytes / 1024 / 1024,
    idleRssMb: host.idleRssBytes / 1024 / 1024,
    ...(timedWriters ? { writeConflicts: timedWriters.conflicts } : {}),
  };
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';

function table(
  results: OperationResult[],
  run: { employees: number; duration: number; connections: number; runtime: Runtime },
): string {
  const head = [
    'op',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'bytes',
    'SQL/req',
    '(counted)',
    'CPU ms/req',
    'peak RSS MB',
    '(idle)',
  ];
  const rows: string[][] = [];
  for (const r of results) {
    for (const kind of ['service', 'baseline'] as const) {
      const s = r[kind];
      rows.push([
        kind === 'service' ? `${r.operation} ${r.description}` : '',
        kind,
        fmt(s.load.requestsPerSecond),
        fmt(s.load.p50, 1),
        fmt(s.load.p99, 1),
        fmt(s.load.non2xx + s.load.errors + s.load.timeouts) +
          (s.writeConflicts ? ` (${s.writeConflicts} conflicts)` : ''),
        fmt(s.payloadBytes),
        fmt(s.statementsPerRequest, 2),
        fmt(s.statementsCounted, 2),
        fmt(s.cpuMsPerRequest, 2),
        fmt(s.peakRssMb, 0),
        fmt(s.idleRssMb, 0),
      ]);
    }
    rows.push([
      '',
      'ratio s/b',
      fmt(r.ratio.throughput, 2),
      fmt(r.ratio.p50, 2),
      fmt(r.ratio.p99, 2),
      '',
      '',
      '',
      '',
      fmt(r.ratio.cpu, 2),
      '',
      '',
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `Kinerja Walesi benchmark: ${run.employees.toLocaleString('en')} employees, ${run.duration} s per operation and server, ${run.connections} connections (autocannon, loopback), servers ${run.runtime === 'compiled' ? 'on the compiled build (plain node)' : 'under @swc-node/register'}, service flags: ${serviceNodeFlags().join(' ') || '(none)'}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

function pageSizeLine(p: PageSizes): string {
  const one = (side: PageSizes['service']) =>
    (['10', '50', '100'] as const)
      .map((n) => `n=${n}: ${fmt(side[n].statements, 2)}${side[n].status === 200 ? '' : ` (HTTP ${side[n].status})`}`)
      .join(', ');
  return `O1 SQL statements per request by page size (Questions): service ${one(p.service)}; baseline ${one(p.baseline)}`;
}

function checkBars(
  results: OperationResult[],
  p: PageSizes,
  o3Scopes: O3Scopes,
  connections: number,
): Array<{ bar: string; met: boolean; value: string }> {
  const o1 = results.find((r) => r.operation === 'O1');
  const o3 = results.find((r) => r.operation === 'O3');
  const peak = Math.max(...results.map((r) => r.service.peakRssMb));
  const sizes = (['10', '50', '100'] as const).map((n) => p.service[n]);
  // With --only, an operation not timed has no figures: its bars read as missing rather than failing the run.
  if (!o1 || !o3) {
    return [
      { bar: 'O1 and O3 timed (--only left one out)', met: false, value: results.map((r) => r.operation).join(', ') },
      { bar: 'service peak RSS under load < 300 MB', met: peak < 300, value: `${fmt(peak)} MB` },
    ];
  }
  return [
    {
      bar: 'O1 statements per request ≤ 6',
      met: o1.service.statementsPerRequest <= 6,
      value: fmt(o1.service.statementsPerRequest, 2),
    },
    {
      bar: 'O1 statements equal at page size 10 and 100',
      met:
        sizes.every((s) => s.status === 200) &&
        Math.abs(p.service['10'].statements - p.service['100'].statements) < 0.5,
      value: sizes.map((s) => `${fmt(s.statements, 2)}${s.status === 200 ? '' : ` (HTTP ${s.status})`}`).join(' / '),
    },
    {
      bar: 'O1 throughput ≥ 0.25 of the baseline',
      met: o1.ratio.throughput >= 0.25,
      value: fmt(o1.ratio.throughput, 2),
    },
    {
      bar: `O1 p99 < 150 ms at ${connections} connections`,
      met: o1.service.load.p99 < 150,
      value: `${fmt(o1.service.load.p99, 1)} ms`,
    },
    { bar: 'O3 throughput ≥ 0.8 of its baseline', met: o3.ratio.throughput >= 0.8, value: fmt(o3.ratio.throughput, 2) },
    // Token lookup + unit + period + one aggregate per breakdown field (distribution, completion) + one batched read
    // of the group units' names (completion's labels come from the same request's loader cache) = 6, whatever the
    // number of units: checked again on the largest subtree below the root, which must cost the same. (A single
    // leaf unit costs 5: its only label is the requested unit, already in the loader's cache.)
    {
      bar: `O3 statements per request ≤ ${O3_STATEMENTS} (token, unit, period, 2 aggregates, labels)`,
      met: o3.service.statementsPerRequest <= O3_STATEMENTS,
      value: `${fmt(o3.service.statementsPerRequest, 2)} (baseline ${fmt(o3.baseline.statementsPerRequest, 2)})`,
    },
    {
      bar: 'O3 statements the same on a smaller subtree as on the whole region',
      met: o3Scopes.sub.status === 200 && Math.abs(o3Scopes.root - o3Scopes.sub.statements) < 0.5,
      value: `${fmt(o3Scopes.root, 2)} / ${fmt(o3Scopes.sub.statements, 2)}${o3Scopes.sub.status === 200 ? '' : ` (HTTP ${o3Scopes.sub.status})`}`,
    },
    { bar: 'service peak RSS under load < 300 MB', met: peak < 300, value: `${fmt(peak)} MB` },
  ];
}

/** O1 on the wire, each way, headers included, by the encoding asked for (the service's answers). */
function wireLine(wire: WireBytes[]): string {
  return `O1 bytes on the wire (service, request / answer): ${wire
    .map(
      (w) =>
        `${w.encoding} ${fmt(w.sent)} / ${fmt(w.received)}${w.answered === w.encoding ? '' : ` (answered ${w.answered})`}`,
    )
    .join(', ')}`;
}

function writeResults(report: Record<string, unknown>): string {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...report }, null, 2)}\n`,
  );
  return file;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof CliError ? `error: ${error.message}` : error);
    process.exitCode = 1;
  });
}
