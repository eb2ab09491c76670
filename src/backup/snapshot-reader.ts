import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2';
import { parseDatabaseUrl, type DatabaseTarget } from '../core/database/database-url';
import { BOOKKEEPING_TABLES, type SourceKind, type ValueClass, valueClassOf } from './backup-format';

export interface TableInfo {
  name: string;
  columns: string[];
  classes: ValueClass[];
  primaryKey: string[];
}

/**
 * One consistent view of a whole database, read table by table: every read sees the database as it was when the
 * reader opened, whatever is written meanwhile. Rows come as arrays in column order, in primary-key order.
 */
export interface SnapshotReader {
  readonly kind: SourceKind;
  migrations(): Promise<string[]>;
  /** Every table but TypeORM's bookkeeping, from the database itself: a new table is never forgotten. */
  tables(): Promise<TableInfo[]>;
  rows(table: TableInfo): AsyncIterable<unknown[]>;
  close(): Promise<void>;
}

export async function openSnapshot(url: string): Promise<SnapshotReader> {
  const target = parseDatabaseUrl(url);
  return target.kind === 'sqlite' ? SqliteSnapshot.open(target.file) : MysqlSnapshot.open(target);
}

const quoteSqlite = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteMysql = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * SQLite: one read transaction on its own connection. The service's files are in WAL mode, where a reader keeps
 * the snapshot it started with while writers go on (the WAL grows until the reader ends). The online backup API
 * would copy the file first, and it starts over whenever another connection writes, so under a steady write load
 * it might never finish; the read transaction gives the same consistency without the copy.
 */
class SqliteSnapshot implements SnapshotReader {
  readonly kind = 'sqlite' as const;

  private constructor(private readonly db: BetterSqlite3.Database) {}

  static open(file: string): SqliteSnapshot {
    if (file === ':memory:')
      throw new Error('an in-memory SQLite database cannot be backed up from another connection: use a file');
    const db = new BetterSqlite3(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // WAL keeps writers going while this reader holds its snapshot; the service sets it on every file it opens.
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') db.pragma('journal_mode = WAL');
    db.exec('BEGIN');
    // A read transaction takes its snapshot at its first read.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return new SqliteSnapshot(db);
  }

  async migrations(): Promise<string[]> {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get();
    if (!exists) return [];
    return (this.db.prepare('SELECT name FROM migrations ORDER BY timestamp, id').all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
  }

  async tables(): Promise<TableInfo[]> {
    const names = (
      this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{ name: string }>
    ).map((r) => r.name);
    return names
      .filter((name) => !BOOKKEEPING_TABLES.has(name))
      .map((name) => {
        const columns = this.db.prepare(`PRAGMA table_info(${quoteSqlite(name)})`).all() as Array<{
          name: string;
          type: string;
          pk: number;
        }>;
        const primaryKey = columns
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        return {
          name,
          columns: columns.map((c) => c.name),
          classes: columns.map((c) => valueClassOf(c.type)),
          primaryKey,
        };
      });
  }

  async *rows(table: TableInfo): AsyncIterable<unknown[]> {
    const order = (table.primaryKey.length ? table.primaryKey : table.columns).map(quoteSqlite).join(', ');
    const statement = this.db
      .prepare(`SELECT ${table.columns.map(quoteSqlite).join(', ')} FROM ${quoteSqlite(table.name)} ORDER BY ${order}`)
      .raw(true);
    let n = 0;
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      yield row;
      // Reads are synchronous: let the rest of the process (a server sharing it, in tests) take turns.
      if (++n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    // A read-only transaction: closing the connection ends it.
    this.db.close();
  }
}

/**
 * MariaDB/MySQL: one connection, one REPEATABLE READ transaction started WITH CONSISTENT SNAPSHOT; InnoDB serves
 * every table as of that moment without locking writers out. Rows are streamed, never a whole table in memory.
 */
class MysqlSnapshot implements SnapshotReader {
  readonly kind = 'mysql' as const;

  private constructor(
    private readonly connection: mysql.Connection,
    private readonly database: string,
  ) {}

  static async open(target: Extract<DatabaseTarget, { kind: 'mysql' }>): Promise<MysqlSnapshot> {
    const connection = mysql.createConnection({
      host: target.host,
      port: target.port,
      user: target.username,
      password: target.password,
      database: target.database,
      charset: 'utf8mb4_unicode_ci',
      // Strings as stored: no Date in this process's zone, no float for a DECIMAL.
      dateStrings: true,
      supportBigNumbers: true,
      connectTimeout: 10_000,
    });
    const snapshot = new MysqlSnapshot(connection, target.database);
    await snapshot.query("SET time_zone = '+00:00'");
    await snapshot.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await snapshot.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    return snapshot;
  }

  private query<T>(sql: string, params: unknown[] = []): Promise<T> {
    return new Promise((resolve, reject) =>
      this.connection.query(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T))),
    );
  }

  async migrations(): Promise<string[]> {
    const exists = await this.query<unknown[]>(
      "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'migrations'",
      [this.database],
    );
    if (!exists.length) return [];
    return (await this.query<Array<{ name: string }>>('SELECT name FROM migrations ORDER BY timestamp, id')).map(
      (r) => r.name,
    );
  }

  async tables(): Promise<TableInfo[]> {
    const tables = await this.query<Array<{ name: string }>>(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
      [this.database],
    );
    const columns = await this.query<Array<{ table: string; name: string; type: string; key: string | null }>>(
      `SELECT c.TABLE_NAME AS \`table\`, c.COLUMN_NAME AS name, c.DATA_TYPE AS type, k.ORDINAL_POSITION AS \`key\`
         FROM information_schema.COLUMNS c
         LEFT JOIN information_schema.KEY_COLUMN_USAGE k
           ON k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME AND k.CONSTRAINT_NAME = 'PRIMARY'
        WHERE c.TABLE_SCHEMA = ? ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`,
      [this.database],
    );
    return tables
      .map((t) => t.name)
      .filter((name) => !BOOKKEEPING_TABLES.has(name))
      .map((name) => {
        const own = columns.filter((c) => c.table === name);
        const primaryKey = own
          .filter((c) => c.key !== null)
          .sort((a, b) => Number(a.key) - Number(b.key))
          .map((c) => c.name);
        return { name, columns: own.map((c) => c.name), classes: own.map((c) => valueClassOf(c.type)), primaryKey };
      });
  }

  async *rows(table: TableInfo): AsyncIterable<unknown[]> {
    const order = (table.primaryKey.length ? table.primaryKey : table.columns).map(quoteMysql).join(', ');
    const sql = `SELECT ${table.columns.map(quoteMysql).join(', ')} FROM ${quoteMysql(table.name)} ORDER BY ${order}`;
    // A stream pauses the connection while the consumer (the gzip writer) is behind: memory stays flat.
    const stream = this.connection.query({ sql, rowsAsArray: true }).stream({ highWaterMark: 500 });
    for await (const row of stream as AsyncIterable<unknown[]>) yield row;
  }

  async close(): Promise<void> {
    // A read-only transaction has nothing to commit; a stream left half-read (after an error) would hold up an
    // orderly end.
    this.connection.destroy();
  }
}
