import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SignJWT } from 'jose';
import { loadConfig } from '../src/core/config/config';
import { createLogger } from '../src/core/server/logger';
import { createServer } from '../src/app/server';
import { PositionKind } from '../src/modules/employee/employee-enums';
import { UnitKind } from '../src/modules/unit/unit-kind';
import { Fixtures } from '../test/support/fixtures';
import { type RecordSize, writeLongRecord } from '../test/support/personal-record';
import { createTestDatabase } from '../test/support/test-database';

/**
 * `npm run reliability:personal-data`: a person's file (`GET /exports/me.json`, issue 21 item 2) at the size of a
 * whole career streams in flat memory. Thirty years of monthly plans of thirty indicators (10,800 realizations and
 * their audit rows), 5,000 daily logs and 2,000 pieces of feedback are written for one nurse; her file is fetched
 * while the live heap of this process (client and server both) is measured: every few chunks the client collects
 * garbage and reads what remains. After a first run (which builds what every later one reuses), passes when the
 * live heap grows by less than a quarter of the file's size (an export that held its rows until the end grew it by
 * about half). SQLite by default; MariaDB when DATABASE_URL names one (a scratch
 * database is created and dropped).
 */

const SECRET = 'reliability-secret-reliability-secret-0123';
const SIZE: RecordSize = {
  years: 30,
  rhks: 5,
  indicatorsPerRhk: 6,
  activities: 5_000,
  feedbackReceived: 1_500,
  feedbackGiven: 500,
};

function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function main(): Promise<boolean> {
  const testDb = await createTestDatabase();
  const log = createLogger(process.env.RELIABILITY_DEBUG ? 'error' : 'silent');
  try {
    const f = new Fixtures(testDb.db);
    const dinkes = await f.unit({ code: 'RL-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    const pkm = await f.unit({ code: 'RL-PKM', name: 'UPTD Puskesmas Walesi', parent: dinkes });
    const kadinkes = await f.employee({
      unit: dinkes,
      name: 'Yosina Kogoya',
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
    });
    const head = await f.employee({
      unit: pkm,
      supervisor: kadinkes,
      name: 'Agustina Wenda',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Walesi',
    });
    const nurse = await f.employee({
      unit: pkm,
      supervisor: head,
      name: 'Hana Itlay',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala Ruang Rawat Inap',
    });
    const subordinate = await f.employee({ unit: pkm, supervisor: nurse, name: 'Lince Mabel' });
    const started = Date.now();
    const written = await writeLongRecord(testDb.db, { nurse, subordinate, head, kadinkes, unitId: pkm.rowId }, SIZE);
    process.stdout.write(
      `record written in ${Date.now() - started} ms: ${written.realizations} realizations, ${written.evaluations} ratings, ${written.audits} audit rows\n`,
    );

    const config = {
      ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET }),
      databaseUrl: testDb.url,
      rateLimitCostPerMinute: 0,
    };
    const server = await (await createServer({ config, db: testDb.db, log })).listen(0, '127.0.0.1');
    try {
      const token = await new SignJWT({ roles: [] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(nurse.nip)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(SECRET));
      const url = server.url.replace(/\/graphql$/, '/exports/me.json');
      const gc = collector();
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      /** Fetches the file, reading the live heap every few chunks (after a collection); the largest growth seen. */
      const exportOnce = async (): Promise<{ bytes: number; growth: number; samples: number; ms: number }> => {
        gc();
        const baseline = process.memoryUsage().heapUsed;
        let peak = baseline;
        let samples = 0;
        let bytes = 0;
        let chunks = 0;
        const t0 = Date.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`export answered ${res.status}`);
        const reader = res.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.byteLength;
          // What the export holds is live; the garbage of rows already written is not.
          if (++chunks % 8 === 0) {
            gc();
            const used = process.memoryUsage().heapUsed;
            peak = Math.max(peak, used);
            samples += 1;
            if (process.env.RELIABILITY_DEBUG)
              process.stdout.write(`  ${mb(bytes)} MB sent: live heap +${mb(used - baseline)} MB\n`);
          }
        }
        return { bytes, growth: peak - baseline, samples, ms: Date.now() - t0 };
      };
      // The first request through these paths builds what every later one reuses (metadata, compiled code, sockets).
      const warm = await exportOnce();
      const run = await exportOnce();
      const ok = run.samples > 0 && run.growth < run.bytes / 4;
      process.stdout.write(
        `personal data file: ${mb(run.bytes)} MB in ${run.ms} ms (first run ${warm.ms} ms, live heap +${mb(warm.growth)} MB); live heap peak growth ${mb(run.growth)} MB over ${run.samples} samples (limit ${mb(run.bytes / 4)} MB): ${ok ? 'PASS' : 'FAIL'}\n`,
      );
      return ok;
    } finally {
      await server.stop();
    }
  } finally {
    await testDb.drop();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
