import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysqlPromise from 'mysql2/promise';
import { Database } from '../core/database/database';
import { parseDatabaseUrl } from '../core/database/database-url';
import { checkDomainInvariants, type InvariantCheck } from '../core/database/domain-invariants';
import { BackupFileError, canonicalValue, rowLine, TableDigest, validateBackupFile } from './backup-format';
import { restoreBackup } from './restore';
import { openSnapshot } from './snapshot-reader';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty database beside the configured one, for a verification: a temporary SQLite file, or on MariaDB a new
 * database `<db>_verify_<random>` on the same server (the account needs CREATE and DROP).
 */
export async function createScratchDatabase(configuredUrl: string, label = 'verify'): Promise<ScratchDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const target = parseDatabaseUrl(configuredUrl);
  if (target.kind === 'sqlite') {
    const file = join(tmpdir(), `kinerja-walesi-${label}-${suffix}.sqlite`);
    return {
      url: `sqlite:${file}`,
      drop: async () => {
        for (const end of ['', '-wal', '-shm', '-journal']) await rm(`${file}${end}`, { force: true });
      },
    };
  }
  const name = `${target.database}_${label}_${suffix}`;
  const admin = () =>
    mysqlPromise.createConnection({
      host: target.host,
      port: target.port,
      user: target.username,
      password: target.password,
    });
  const connection = await admin();
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  const url = new URL(configuredUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await admin();
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Every table of the database at `url` against a manifest: same tables, and per table the same row count and
 * checksum, computed the way the backup computed them.
 */
export async function compareWithManifest(
  url: string,
  manifest: Record<string, { rows: number; sha256: string }>,
): Promise<InvariantCheck[]> {
  const snapshot = await openSnapshot(url);
  const checks: InvariantCheck[] = [];
  try {
    const tables = await snapshot.tables();
    for (const name of Object.keys(manifest)) {
      if (!tables.some((t) => t.name === name))
        checks.push({ name: `table ${name}`, ok: false, detail: 'in the backup but not in the restored database' });
    }
    for (const table of tables) {
      const expected = manifest[table.name];
      if (!expected) {
        checks.push({ name: `table ${table.name}`, ok: false, detail: 'in the restored schema but not in the backup' });
        continue;
      }
      const digest = new TableDigest();
      for await (const raw of snapshot.rows(table))
        digest.add(
          rowLine(raw.map((v, c) => canonicalValue(v, table.classes[c]!, `${table.name}.${table.columns[c]}`))),
        );
      const actual = digest.result();
      const ok = actual.rows === expected.rows && actual.sha256 === expected.sha256;
      checks.push({
        name: `table ${table.name}`,
        ok,
        detail: ok
          ? `${actual.rows} rows, checksum matches`
          : actual.rows !== expected.rows
            ? `${actual.rows} rows restored, the manifest says ${expected.rows}`
            : `${actual.rows} rows, but the checksum differs from the manifest's`,
      });
    }
  } finally {
    await snapshot.close();
  }
  return checks;
}

/**
 * The rows load with foreign-key checks off (tables reference each other and themselves): afterwards, every key
 * must find its row, as it did in the database the backup came from.
 */
export async function foreignKeysHold(db: Database): Promise<InvariantCheck> {
  const name = 'every foreign key finds its row';
  const keys =
    db.kind === 'sqlite'
      ? ((await db.manager.query(
          'SELECT m.name AS child, f."from" AS col, f."table" AS parent, f."to" AS ref FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = \'table\'',
        )) as Array<{ child: string; col: string; parent: string; ref: string }>)
      : ((await db.manager.query(
          `SELECT TABLE_NAME AS child, COLUMN_NAME AS col, REFERENCED_TABLE_NAME AS parent, REFERENCED_COLUMN_NAME AS ref
             FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`,
        )) as Array<{ child: string; col: string; parent: string; ref: string }>);
  const e = (n: string) => db.dataSource.driver.escape(n);
  const broken: string[] = [];
  for (const k of keys) {
    const [{ n }] = (await db.manager.query(
      `SELECT COUNT(*) AS n FROM ${e(k.child)} c WHERE c.${e(k.col)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${e(k.parent)} p WHERE p.${e(k.ref)} = c.${e(k.col)})`,
    )) as Array<{ n: number | string }>;
    if (Number(n)) broken.push(`${Number(n)} ${k.child}.${k.col} without their ${k.parent}`);
  }
  return broken.length
    ? { name, ok: false, detail: broken.join('; ') }
    : { name, ok: true, detail: `${keys.length} foreign keys` };
}

export interface VerifyResult {
  ok: boolean;
  checks: InvariantCheck[];
}

/**
 * `backup:verify`: restores `file` into a scratch database beside `configuredUrl`, compares every table with the
 * manifest, migrates it forward to this release, and checks the domain's invariants there. The scratch database
 * is dropped afterwards. A damaged file throws a BackupFileError before anything is created.
 */
export async function verifyBackup(
  file: string,
  configuredUrl: string,
  onCheck?: (check: InvariantCheck) => void,
): Promise<VerifyResult> {
  const checks: InvariantCheck[] = [];
  const report = (check: InvariantCheck) => {
    checks.push(check);
    onCheck?.(check);
  };
  const validated = await validateBackupFile(file);
  const { header, manifest } = validated;
  report({
    name: 'file',
    ok: true,
    detail: `taken ${header.createdAt} from ${header.source}, at migration ${header.lastMigration ?? '(none)'}; ${header.tables.length} tables; gzip, structure and manifest checksums intact`,
  });
  const scratch = await createScratchDatabase(configuredUrl);
  let db: Database | undefined;
  try {
    db = await Database.connect(scratch.url, { poolSize: 2 });
    const restored = await restoreBackup(db, file, { migrateForward: false, validated });
    report({
      name: 'restore',
      ok: true,
      detail: `${restored.rows} rows loaded into a scratch database at migration ${header.lastMigration ?? '(none)'}`,
    });
    for (const check of await compareWithManifest(scratch.url, manifest.tables)) report(check);
    report(await foreignKeysHold(db));
    const forward = await db.runMigrations();
    report({
      name: 'migrates forward',
      ok: true,
      detail: forward.length ? `applied ${forward.join(', ')}` : 'already at this release’s latest migration',
    });
    for (const check of await checkDomainInvariants(db.manager)) report(check);
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    report({ name: 'restore', ok: false, detail: error instanceof Error ? error.message : String(error) });
  } finally {
    await db?.close();
    await scratch.drop();
  }
  return { ok: checks.every((c) => c.ok), checks };
}
