import 'reflect-metadata';
import { seedRegion } from '../seed/seed-region';
import { clearOrganisation, isOrganisationEmpty } from '../seed/seed-writer';
import { CliError, parseArgs, progressLine, runCommand, stringOption } from './cli-support';

/**
 * `npm run seed -- --employees N [--reset]`: writes the deterministic demo region (the Walesi organisation, then
 * generated units up to N employees) into DATABASE_URL, after applying migrations.
 */
void runCommand(async ({ config, db }) => {
  const { options } = parseArgs(process.argv.slice(2));
  const employees = Number(stringOption(options, 'employees') ?? 300);
  if (!Number.isInteger(employees) || employees < 1 || employees > 1_000_000)
    throw new CliError('--employees must be a whole number from 1 to 1,000,000.');
  const database = await db();
  await database.runMigrations();
  if (!(await isOrganisationEmpty(database))) {
    if (!options.has('reset'))
      throw new CliError(
        `${config.databaseUrl} already holds an organisation. Add --reset to replace it (this deletes every unit, employee and audit entry).`,
      );
    process.stderr.write('Removing the existing organisation…\n');
    await clearOrganisation(database);
  }
  const line = progressLine();
  const result = await seedRegion(database, employees, (p) =>
    line.update(`seeding ${p.phase}: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}`),
  );
  line.done(
    `Seeded ${result.units.toLocaleString('en')} units, ${result.employees.toLocaleString('en')} employees, their ${result.year} plans (SKP), ${result.realizations.toLocaleString('en')} realizations, ${result.feedback.toLocaleString('en')} feedback and ${result.activities.toLocaleString('en')} daily-log entries, and ${result.year - 1} closed (${result.evaluations.toLocaleString('en')} evaluations, ${result.objections.toLocaleString('en')} objections) in ${(result.ms / 1000).toFixed(1)} s.`,
  );
  process.stderr.write(
    `${result.steps.map((s) => `  ${s.step.padEnd(50)} ${(s.ms / 1000).toFixed(1).padStart(7)} s`).join('\n')}\n`,
  );
  const l = result.landmarks;
  process.stdout.write(
    [
      'Demo people (NIP):',
      `  head of UPTD Puskesmas Walesi   ${l.headOfPuskesmasWalesi}`,
      `  nurse at Puskesmas Walesi       ${l.nurseAtPuskesmasWalesi}`,
      `  teacher at SD Negeri Walesi     ${l.teacherAtSdWalesi}`,
      `  head of Kantor Distrik Walesi   ${l.headOfDistrictWalesi}`,
      `  head of Dinas Kesehatan (JPT)   ${l.headOfHealthOffice}, appraised by ${l.bupati} (Bupati)`,
      `  HR officer at BKPSDM            ${l.hrAdmin}  (use --role HR_ADMIN)`,
      '',
    ].join('\n'),
  );
});
