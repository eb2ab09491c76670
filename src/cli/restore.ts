import 'reflect-metadata';
import { validateBackupFile } from '../backup/backup-format';
import { withBackupErrors } from '../backup/cli-errors';
import { restoreBackup } from '../backup/restore';
import { CliError, parseArgs, progressLine, runCommand } from './cli-support';

/**
 * `npm run restore -- <file> [--force]`: restores a backup into DATABASE_URL, which must be empty unless `--force`
 * (which deletes everything in it first), then migrates it forward to this release. Stop the service first.
 * Exit code 2: the file is damaged and nothing was written.
 */
void runCommand(async ({ db }) => {
  const { options, positional } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file) throw new CliError('usage: npm run restore -- <file> [--force]');
  const started = Date.now();
  // The file is checked before the database is even opened: a damaged one leaves no trace.
  const validated = await withBackupErrors(() => validateBackupFile(file));
  const database = await db();
  const line = progressLine();
  const result = await withBackupErrors(() =>
    restoreBackup(database, file, {
      validated,
      force: options.has('force'),
      onProgress: (p) =>
        line.update(`restore: ${p.rows.toLocaleString('en')}/${p.totalRows.toLocaleString('en')} rows (${p.table})`),
    }),
  );
  line.done(
    `Restored ${result.rows.toLocaleString('en')} rows of ${result.header.tables.length} tables from ${result.header.createdAt} (migration ${result.header.lastMigration ?? 'none'}) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (result.migratedForward.length ? `, then applied ${result.migratedForward.join(', ')}.` : '.'),
  );
});
