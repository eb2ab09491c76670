import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysqlPromise from 'mysql2/promise';
import { Database } from '../../src/core/database/database';
import { parseDatabaseUrl } from '../../src/core/database/database-url';

/** Which database the tests run on: MariaDB/MySQL when DATABASE_URL names one, else embedded SQLite. */
export const testDatabaseKind =
  process.env.DATABASE_URL?.startsWith('sqlite:') || !process.env.DATABASE_URL ? 'sqlite' : 'mysql';

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, built only by the migrations: an in-memory SQLite database, or on MySQL a
 * new database named after DATABASE_URL's plus a random suffix, dropped afterwards. `shared`: on SQLite, a temporary
 * file that another process can open too.
 */
export async function createTestDatabase(options: { migrate?: boolean; shared?: boolean } = {}): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  let url = 'sqlite::memory:';
  let drop = async () => {};
  if (options.shared && testDatabaseKind === 'sqlite') {
    // Another process (a second server instance) opens the same database: a file, not memory.
    const file = join(tmpdir(), `kinerja-walesi-test-${randomBytes(4).toString('hex')}.sqlite`);
    url = `sqlite:${file}`;
    drop = async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${file}${suffix}`, { force: true });
    };
  }
  if (base && !base.startsWith('sqlite:')) {
    const target = parseDatabaseUrl(base);
    if (target.kind !== 'mysql') throw new Error('unreachable');
    const name = `${target.database}_t${randomBytes(4).toString('hex')}`;
    const admin = await mysqlPromise.createConnection({
      host: target.host,
      port: target.port,
      user: target.username,
      password: target.password,
    });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const parsed = new URL(base);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    drop = async () => {
      const conn = await mysqlPromise.createConnection({
        host: target.host,
        port: target.port,
        user: target.username,
        password: target.password,
      });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    };
  }
  const db = await Database.connect(url);
  if (options.migrate !== false) await db.runMigrations();
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}
