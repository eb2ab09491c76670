import { randomUUID } from 'node:crypto';

/** The part of better-sqlite3's connection that registers functions. */
export interface SqliteFunctionHost {
  function(name: string, options: { deterministic: boolean }, fn: (...args: unknown[]) => unknown): unknown;
}

/**
 * MariaDB functions that set-based statements use (`TO_BASE64` to mint global ids, `UUID` for event ids), given to
 * SQLite under the same names so that one statement text serves both databases.
 */
export function registerSqliteFunctions(db: SqliteFunctionHost): void {
  db.function('to_base64', { deterministic: true }, (value) =>
    value === null || value === undefined ? null : Buffer.from(String(value), 'utf8').toString('base64'),
  );
  db.function('uuid', { deterministic: false }, () => randomUUID());
}
