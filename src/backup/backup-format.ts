import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/**
 * The backup file: gzip-compressed JSON lines, the same for SQLite and MariaDB so that either can be restored into
 * either. Line 1 is the header; then, per table, a table line and its rows (JSON arrays, in primary-key order);
 * the last line is the manifest (per table: row count and SHA-256 over its row lines). Control lines are objects,
 * rows are arrays, so a reader never confuses them.
 */
export const BACKUP_FORMAT = 'kinerja-walesi-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** TypeORM's own bookkeeping: recorded in the header, rebuilt by the migrations on restore, never dumped as rows. */
export const BOOKKEEPING_TABLES = new Set(['migrations', 'typeorm_metadata']);

export type SourceKind = 'sqlite' | 'mysql';

/** How a column's values are written: the two databases return datetimes and decimals differently. */
export type ValueClass = 'datetime' | 'decimal' | 'plain';

export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: SourceKind;
  /** Names of the applied migrations, oldest first (TypeORM's `migrations` table). */
  migrations: string[];
  lastMigration: string | null;
  tables: string[];
}

export interface TableLine {
  kind: 'table';
  name: string;
  columns: string[];
  classes: ValueClass[];
  primaryKey: string[];
}

export interface TableManifest {
  rows: number;
  sha256: string;
}

export interface ManifestLine {
  kind: 'manifest';
  tables: Record<string, TableManifest>;
}

/** A file that cannot be trusted: damaged, truncated, or not a backup at all. The commands exit with code 2. */
export class BackupFileError extends Error {}

export function valueClassOf(declaredType: string): ValueClass {
  const type = declaredType.toLowerCase();
  if (type.startsWith('datetime') || type.startsWith('timestamp')) return 'datetime';
  if (type.startsWith('decimal') || type.startsWith('numeric')) return 'decimal';
  return 'plain';
}

const DATETIME = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/;
const DECIMAL = /^(-?\d+)(?:\.(\d*?)0*)?$/;

/**
 * One value as the file carries it, whichever database it came from: datetimes as 'YYYY-MM-DD HH:MM:SS.SSS' UTC
 * (TypeORM's SQLite form; MariaDB accepts it), decimals as their shortest decimal string (MariaDB returns
 * '12.5000', SQLite 12.5), everything else as the driver returned it. A dump of a restored database gives the
 * same lines, so the checksums compare across databases.
 */
export function canonicalValue(value: unknown, valueClass: ValueClass, where: string): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value) || typeof value === 'bigint' || typeof value === 'object') {
    throw new Error(`${where} holds a value this backup format does not carry (${typeof value})`);
  }
  if (valueClass === 'datetime' && typeof value === 'string') {
    const m = DATETIME.exec(value);
    if (m) return `${m[1]} ${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}`;
  }
  if (valueClass === 'decimal') {
    const text = typeof value === 'number' ? String(value) : String(value);
    const m = DECIMAL.exec(text);
    if (m) return m[2] ? `${m[1]}.${m[2]}` : m[1];
    return text;
  }
  return value;
}

/** The row's line and its contribution to the table's checksum. */
export function rowLine(values: unknown[]): string {
  return `${JSON.stringify(values)}\n`;
}

/** Counts and hashes a table's row lines in the order they come. */
export class TableDigest {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  add(line: string): void {
    this.hash.update(line);
    this.rows += 1;
  }

  result(): TableManifest {
    return { rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

/** `kinerja-walesi-20261207T141500Z.backup.gz`: sorts by time, says UTC. */
export function backupFileName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `kinerja-walesi-${stamp}.backup.gz`;
}

export type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: TableLine }
  | { kind: 'rows'; table: TableLine; rows: unknown[][] }
  | { kind: 'manifest'; manifest: ManifestLine };

/** Lines of a gzip file, read as the consumer asks for them (flat memory). Damage becomes a BackupFileError. */
async function* gzipLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      carry += decoder.write(chunk);
      let at: number;
      while ((at = carry.indexOf('\n')) >= 0) {
        yield carry.slice(0, at);
        carry = carry.slice(at + 1);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new BackupFileError(`${file}: no such file`);
    if (code === 'Z_BUF_ERROR')
      throw new BackupFileError(
        `${file} is truncated: the compressed data ends early (an interrupted copy or a full disk?)`,
      );
    throw new BackupFileError(
      `${file} is not a readable gzip file (${(error as Error).message}): damaged or not a backup`,
    );
  } finally {
    input.destroy();
  }
  carry += decoder.end();
  if (carry.length) yield carry;
}

