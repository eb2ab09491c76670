import fs from 'node:fs';
import { type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { type Actor } from '../../core/auth/actor';
import { RequestContext } from '../../core/context/request-context';
import { type Database } from '../../core/database/database';
import { type PolicyTable } from '../../core/policy/policy';
import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { createLogger } from '../../core/server/logger';
import { type Locale } from '../../core/i18n/locale';
import { IMPORT_MESSAGES } from './import.messages';
import { type ImportEmployeeRow, type ImportUnitRow } from './import.inputs';
import { MAX_IMPORT_ROWS, importService } from './import.service';
import { announceImport } from './import-event';
import { type ImportOutcome, type ImportRowResult, ImportRowStatus } from './import.types';

export type CsvKind = 'units' | 'employees';
type CsvRecord = Record<string, string>;
/** A data row of the file and its line number (the header is line 1). */
interface Line {
  record: CsvRecord;
  lineNo: number;
}

export class CsvImportError extends Error {}

export const REQUIRED_COLUMNS: Record<CsvKind, string[]> = {
  units: ['code', 'name', 'kind'],
  employees: ['nip', 'name', 'employmentType', 'grade', 'positionTitle', 'positionKind', 'unitCode'],
};

export interface CsvImportProgress {
  kind: CsvKind;
  done: number;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /**
   * Rows whose supervisor or parent comes later in the file, tried again at the end: neither imported nor failed
   * yet, so that the counts always add up to `done` and a progress line never shows a smaller `failed` than the
   * summary without saying why. 0 in the result.
   */
  waiting: number;
}

export interface CsvImportResult extends CsvImportProgress {
  /** One line per refused row, ordered by line number: `line 37 (1986…): INVALID nip: …`. */
  failures: string[];
}

/** An empty cell clears an optional field; a missing column leaves it as stored. */
const optional = (row: CsvRecord, column: string): string | null | undefined =>
  column in row ? row[column]!.trim() || null : undefined;

function toUnitRow(row: CsvRecord): ImportUnitRow {
  return { code: row.code ?? '', name: row.name ?? '', kind: row.kind ?? '', parentCode: optional(row, 'parentCode') };
}

function toEmployeeRow(row: CsvRecord): ImportEmployeeRow {
  const active = optional(row, 'active');
  return {
    nip: row.nip ?? '',
    name: row.name ?? '',
    titlePrefix: optional(row, 'titlePrefix'),
    titleSuffix: optional(row, 'titleSuffix'),
    employmentType: row.employmentType ?? '',
    grade: row.grade ?? '',
    gender: optional(row, 'gender'),
    positionTitle: row.positionTitle ?? '',
    positionKind: row.positionKind ?? '',
    unitCode: row.unitCode ?? '',
    supervisorNip: optional(row, 'supervisorNip'),
    email: optional(row, 'email'),
    // SIASN's own exports call it `pns_id`; ours `siasnId`.
    siasnId: 'siasnId' in row ? optional(row, 'siasnId') : optional(row, 'pns_id'),
    active: active == null ? undefined : /^(1|true|yes|y|aktif)$/i.test(active),
  };
}

const keyColumn: Record<CsvKind, string> = { units: 'code', employees: 'nip' };
const refColumn: Record<CsvKind, string> = { units: 'parentCode', employees: 'supervisorNip' };
/** As the import service keys rows: unit codes upper-cased, NIPs as written (trimmed). */
const normalKey = (kind: CsvKind, value: string | undefined): string =>
  kind === 'units' ? (value ?? '').trim().toUpperCase() : (value ?? '').trim();

function kindOfHeader(columns: string[], locale: Locale, expected?: CsvKind): CsvKind {
  const kind: CsvKind | undefined =
    expected ?? (columns.includes('nip') ? 'employees' : columns.includes('code') ? 'units' : undefined);
  if (!kind) throw new CsvImportError(IMPORT_MESSAGES.headerUnknown[locale]);
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !columns.includes(c));
  if (missing.length) throw new CsvImportError(IMPORT_MESSAGES.missingColumns(kind, missing.join(', '))[locale]);
  return kind;
}

/** Where the rows come from: opened twice (a first pass counts and keys the rows, the second imports them). */
export type CsvSource = () => Readable;

const parseSource = (open: CsvSource) => open().pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));

