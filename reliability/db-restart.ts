import 'reflect-metadata';
import { SignJWT } from 'jose';
import { loadConfig } from '../src/core/config/config';
import { Database } from '../src/core/database/database';
import { createLogger } from '../src/core/server/logger';
import { toGlobalId } from '../src/core/graphql/global-id';
import { createServer } from '../src/app/server';
import { checkDomainInvariants } from '../src/core/database/domain-invariants';
import { seedRegion } from '../src/seed/seed-region';
import { PrivateMariaDb } from './private-mariadb';

/**
 * `npm run reliability:db-restart`: the database goes away under load and comes back (`docs/reliability.md`; issue 7
 * item 4). For each of a clean stop (SIGTERM) and a crash (SIGKILL) of a private MariaDB: 8 clients read and write
 * for 20 s; at 5 s the database stops, at 10 s it starts again. Passes when errors happen only while it is down
 * (SERVICE_UNAVAILABLE, no stack, no SQL), the service answers again within 5 s of the restart without being
 * restarted itself, and nothing is half-written: every feedback row has its audit row and every realization's
 * version matches its audited updates, every rating its matrix.
 */

const SECRET = 'reliability-secret-reliability-secret-0123';
const PORT = 3407;
const LOAD_MS = 20_000;
const DOWN_AT = 5_000;
const DOWN_FOR = 5_000;
const WORKERS = 8;

interface Sample {
  at: number;
  ok: boolean;
  status: number;
  code?: string;
  leak?: string;
}

/** What must never reach a client: stack frames, SQL, driver errors, file paths. */
const LEAK =
  /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|SELECT |INSERT |UPDATE |ECONNREFUSED|\bER_[A-Z_]+|QueryFailedError/;

const token = (sub: string) =>
  new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

