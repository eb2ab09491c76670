import { type TestApp } from './test-app';

export interface StatementRun<T> {
  statements: number;
  sql: string[];
  data: T;
}

/**
 * Statement counts of reads, with their text. Wraps the DataSource's logger (the hook that counts them) so that a
 * failure shows which statements ran; requests run one at a time, so none interleave. Each read runs five times
 * and keeps the fewest: on MariaDB the DataLoader batches of one request can split in two by the timing of the
 * driver's I/O; a statement per row would show on every run. The counts go to stdout after the file.
 */
export class StatementRuns {
  private readonly table: string[] = [];
  private readonly recorded: string[] = [];

  constructor(
    private readonly app: TestApp,
    private readonly title: string,
    private readonly labelWidth = 58,
  ) {}

  /** Call once the app has started (in `beforeAll`). */
  record(): void {
    const logger = this.app.db.dataSource.logger;
    const count = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      this.recorded.push(query.replace(/\s+/g, ' ').slice(0, 200));
      return count(query, parameters, queryRunner);
    };
  }

  /** Prints the counts (in `afterAll`). */
  print(): void {
    if (this.table.length)
      process.stdout.write(`\nSQL statements per request (${this.title}):\n${this.table.join('\n')}\n\n`);
  }

  /** Runs a read five times; it must answer 200 without errors. Returns the run with the fewest statements. */
  async fewest<T>(
    label: string,
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<StatementRun<T>> {
    const runs: Array<StatementRun<T>> = [];
    for (let i = 0; i < 5; i++) {
      this.recorded.length = 0;
      const result = await this.app.gql<T>(query, variables, token);
      const sql = [...this.recorded];
      if (result.status !== 200 || result.body.errors) {
        this.table.push(
          `  ${label.padEnd(this.labelWidth)} HTTP ${result.status} ${result.body.errors?.[0]?.extensions?.code}`,
        );
        expect({ label, status: result.status, errors: result.body.errors }).toEqual({
          label,
          status: 200,
          errors: undefined,
        });
      }
      runs.push({ statements: result.statements, sql, data: result.body.data as T });
    }
    const best = runs.reduce((a, b) => (b.statements < a.statements ? b : a));
    this.table.push(
      `  ${label.padEnd(this.labelWidth)} ${String(best.statements).padStart(3)} statements   (runs: ${runs.map((r) => r.statements).join(', ')})`,
    );
    return best;
  }
}

/** Both runs issued the same number of statements; on failure the message shows both lists of statements. */
export function expectSameStatements(
  small: { statements: number; sql: string[] },
  large: { statements: number; sql: string[] },
): void {
  if (large.statements === small.statements) return;
  // Each distinct statement (its first 120 characters) with how many times it ran.
  const histogram = (sql: string[]) =>
    Object.entries(
      sql.reduce<Record<string, number>>(
        (acc, q) => ({ ...acc, [q.slice(0, 120)]: (acc[q.slice(0, 120)] ?? 0) + 1 }),
        {},
      ),
    ).map(([q, n]) => `${n} × ${q}`);
  expect({ statements: large.statements, sql: histogram(large.sql) }).toEqual({
    statements: small.statements,
    sql: histogram(small.sql),
  });
}
