import 'reflect-metadata';
import { loadConfig } from '../src/core/config/config';
import { Database } from '../src/core/database/database';
import { createLogger } from '../src/core/server/logger';
import { createServer } from '../src/app/server';
import { startBaseline } from './baseline';

/**
 * One server under test in its own process, so that its CPU time and memory are its own and not the load
 * generator's: `service` (the real `createServer` on MariaDB) or `baseline`. Talks to `run.ts` over IPC:
 * `ready` with its URL; on `reset` it zeroes its counters; on `stats` it reports CPU, peak RSS, requests and
 * statements since the reset; on `stop` it closes and exits.
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
  let statements = 0;
  let url: string;
  let close: () => Promise<void>;
  let statementsNow: () => number;

  if (kind === 'service') {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      // The per-principal budget would throttle one principal sending thousands of requests a second.
      RATE_LIMIT_COST_PER_MINUTE: process.env.RATE_LIMIT_COST_PER_MINUTE ?? '1000000000000',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    });
    const log = createLogger(config.logLevel);
    const db = await Database.connect(config.databaseUrl, { log });
    const created = await createServer({
      config,
      db,
      log,
      onRequestFinished: (s) => {
        requests += 1;
        statements += s.statements;
      },
    });
    const server = await created.listen(0, '127.0.0.1');
    url = server.url;
    statementsNow = () => statements;
    close = async () => {
      await server.stop();
      await db.close();
    };
  } else {
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
        send({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: peakRss, requests, statements: statementsNow() - statementsAtReset });
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
  process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies HostMessage);
  console.error(error);
  process.exit(1);
});
