import 'reflect-metadata';
import { createBackup } from '../backup/backup';
import { parseArgs, progressLine, runCommand, stringOption } from './cli-support';

/**
 * `npm run backup [-- --out <dir>]`: a consistent backup of DATABASE_URL, taken while the service runs, into
 * `<dir>/kinerja-walesi-<UTC time>.backup.gz` (`backups/` by default). Prints the file's path on stdout.
 */
void runCommand(async ({ config }) => {
  const { options } = parseArgs(process.argv.slice(2));
  const outDir = stringOption(options, 'out') ?? 'backups';
  const line = progressLine();
  const started = Date.now();
  const result = await createBackup(config.databaseUrl, {
    outDir,
    onProgress: (p) =>
      line.update(`backup: ${p.tablesDone}/${p.tablesTotal} tables, ${p.rows.toLocaleString('en')} rows (${p.table})`),
  });
  line.done(
    `Backed up ${result.tables} tables, ${result.rows.toLocaleString('en')} rows at migration ${result.lastMigration ?? '(none)'} in ${((Date.now() - started) / 1000).toFixed(1)} s (${(result.bytes / 1024 / 1024).toFixed(1)} MiB).`,
  );
  process.stdout.write(`${result.file}\n`);
});
