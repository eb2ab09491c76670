import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { Role } from '../src/core/auth/role';
import { loadConfig } from '../src/core/config/config';
import { Database } from '../src/core/database/database';
import { createLogger } from '../src/core/server/logger';
import { toGlobalId } from '../src/core/graphql/global-id';
import { createServer } from '../src/app/server';
import { seedRegion } from '../src/seed/seed-region';
import { PrivateMariaDb } from './private-mariadb';

/**
 * `npm run reliability:sqlmap` (`docs/reliability.md` item 8): sqlmap (Debian package) against the string variables of
 * GraphQL requests on loopback, over a private MariaDB with the demo region. Each target is one JSON body with the
 * injection point marked `*`; sqlmap runs bounded (level 2, risk 1, 3 minutes each). Passes when no parameter is
 * found injectable.
 */

const SECRET = 'reliability-secret-reliability-secret-0123';
const PORT = 3408;

interface Target {
  name: string;
  query: string;
  /** Variables, with one string value ending in `*` (sqlmap's injection marker). */
  variables: Record<string, unknown>;
}

function runSqlmap(requestFile: string, outputDir: string): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve) => {
    const args = [
      '-r',
      requestFile,
      '--batch',
      '--level=2',
      '--risk=1',
      '--dbms=MySQL',
      '--technique=BEUST',
      '--time-sec=2',
      '--threads=4',
      `--output-dir=${outputDir}`,
      '--flush-session',
      '--disable-coloring',
    ];
    // sqlmap reads its targets from stdin when stdin is not a terminal: `script` gives it one.
    const child = spawn('script', ['-qec', ['sqlmap', ...args].join(' '), '/dev/null'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

/** Whether the sqlmap command exists (the Debian package `sqlmap`). */
function sqlmapInstalled(): boolean {
  try {
    execFileSync('sqlmap', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

async function main(): Promise<void> {
  if (!sqlmapInstalled()) {
    process.stderr.write('sqlmap is not installed: `apt-get install sqlmap` (Debian package), then run this again.\n');
    process.exitCode = 2;
    return;
  }
  const mariadb = await PrivateMariaDb.create(PORT);
  const work = await mkdtemp(join(tmpdir(), 'kinerja-sqlmap-'));
  try {
    await mariadb.start();
    await mariadb.createDatabase();
    const db = await Database.connect(mariadb.url);
    await db.runMigrations();
    const seeded = await seedRegion(db, 200);
    const config = {
      ...loadConfig({ NODE_ENV: 'development', JWT_SECRET: SECRET }),
      databaseUrl: mariadb.url,
      rateLimitCostPerMinute: 0,
    };
    const server = await (await createServer({ config, db, log: createLogger('silent') })).listen(0, '127.0.0.1');
    const hr = await new SignJWT({ roles: [Role.HR_ADMIN] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(seeded.landmarks.hrAdmin)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(SECRET));
    const [{ id: unitId }] = await db.manager.query("SELECT id FROM unit WHERE code = 'JWY-PKM-WALESI'");
    const targets: Target[] = [
      {
        name: 'employeeByNip(nip)',
        query: 'query($nip: String!) { employeeByNip(nip: $nip) { name } }',
        variables: { nip: `${seeded.landmarks.nurseAtPuskesmasWalesi}*` },
      },
      {
        name: 'unitByCode(code)',
        query: 'query($code: String!) { unitByCode(code: $code) { name } }',
        variables: { code: 'JWY-PKM-WALESI*' },
      },
      {
        name: 'employees(filter.search)',
        query: 'query($s: String) { employees(filter: { search: $s }) { totalCount nodes { name } } }',
        variables: { s: 'Wenda*' },
      },
      {
        name: 'competencies(field)',
        query: 'query($f: String) { competencies(field: $f) { totalCount } }',
        variables: { f: 'Kesehatan*' },
      },
      {
        name: 'unit positionRequirements(positionTitle)',
        query:
          'query($id: ID!, $t: String) { unit(id: $id) { positionRequirements(positionTitle: $t) { requiredLevel } } }',
        variables: { id: toGlobalId('Unit', Number(unitId)), t: 'Perawat Terampil*' },
      },
    ];
    const { host, pathname } = new URL(server.url);
    let injectable = 0;
    let untested = 0;
    for (const target of targets) {
      const body = JSON.stringify({ query: target.query, variables: target.variables });
      const request = [
        `POST ${pathname} HTTP/1.1`,
        `Host: ${host}`,
        'Content-Type: application/json',
        `Authorization: Bearer ${hr}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n');
      const file = join(work, `${target.name.replace(/\W+/g, '_')}.txt`);
      await writeFile(file, request);
      const started = Date.now();
      const { output } = await runSqlmap(file, join(work, 'out'));
      const found = /is vulnerable|appears to be injectable|sqlmap identified the following injection point/i.test(
        output,
      );
      const clean = /do not appear to be injectable|not injectable/i.test(output);
      if (found) injectable += 1;
      const tests = (output.match(/\] testing '/g) ?? []).length;
      if (!found && tests === 0) {
        process.stdout.write(`${target.name}: sqlmap ran no test\n${output.split('\n').slice(-30).join('\n')}\n`);
        untested += 1;
        continue;
      }
      process.stdout.write(
        `${target.name}: ${found ? 'INJECTABLE' : clean ? 'not injectable' : 'inconclusive (see below)'} after ${tests} tests (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
      );
      if (found || !clean) process.stdout.write(`${output.split('\n').slice(-25).join('\n')}\n`);
    }
    await server.stop();
    await db.close();
    if (injectable > 0) process.stdout.write(`sqlmap: ${injectable} INJECTABLE targets\n`);
    if (untested > 0)
      process.stdout.write(`sqlmap: ran no test on ${untested} of ${targets.length} targets: not a pass\n`);
    if (injectable === 0 && untested === 0)
      process.stdout.write(`sqlmap: no injectable parameter in ${targets.length} targets\n`);
    process.exitCode = injectable === 0 && untested === 0 ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
    await mariadb.destroy();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
