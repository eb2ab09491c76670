import 'reflect-metadata';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout } from 'node:timers/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { givenApprovedPlans } from '../test/support/approved-plans';
import { TestApp } from '../test/support/test-app';
import { Planning } from '../test/e2e/planning-helpers';

/**
 * `npm run reliability:analytics-export`: a 100,000-row appraisal-results export streams in flat memory, as CSV
 * (`/exports/appraisal-results.csv`) and as xlsx (`/exports/appraisal-results.xlsx`, exceljs's streaming writer,
 * read by a client slower than the server). The rows are written straight into the database; each export is
 * fetched while the heap and the buffers outside it of this process (client and server both) are sampled every few
 * milliseconds and at every chunk. Passes when they grow by less than LIMIT_MB for each: the rows held as objects,
 * or the sheet's XML piling up in the zip's streams, take more (docs/api.md, Files, has the figures). The CSV's
 * lines are counted as they arrive; the workbook is written to a temporary file and its rows counted after the
 * measurement. `test/e2e/analytics-exports.e2e-spec.ts` checks the contents. SQLite by default; MariaDB when
 * DATABASE_URL names one.
 */

const ROWS = 100_000;
const LIMIT_MB = 45;
/** The pause of the slow client per chunk it reads. */
const SLOW_CLIENT_MS = 5;

function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Fetches an export, handing each chunk to `chunk`, while the heap is sampled: its peak growth in MB. */
async function measured(
  url: URL,
  token: string,
  chunk: (bytes: Uint8Array) => Promise<void> | void,
): Promise<{ growth: number; baseline: number; bytes: number; ms: number }> {
  const gc = collector();
  gc();
  // Buffers live outside the V8 heap (`external`): a sheet's XML piling up in the zip's streams shows only there.
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const baseline = used();
  let peak = baseline;
  const sample = () => {
    peak = Math.max(peak, used());
  };
  const timer = setInterval(sample, 5);
  const started = Date.now();
  let bytes = 0;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${url.pathname} answered ${res.status}`);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      await chunk(value);
      sample();
    }
  } finally {
    clearInterval(timer);
  }
  return { growth: (peak - baseline) / 1024 / 1024, baseline, bytes, ms: Date.now() - started };
}

/** The rows of a workbook's sheets, read back with exceljs's streaming reader. */
async function rowsOf(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'ignore' });
  for await (const sheet of reader) for await (const _row of sheet) rows += 1;
  return rows;
}

async function main(): Promise<boolean> {
  const app = await TestApp.start();
  const dir = await mkdtemp(join(tmpdir(), 'analytics-export-'));
  try {
    const p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const period = await p.openPeriod(2027);
    const unitId = await givenApprovedPlans(app, period.id, ROWS);
    const url = (path: string) => {
      const u = new URL(app.url);
      u.pathname = path;
      u.searchParams.set('unitId', unitId);
      u.searchParams.set('periodId', period.id);
      return u;
    };
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    let ok = true;

    let lines = 0;
    const csv = await measured(url('/exports/appraisal-results.csv'), p.hr, (value) => {
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lines += 1;
    });
    const csvOk = lines === ROWS + 1 && csv.growth < LIMIT_MB;
    ok &&= csvOk;
    process.stdout.write(
      `appraisal-results.csv: ${lines} lines, ${mb(csv.bytes)} MB in ${csv.ms} ms; heap and buffers baseline ${mb(csv.baseline)} MB, peak growth ${csv.growth.toFixed(1)} MB (limit ${LIMIT_MB}): ${csvOk ? 'PASS' : 'FAIL'}\n`,
    );

    const file = join(dir, 'appraisal-results.xlsx');
    const out = createWriteStream(file);
    // A client slower than the server: what the server cannot send must not pile up in its memory.
    const xlsx = await measured(url('/exports/appraisal-results.xlsx'), p.hr, async (value) => {
      if (!out.write(value)) await once(out, 'drain');
      await setTimeout(SLOW_CLIENT_MS);
    });
    out.end();
    await once(out, 'finish');
    const rows = await rowsOf(file);
    const xlsxOk = rows === ROWS + 1 && xlsx.growth < LIMIT_MB;
    ok &&= xlsxOk;
    process.stdout.write(
      `appraisal-results.xlsx: ${rows} rows, ${mb(xlsx.bytes)} MB in ${xlsx.ms} ms; heap and buffers baseline ${mb(xlsx.baseline)} MB, peak growth ${xlsx.growth.toFixed(1)} MB (limit ${LIMIT_MB}): ${xlsxOk ? 'PASS' : 'FAIL'}\n`,
    );
    return ok;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await app.stop();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