/**
 * A first pass over the file: its kind, its number of rows, and the first line of each key, so that a row whose
 * supervisor or parent is missing waits for the end only when that key is really further down the file, and a
 * key written twice is refused on its later lines wherever they are (not only within one chunk).
 */
async function scanFile(
  open: CsvSource,
  locale: Locale,
  expected: CsvKind | undefined,
): Promise<{ kind: CsvKind | undefined; total: number; lineOfKey: Map<string, number> }> {
  const lineOfKey = new Map<string, number>();
  let kind: CsvKind | undefined;
  let total = 0;
  for await (const record of parseSource(open) as AsyncIterable<CsvRecord>) {
    kind ??= kindOfHeader(Object.keys(record), locale, expected);
    total += 1;
    const key = normalKey(kind, record[keyColumn[kind]]);
    if (!lineOfKey.has(key)) lineOfKey.set(key, total + 1);
  }
  return { kind, total, lineOfKey };
}

/** The outcome of one data row of the file: its line (the header is line 1), key, status and errors. */
export interface CsvRowResult {
  line: number;
  key: string;
  status: ImportRowStatus;
  /** Each error's `field` names the row's column (`["unitCode"]`), not the mutation's input path. */
  errors: UserError[];
}

export interface CsvImportOutcome extends CsvImportProgress {
  /** Every data row, ordered by line. */
  rows: CsvRowResult[];
}

export interface CsvImportOptions {
  onProgress?: (progress: CsvImportProgress) => void;
  /** The kind the caller expects (an HTTP route's); a file of the other kind is refused. Else read off the header. */
  kind?: CsvKind;
  /**
   * Validates and reports every row as the import would, without writing: the whole file runs in one transaction
   * that is rolled back, so that a row may rely on an earlier one as in a real import.
   */
  dryRun?: boolean;
}

/** Thrown to roll a dry run's transaction back, carrying what it found. */
class DryRunRollback extends Error {
  constructor(readonly outcome: CsvImportOutcome) {
    super('dry run: rolled back');
  }
}

/**
 * Imports a CSV of units or employees with the rules of the import mutations, as `ctx`'s actor: streamed in chunks
 * of 500 rows, one transaction per chunk. Rows whose supervisor or parent comes later in the file (in a later
 * chunk) are tried once more at the end. Messages (of CsvImportError) are in `ctx.locale`.
 */
