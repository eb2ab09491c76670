import { escape } from 'mysql2';
import { type EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import { type Database } from '../core/database/database';

/** better-sqlite3 binds at most 32,766 parameters a statement: 1,000 rows of the widest seeded table stay under it. */
const SQLITE_ROWS_PER_INSERT = 1000;
/** On MySQL/MariaDB a statement is cut at this many values or about this many bytes (max_allowed_packet is 16 MB). */
const MYSQL_VALUES_PER_INSERT = 60_000;
const MYSQL_BYTES_PER_INSERT = 4_000_000;
/** Statements (by their rows' size, roughly) queued on the connection before a send waits: bounds the memory. */
const MAX_QUEUED_BYTES = 16_000_000;
/** What mysql2's escaping would change in a string (a quote, a backslash, a control character MySQL escapes). */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be escaped
const NEEDS_ESCAPING = /[\0\b\t\n\r\x1a"'\\]/;

/**
 * Writes the seed's rows into one transaction with few round trips and little work per row on the database
 * (`docs/performance.md`, Seeding a province):
 * - multi-row INSERTs, on MySQL/MariaDB as large as the packet allows;
 * - statements queued without waiting (up to a bound): the caller builds the next rows while the database runs the
 *   last ones (the statements of one transaction share one connection, so they still run in the order sent);
 * - on MariaDB, each INSERT skips the foreign-key and unique look-ups for that one statement (`SET STATEMENT … FOR`,
 *   nothing stays set on the pooled connection): the rows are consistent by construction, and SQLite, which keeps
 *   checking every key, writes the same rows in the tests.
 * Use it through {@link bulkTransaction}, which waits for the last statement before committing.
 */
export class BulkWriter {
  private readonly queue: Array<{ running: Promise<unknown>; bytes: number }> = [];
  private queuedBytes = 0;
  /** Datetime literals by instant: the seed's rows share a few thousand instants. */
  private readonly dates = new Map<number, string>();
  /** The tables rows were inserted into. */
  readonly tables = new Set<string>();
  private readonly sqlite: boolean;
  private readonly checksOff: string;

  constructor(readonly em: EntityManager) {
    const type = em.connection.driver.options.type;
    this.sqlite = type === 'better-sqlite3';
    this.checksOff = type === 'mariadb' ? 'SET STATEMENT foreign_key_checks = 0, unique_checks = 0 FOR ' : '';
  }

  /** Multi-row INSERTs of `columns` for `rows`; `report` hears how many rows have been sent. */
  async insert(
    table: string,
    columns: readonly string[],
    rows: readonly unknown[][],
    report?: (done: number) => void,
  ): Promise<void> {
    if (rows.length === 0) return;
    this.tables.add(table);
    const driver = this.em.connection.driver;
    const head = `${this.checksOff}INSERT INTO ${driver.escape(table)} (${columns.map((c) => driver.escape(c)).join(', ')}) VALUES `;
    if (this.sqlite) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      for (let from = 0; from < rows.length; from += SQLITE_ROWS_PER_INSERT) {
        const chunk = rows.slice(from, from + SQLITE_ROWS_PER_INSERT);
        await this.send(head + chunk.map(() => tuple).join(', '), chunk.flat().map(sqliteValue));
        report?.(from + chunk.length);
      }
      return;
    }
    // The statement's text is written here, row by row: binding 60,000 parameters a statement made most of the
    // seed's garbage (a flat array of them, then the text built from it).
    let tuples: string[] = [];
    let length = head.length;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let tuple = '(';
      for (let c = 0; c < row.length; c++) tuple += c === 0 ? this.literal(row[c]) : `, ${this.literal(row[c])}`;
      tuples.push(`${tuple})`);
      length += tuple.length + 3;
      if (length >= MYSQL_BYTES_PER_INSERT || tuples.length * columns.length >= MYSQL_VALUES_PER_INSERT) {
        await this.send(head + tuples.join(', '));
        report?.(i + 1);
        tuples = [];
        length = head.length;
      }
    }
    if (tuples.length > 0) await this.send(head + tuples.join(', '));
    report?.(rows.length);
  }

  /** A value as MySQL text, as mysql2 would have bound it (datetimes in UTC, as the connection's `timezone: 'Z'`). */
  private literal(v: unknown): string {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return NEEDS_ESCAPING.test(v) ? escape(v) : `'${v}'`;
    if (v instanceof Date) {
      const time = v.getTime();
      let text = this.dates.get(time);
      if (text === undefined) {
        text = escape(v, false, 'Z');
        if (this.dates.size > 100_000) this.dates.clear();
        this.dates.set(time, text);
      }
      return text;
    }
    // Booleans (and anything else) exactly as mysql2 binds them.
    return escape(v as Parameters<typeof escape>[0]);
  }

  /**
   * Queues a statement on the transaction's connection and returns without waiting for it, unless the statements
   * already queued hold more than {@link MAX_QUEUED_BYTES}: then it waits for the oldest ones first. A failure
   * surfaces at a later send or at {@link drain}.
   */
  async send(sql: string, parameters?: unknown[]): Promise<void> {
    while (this.queuedBytes > MAX_QUEUED_BYTES) await this.settleOldest();
    const bytes = sql.length;
    // Text without parameters goes as it is: given none, mysql2 would still scan all of it for placeholders (a
    // tenth of the seed's CPU); given null, its formatter returns the text untouched.
    const running = this.em.query(sql, parameters ?? (this.sqlite ? [] : (null as unknown as unknown[])));
    // Awaited by settleOldest or drain; until then a failure must not count as unhandled.
    running.catch(() => undefined);
    this.queue.push({ running, bytes });
    this.queuedBytes += bytes;
  }

  /** Waits for every queued statement; throws the first error. */
  async drain(): Promise<void> {
    while (this.queue.length) await this.settleOldest();
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.queue.shift()!;
    this.queuedBytes -= oldest.bytes;
    await oldest.running;
  }

  /** A datetime parameter for a raw statement, as {@link insert} stores it. */
  stamp(at: Date): Date | string {
    return this.sqlite ? DateUtils.mixedDateToUtcDatetimeString(at) : at;
  }
}

/** better-sqlite3 binds neither booleans nor dates: store them as TypeORM does for these columns. */
function sqliteValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? DateUtils.mixedDateToUtcDatetimeString(v) : v;
}

/**
 * Runs `work` in one transaction with a {@link BulkWriter}, and waits for its last statement before committing. On
 * MySQL/MariaDB the tables written are then analysed: InnoDB refreshes its statistics in the background, and until
 * it has, the next step's reads (and the service's, right after a seed) may be planned as if the tables were still
 * empty (a join through a buffer instead of an index: minutes instead of a second).
 */
export async function bulkTransaction<T>(db: Database, work: (writer: BulkWriter) => Promise<T>): Promise<T> {
  const written = new Set<string>();
  const result = await db.transaction(async (em) => {
    const writer = new BulkWriter(em);
    const answer = await work(writer);
    await writer.drain();
    for (const table of writer.tables) written.add(table);
    return answer;
  });
  if (db.kind === 'mysql' && written.size)
    await db.manager.query(
      `ANALYZE TABLE ${[...written].map((t) => db.manager.connection.driver.escape(t)).join(', ')}`,
    );
  return result;
}
