import { type QueryRunner } from 'typeorm';
import { Database } from '../core/database/database';
import {
  BackupFileError,
  BOOKKEEPING_TABLES,
  type BackupHeader,
  type ManifestLine,
  readBackupFile,
  type TableLine,
  validateBackupFile,
} from './backup-format';

/** The target holds data and `force` was not given. */
export class RestoreRefusedError extends Error {}

export interface RestoreProgress {
  table: string;
  rows: number;
  totalRows: number;
}

export interface RestoreResult {
  header: BackupHeader;
  manifest: ManifestLine;
  rows: number;
  /** Migrations applied after the load, bringing an older backup forward. */
  migratedForward: string[];
}

export type ValidatedBackup = Awaited<ReturnType<typeof validateBackupFile>>;

/** Rows per INSERT: well under SQLite's 32,766 bound variables. */
const MAX_VARIABLES = 30_000;
/** Rows per transaction: bounds the undo log (MariaDB) and the WAL (SQLite) of a large restore. */
const ROWS_PER_COMMIT = 100_000;

/**
 * Restores `file` into `db`: the file is read to the end and checked first (nothing is written for a damaged
 * file); the database must be empty (no tables, or no rows but those the migrations write) unless `force`. Then
 * everything in it is dropped, the migrations run up to the backup's, the rows load with foreign-key checks off
 * (tables reference each other and themselves), and the remaining migrations bring it forward.
 */
export async function restoreBackup(
  db: Database,
  file: string,
  options: {
    force?: boolean;
    migrateForward?: boolean;
    validated?: ValidatedBackup;
    onProgress?: (p: RestoreProgress) => void;
  } = {},
): Promise<RestoreResult> {
  const { header, manifest } = options.validated ?? (await validateBackupFile(file));
  const known = db.migrationNames();
  const unknown = header.migrations.find((name, i) => known[i] !== name);
  if (unknown !== undefined) {
    throw new BackupFileError(
      `${file} was taken at migration ${header.lastMigration}, and ${unknown} is not one this release knows (in this order): restore it with the release that wrote it`,
    );
  }
  if (!options.force) {
    const held = await rowsHeld(db);
    if (held.length) {
      throw new RestoreRefusedError(
        `${describe(db)} is not empty (${held.slice(0, 4).join(', ')}${held.length > 4 ? ', …' : ''}): restore into an empty database, or add --force to delete everything in it first`,
      );
    }
  }
  await dropEverything(db);
  if (header.lastMigration) await db.runMigrations({ upTo: header.lastMigration });
  const totalRows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
  const rows = await load(db, file, header, totalRows, options.onProgress);
  for (const [table, expected] of Object.entries(manifest.tables)) {
    const [{ n }] = (await db.manager.query(
      `SELECT COUNT(*) AS n FROM ${db.dataSource.driver.escape(table)}`,
    )) as Array<{ n: number | string }>;
    if (Number(n) !== expected.rows)
      throw new Error(`after the load, ${table} holds ${String(n)} rows where the backup has ${expected.rows}`);
  }
  const migratedForward = options.migrateForward === false ? [] : await db.runMigrations();
  return { header, manifest, rows, migratedForward };
}

function describe(db: Database): string {
  return db.target.kind === 'sqlite'
    ? `the database ${db.target.file}`
    : `the database ${db.target.database} on ${db.target.host}:${db.target.port}`;
}