export async function importCsvRows(
  ctx: RequestContext,
  open: CsvSource,
  options: CsvImportOptions = {},
): Promise<CsvImportOutcome> {
  const { kind, total, lineOfKey } = await scanFile(open, ctx.locale, options.kind);
  if (!kind) return { kind: options.kind ?? 'employees', done: 0, total, ...noCounts(), waiting: 0, rows: [] };
  const pass = (transact: Transact) => importPass(open, kind, total, lineOfKey, transact, options.onProgress);
  if (!options.dryRun) {
    // The file is one import: its chunks announce nothing, the file announces itself once at the end.
    const outcome = await pass((work) => ctx.transaction(work));
    const { created, updated, unchanged, failed } = outcome;
    await ctx.transaction((tx) =>
      announceImport(tx, kind, 'CSV', { received: total, created, updated, unchanged, failed }),
    );
    return outcome;
  }
  try {
    // Every chunk joins the one transaction; a retried attempt (a deadlock on MySQL) starts the pass over.
    await ctx.transaction(async (tx) => {
      throw new DryRunRollback(await pass((work) => work(tx)));
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.outcome;
    throw error;
  }
  throw new Error('unreachable: a dry run always rolls back');
}

type Transact = <T>(work: (tx: RequestContext) => Promise<T>) => Promise<T>;

const noCounts = () => ({ created: 0, updated: 0, unchanged: 0, failed: 0 });

async function importPass(
  open: CsvSource,
  kind: CsvKind,
  total: number,
  lineOfKey: Map<string, number>,
  transact: Transact,
  onProgress: ((progress: CsvImportProgress) => void) | undefined,
): Promise<CsvImportOutcome> {
  const counts = noCounts();
  const results: CsvRowResult[] = [];
  const retry: Line[] = [];
  let chunk: Line[] = [];
  let lineNo = 1;
  let done = 0;

  const importChunk = (records: CsvRecord[]): Promise<ImportOutcome> =>
    transact((tx) =>
      kind === 'units'
        ? importService.importUnits(tx, records.map(toUnitRow), { announce: false })
        : importService.importEmployees(tx, records.map(toEmployeeRow), { announce: false }),
    );

  const settle = (line: Line, key: string, status: ImportRowStatus, errors: UserError[]) => {
    if (status === ImportRowStatus.FAILED) counts.failed += 1;
    else
      counts[
        status === ImportRowStatus.CREATED ? 'created' : status === ImportRowStatus.UPDATED ? 'updated' : 'unchanged'
      ] += 1;
    results.push({ line: line.lineNo, key, status, errors });
  };
  /** The service names a row's field `input.rows.<i>.<column>`; a file's row, its column. */
  const asColumns = (errors: UserError[]) =>
    errors.map((e) => Object.assign(new UserError(), e, { field: e.field ? e.field.slice(3) : null }));

  /** Its supervisor or parent is missing now but comes later in the file. */
  const waitsForLaterRow = (row: ImportRowResult, line: Line) =>
    row.errors.every((e) => e.code === 'NOT_FOUND' && e.field?.[3] === refColumn[kind]) &&
    (lineOfKey.get(normalKey(kind, line.record[refColumn[kind]])) ?? 0) > line.lineNo;

  const run = async (lines: Line[], finalPass: boolean) => {
    if (lines.length === 0) return;
    const outcome = await importChunk(lines.map((l) => l.record));
    for (const row of outcome.rows) {
      const line = lines[row.index]!;
      if (row.status === ImportRowStatus.FAILED && !finalPass && waitsForLaterRow(row, line)) retry.push(line);
      else settle(line, row.key, row.status, asColumns(row.errors));
    }
  };

  const progress = () => onProgress?.({ kind, done, total, ...counts, waiting: retry.length });

  const flush = async () => {
    if (chunk.length === 0) return;
    const unique: Line[] = [];
    for (const line of chunk) {
      const key = normalKey(kind, line.record[keyColumn[kind]]);
      const first = lineOfKey.get(key)!;
      if (first === line.lineNo) unique.push(line);
      else
        settle(line, key, ImportRowStatus.FAILED, [
          UserError.of(UserErrorCode.DUPLICATE, IMPORT_MESSAGES.duplicateInFile(key, first), [keyColumn[kind]]),
        ]);
    }
    await run(unique, false);
    done += chunk.length;
    chunk = [];
    progress();
  };

  for await (const record of parseSource(open) as AsyncIterable<CsvRecord>) {
    chunk.push({ record, lineNo: ++lineNo });
    if (chunk.length === MAX_IMPORT_ROWS) await flush();
  }
  await flush();
  for (let i = 0; i < retry.length; i += MAX_IMPORT_ROWS) await run(retry.slice(i, i + MAX_IMPORT_ROWS), true);
  retry.length = 0;
  progress();
  results.sort((a, b) => a.line - b.line);
  return { kind, done, total, ...counts, waiting: 0, rows: results };
}

/** A refused row for a terminal: `line 37 (1986…): INVALID nip: …`. */
export function describeFailure(row: CsvRowResult, locale: Locale): string {
  const reasons = row.errors.map((e) => `${e.code} ${e.field?.join('.') ?? ''}: ${e.text[locale]}`).join('; ');
  return IMPORT_MESSAGES.failedLine(row.line, row.key, reasons)[locale];
}

/**
 * Imports a CSV file (recognised by its header) as `actor`, for the CLI (`npm run import`). Messages are in
 * `locale` (the CLI passes its own).
 */
export async function importCsv(
  db: Database,
  file: string,
  actor: Actor,
  policyTable: PolicyTable,
  onProgress?: (progress: CsvImportProgress) => void,
  locale: Locale = 'en',
): Promise<CsvImportResult> {
  if (!fs.existsSync(file)) throw new CsvImportError(IMPORT_MESSAGES.noSuchFile(file)[locale]);
  const ctx = new RequestContext({
    requestId: `csv-import-${Date.now()}`,
    actor,
    db,
    log: createLogger('warn'),
    policyTable,
    timeZone: 'Asia/Jayapura',
    locale,
  });
  const { rows, ...outcome } = await importCsvRows(ctx, () => fs.createReadStream(file), { onProgress });
  const failures = rows.filter((r) => r.status === ImportRowStatus.FAILED).map((r) => describeFailure(r, locale));
  return { ...outcome, failures };
}
