import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2';
import mysqlPromise from 'mysql2/promise';
import { DataSource, type EntityManager, type MigrationInterface } from 'typeorm';
import { type Logger } from 'pino';
import { entities } from '../../entities';
import { migrations } from '../../../migrations';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url';
import { SqlStatementLogger } from './sql-statement-counter';
import { Mutex } from '../util/mutex';
import { withMigrationLease } from './migration-lease';
import { isDeadlock } from './deadlock';
import { registerSqliteFunctions, type SqliteFunctionHost } from './sqlite-functions';

export type DatabaseKind = 'sqlite' | 'mysql';

/**
 * mysql2 with every pooled connection pinned to UTC before its first use: TypeORM's `timezone`
 * option only converts on the client, and a server in another zone shifts NOW().
 */
const mysqlInUtc = {
  ...mysql,
  createPool(options: mysql.PoolOptions) {
    const pool = mysql.createPool(options);
    pool.on('connection', (connection) => {
      connection.query("SET time_zone = '+00:00'");
    });
    return pool;
  },
};

/** The service's database: one DataSource on SQLite or MySQL/MariaDB, and how to run a transaction on it. */
export class Database {
  /** better-sqlite3 has one connection: concurrent transactions on it would interleave, so they take turns. */
  private readonly sqliteWriteLock = new Mutex();

  private constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
    readonly target: DatabaseTarget,
  ) {}

  static async connect(url: string, options: { log?: Logger; poolSize?: number } = {}): Promise<Database> {
    const target = parseDatabaseUrl(url);
    const logger = new SqlStatementLogger(options.log);
    const common = {
      entities,
      migrations,
      logger,
      synchronize: false,
      migrationsRun: false,
      migrationsTransactionMode: 'each' as const,
    };
    let dataSource: DataSource;
    if (target.kind === 'sqlite') {
      if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
      dataSource = new DataSource({
        ...common,
        type: 'better-sqlite3',
        database: target.file,
        // WAL lets readers of the file (a CLI, a backup) work while the server writes.
        prepareDatabase: (db: { pragma(sql: string): unknown } & SqliteFunctionHost) => {
          if (target.file !== ':memory:') db.pragma('journal_mode = WAL');
          db.pragma('foreign_keys = ON');
          db.pragma('busy_timeout = 5000');
          registerSqliteFunctions(db);
        },
      });
    } else {
      const type = (await isMariaDb(target)) ? 'mariadb' : 'mysql';
      dataSource = new DataSource({
        ...common,
        type,
        driver: mysqlInUtc,
        host: target.host,
        port: target.port,
        username: target.username,
        password: target.password,
        database: target.database,
        charset: 'utf8mb4_unicode_ci',
        timezone: 'Z',
        // Calendar days stay 'YYYY-MM-DD' strings: a Date would shift them by the process's own zone.
        dateStrings: ['DATE'],
        poolSize: options.poolSize ?? 10,
        // trace: mysql2 would capture a stack for every statement to decorate errors TypeORM wraps anyway (a
        // measurable share of the dashboard's CPU: `CHANGELOG.md`, Performance).
        extra: { enableKeepAlive: true, maxIdle: options.poolSize ?? 10, idleTimeout: 60_000, trace: false },
      });
    }
    await dataSource.initialize();
    return new Database(dataSource, target.kind, target);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction; everything inside must use the manager it is given: a repository of the data
   * source takes another pooled connection on MySQL, outside the transaction (SQLite's single connection hides it).
   * On MySQL a transaction that lost (a deadlock victim, or on a Galera cluster a transaction that failed
   * certification at commit: both are error 1213) was rolled back whole, so it is run again, whole, a bounded
   * number of times with a growing pause: `work` builds everything it uses from the manager it is given, and a
   * stale `expectedVersion` read again ends as CONFLICT, never as an overwrite.
   */
  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.sqliteWriteLock.run(() => this.dataSource.transaction(work));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isDeadlock(error)) throw error;
        const pause = Math.min(5 * 2 ** attempt, 200);
        await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause));
      }
    }
  }

  /**
   * Applies pending migrations: all of them, or those up to and including `upTo` (a restore of an older backup). On
   * MySQL under the migration lease, so that instances starting together (on any node of a cluster) migrate once.
   */
  async runMigrations(options: { upTo?: string } = {}): Promise<string[]> {
    if (this.kind === 'sqlite') return this.migrate(options);
    return withMigrationLease(this.dataSource, () => this.migrate(options));
  }

  private async migrate(options: { upTo?: string }): Promise<string[]> {
    if (options.upTo === undefined)
      return (await this.dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    const all = this.dataSource.migrations;
    const end = all.findIndex((m) => m.name === options.upTo);
    if (end < 0) throw new Error(`unknown migration ${options.upTo}`);
    // TypeORM runs every migration its DataSource knows: for this run, it knows the first ones only.
    const dataSource = this.dataSource as unknown as { migrations: MigrationInterface[] };
    dataSource.migrations = all.slice(0, end + 1);
    try {
      return (await this.dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      dataSource.migrations = all;
    }
  }

  /** Names of the migrations this release knows, oldest first. */
  migrationNames(): string[] {
    return this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  }

  /** Connections of the pool (MySQL), for /metrics; the embedded database has one. */
  poolStats(): { total: number; idle: number; waiting: number } {
    if (this.kind === 'sqlite') return { total: 1, idle: 1, waiting: 0 };
    // mysql2 keeps these as internals; read defensively, they are only reported.
    const pool = (
      this.dataSource.driver as unknown as {
        pool?: {
          _allConnections?: { length: number };
          _freeConnections?: { length: number };
          _connectionQueue?: { length: number };
        };
      }
    ).pool;
    return {
      total: pool?._allConnections?.length ?? 0,
      idle: pool?._freeConnections?.length ?? 0,
      waiting: pool?._connectionQueue?.length ?? 0,
    };
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Enough for a storm of writers on one row across three nodes: each attempt that loses lets another one win. */
const TRANSACTION_ATTEMPTS = 10;

async function isMariaDb(target: Extract<DatabaseTarget, { kind: 'mysql' }>): Promise<boolean> {
  const connection = await mysqlPromise.createConnection({
    host: target.host,
    port: target.port,
    user: target.username,
    password: target.password,
    connectTimeout: 10_000,
  });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = (rows as Array<{ version: string }>)[0]?.version ?? '';
    return /mariadb/i.test(version);
  } finally {
    await connection.end();
  }
}
