import 'reflect-metadata';
import os from 'node:os';
import { Actor } from '../core/auth/actor';
import { Role } from '../core/auth/role';
import { policyTable } from '../app/policy-table';
import { CsvImportError, type CsvImportProgress, importCsv } from '../modules/import/csv-import';
import { CliError, parseArgs, progressLine, runCommand, stringOption } from './cli-support';

const USAGE = `Imports units or employees from a CSV file (the same rules as the importUnits/importEmployees mutations).

  npm run import -- <file.csv> [--as <client id>]

The header names the columns. Employees: nip,name,employmentType,grade,positionTitle,positionKind,unitCode and
optionally titlePrefix,titleSuffix,gender,supervisorNip,email,active. Units: code,name,kind and optionally parentCode.
An empty cell clears an optional field; a missing column leaves it as stored. Rows are idempotent on NIP / unit code;
a NIP or code written twice in the file is refused on its later lines. A row whose supervisor (parent) comes further
down the file waits for the end: the progress line counts it as waiting until then.
Exit code: 0 when every row was imported, 2 when some rows failed (listed on stderr), 1 on any other error.`;

/** `npm run import -- file.csv`: a CSV import with a progress line and a list of refused rows. */
void runCommand(async ({ db }) => {
  const { options, positional } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file || options.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    if (!file && !options.has('help')) process.exitCode = 1;
    return;
  }
  const actor = Actor.client(stringOption(options, 'as') ?? `cli-import:${os.userInfo().username}`, [Role.INTEGRATION]);
  const database = await db();
  await database.runMigrations();
  const line = progressLine();
  const describe = (p: CsvImportProgress) =>
    `${p.kind}: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} rows — ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged, ${p.failed} failed` +
    (p.waiting ? `, ${p.waiting} waiting for their supervisor or parent further down the file` : '');
  try {
    const result = await importCsv(database, file, actor, policyTable, (p) => line.update(describe(p)));
    line.done(`Imported ${describe(result)}.`);
    for (const failure of result.failures) process.stderr.write(`${failure}\n`);
    if (result.failed > 0) process.exitCode = 2;
  } catch (error) {
    if (error instanceof CsvImportError) throw new CliError(error.message);
    throw error;
  }
});
