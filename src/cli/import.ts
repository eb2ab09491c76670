import 'reflect-metadata';
import os from 'node:os';
import { Actor } from '../core/auth/actor';
import { Role } from '../core/auth/role';
import { policyTable } from '../app/policy-table';
import { CsvImportError, type CsvImportProgress, importCsv } from '../modules/import/csv-import';
import { IMPORT_MESSAGES } from '../modules/import/import.messages';
import { CliError, parseArgs, progressLine, runCommand, stringOption } from './cli-support';
import { cliLocale } from './cli-locale';

/** `npm run import -- file.csv`: a CSV import with a progress line and a list of refused rows. */
void runCommand(async ({ db }) => {
  const { options, positional } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  const locale = cliLocale(stringOption(options, 'lang'));
  if (!file || options.has('help')) {
    process.stdout.write(`${IMPORT_MESSAGES.usage[locale]}\n`);
    if (!file && !options.has('help')) process.exitCode = 1;
    return;
  }
  const actor = Actor.client(stringOption(options, 'as') ?? `cli-import:${os.userInfo().username}`, [Role.INTEGRATION]);
  const database = await db();
  await database.runMigrations();
  const line = progressLine();
  // Thousands as each language writes them: 1,200 in English, 1.200 in Indonesian.
  const count = (n: number) => n.toLocaleString(locale === 'id' ? 'id-ID' : 'en');
  const describe = (p: CsvImportProgress) =>
    IMPORT_MESSAGES.progress({ ...p, done: count(p.done), total: count(p.total) })[locale] +
    (p.waiting ? IMPORT_MESSAGES.waiting(p.waiting)[locale] : '');
  try {
    const result = await importCsv(database, file, actor, policyTable, (p) => line.update(describe(p)), locale);
    line.done(IMPORT_MESSAGES.imported(describe(result))[locale]);
    for (const failure of result.failures) process.stderr.write(`${failure}\n`);
    if (result.failed > 0) process.exitCode = 2;
  } catch (error) {
    if (error instanceof CsvImportError) throw new CliError(error.message);
    throw error;
  }
});
