import { QueryFailedError } from 'typeorm';

/** Error 1213: a deadlock victim on MySQL/MariaDB, or on a Galera cluster a transaction that lost certification. */
export function isDeadlock(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string }) : undefined;
  return driverError?.code === 'ER_LOCK_DEADLOCK';
}
