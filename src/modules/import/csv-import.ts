import fs from 'node:fs';
import { parse } from 'csv-parse';
import { type Actor } from '../../core/auth/actor';
import { RequestContext } from '../../core/context/request-context';
import { type Database } from '../../core/database/database';
import { type PolicyTable } from '../../core/policy/policy';
import { type UserError, UserErrorCode } from '../../core/errors/user-error';
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

function kindOfHeader(columns: string[], locale: Locale): CsvKind {
  const kind: CsvKind | undefined = columns.includes('nip')
    ? 'employees'
    : columns.includes('code')
      ? 'units'
      : undefined;
  if (!kind) throw new CsvImportError(IMPORT_MESSAGES.headerUnknown[locale]);
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !columns.includes(c));
  if (missing.length) throw new CsvImportError(IMPORT_MESSAGES.missingColumns(kind, missing.join(', '))[locale]);
  return kind;
}

const parseFile = (file: string) =>
  fs.createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));

/**
 * A first pass over the file: its kind, its number of rows, and the first line of each key, so that a row whose
 * supervisor or parent is missing waits for the end only when that key is really further down the file, and a
 * key written twice is refused on its later lines wherever they are (not only within one chunk).
 */
async function scanFile(
  file: string,
  locale: Locale,
): Promise<{ kind: CsvKind | undefined; total: number; lineOfKey: Map<string, number> }> {
  const lineOfKey = new Map<string, number>();
  let kind: CsvKind | undefined;
  let total = 0;
  for await (const record of parseFile(file) as AsyncIterable<CsvRecord>) {
    kind ??= kindOfHeader(Object.keys(record), locale);
    total += 1;
    const key = normalKey(kind, record[keyColumn[kind]]);
    if (!lineOfKey.has(key)) lineOfKey.set(key, total + 1);
  }
  return { kind, total, lineOfKey };
}

/**
 * Imports a CSV of units or employees (recognised by its header) with the rules of the import mutations:
 * streamed in chunks of 500 rows, one transaction per chunk. Rows whose supervisor or parent comes later in the
 * file (in a later chunk) are tried once more at the end. Messages are in `locale` (the CLI passes its own).
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
  const { kind, total, lineOfKey } = await scanFile(file, locale);
  const log = createLogger('warn');
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const failures: Array<{ lineNo: number; text: string }> = [];
  const retry: Line[] = [];
  let chunk: Line[] = [];
  let lineNo = 1;
  let done = 0;
  if (!kind) return { kind: 'employees', done, total, ...counts, waiting: 0, failures: [] };

  const context = () =>
    new RequestContext({
      requestId: `csv-import-${Date.now()}`,
      actor,
      db,
      log,
      policyTable,
      timeZone: 'Asia/Jayapura',
      locale,
    });
  // The file is one import: its chunks announce nothing, the file announces itself once at the end.
  const importChunk = (records: CsvRecord[]): Promise<ImportOutcome> =>
    context().transaction((tx) =>
      kind === 'units'
        ? importService.importUnits(tx, records.map(toUnitRow), { announce: false })
        : importService.importEmployees(tx, records.map(toEmployeeRow), { announce: false }),
    );

  /** `reasons`: `CODE column: message`, the column as the row error's field names it after `input.rows.<i>`. */
  const fail = (line: Line, key: string, reasons: string) => {
    counts.failed += 1;
    failures.push({ lineNo: line.lineNo, text: IMPORT_MESSAGES.failedLine(line.lineNo, key, reasons)[locale] });
  };
  const reasonsOf = (errors: UserError[]) =>
    errors.map((e) => `${e.code} ${e.field?.slice(3).join('.') ?? ''}: ${e.text[locale]}`).join('; ');

  /** Its supervisor or parent is missing now but comes later in the file. */
  const waitsForLaterRow = (row: ImportRowResult, line: Line) =>
    row.errors.every((e) => e.code === 'NOT_FOUND' && e.field?.[3] === refColumn[kind]) &&
    (lineOfKey.get(normalKey(kind, line.record[refColumn[kind]])) ?? 0) > line.lineNo;

  const run = async (lines: Line[], finalPass: boolean) => {
    if (lines.length === 0) return;
    const outcome = await importChunk(lines.map((l) => l.record));
    counts.created += outcome.summary.created;
    counts.updated += outcome.summary.updated;
    counts.unchanged += outcome.summary.unchanged;
    for (const row of outcome.rows) {
      if (row.status !== ImportRowStatus.FAILED) continue;
      const line = lines[row.index]!;
      if (!finalPass && waitsForLaterRow(row, line)) retry.push(line);
      else fail(line, row.key, reasonsOf(row.errors));
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
        fail(
          line,
          key,
          `${UserErrorCode.DUPLICATE} ${keyColumn[kind]}: ${IMPORT_MESSAGES.duplicateInFile(key, first)[locale]}`,
        );
    }
    await run(unique, false);
    done += chunk.length;
    chunk = [];
    progress();
  };

  for await (const record of parseFile(file) as AsyncIterable<CsvRecord>) {
    chunk.push({ record, lineNo: ++lineNo });
    if (chunk.length === MAX_IMPORT_ROWS) await flush();
  }
  await flush();
  for (let i = 0; i < retry.length; i += MAX_IMPORT_ROWS) await run(retry.slice(i, i + MAX_IMPORT_ROWS), true);
  retry.length = 0;
  progress();
  await context().transaction((tx) =>
    announceImport(tx, kind, 'CSV', {
      received: total,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      failed: counts.failed,
    }),
  );
  failures.sort((a, b) => a.lineNo - b.lineNo);
  return { kind, done, total, ...counts, waiting: 0, failures: failures.map((f) => f.text) };
}
