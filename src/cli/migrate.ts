import 'reflect-metadata';
import { runCommand } from './cli-support';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (the embedded SQLite file by default). */
void runCommand(async ({ config, db }) => {
  const database = await db();
  const applied = await database.runMigrations();
  process.stdout.write(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${config.databaseUrl}:\n${applied.map((m) => `  ${m}\n`).join('')}`
      : `Nothing to apply: ${config.databaseUrl} is up to date.\n`,
  );
});
