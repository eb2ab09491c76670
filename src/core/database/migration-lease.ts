import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type DataSource } from 'typeorm';
import { isDeadlock } from './deadlock';

const LEASE_MINUTES = 10;
const POLL_MS = 500;

/**
 * Runs `work` (the migrations) while holding the one migration lease of the database, a row of `migration_lease`:
 * instances that start together wait for the one that migrates, then find nothing left to do. It is a row, not
 * `GET_LOCK`, because a Galera cluster orders writes of a row across its nodes but keeps `GET_LOCK` on one node.
 * The table is made here, as TypeORM makes its `migrations` table: it must exist before any migration runs. A
 * holder that dies leaves the lease to expire after ten minutes.
 */
export async function withMigrationLease<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  await dataSource.query(
    'CREATE TABLE IF NOT EXISTS migration_lease (name VARCHAR(32) NOT NULL PRIMARY KEY, holder VARCHAR(100) NOT NULL, expires_at DATETIME NOT NULL)',
  );
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const giveUpAt = Date.now() + (LEASE_MINUTES + 1) * 60_000;
  while (!(await tryTake(dataSource, holder))) {
    if (Date.now() > giveUpAt) throw new Error('another instance holds the migration lease and has not released it');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await dataSource.query("DELETE FROM migration_lease WHERE name = 'migrations' AND holder = ?", [holder]);
  }
}

async function tryTake(dataSource: DataSource, holder: string): Promise<boolean> {
  const until = `NOW() + INTERVAL ${LEASE_MINUTES} MINUTE`;
  try {
    await dataSource.query(
      `INSERT IGNORE INTO migration_lease (name, holder, expires_at) VALUES ('migrations', ?, ${until})`,
      [holder],
    );
    const result = (await dataSource.query(
      `UPDATE migration_lease SET holder = ?, expires_at = ${until}
        WHERE name = 'migrations' AND (holder = ? OR expires_at < NOW())`,
      [holder, holder],
    )) as { affectedRows?: number };
    return result.affectedRows === 1;
  } catch (error) {
    // Two nodes of a cluster that wrote the row at once: one lost certification (1213). It asks again.
    if (isDeadlock(error)) return false;
    throw error;
  }
}
