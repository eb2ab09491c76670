import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type * as BaselineModule from './baseline';
import type * as ConfigModule from '../src/core/config/config';
import type * as DatabaseModule from '../src/core/database/database';
import type * as CounterModule from '../src/core/database/sql-statement-counter';
import type * as LoggerModule from '../src/core/server/logger';
import type * as ServerModule from '../src/app/server';

/** A module loaded when first needed (a CommonJS `require`: `import()` would be an ES module load here). */
function lazy<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each kind loads only its own modules, on demand
  return require(id) as T;
}

/**
 * One server under test in its own process, so that its CPU time and memory are its own and not the load
 * generator's: `service` (the real `createServer` on MariaDB) or `baseline`. Talks to `run.ts` over IPC:
 * `ready` with its URL; on `reset` it zeroes its counters; on `stats` it reports CPU, peak RSS, requests and
 * statements since the reset; on `stop` it closes and exits.
 *
 * Each kind loads only its own modules (imported inside its branch): the baseline process does not carry the
 * service's GraphQL schema, ORM and entities, so its memory is its own.
 */

export type HostKind = 'service' | 'baseline';

export type HostRequest = { type: 'reset' } | { type: 'stats' } | { type: 'stop' };

export type HostMessage =
  | { type: 'ready'; url: string; rssBytes: number }
  | { type: 'reset' }
  | { type: 'stats'; cpuMs: number; peakRssBytes: number; requests: number; statements: number }
  | { type: 'error'; message: string };

const RSS_SAMPLE_MS = 20;

async function main(): Promise<void> {
  const kind = process.argv[2] as HostKind;
  const databaseUrl = process.env.BENCH_DATABASE_URL!;
  const jwtSecret = process.env.BENCH_JWT_SECRET!;
  const send = (message: HostMessage) => process.send?.(message);

  let requests = 0;
  let url: string;
  let close: () => Promise<void>;
  let statementsNow: () => number;

  if (kind === 'service') {
    const { loadConfig } = lazy<typeof ConfigModule>('../src/core/config/config');
    const { Database } = lazy<typeof DatabaseModule>('../src/core/database/database');
    const { statementsIssued } = lazy<typeof CounterModule>('../src/core/database/sql-statement-counter');
    const { createLogger } = lazy<typeof LoggerModule>('../src/core/server/logger');
    const { createServer } = lazy<typeof ServerModule>('../src/app/server');
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      // Production wants /metrics guarded; the bench does not scrape it.
      METRICS_TOKEN: process.env.METRICS_TOKEN || randomBytes(24).toString('hex'),
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      // The per-principal budget would throttle one principal sending thousands of requests a second.
      RATE_LIMIT_COST_PER_MINUTE: process.env.RATE_LIMIT_COST_PER_MINUTE ?? '1000000000000',
      // The hourly reminder run is not a request: at a province's size its first run loads the database for minutes
      // while the operations are timed, and the baseline has nothing like it.
      REMINDERS: process.env.REMINDERS ?? 'off',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    });
    const log = createLogger(config.logLevel);
    const db = await Database.connect(config.databaseUrl, { log });
    const created = await createServer({
      config,
      db,
      log,
      // Production settings leave the per-request tally off; the process-wide count serves the quiet sequential run.
      onRequestFinished: () => {
        requests += 1;
      },
    });
    const server = await created.listen(0, '127.0.0.1');
    url = server.url;
    statementsNow = statementsIssued;
    close = async () => {
      await server.stop();
      await db.close();
    };
  } else {
    const { startBaseline } = lazy<typeof BaselineModule>('./baseline');
    const baseline = await startBaseline({
      databaseUrl,
      jwtSecret,
      timeZone: process.env.TIME_ZONE || 'Asia/Jayapura',
      onRequestFinished: () => {
        requests += 1;
      },
    });
    url = baseline.url;
    statementsNow = baseline.statements;
    close = baseline.close;
  }

  let cpuAtReset = process.cpuUsage();
  let statementsAtReset = statementsNow();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  sampler.unref();

  process.on('message', (message: HostRequest) => {
    void (async () => {
      if (message.type === 'reset') {
        cpuAtReset = process.cpuUsage();
        statementsAtReset = statementsNow();
        requests = 0;
        peakRss = process.memoryUsage.rss();
        send({ type: 'reset' });
      } else if (message.type === 'stats') {
        const cpu = process.cpuUsage(cpuAtReset);
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        send({
          type: 'stats',
          cpuMs: (cpu.user + cpu.system) / 1000,
          peakRssBytes: peakRss,
          requests,
          statements: statementsNow() - statementsAtReset,
        });
      } else if (message.type === 'stop') {
        clearInterval(sampler);
        await close();
        process.exit(0);
      }
    })();
  });

  send({ type: 'ready', url, rssBytes: process.memoryUsage.rss() });
}

main().catch((error: unknown) => {
  process.send?.({
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies HostMessage);
  console.error(error);
  process.exit(1);
});
