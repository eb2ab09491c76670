import { once } from 'node:events';
import { type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type Response } from 'express';
import ExcelJS from 'exceljs';
import { drainedOrGone } from '../../core/http/export-route';
import { csvStringifier, type CsvLayout } from '../../core/util/csv';

/** How an export is written: CSV (laid out for a script or a spreadsheet) or an Excel workbook. */
export type TableFormat = { kind: 'csv'; csv: CsvLayout } | { kind: 'xlsx' };

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows between checks for backpressure in the workbook writer: a few tens of kilobytes of XML. */
const XLSX_ROWS_PER_CHECK = 100;

/**
 * Streams a table as a download, a row at a time with backpressure, and stops when the client goes away: memory
 * stays flat however many rows there are. `name` is the file name without its extension.
 */
export async function sendTable(
  res: Response,
  name: string,
  format: TableFormat,
  columns: string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', format.kind === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE);
  res.setHeader('content-disposition', `attachment; filename="${name}.${format.kind}"`);
  res.setHeader('cache-control', 'private, no-store');
  if (format.kind === 'csv') return sendCsv(res, format.csv, columns, rows);
  return sendXlsx(res, name, columns, rows);
}

async function sendCsv(
  res: Response,
  layout: CsvLayout,
  columns: string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  // Quoted, with formula triggers neutralised wherever a reader may start a cell (CSV injection).
  const csv = csvStringifier(columns, layout);
  csv.pipe(res);
  let gone = false;
  res.once('close', () => (gone = true));
  for await (const row of rows) {
    if (gone) break;
    if (!csv.write(row)) await drainedOrGone(csv, res);
  }
  csv.end();
  if (!gone) await once(res, 'finish').catch(() => undefined);
}

/** The parts of exceljs's streaming writer it leaves out of its type declarations, used for backpressure and abort. */
interface WriterInternals {
  zip: { unpipe(to: Writable): void; abort(): void };
}
/** A stream of the archiver's, of the `readable-stream` 2 package: it predates `writableNeedDrain`. */
type LegacyWritable = Writable & { _writableState?: { needDrain?: boolean } };
interface SheetInternals {
  /** The sheet's XML buffer (exceljs's StreamBuf), piped into the zip through a stream of the archiver's. */
  stream: { pipes?: LegacyWritable[] };
}
const needsDrain = (stream: LegacyWritable): boolean =>
  stream.writableNeedDrain ?? stream._writableState?.needDrain ?? false;

/**
 * One sheet, a header row and the rows, with inline strings (no shared-strings table growing with the file) and
 * no styles. Text cells are text to Excel whatever they begin with, so no apostrophe is added as in CSV; numbers are
 * numbers. exceljs writes without backpressure, so every few rows this waits for the zip to take in what the sheet
 * has written and for the response to drain.
 */
async function sendXlsx(
  res: Response,
  sheetName: string,
  columns: string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  let gone = false;
  res.once('close', () => (gone = true));
  sheet.addRow(columns).commit();
  let written = 0;
  for await (const row of rows) {
    if (gone) break;
    sheet.addRow(row.map((v: unknown) => (v === undefined ? null : v))).commit();
    if (++written % XLSX_ROWS_PER_CHECK !== 0) continue;
    const into = (sheet as unknown as SheetInternals).stream.pipes?.[0];
    // The zip may not read the sheet yet (it finishes the workbook's first files): wait until it has.
    if (into && needsDrain(into)) await drainedOrGone(into, res);
    if (res.writableNeedDrain) await drainedOrGone(res, res);
  }
  if (gone) {
    const zip = (workbook as unknown as WriterInternals).zip;
    zip.unpipe(res);
    zip.abort();
    return;
  }
  sheet.commit();
  await workbook.commit();
  // Resolves when the last byte is handed over, and also when the client leaves first (no promise left waiting).
  await finished(res).catch(() => undefined);
}
