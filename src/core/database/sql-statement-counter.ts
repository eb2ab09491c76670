import { AsyncLocalStorage } from 'node:async_hooks';
import { type Logger as TypeOrmLogger } from 'typeorm';
import { type Logger } from 'pino';

interface StatementTally {
  count: number;
}

const tallies = new AsyncLocalStorage<StatementTally>();
/** Every statement this process issued: no hooks, so it is always on (the benchmark divides it by requests). */
let issued = 0;

export const statementsIssued = (): number => issued;

/**
 * Counts the SQL statements issued while `fn` runs (and everything it awaits), so that a request's
 * statement count is exact even when requests interleave (`docs/performance.md`, Counting SQL).
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const tally = { count: 0 };
  const result = await tallies.run(tally, fn);
  return { result, statements: tally.count };
}

/** Starts a tally for the rest of the current asynchronous flow (an HTTP request). */
export function startStatementTally(): StatementTally {
  const tally = { count: 0 };
  tallies.enterWith(tally);
  return tally;
}

export function runWithStatementTally<T>(tally: StatementTally, fn: () => T): T {
  return tallies.run(tally, fn);
}

/** TypeORM logger: counts every statement into the current tally and sends query errors to pino at debug level. */
export class SqlStatementLogger implements TypeOrmLogger {
  constructor(private readonly pino?: Logger) {}

  logQuery(): void {
    issued += 1;
    const tally = tallies.getStore();
    if (tally) tally.count += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    // Already counted by logQuery, which TypeORM calls before running the statement.
    this.pino?.debug({ err: error, query: query.slice(0, 500) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.pino?.warn({ ms: time, query: query.slice(0, 500) }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.pino?.debug(message);
  }

  logMigration(message: string): void {
    this.pino?.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.pino?.warn(String(message));
    else this.pino?.debug(String(message));
  }
}
