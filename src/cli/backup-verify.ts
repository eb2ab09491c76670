import 'reflect-metadata';
import { withBackupErrors } from '../backup/cli-errors';
import { verifyBackup } from '../backup/verify';
import { CliError, parseArgs, runCommand } from './cli-support';

/**
 * `npm run backup:verify -- <file>`: restores the backup into a scratch database beside DATABASE_URL (a temporary
 * SQLite file, or `<db>_verify_<random>` on MariaDB, dropped afterwards), compares every table with the manifest and
 * checks the domain's invariants. Exit code 0: it restores; 1: a check failed; 2: the file is damaged.
 */
void runCommand(async ({ config }) => {
  const { positional } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file) throw new CliError('usage: npm run backup:verify -- <file>');
  const started = Date.now();
  const result = await withBackupErrors(() =>
    verifyBackup(file, config.databaseUrl, (c) =>
      process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}\n`),
    ),
  );
  const failed = result.checks.filter((c) => !c.ok);
  if (failed.length)
    throw new CliError(
      `${file} does NOT pass verification: ${failed.length} check(s) failed (${failed.map((c) => c.name).join('; ')})`,
    );
  process.stdout.write(`${file} restores and passes every check (${((Date.now() - started) / 1000).toFixed(1)} s).\n`);
});
