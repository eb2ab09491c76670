import { request } from 'node:http';
import { Role } from '../../src/core/auth/role';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Employee } from '../../src/modules/employee/employee.entity';
import { Gender } from '../../src/modules/employee/employee-enums';
import { OutboxEvent } from '../../src/modules/outbox/outbox-event.entity';
import { Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';

/**
 * Imports over HTTP (`docs/api.md`, Imports over HTTP): `POST /imports/units.csv` and `/imports/employees.csv` with
 * the rules and per-row results of the import mutations, a dry run that writes nothing, their own body limit, and
 * 401/403/413/415 refusals.
 */

interface RowAnswer {
  line: number;
  key: string;
  status: string;
  errors: Array<{ code: string; field: string[] | null; message: string }>;
}
interface ImportAnswer {
  kind: string;
  dryRun: boolean;
  summary: { received: number; created: number; updated: number; unchanged: number; failed: number };
  rows: RowAnswer[];
}

const IMPORT_MAX_BYTES = 200 * 1024;

describe('imports over HTTP', () => {
  let app: TestApp;
  let integration: string;

  beforeAll(async () => {
    app = await TestApp.start({ importMaxBytes: IMPORT_MAX_BYTES });
    integration = await app.token('simpeg-portal', { roles: [Role.INTEGRATION] });
  });
  afterAll(() => app?.stop());

  const post = async (
    path: string,
    body: string,
    token: string | null,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${app.url.replace(/\/graphql$/, '')}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body,
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  const counts = async () => ({
    units: await app.db.manager.count(Unit),
    employees: await app.db.manager.count(Employee),
    audit: await app.db.manager.count(AuditEntry),
    outbox: await app.db.manager.count(OutboxEvent),
  });

  const unitsCsv = (p: string) =>
    [
      'code,name,kind,parentCode',
      `${p}-PKM,"UPTD Puskesmas ${p}, Walesi",HEALTH_CENTRE,${p}-DINKES`,
      `${p}-DINKES,Dinas Kesehatan ${p},AGENCY,`,
      `${p}-SD,SD Inpres ${p},SCHOOL,${p}-DISDIK`,
      `${p}-DISDIK,Dinas Pendidikan ${p},AGENCY,`,
    ].join('\n');

  /** Staff first, their head on the last line; one row with a bad NIP and one with an unknown unit. */
  const employeesCsv = (p: string, head: string, staff: string[]) =>
    [
      'nip,name,employmentType,grade,positionTitle,positionKind,unitCode,supervisorNip',
      ...staff.map((nip, i) => `${nip},Perawat ${p} ${i},PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,${p}-PKM,${head}`),
      `19861326201505100,Salah NIP,PNS,III/a,Perawat,FUNGSIONAL,${p}-PKM,`,
      `${app.fixtures.nip()},Unit Salah,PNS,III/a,Perawat,FUNGSIONAL,${p}-NOWHERE,`,
      `${head},Kepala Puskesmas ${p},PNS,III/d,Kepala UPTD Puskesmas,PENGAWAS,${p}-PKM,`,
    ].join('\n');

  it('imports units then employees with one result per row, and answers UNCHANGED when sent again', async () => {
    const units = await post('/imports/units.csv', unitsCsv('HA'), integration);
    expect(units.status).toBe(200);
    expect(units.json).toMatchObject({
      kind: 'units',
      dryRun: false,
      summary: { received: 4, created: 4, updated: 0, unchanged: 0, failed: 0 },
    });
    expect((units.json as unknown as ImportAnswer).rows.map((r) => [r.line, r.key, r.status])).toEqual([
      [2, 'HA-PKM', 'CREATED'],
      [3, 'HA-DINKES', 'CREATED'],
      [4, 'HA-SD', 'CREATED'],
      [5, 'HA-DISDIK', 'CREATED'],
    ]);

    const head = app.fixtures.nip(Gender.MALE);
    const staff = [app.fixtures.nip(), app.fixtures.nip()];
    const csv = employeesCsv('HA', head, staff);
    const first = (await post('/imports/employees.csv', csv, integration)).json as unknown as ImportAnswer;
    expect(first.summary).toEqual({ received: 5, created: 3, updated: 0, unchanged: 0, failed: 2 });
    expect(first.rows.map((r) => [r.line, r.status, r.errors.map((e) => `${e.code} ${e.field?.join('.')}`)])).toEqual([
      [2, 'CREATED', []],
      [3, 'CREATED', []],
      [4, 'FAILED', ['INVALID nip']],
      [5, 'FAILED', ['NOT_FOUND unitCode']],
      [6, 'CREATED', []],
    ]);
    expect(first.rows[3]!.errors[0]!.message).toMatch(/unit/i);
    const stored = await app.db.manager.getRepository(Employee).findOneByOrFail({ nip: staff[0]! });
    const headRow = await app.db.manager.getRepository(Employee).findOneByOrFail({ nip: head });
    expect(stored.supervisorId).toBe(headRow.rowId);

    const again = (await post('/imports/employees.csv', csv, integration)).json as unknown as ImportAnswer;
    expect(again.summary).toEqual({ received: 5, created: 0, updated: 0, unchanged: 3, failed: 2 });
  });

  it('with ?dryRun=true reports every row as the import would and writes nothing at all', async () => {
    const before = await counts();
    const units = (await post('/imports/units.csv?dryRun=true', unitsCsv('HB'), integration)).json;
    expect(units).toMatchObject({ dryRun: true, summary: { received: 4, created: 4, failed: 0 } });
    expect(await counts()).toEqual(before);

    // The units exist for real now; the dry run of employees relies on a head further down the file, as a real run.
    await post('/imports/units.csv', unitsCsv('HB'), integration);
    const afterUnits = await counts();
    const head = app.fixtures.nip(Gender.MALE);
    const staff = Array.from({ length: 3 }, () => app.fixtures.nip());
    const dry = (await post('/imports/employees.csv?dryRun=true', employeesCsv('HB', head, staff), integration))
      .json as unknown as ImportAnswer;
    expect(dry.dryRun).toBe(true);
    expect(dry.summary).toEqual({ received: 6, created: 4, updated: 0, unchanged: 0, failed: 2 });
    expect(dry.rows.map((r) => r.status)).toEqual(['CREATED', 'CREATED', 'CREATED', 'FAILED', 'FAILED', 'CREATED']);
    expect(await counts()).toEqual(afterUnits);
  });

  it('runs a dry run of several chunks in one rolled-back transaction: a parent on the last line serves them all', async () => {
    const before = await counts();
    const lines = ['code,name,kind,parentCode'];
    for (let i = 0; i < 520; i++) lines.push(`HH-${i},Unit ${i},OTHER,HH-ROOT`);
    lines.push('HH-ROOT,Induk,AGENCY,');
    const answer = (await post('/imports/units.csv?dryRun=true', lines.join('\n'), integration))
      .json as unknown as ImportAnswer;
    expect(answer.summary).toEqual({ received: 521, created: 521, updated: 0, unchanged: 0, failed: 0 });
    expect(answer.rows.map((r) => r.line)).toEqual(Array.from({ length: 521 }, (_, i) => i + 2));
    expect(await counts()).toEqual(before);
  });

  it('gives row errors in the language of Accept-Language', async () => {
    const csv = ['code,name,kind', 'HC-X,Unit Salah,NO_SUCH_KIND'].join('\n');
    const id = (await post('/imports/units.csv?dryRun=true', csv, integration, { 'accept-language': 'id' }))
      .json as unknown as ImportAnswer;
    const en = (await post('/imports/units.csv?dryRun=true', csv, integration, { 'accept-language': 'en' }))
      .json as unknown as ImportAnswer;
    expect(id.rows[0]!.errors[0]).toMatchObject({ code: 'INVALID', field: ['kind'] });
    expect(id.rows[0]!.errors[0]!.message).toMatch(/harus salah satu dari/);
    expect(en.rows[0]!.errors[0]!.message).toMatch(/must be one of/);
  });

  it('holds an HR admin to their unit subtree row by row', async () => {
    await post('/imports/units.csv', unitsCsv('HD'), integration);
    const dinkesHr = await app.token('hd-dinkes-hr', { roles: [Role.HR_ADMIN], unit: 'HD-DINKES' });
    const csv = [
      'nip,name,employmentType,grade,positionTitle,positionKind,unitCode',
      `${app.fixtures.nip()},Perawat HD,PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,HD-PKM`,
      `${app.fixtures.nip()},Guru HD,PNS,III/a,Guru Ahli Pertama,FUNGSIONAL,HD-SD`,
    ].join('\n');
    const answer = (await post('/imports/employees.csv', csv, dinkesHr)).json as unknown as ImportAnswer;
    expect(answer.rows.map((r) => [r.status, r.errors.map((e) => e.code)])).toEqual([
      ['CREATED', []],
      ['FAILED', ['OUT_OF_SCOPE']],
    ]);
  });

  it('accepts a file larger than the GraphQL body limit, up to IMPORT_MAX_BYTES', async () => {
    // One unknown column carries the weight: the file is well over BODY_LIMIT_BYTES and under IMPORT_MAX_BYTES.
    const note = 'x'.repeat(app.config.bodyLimitBytes + 10_000);
    const csv = ['code,name,kind,note', `HE-BIG,Unit Besar,AGENCY,${note}`].join('\n');
    const answer = await post('/imports/units.csv?dryRun=true', csv, integration);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ summary: { received: 1, created: 1 } });
  });

  it('answers 413 with a message in the request language above IMPORT_MAX_BYTES, and writes nothing', async () => {
    const before = await counts();
    const csv = ['code,name,kind', `HF-BIG,Unit,AGENCY`, 'x'.repeat(IMPORT_MAX_BYTES)].join('\n');
    const en = await post('/imports/units.csv', csv, integration, { 'accept-language': 'en' });
    expect(en.status).toBe(413);
    expect(en.json).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/too large.*IMPORT_MAX_BYTES/) },
    });
    const id = await post('/imports/units.csv', csv, integration, { 'accept-language': 'id' });
    expect(id.json).toMatchObject({ error: { message: expect.stringMatching(/terlalu besar/) } });
    expect(await counts()).toEqual(before);
  });

  it('answers 415 for a body that is not text/csv', async () => {
    const answer = await post('/imports/units.csv', JSON.stringify({ rows: [] }), integration, {
      'content-type': 'application/json',
    });
    expect(answer).toEqual({
      status: 415,
      json: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/text\/csv/) } },
    });
  });

  it('answers 400 for a file of the other kind or one that is not CSV', async () => {
    const employees = await post('/imports/units.csv', 'nip,name\n1,2', integration);
    expect(employees).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } });
    expect((employees.json.error as { message: string }).message).toMatch(/code, kind/);
    const broken = await post('/imports/units.csv', 'code,name,kind\n"HG-X,Unit,AGENCY', integration);
    expect(broken).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } });
  });

  it.each<[string, () => Promise<string | null>, number, string]>([
    ['no token (401)', async () => null, 401, 'UNAUTHENTICATED'],
    ['a bad token (401)', async () => 'not-a-jwt', 401, 'UNAUTHENTICATED'],
    [
      'an employee without roles (403)',
      async () => app.token((await app.fixtures.employee({ unit: await app.fixtures.unit() })).nip),
      403,
      'FORBIDDEN',
    ],
    ['an analyst client (403)', async () => app.token('bi-dashboard', { roles: [Role.ANALYST] }), 403, 'FORBIDDEN'],
  ])('refuses %s and writes nothing', async (_who, tokenOf, status, code) => {
    const token = await tokenOf();
    const before = await counts();
    for (const path of ['/imports/units.csv', '/imports/employees.csv']) {
      const answer = await post(path, unitsCsv('HZ'), token);
      expect(answer).toMatchObject({ status, json: { error: { code } } });
    }
    expect(await counts()).toEqual(before);
  });

  it('takes one file at a time: a second while one is being read is told to come back (429), in its language', async () => {
    const url = new URL(`${app.url.replace(/\/graphql$/, '')}/imports/units.csv`);
    const csv = unitsCsv('ONE');
    // The first request's body is held half-sent: its import is under way when the second arrives.
    const first = request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${integration}` },
    });
    const firstAnswer = new Promise<number>((resolve, reject) => {
      first.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      first.on('error', reject);
    });
    first.write(csv.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await post('/imports/units.csv', unitsCsv('TWO'), integration, { 'accept-language': 'id' });
    expect(second).toMatchObject({ status: 429, json: { error: { code: 'IMPORT_RUNNING' } } });
    expect((second.json.error as { message: string }).message).toMatch(/Impor lain sedang berjalan/);
    first.end(csv.slice(20));
    expect(await firstAnswer).toBe(200);
    // Once it has finished, the next one is taken.
    expect((await post('/imports/units.csv', unitsCsv('TWO'), integration)).status).toBe(200);
  });
});
