import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup } from '../../src/backup/backup';
import { BackupFileError, validateBackupFile } from '../../src/backup/backup-format';
import { listTables, restoreBackup, RestoreRefusedError } from '../../src/backup/restore';
import { compareWithManifest, verifyBackup } from '../../src/backup/verify';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { checkDomainInvariants } from '../../src/core/database/domain-invariants';
import { type Database } from '../../src/core/database/database';
import { seedRegion } from '../../src/seed/seed-region';
import { TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const count = async (db: Database, table: string) =>
  Number(((await db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number | string }>)[0]!.n);
const failed = (checks: Array<{ ok: boolean; name: string; detail: string }>) =>
  checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

describe('backups that restore (npm run backup, backup:verify, restore)', () => {
  let app: TestApp;
  let dir: string;
  let file: string;
  /** What happened while the backup was taken: the writes between its tables, and the counts around them. */
  let taken: {
    writes: number;
    before: { feedback: number; audit: number; realizationVersion: number };
    feedbackAfter: number;
    realizationId: number;
  };
  const databases: TestDatabase[] = [];
  /** Where scratch databases go: beside the test's own. */
  const base = () =>
    process.env.DATABASE_URL && !process.env.DATABASE_URL.startsWith('sqlite:')
      ? process.env.DATABASE_URL
      : app.testDb.url;
  const emptyDatabase = async () => {
    const t = await createTestDatabase({ migrate: false, shared: true });
    databases.push(t);
    return t;
  };
  /** A database of this test's own, restored from the backup. */
  const restoredCopy = async () => {
    const t = await emptyDatabase();
    await restoreBackup(t.db, file);
    return t;
  };

  beforeAll(async () => {
    app = await TestApp.start({}, { shared: true });
    dir = await mkdtemp(join(tmpdir(), 'kw-backup-e2e-'));
    // The backup every test below reads, taken once while writes go on: no test depends on another having made it.
    const seeded = await seedRegion(app.db, 60);
    const head = seeded.landmarks.headOfPuskesmasWalesi;
    const [member] = (await app.db.manager.query(
      `SELECT e.nip AS nip, a.id AS plan, r.id AS realization, r.indicator_id AS indicator, r.version AS version
         FROM employee e JOIN employee h ON h.id = e.supervisor_id JOIN appraisal a ON a.employee_id = e.id AND a.status = 'APPROVED'
         JOIN realization r ON r.appraisal_id = a.id AND r.sub_period = 1
        WHERE h.nip = ? ORDER BY e.id, r.id LIMIT 1`,
      [head],
    )) as Array<{ nip: string; plan: number; realization: number; indicator: number; version: number }>;
    expect(member).toBeDefined();
    const headToken = await app.token(head);
    const memberToken = await app.token(member!.nip);
    let version = Number(member!.version);
    let writes = 0;
    const writeSomething = async () => {
      const corrected = await app.data<{ r: { realization: { version: number } | null; userErrors: unknown[] } }>(
        'mutation($input: RecordRealizationInput!) { r: recordRealization(input: $input) { realization { version } userErrors { code } } }',
        {
          input: {
            indicatorId: toGlobalId('Indicator', Number(member!.indicator)),
            subPeriod: 1,
            expectedVersion: version,
            value: 50 + writes,
            narrative: `Koreksi ${writes}`,
          },
        },
        memberToken,
      );
      expect(corrected.r.userErrors).toEqual([]);
      version = corrected.r.realization!.version;
      const given = await app.data<{ r: { userErrors: unknown[] } }>(
        'mutation($input: GiveFeedbackInput!) { r: giveFeedback(input: $input) { feedback { id } userErrors { code } } }',
        {
          input: {
            target: 'APPRAISAL',
            targetId: toGlobalId('Appraisal', Number(member!.plan)),
            text: `Umpan balik ${writes}`,
          },
        },
        headToken,
      );
      expect(given.r.userErrors).toEqual([]);
      writes += 1;
    };
    // Some audited writes before, so that the feedback check has service-written rows to hold to account.
    await writeSomething();
    const before = {
      feedback: await count(app.db, 'feedback'),
      audit: await count(app.db, 'audit_entry'),
      realizationVersion: version,
    };

    // Writes between the tables of the dump: a dump that read each table at its own moment would hold feedback
    // without its audit row, and a realization version ahead of its audited updates.
    const result = await createBackup(app.testDb.url, { outDir: dir, onProgress: () => writeSomething() });
    file = result.file;
    taken = { writes, before, feedbackAfter: await count(app.db, 'feedback'), realizationId: member!.realization };
  }, 120_000);
  afterAll(async () => {
    for (const t of databases) await t.drop();
    await app?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('backs up a consistent snapshot while realizations and feedback are written, and it restores into an empty database', async () => {
    const { writes, before, feedbackAfter, realizationId } = taken;
    expect(file).toMatch(/kinerja-walesi-\d{8}T\d{6}Z\.backup\.gz$/);
    expect(writes).toBeGreaterThan(10);
    expect(feedbackAfter).toBe(before.feedback + writes - 1);

    const { header, manifest } = await validateBackupFile(file);
    expect(header.lastMigration).toBe(app.db.migrationNames().at(-1));
    expect(header.tables).toEqual(
      expect.arrayContaining(['employee', 'employee_closure', 'audit_entry', 'feedback', 'realization', 'lock_row']),
    );
    expect(header.tables).not.toContain('migrations');
    // The snapshot is the moment the backup began.
    expect(manifest.tables.feedback!.rows).toBe(before.feedback);
    expect(manifest.tables.audit_entry!.rows).toBe(before.audit);

    const verified = await verifyBackup(file, base());
    expect(failed(verified.checks)).toEqual([]);
    expect(verified.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'table realization',
        'every foreign key finds its row',
        'every realization’s version equals 1 + its audited updates',
        'every feedback row has its audit row',
        'employee_closure agrees with the supervisor links',
        'unit_closure agrees with the unit parent links',
        'every rating’s predikat follows the predikat matrix of its inputs',
      ]),
    );

    const target = await emptyDatabase();
    const restored = await restoreBackup(target.db, file);
    expect(restored.rows).toBe(Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0));
    expect(failed(await compareWithManifest(target.url, manifest.tables))).toEqual([]);
    expect(failed(await checkDomainInvariants(target.db.manager))).toEqual([]);
    const [{ version: restoredVersion }] = (await target.db.manager.query(
      'SELECT version FROM realization WHERE id = ?',
      [realizationId],
    )) as Array<{ version: number }>;
    expect(Number(restoredVersion)).toBe(before.realizationVersion);
  });

  it('finds broken invariants in a database: a version without its audit, feedback without its audit, a closure row gone, a predikat off the matrix', async () => {
    const target = await restoredCopy();
    await target.db.manager.query(
      'UPDATE realization SET version = version + 1 WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM realization) AS first)',
    );
    const columns =
      'recipient_employee_id, appraisal_id, author_employee_id, target_kind, target_id, core_value, text, reply, replied_at, version, created_at, updated_at';
    await target.db.manager.query(
      `INSERT INTO feedback (${columns}) SELECT ${columns} FROM feedback WHERE id = (SELECT id FROM (SELECT MAX(id) AS id FROM feedback) AS last)`,
    );
    await target.db.manager.query(
      'DELETE FROM employee_closure WHERE depth = 1 AND descendant_id = (SELECT d FROM (SELECT MAX(descendant_id) AS d FROM employee_closure) AS last)',
    );
    const rated = [
      'PERIODIC',
      'DI_ATAS_EKSPEKTASI',
      'DI_ATAS_EKSPEKTASI',
      'hr',
      '2026-02-10 02:00:00.000',
      1,
      '2026-02-10 02:00:00.000',
      '2026-02-10 02:00:00.000',
    ];
    const evaluation = `INSERT INTO evaluation (appraisal_id, sub_period, predikat, kind, result_rating, behavior_rating, rated_by_subject, rated_at, version, created_at, updated_at)
      VALUES ((SELECT MIN(id) FROM appraisal WHERE period_id = 1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    await target.db.manager.query(evaluation, [1, 'SANGAT_BAIK', ...rated]);
    await target.db.manager.query(evaluation, [2, 'BAIK', ...rated]);
    const problems = failed(await checkDomainInvariants(target.db.manager));
    expect(problems).toEqual([
      expect.stringMatching(/^every realization’s version equals 1 \+ its audited updates: 1 of \d+ do not/),
      expect.stringMatching(/^every feedback row has its audit row: feedback without its audit row: \d+/),
      expect.stringMatching(/^employee_closure agrees with the supervisor links: .*missing/),
      expect.stringMatching(
        /^every rating’s predikat follows the predikat matrix of its inputs: e\.g\. evaluation \d+: DI_ATAS_EKSPEKTASI × DI_ATAS_EKSPEKTASI stored as BAIK$/,
      ),
    ]);
  });

  it('refuses to restore into a database that holds data, unless forced', async () => {
    const target = await restoredCopy();
    const employees = await count(target.db, 'employee');
    await expect(restoreBackup(target.db, file)).rejects.toThrow(RestoreRefusedError);
    await expect(restoreBackup(target.db, file)).rejects.toThrow(
      /is not empty \(.*rows.*\): restore into an empty database, or add --force/,
    );
    expect(await count(target.db, 'employee')).toBe(employees);
    // Forced: what was there is replaced by the backup.
    await restoreBackup(target.db, file, { force: true });
    const { manifest } = await validateBackupFile(file);
    expect(failed(await compareWithManifest(target.url, manifest.tables))).toEqual([]);
    expect(failed(await checkDomainInvariants(target.db.manager))).toEqual([]);
    // A migrated database without data counts as empty: the rows the migrations write are no one's data.
    const migrated = await emptyDatabase();
    await migrated.db.runMigrations();
    await restoreBackup(migrated.db, file);
    expect(await count(migrated.db, 'employee')).toBe(manifest.tables.employee!.rows);
  });

  it('refuses a damaged or truncated file with a clear message, and leaves the target empty', async () => {
    const data = await readFile(file);
    const flipped = Buffer.from(data);
    const middle = Math.floor(flipped.length / 2);
    for (let i = middle; i < middle + 16; i++) flipped[i] = flipped[i]! ^ 0x5a;
    const flippedFile = join(dir, 'flipped.backup.gz');
    await writeFile(flippedFile, flipped);
    const truncatedFile = join(dir, 'truncated.backup.gz');
    await writeFile(truncatedFile, data.subarray(0, Math.floor(data.length * 0.7)));

    const target = await emptyDatabase();
    await expect(restoreBackup(target.db, flippedFile)).rejects.toThrow(BackupFileError);
    await expect(restoreBackup(target.db, flippedFile)).rejects.toThrow(
      /flipped\.backup\.gz.*(damaged|not a readable gzip)/,
    );
    await expect(restoreBackup(target.db, truncatedFile)).rejects.toThrow(/truncated\.backup\.gz is truncated/);
    await expect(verifyBackup(truncatedFile, base())).rejects.toThrow(/is truncated/);
    expect(await listTables(target.db)).toEqual([]);

    // The command itself: exit code 2 and the message, nothing written.
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/restore.ts', flippedFile], {
      env: { ...process.env, DATABASE_URL: target.url, NODE_ENV: 'development', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toMatch(/^error: .*flipped\.backup\.gz.*(damaged|not a readable gzip).*Nothing was written\./m);
    expect(run.status).toBe(2);
    expect(await listTables(target.db)).toEqual([]);
  });

  it('restores a backup taken at an older migration version, then migrates it forward', async () => {
    const old = await emptyDatabase();
    const names = old.db.migrationNames();
    await old.db.runMigrations({ upTo: names.at(-2)! });
    const q = (sql: string, params: unknown[] = []) => old.db.manager.query(sql, params);
    const now = '2026-03-01 02:00:00.000';
    await q(
      'INSERT INTO unit (id, code, name, kind, parent_id, head_id, version, created_at, updated_at) VALUES (1, ?, ?, ?, NULL, NULL, 1, ?, ?), (2, ?, ?, ?, 1, NULL, 1, ?, ?)',
      ['JWY', 'Kabupaten Jayawijaya', 'GOVERNMENT', now, now, 'JWY-PKM', 'Puskesmas Walesi', 'HEALTH_CENTRE', now, now],
    );
    await q('INSERT INTO unit_closure (ancestor_id, descendant_id, depth) VALUES (1, 1, 0), (2, 2, 0), (1, 2, 1)');
    await q(
      `INSERT INTO employee (id, nip, name, employment_type, grade, position_title, position_kind, unit_id, supervisor_id, active, version, created_at, updated_at)
       VALUES (1, '198001012006041001', 'Yohanes Wetipo', 'PNS', 'IV/a', 'Kepala Puskesmas', 'ADMINISTRATOR', 2, NULL, ?, 1, ?, ?),
              (2, '199002022015032002', 'Maria Itlay', 'PNS', 'III/a', 'Perawat Ahli Pertama', 'FUNGSIONAL', 2, 1, ?, 1, ?, ?)`,
      [true, now, now, true, now, now],
    );
    await q('INSERT INTO employee_closure (ancestor_id, descendant_id, depth) VALUES (1, 1, 0), (2, 2, 0), (1, 2, 1)');
    const backup = await createBackup(old.url, { outDir: join(dir, 'old'), now: new Date('2026-03-01T02:00:00Z') });
    const { header } = await validateBackupFile(backup.file);
    expect(header.lastMigration).toBe(names.at(-2));

    const verified = await verifyBackup(backup.file, base());
    expect(failed(verified.checks)).toEqual([]);
    expect(verified.checks.find((c) => c.name === 'migrates forward')!.detail).toContain(names.at(-1));

    const target = await emptyDatabase();
    const restored = await restoreBackup(target.db, backup.file);
    expect(restored.migratedForward).toEqual([names.at(-1)]);
    expect(await target.db.dataSource.showMigrations()).toBe(false);
    expect(await count(target.db, 'employee')).toBe(2);
    expect(
      ((await target.db.manager.query('SELECT name FROM employee WHERE id = 2')) as Array<{ name: string }>)[0]!.name,
    ).toBe('Maria Itlay');
    expect(failed(await checkDomainInvariants(target.db.manager))).toEqual([]);
  });
});