async function variant(signal: 'SIGTERM' | 'SIGKILL'): Promise<boolean> {
  const mariadb = await PrivateMariaDb.create(PORT);
  const log = createLogger(process.env.RELIABILITY_DEBUG ? 'error' : 'silent');
  try {
    await mariadb.start();
    await mariadb.createDatabase();
    const db = await Database.connect(mariadb.url, { poolSize: 10 });
    await db.runMigrations();
    const seeded = await seedRegion(db, 400);
    const config = {
      ...loadConfig({ NODE_ENV: 'development', JWT_SECRET: SECRET }),
      databaseUrl: mariadb.url,
      rateLimitCostPerMinute: 0,
    };
    const server = await (await createServer({ config, db, log })).listen(0, '127.0.0.1');

    // The head of Puskesmas Walesi reads the team and gives feedback; team members correct their own January figure.
    const head = seeded.landmarks.headOfPuskesmasWalesi;
    const team = (await db.manager.query(
      `SELECT e.nip AS nip, a.id AS plan, (SELECT r.id FROM realization r WHERE r.appraisal_id = a.id AND r.sub_period = 1 ORDER BY r.id LIMIT 1) AS realization,
              (SELECT r.indicator_id FROM realization r WHERE r.appraisal_id = a.id AND r.sub_period = 1 ORDER BY r.id LIMIT 1) AS indicator
         FROM employee e JOIN employee h ON h.id = e.supervisor_id JOIN appraisal a ON a.employee_id = e.id AND a.status = 'APPROVED'
        WHERE h.nip = ? ORDER BY e.id LIMIT ${WORKERS / 2}`,
      [head],
    )) as Array<{ nip: string; plan: number; realization: number; indicator: number }>;
    const headToken = await token(head);
    const before = {
      feedback: Number((await db.manager.query('SELECT COALESCE(MAX(id), 0) AS n FROM feedback'))[0].n),
    };

    const samples: Sample[] = [];
    const started = Date.now();
    const post = async (authorization: string, query: string, variables: Record<string, unknown>) => {
      // When the answer came: a request sent just before the stop may fail during it.
      let at = 0;
      try {
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${authorization}` },
          body: JSON.stringify({ query, variables }),
        });
        const text = await res.text();
        at = Date.now() - started;
        const body = JSON.parse(text) as {
          data?: {
            r?: {
              userErrors?: Array<{ code: string; currentVersion: number | null }>;
              realization?: { version: number };
            };
          };
          errors?: Array<{ extensions?: { code?: string } }>;
        };
        const code = body.errors?.[0]?.extensions?.code;
        samples.push({
          at,
          ok: res.status === 200 && !body.errors,
          status: res.status,
          code,
          leak: LEAK.exec(text) ? text.slice(0, 300) : undefined,
        });
        if (process.env.RELIABILITY_DEBUG && (code === 'INTERNAL_SERVER_ERROR' || LEAK.test(text)))
          console.error(at, text.slice(0, 400));
        return body;
      } catch (error) {
        samples.push({ at: Date.now() - started, ok: false, status: 0, code: 'NETWORK', leak: String(error) });
        return undefined;
      }
    };

    const readers = Array.from({ length: WORKERS / 2 }, async () => {
      while (Date.now() - started < LOAD_MS) {
        await post(
          headToken,
          '{ viewer { team(first: 20) { totalCount nodes { displayName currentAppraisal { status workResultPlans { indicators { text realizations { value } } } } } } } }',
          {},
        );
      }
    });
    const writers = team.map(async (member, i) => {
      const mine = await token(member.nip);
      let version = 1;
      let n = 0;
      while (Date.now() - started < LOAD_MS) {
        n += 1;
        if (i % 2 === 0) {
          const body = await post(
            mine,
            'mutation($input: RecordRealizationInput!) { r: recordRealization(input: $input) { realization { version } userErrors { code currentVersion } } }',
            {
              input: {
                indicatorId: toGlobalId('Indicator', Number(member.indicator)),
                subPeriod: 1,
                expectedVersion: version,
                value: 50 + (n % 40),
                narrative: `Koreksi ${n}`,
              },
            },
          );
          const result = body?.data?.r;
          if (result?.realization) version = result.realization.version;
          else if (result?.userErrors?.[0]?.currentVersion) version = result.userErrors[0].currentVersion; // a lost answer whose write committed
        } else {
          await post(
            headToken,
            'mutation($input: GiveFeedbackInput!) { r: giveFeedback(input: $input) { feedback { id } userErrors { code } } }',
            {
              input: {
                target: 'APPRAISAL',
                targetId: toGlobalId('Appraisal', Number(member.plan)),
                text: `Umpan balik ${n}`,
              },
            },
          );
        }
      }
    });

    const outage = (async () => {
      await new Promise((r) => setTimeout(r, DOWN_AT));
      await mariadb.stop(signal);
      const stoppedAt = Date.now() - started;
      await new Promise((r) => setTimeout(r, DOWN_FOR - (Date.now() - started - DOWN_AT)));
      await mariadb.start();
      return { stoppedAt, restartedAt: Date.now() - started };
    })();
    const [{ stoppedAt, restartedAt }] = await Promise.all([outage, ...readers, ...writers]);

    // Findings.
    const problems: string[] = [];
    const failures = samples.filter((s) => !s.ok);
    // From the moment the stop begins (a clean shutdown takes a moment) to 5 s after the restart.
    const outside = failures.filter((s) => s.at < DOWN_AT || s.at > restartedAt + 5_000);
    if (outside.length)
      problems.push(
        `${outside.length} errors outside the outage window (first at ${outside[0]!.at} ms: ${outside[0]!.code})`,
      );
    const codes = new Set(failures.map((s) => s.code));
    for (const code of codes)
      if (code !== 'SERVICE_UNAVAILABLE' && code !== 'CONFLICT') problems.push(`unexpected error code ${code}`);
    const leaks = samples.filter((s) => s.leak && s.code !== 'NETWORK');
    if (leaks.length) problems.push(`${leaks.length} responses leaked internals, e.g. "${leaks[0]!.leak}"`);
    const firstOkAfter = samples.filter((s) => s.ok && s.at > restartedAt).sort((a, b) => a.at - b.at)[0];
    const recoveryMs = firstOkAfter ? firstOkAfter.at - restartedAt : Infinity;
    if (recoveryMs > 5_000) problems.push(`no success within 5 s of the restart (${recoveryMs} ms)`);

    const invariants = await checkDomainInvariants(db.manager, {
      realizationIds: team.map((m) => Number(m.realization)),
      feedbackAfterId: before.feedback,
    });
    for (const check of invariants) if (!check.ok) problems.push(`${check.name}: ${check.detail}`);
    const feedback = invariants.find((c) => c.name.includes('feedback'))!;

    const ok = samples.filter((s) => s.ok).length;
    process.stdout.write(
      `${signal}: ${samples.length} requests, ${ok} ok, ${failures.length} failed (${[...codes].join(', ') || 'none'}) while down ${stoppedAt}–${restartedAt} ms; ` +
        `first success ${recoveryMs} ms after the restart; feedback: ${feedback.detail}; ` +
        `${problems.length ? `PROBLEMS: ${problems.join('; ')}` : 'nothing half-written'}\n`,
    );
    await server.stop();
    await db.close();
    return problems.length === 0;
  } finally {
    await mariadb.destroy();
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const signal of (process.env.RELIABILITY_SIGNALS?.split(',') ?? ['SIGTERM', 'SIGKILL']) as Array<
    'SIGTERM' | 'SIGKILL'
  >)
    results.push(await variant(signal));
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
