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
 * while the heap of this process (client and server both) is sampled. Passes when the heap grows by less than half
 * the file's size: holding the rows as objects takes several times the JSON text. SQLite by default; MariaDB when
 * DATABASE_URL names one (a scratch database is created and dropped).
 */

const SECRET = 'reliability-secret-reliability-secret-0123';
const SIZE: RecordSize = { years: 30, rhks: 5, indicatorsPerRhk: 6, activities: 5_000, feedbackReceived: 1_500, feedbackGiven: 500 };

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
    const kadinkes = await f.employee({ unit: dinkes, name: 'Yosina Kogoya', positionKind: PositionKind.JPT, positionTitle: 'Kepala Dinas Kesehatan' });
    const head = await f.employee({ unit: pkm, supervisor: kadinkes, name: 'Agustina Wenda', positionKind: PositionKind.PENGAWAS, positionTitle: 'Kepala UPTD Puskesmas Walesi' });
    const nurse = await f.employee({ unit: pkm, supervisor: head, name: 'Hana Itlay', positionKind: PositionKind.PENGAWAS, positionTitle: 'Kepala Ruang Rawat Inap' });
    const subordinate = await f.employee({ unit: pkm, supervisor: nurse, name: 'Lince Mabel' });
    const started = Date.now();
    const written = await writeLongRecord(testDb.db, { nurse, subordinate, head, kadinkes, unitId: pkm.id }, SIZE);
    process.stdout.write(`record written in ${Date.now() - started} ms: ${written.realizations} realizations, ${written.evaluations} ratings, ${written.audits} audit rows\n`);

    const config = { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET }), databaseUrl: testDb.url, rateLimitCostPerMinute: 0 };
    const server = await (await createServer({ config, db: testDb.db, log })).listen(0, '127.0.0.1');
    try {
      const token = await new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject(nurse.nip).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
      const gc = collector();
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      const sample = () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      };
      const timer = setInterval(sample, 5);
      let bytes = 0;
      const t0 = Date.now();
      try {
        const res = await fetch(server.url.replace(/\/graphql$/, '/exports/me.json'), { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`export answered ${res.status}`);
        const reader = res.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.byteLength;
          sample();
        }
      } finally {
        clearInterval(timer);
      }
      const growth = peak - baseline;
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      const ok = growth < bytes / 2;
      process.stdout.write(
        `personal data file: ${mb(bytes)} MB in ${Date.now() - t0} ms; heap baseline ${mb(baseline)} MB, peak growth ${mb(growth)} MB (limit ${mb(bytes / 2)} MB): ${ok ? 'PASS' : 'FAIL'}\n`,
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
