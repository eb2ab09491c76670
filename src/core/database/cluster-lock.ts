import { type EntityManager } from 'typeorm';

/**
 * Takes the named lock until the transaction ends, by writing its row. On one MariaDB the write's row lock makes a
 * second taker wait; on a Galera cluster a `SELECT … FOR UPDATE` locks only on the node that runs it, but two
 * transactions that wrote the same row cannot both commit: certification fails the later one (error 1213), and
 * `Database.transaction` runs it again whole, now after the first. SQLite runs one writer at a time: nothing to do.
 */
export async function takeLock(em: EntityManager, name: string): Promise<void> {
  if (em.connection.driver.options.type === 'better-sqlite3') return;
  if (!em.queryRunner?.isTransactionActive) throw new Error(`the lock ${name} must be taken in a transaction`);
  await em.query(
    'INSERT INTO lock_row (name, generation) VALUES (?, 1) ON DUPLICATE KEY UPDATE generation = generation + 1',
    [name],
  );
}
