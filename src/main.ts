import 'reflect-metadata';
import { loadConfig } from './core/config/config';
import { Database } from './core/database/database';
import { createLogger } from './core/server/logger';
import { createServer } from './app/server';
import { seedRegion } from './seed/seed-region';
import { isOrganisationEmpty } from './seed/seed-writer';

/** Size of the demo region seeded into an empty embedded database on first start. */
const DEMO_EMPLOYEES = 300;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const db = await Database.connect(config.databaseUrl, { log });
  if (config.migrateOnStart) {
    const applied = await db.runMigrations();
    if (applied.length) log.info({ migrations: applied }, 'applied migrations');
  }
  let demo: Awaited<ReturnType<typeof seedRegion>> | undefined;
  if (config.seedDemoOnStart && (await isOrganisationEmpty(db))) {
    demo = await seedRegion(db, DEMO_EMPLOYEES);
    log.info({ units: demo.units, employees: demo.employees, ms: demo.ms }, 'seeded the demo region');
  }
  const server = await createServer({ config, db, log });
  const running = await server.listen(config.port);
  log.info({ url: running.url, database: config.embedded ? config.databaseUrl : 'mysql' }, 'listening');
  if (config.env !== 'production') {
    const who = demo ? demo.landmarks.headOfPuskesmasWalesi : '<NIP>';
    process.stdout.write(
      `\nKinerja Walesi is serving GraphQL at ${running.url}\n` +
        `Get a demo token (another terminal):  npm run token -- --nip ${who}\n` +
        `  (without arguments it lists some NIPs; add --role HR_ADMIN for HR administration)\n` +
        `Then: curl -s ${running.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\\n` +
        `        -d '{"query":"{ viewer { employee { displayName } team { totalCount nodes { displayName positionTitle } } } }"}'\n\n`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    try {
      await running.stop();
      await db.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Kinerja Walesi failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
