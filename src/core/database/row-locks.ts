import { takeLock } from './cluster-lock';
import { type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/**
 * Row locks for check-then-act inside a transaction. On MySQL/MariaDB a plain SELECT in a transaction reads an
 * old snapshot and locks nothing, so a check ("is this employee still in that unit?") could pass on data that a
 * concurrent transaction is changing. SQLite runs one writing transaction at a time, so it needs none.
 */
export function supportsRowLocks(em: EntityManager): boolean {
  return em.connection.driver.options.type !== 'better-sqlite3';
}

/**
 * The row as committed now, locked against concurrent writers until this transaction ends (FOR UPDATE), and
 * against every other `lockedRow` of it on any node of a cluster (its `lock_row`, written: see `takeLock`).
 */
export async function lockedRow<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: number,
): Promise<T | null> {
  const repository = em.getRepository(entity);
  const qb = repository.createQueryBuilder('row').where('row.id = :id', { id });
  if (!supportsRowLocks(em)) return qb.getOne();
  const row = await qb.setLock('pessimistic_write').getOne();
  // Only for a row that exists: an unknown id leaves no lock row behind.
  if (row) await takeLock(em, `${repository.metadata.tableName}:${id}`);
  return row;
}

/** Makes a read see the latest committed rows and keep them from changing until this transaction ends. */
export function withShareLock<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return supportsRowLocks(qb.connection.manager) ? qb.setLock('pessimistic_read') : qb;
}

/** The same, for raw SQL: the suffix to append to a SELECT. */
export function shareLockClause(em: EntityManager): string {
  return supportsRowLocks(em) ? ' LOCK IN SHARE MODE' : '';
}
