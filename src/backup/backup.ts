import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  backupFileName,
  canonicalValue,
  type ManifestLine,
  rowLine,
  TableDigest,
  type TableLine,
  type TableManifest,
} from './backup-format';
import { openSnapshot } from './snapshot-reader';

export interface BackupProgress {
  table: string;
  tablesDone: number;
  tablesTotal: number;
  rows: number;
}

export interface BackupResult {
  file: string;
  tables: number;
  rows: number;
  lastMigration: string | null;
  bytes: number;
}

/** Bytes gathered before one write to the compressor: fewer, larger writes. */
const WRITE_CHUNK = 64 * 1024;

/**
 * Writes a consistent backup of the database at `url` into `outDir` while the service keeps running. The file
 * appears under its final name only when complete and on disk; an interrupted run leaves at most a `.partial` file.
 * `onProgress` is awaited after every table and every 10,000 rows.
 */
export async function createBackup(
  url: string,
  options: { outDir: string; now?: Date; onProgress?: (p: BackupProgress) => void | Promise<void> },
): Promise<BackupResult> {
  const now = options.now ?? new Date();
  await mkdir(options.outDir, { recursive: true });
  const file = path.resolve(options.outDir, backupFileName(now));
  const partial = `${file}.partial`;
  const snapshot = await openSnapshot(url);
  const gzip = createGzip({ level: 6 });
  const output = createWriteStream(partial);
  gzip.pipe(output);
  const written = finished(output);
  // Awaited on success; on failure the streams are destroyed and this rejection is expected.
  written.catch(() => undefined);
  let pending = '';
  const write = async (text: string, flush = false) => {
    pending += text;
    if (pending.length < WRITE_CHUNK && !flush) return;
    const chunk = pending;
    pending = '';
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };
  let totalRows = 0;
  try {
    const migrations = await snapshot.migrations();
    const tables = await snapshot.tables();
    const header: BackupHeader = {
      kind: 'header',
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      source: snapshot.kind,
      migrations,
      lastMigration: migrations.at(-1) ?? null,
      tables: tables.map((t) => t.name),
    };
    await write(`${JSON.stringify(header)}\n`);
    const manifest: Record<string, TableManifest> = {};
    for (const [i, table] of tables.entries()) {
      const line: TableLine = {
        kind: 'table',
        name: table.name,
        columns: table.columns,
        classes: table.classes,
        primaryKey: table.primaryKey,
      };
      await write(`${JSON.stringify(line)}\n`);
      const digest = new TableDigest();
      for await (const raw of snapshot.rows(table)) {
        const text = rowLine(
          raw.map((value, c) => canonicalValue(value, table.classes[c]!, `${table.name}.${table.columns[c]}`)),
        );
        digest.add(text);
        await write(text);
        if (++totalRows % 10_000 === 0)
          await options.onProgress?.({ table: table.name, tablesDone: i, tablesTotal: tables.length, rows: totalRows });
      }
      manifest[table.name] = digest.result();
      await options.onProgress?.({ table: table.name, tablesDone: i + 1, tablesTotal: tables.length, rows: totalRows });
    }
    const manifestLine: ManifestLine = { kind: 'manifest', tables: manifest };
    await write(`${JSON.stringify(manifestLine)}\n`, true);
    gzip.end();
    await written;
    // On disk before it is called a backup.
    const handle = await open(partial, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
    return {
      file,
      tables: tables.length,
      rows: totalRows,
      lastMigration: header.lastMigration,
      bytes: (await stat(file)).size,
    };
  } catch (error) {
    gzip.destroy();
    output.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await snapshot.close();
  }
}
