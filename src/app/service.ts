import { type Logger } from 'pino';
import { type Config } from '../core/config/config';
import { Database } from '../core/database/database';
import { seedRegion, type SeedResult } from '../seed/seed-region';
import { isOrganisationEmpty } from '../seed/seed-writer';
import { createServer, type RunningServer } from './server';
import { registerDemoWebhook } from '../modules/webhook/demo-webhook';
import { WebhookWorker } from '../modules/webhook/webhook-worker';

/** Size of the demo region seeded into an empty embedded database on first start. */
export const DEMO_EMPLOYEES = 300;

export interface RunningService {
  server: RunningServer;
  db: Database;
  demo?: SeedResult;
  /** Stops accepting, drains in-flight requests (bounded by `shutdownGraceMs`), closes the pool, then exits. */
  shutdown(signal: string): Promise<void>;
}

/**
 * Starts the whole service: database, migrations and demo seed when configured, the HTTP server. `exit` is
 * injectable so that the shutdown path is testable without ending the test process.
 */
export async function startService(
  config: Config,
  log: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<RunningService> {
  const db = await Database.connect(config.databaseUrl, { log });
  if (config.migrateOnStart) {
    const applied = await db.runMigrations();
    if (applied.length) log.info({ migrations: applied }, 'applied migrations');
  }
  let demo: SeedResult | undefined;
  if (config.seedDemoOnStart && (await isOrganisationEmpty(db))) {
    demo = await seedRegion(db, DEMO_EMPLOYEES);
    log.info(
      {
        units: demo.units,
        employees: demo.employees,
        appraisals: demo.appraisals,
        realizations: demo.realizations,
        feedback: demo.feedback,
        activities: demo.activities,
        ms: demo.ms,
      },
      'seeded the demo region',
    );
  }
  const server = await (await createServer({ config, db, log })).listen(config.port, config.host);
  await registerDemoWebhook(db, config.webhooks, log);
  // Delivers the outbox to webhook endpoints; any number of instances may run one (`docs/webhooks.md`).
  const webhooks = config.webhooks.worker ? new WebhookWorker({ db, settings: config.webhooks, log }) : undefined;
  webhooks?.start();
  log.info(
    { url: server.url, metricsUrl: server.metricsUrl, database: config.embedded ? config.databaseUrl : 'mysql' },
    'listening',
  );

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      log.info({ signal }, 'shutting down: draining requests');
      const timer = setTimeout(() => {
        log.error('shutdown took too long; exiting');
        exit(1);
      }, config.shutdownGraceMs);
      timer.unref();
      try {
        await server.stop();
        await webhooks?.stop();
        await db.close();
        clearTimeout(timer);
        log.info('stopped');
        exit(0);
      } catch (error) {
        log.error({ err: error }, 'error while shutting down');
        exit(1);
      }
    })());
  return { server, db, demo, shutdown };
}
