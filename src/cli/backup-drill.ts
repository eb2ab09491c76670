import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup } from '../backup/backup';
import { validateBackupFile } from '../backup/backup-format';
import { restoreBackup } from '../backup/restore';
import { compareWithManifest, createScratchDatabase, foreignKeysHold, verifyBackup } from '../backup/verify';
import { Database } from '../core/database/database';
import { checkDomainInvariants, type InvariantCheck } from '../core/database/domain-invariants';
import { seedRegion } from '../seed/seed-region';
import { CliError, parseArgs, runCommand, stringOption } from './cli-support';

/**
 * `npm run backup:drill [-- --employees N]`: the backup round trip, as CI runs it. On a fresh temporary SQLite
 * database (and on MariaDB too when DATABASE_URL names one): seed a small region, back it up, verify the backup,
 * restore it into a second empty database and check that one against the manifest and the invariants. Every
 * database it makes is temporary. Exit code 0 only when every step passes.
 */
void runCommand(async ({ config }) => {
  const { options } = parseArgs(process.argv.slice(2));
  const employees = Number(stringOption(options, 'employees') ?? 60);
  if (!Number.isInteger(employees) || employees < 1) throw new CliError('--employees must be a positive whole number');
  const bases = ['sqlite:drill.sqlite', ...(config.databaseUrl.startsWith('sqlite:') ? [] : [config.databaseUrl])];
  let failures = 0;
  for (const base of bases) failures += await drill(base, employees);
  if (failures) throw new CliError(`backup drill: ${failures} step(s) failed`);
  process.stdout.write('backup drill: every step passed\n');
});

async function drill(base: string, employees: number): Promise<number> {
  const kind = base.startsWith('sqlite:') ? 'SQLite' : 'MariaDB/MySQL';
  const say = (text: string) => process.stdout.write(`[${kind}] ${text}\n`);
  let failures = 0;
  const step = (check: InvariantCheck) => {
    if (!check.ok) failures += 1;
    say(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
  };
  const source = await createScratchDatabase(base, 'drill');
  const target = await createScratchDatabase(base, 'drill');
  const dir = await mkdtemp(join(tmpdir(), 'kinerja-walesi-drill-'));
  const open: Database[] = [];
  try {
    const db = await Database.connect(source.url);
    open.push(db);
    await db.runMigrations();
    const seeded = await seedRegion(db, employees);
    step({
      name: 'seed',
      ok: true,
      detail: `${seeded.employees} employees, ${seeded.realizations} realizations, ${seeded.feedback} feedback`,
    });
    const backup = await createBackup(source.url, { outDir: dir });
    step({ name: 'backup', ok: true, detail: `${backup.rows} rows of ${backup.tables} tables, ${backup.bytes} bytes` });
    const verified = await verifyBackup(backup.file, base, (c) => step({ ...c, name: `verify: ${c.name}` }));
    if (!verified.ok) say('the backup did not verify');
    const restoredDb = await Database.connect(target.url);
    open.push(restoredDb);
    const restored = await restoreBackup(restoredDb, backup.file);
    step({ name: 'restore into an empty database', ok: true, detail: `${restored.rows} rows` });
    const { manifest } = await validateBackupFile(backup.file);
    for (const c of await compareWithManifest(target.url, manifest.tables)) step({ ...c, name: `restored: ${c.name}` });
    for (const c of [await foreignKeysHold(restoredDb), ...(await checkDomainInvariants(restoredDb.manager))])
      step({ ...c, name: `restored: ${c.name}` });
  } catch (error) {
    step({ name: 'drill', ok: false, detail: error instanceof Error ? error.message : String(error) });
  } finally {
    for (const db of open) await db.close();
    await source.drop();
    await target.drop();
    await rm(dir, { recursive: true, force: true });
  }
  return failures;
}
