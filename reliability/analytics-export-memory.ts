import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { givenApprovedPlans } from '../test/support/approved-plans';
import { TestApp } from '../test/support/test-app';
import { Planning } from '../test/e2e/planning-helpers';

/**
 * `npm run reliability:analytics-export`: a 100,000-row appraisal-results export (`/exports/appraisal-results.csv`)
 * streams in flat memory. The rows are written straight into the database; the export is fetched while the heap
 * of this process (client and server both) is sampled every few milliseconds and at every chunk. Passes when the
 * heap grows by less than 60 MB: 100,000 rows of 14 columns held as objects would take well over that (the CSV
 * text alone is about 10 MB). `test/e2e/analytics-exports.e2e-spec.ts` checks that every line arrives. SQLite by
 * default; MariaDB when DATABASE_URL names one.
 */

const ROWS = 100_000;
const LIMIT_MB = 60;

function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function main(): Promise<boolean> {
  const app = await TestApp.start();
  try {
    const p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const period = await p.openPeriod(2027);
    const unitId = await givenApprovedPlans(app, period.id, ROWS);
    const url = new URL(app.url);
    url.pathname = '/exports/appraisal-results.csv';
    url.searchParams.set('unitId', unitId);
    url.searchParams.set('periodId', period.id);

    const gc = collector();
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const timer = setInterval(sample, 5);
    const started = Date.now();
    let lines = 0;
    let bytes = 0;
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${p.hr}` } });
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        for (let i = 0; i < value.length; i++) if (value[i] === 10) lines += 1;
        sample();
      }
    } finally {
      clearInterval(timer);
    }
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const growth = (peak - baseline) / 1024 / 1024;
    const ok = lines === ROWS + 1 && growth < LIMIT_MB;
    process.stdout.write(
      `appraisal-results export: ${lines} lines, ${mb(bytes)} MB of CSV in ${Date.now() - started} ms; heap baseline ${mb(baseline)} MB, peak growth ${growth.toFixed(1)} MB (limit ${LIMIT_MB}): ${ok ? 'PASS' : 'FAIL'}\n`,
    );
    return ok;
  } finally {
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