export async function listTables(db: Database): Promise<string[]> {
  const rows = (await db.manager.query(
    db.kind === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
      : "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
  )) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

let migrationRows: Promise<Map<string, number>> | undefined;

/** Rows the migrations themselves write (the national competency dictionary, tree locks): not data of anyone's. */
function rowsWrittenByMigrations(): Promise<Map<string, number>> {
  migrationRows ??= (async () => {
    const scratch = await Database.connect('sqlite::memory:');
    try {
      await scratch.runMigrations();
      const counts = new Map<string, number>();
      for (const table of await listTables(scratch)) {
        const [{ n }] = (await scratch.manager.query(`SELECT COUNT(*) AS n FROM "${table}"`)) as Array<{ n: number }>;
        counts.set(table, Number(n));
      }
      return counts;
    } finally {
      await scratch.close();
    }
  })();
  return migrationRows;
}

/** Tables holding more than the migrations write, as "employee: 400 rows". Empty: safe to restore into. */
export async function rowsHeld(db: Database): Promise<string[]> {
  const baseline = await rowsWrittenByMigrations();
  const held: string[] = [];
  for (const table of await listTables(db)) {
    if (BOOKKEEPING_TABLES.has(table)) continue;
    const [{ n }] = (await db.manager.query(
      `SELECT COUNT(*) AS n FROM ${db.dataSource.driver.escape(table)}`,
    )) as Array<{ n: number | string }>;
    if (Number(n) > (baseline.get(table) ?? 0)) held.push(`${table}: ${Number(n)} rows`);
  }
  return held;
}

/** Runs `work` on one connection with foreign-key checks off, turning them back on however it ends. */
async function withoutForeignKeys<T>(db: Database, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  // SQLite ignores this pragma inside a transaction: it is set before any begins.
  await runner.query(db.kind === 'sqlite' ? 'PRAGMA foreign_keys = OFF' : 'SET FOREIGN_KEY_CHECKS = 0');
  try {
    return await work(runner);
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.query(db.kind === 'sqlite' ? 'PRAGMA foreign_keys = ON' : 'SET FOREIGN_KEY_CHECKS = 1');
    await runner.release();
  }
}

/** Drops every table, TypeORM's bookkeeping too: the migrations then build the schema of the backup's version. */
async function dropEverything(db: Database): Promise<void> {
  const tables = await listTables(db);
  if (!tables.length) return;
  await withoutForeignKeys(db, async (runner) => {
    for (const table of tables) await runner.query(`DROP TABLE ${db.dataSource.driver.escape(table)}`);
  });
}

async function load(
  db: Database,
  file: string,
  header: BackupHeader,
  totalRows: number,
  onProgress?: (p: RestoreProgress) => void,
): Promise<number> {
  const escape = (name: string) => db.dataSource.driver.escape(name);
  const present = new Set(await listTables(db));
  const missing = header.tables.filter((t) => !present.has(t));
  if (missing.length)
    throw new BackupFileError(
      `${file} holds tables the schema at ${header.lastMigration} does not have: ${missing.join(', ')}`,
    );
  return withoutForeignKeys(db, async (runner) => {
    let loaded = 0;
    let sinceCommit = 0;
    await runner.startTransaction();
    // What the migrations wrote is in the backup too, as it was then.
    for (const table of header.tables) await runner.query(`DELETE FROM ${escape(table)}`);
    let table: TableLine | undefined;
    let insert = '';
    let tuple = '';
    let perInsert = 1;
    for await (const event of readBackupFile(file)) {
      if (event.kind === 'table') {
        table = event.table;
        insert = `INSERT INTO ${escape(table.name)} (${table.columns.map(escape).join(', ')}) VALUES `;
        tuple = `(${table.columns.map(() => '?').join(', ')})`;
        perInsert = Math.max(1, Math.min(500, Math.floor(MAX_VARIABLES / Math.max(1, table.columns.length))));
      } else if (event.kind === 'rows' && table) {
        for (let i = 0; i < event.rows.length; i += perInsert) {
          const chunk = event.rows.slice(i, i + perInsert);
          await runner.query(insert + chunk.map(() => tuple).join(', '), chunk.flat());
        }
        loaded += event.rows.length;
        sinceCommit += event.rows.length;
        if (sinceCommit >= ROWS_PER_COMMIT) {
          await runner.commitTransaction();
          await runner.startTransaction();
          sinceCommit = 0;
        }
        onProgress?.({ table: table.name, rows: loaded, totalRows });
      }
    }
    await runner.commitTransaction();
    return loaded;
  });
}