function parseLine(line: string, lineNumber: number, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupFileError(`${file}, line ${lineNumber}: not valid JSON: the file is damaged`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkHeader(value: unknown, file: string): BackupHeader {
  if (!isObject(value) || value.kind !== 'header' || value.format !== BACKUP_FORMAT)
    throw new BackupFileError(`${file} is not a Kinerja Walesi backup: its first line is not a backup header`);
  if (value.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupFileError(
      `${file} has backup format version ${String(value.formatVersion)}; this release reads version ${BACKUP_FORMAT_VERSION}`,
    );
  if (
    !Array.isArray(value.migrations) ||
    !value.migrations.every((m) => typeof m === 'string') ||
    !Array.isArray(value.tables) ||
    (value.source !== 'sqlite' && value.source !== 'mysql')
  ) {
    throw new BackupFileError(`${file}: the header is incomplete (migrations, tables or source missing)`);
  }
  return value as unknown as BackupHeader;
}

function checkTableLine(
  value: Record<string, unknown>,
  lineNumber: number,
  file: string,
  header: BackupHeader,
): TableLine {
  const ok =
    typeof value.name === 'string' &&
    header.tables.includes(value.name) &&
    Array.isArray(value.columns) &&
    Array.isArray(value.classes) &&
    value.columns.length === value.classes.length &&
    value.columns.every((c) => typeof c === 'string' && /^[A-Za-z0-9_]+$/.test(c)) &&
    Array.isArray(value.primaryKey);
  if (!ok)
    throw new BackupFileError(
      `${file}, line ${lineNumber}: a table line that does not match the header: the file is damaged`,
    );
  return value as unknown as TableLine;
}

/**
 * Reads a backup as events (rows in batches of `batchSize`), checking its structure as it goes and, at the end,
 * every table's count and checksum against the manifest. A consumer that must not act on a damaged file reads it
 * once to the end first (`validateBackupFile`): a checksum can only fail at the end.
 */
export async function* readBackupFile(file: string, batchSize = 500): AsyncGenerator<BackupEvent> {
  let header: BackupHeader | undefined;
  let table: TableLine | undefined;
  let digest: TableDigest | undefined;
  let batch: unknown[][] = [];
  const computed = new Map<string, TableManifest>();
  let manifest: ManifestLine | undefined;
  let lineNumber = 0;
  const finishTable = () => {
    if (table && digest) computed.set(table.name, digest.result());
  };
  for await (const line of gzipLines(file)) {
    lineNumber += 1;
    if (manifest)
      throw new BackupFileError(`${file}, line ${lineNumber}: data after the manifest: the file is damaged`);
    if (lineNumber === 1) {
      header = checkHeader(parseLine(line, lineNumber, file), file);
      yield { kind: 'header', header };
      continue;
    }
    if (line.startsWith('[')) {
      if (!table || !digest)
        throw new BackupFileError(`${file}, line ${lineNumber}: a row outside any table: the file is damaged`);
      const values = parseLine(line, lineNumber, file);
      if (!Array.isArray(values) || values.length !== table.columns.length)
        throw new BackupFileError(
          `${file}, line ${lineNumber}: a row of ${table.name} with the wrong number of values: the file is damaged`,
        );
      digest.add(`${line}\n`);
      batch.push(values);
      if (batch.length >= batchSize) {
        yield { kind: 'rows', table, rows: batch };
        batch = [];
      }
      continue;
    }
    const value = parseLine(line, lineNumber, file);
    if (!isObject(value))
      throw new BackupFileError(`${file}, line ${lineNumber}: unexpected line: the file is damaged`);
    if (batch.length && table) yield { kind: 'rows', table, rows: batch };
    batch = [];
    finishTable();
    if (value.kind === 'table') {
      table = checkTableLine(value, lineNumber, file, header!);
      if (computed.has(table.name))
        throw new BackupFileError(
          `${file}, line ${lineNumber}: table ${table.name} appears twice: the file is damaged`,
        );
      digest = new TableDigest();
      yield { kind: 'table', table };
    } else if (value.kind === 'manifest' && isObject(value.tables)) {
      manifest = value as unknown as ManifestLine;
      table = undefined;
      digest = undefined;
    } else throw new BackupFileError(`${file}, line ${lineNumber}: unexpected line: the file is damaged`);
  }
  if (!header) throw new BackupFileError(`${file} is empty`);
  if (!manifest)
    throw new BackupFileError(`${file} has no manifest: the backup is truncated (it ends after ${lineNumber} lines)`);
  for (const name of header.tables) {
    const expected = manifest.tables[name];
    const actual = computed.get(name);
    if (!expected || !actual)
      throw new BackupFileError(
        `${file}: table ${name} is missing from the ${expected ? 'data' : 'manifest'}: the backup is incomplete`,
      );
    if (expected.rows !== actual.rows)
      throw new BackupFileError(
        `${file}: table ${name} has ${actual.rows} rows but the manifest says ${expected.rows}: the file is damaged`,
      );
    if (expected.sha256 !== actual.sha256)
      throw new BackupFileError(
        `${file}: table ${name} does not match its checksum in the manifest: the file is damaged`,
      );
  }
  yield { kind: 'manifest', manifest };
}

/** Reads the whole file and returns its header and manifest, or throws a BackupFileError. */
export async function validateBackupFile(
  file: string,
): Promise<{ header: BackupHeader; manifest: ManifestLine; tables: TableLine[] }> {
  let header: BackupHeader | undefined;
  let manifest: ManifestLine | undefined;
  const tables: TableLine[] = [];
  for await (const event of readBackupFile(file, 2000)) {
    if (event.kind === 'header') header = event.header;
    else if (event.kind === 'table') tables.push(event.table);
    else if (event.kind === 'manifest') manifest = event.manifest;
  }
  return { header: header!, manifest: manifest!, tables };
}
