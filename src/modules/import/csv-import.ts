import fs from 'node:fs';
import { parse } from 'csv-parse';
import { type Actor } from '../../core/auth/actor';
import { RequestContext } from '../../core/context/request-context';
import { type Database } from '../../core/database/database';
import { type PolicyTable } from '../../core/policy/policy';
import { createLogger } from '../../core/server/logger';
import { type ImportEmployeeRow, type ImportUnitRow } from './import.inputs';
import { MAX_IMPORT_ROWS, importService } from './import.service';
import { type ImportOutcome, ImportRowStatus } from './import.types';

export type CsvKind = 'units' | 'employees';
type CsvRecord = Record<string, string>;

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
    active: active == null ? undefined : /^(1|true|yes|y|aktif)$/i.test(active),
  };
}

/** Counts data lines for progress (an estimate when quoted cells hold line breaks). */
function countDataLines(file: string): number {
  const text = fs.readFileSync(file, 'utf8');
  return Math.max(0, text.split(/\r?\n/).filter((l) => l.trim()).length - 1);
}

/**
 * Imports a CSV of units or employees (recognised by its header) with the rules of the import mutations:
 * streamed in chunks of 500 rows, one transaction per chunk. Rows whose supervisor or parent comes later in the
 * file (in a later chunk) are tried once more at the end.
 */
export async function importCsv(
  db: Database,
  file: string,
  actor: Actor,
  policyTable: PolicyTable,
  onProgress?: (progress: CsvImportProgress) => void,
): Promise<CsvImportResult> {
  if (!fs.existsSync(file)) throw new CsvImportError(`No such file: ${file}`);
  const total = countDataLines(file);
  const log = createLogger('warn');
  const parser = fs.createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const failures: Array<{ lineNo: number; text: string }> = [];
  const retry: Array<{ record: CsvRecord; lineNo: number }> = [];
  let kind: CsvKind | undefined;
  let chunk: CsvRecord[] = [];
  let nextLine = 2;
  let done = 0;

  const importChunk = (records: CsvRecord[]): Promise<ImportOutcome> => {
    const ctx = new RequestContext({
      requestId: `csv-import-${Date.now()}`,
      actor,
      db,
      log,
      policyTable,
      timeZone: 'Asia/Jayapura',
    });
    return ctx.transaction((tx) =>
      kind === 'units'
        ? importService.importUnits(tx, records.map(toUnitRow))
        : importService.importEmployees(tx, records.map(toEmployeeRow)),
    );
  };

  const run = async (records: CsvRecord[], lineOf: (index: number) => number, finalPass: boolean) => {
    const outcome = await importChunk(records);
    counts.created += outcome.summary.created;
    counts.updated += outcome.summary.updated;
    counts.unchanged += outcome.summary.unchanged;
    for (const row of outcome.rows) {
      if (row.status !== ImportRowStatus.FAILED) continue;
      const waitsForLaterRow = row.errors.every(
        (e) => e.code === 'NOT_FOUND' && ['supervisorNip', 'parentCode'].includes(e.field?.[3] ?? ''),
      );
      if (!finalPass && waitsForLaterRow) {
        retry.push({ record: records[row.index]!, lineNo: lineOf(row.index) });
        continue;
      }
      counts.failed += 1;
      const reasons = row.errors.map((e) => `${e.code} ${e.field?.slice(3).join('.') ?? ''}: ${e.message}`).join('; ');
      failures.push({ lineNo: lineOf(row.index), text: `line ${lineOf(row.index)} (${row.key}): ${reasons}` });
    }
  };

  const progress = () => onProgress?.({ kind: kind!, done, total, ...counts });

  const flush = async () => {
    if (chunk.length === 0) return;
    const start = nextLine;
    await run(chunk, (i) => start + i, false);
    done += chunk.length;
    nextLine += chunk.length;
    chunk = [];
    progress();
  };

  for await (const record of parser as AsyncIterable<CsvRecord>) {
    if (!kind) {
      const columns = Object.keys(record);
      kind = columns.includes('nip') ? 'employees' : columns.includes('code') ? 'units' : undefined;
      if (!kind)
        throw new CsvImportError(
          'The header must name the columns: "nip,…" for employees or "code,name,kind,…" for units.',
        );
      const missing = REQUIRED_COLUMNS[kind].filter((c) => !columns.includes(c));
      if (missing.length) throw new CsvImportError(`Missing column(s) for ${kind}: ${missing.join(', ')}`);
    }
    chunk.push(record);
    if (chunk.length === MAX_IMPORT_ROWS) await flush();
  }
  await flush();
  for (let i = 0; i < retry.length; i += MAX_IMPORT_ROWS) {
    const batch = retry.slice(i, i + MAX_IMPORT_ROWS);
    await run(
      batch.map((r) => r.record),
      (index) => batch[index]!.lineNo,
      true,
    );
  }
  if (kind) progress();
  failures.sort((a, b) => a.lineNo - b.lineNo);
  return { kind: kind ?? 'employees', done, total, ...counts, failures: failures.map((f) => f.text) };
}
