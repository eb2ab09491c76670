import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Actor } from '../../src/core/auth/actor';
import { Role } from '../../src/core/auth/role';
import { policyTable } from '../../src/app/policy-table';
import { type CsvImportProgress, importCsv } from '../../src/modules/import/csv-import';
import { Employee } from '../../src/modules/employee/employee.entity';
import { Gender } from '../../src/modules/employee/employee-enums';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { Fixtures } from '../support/fixtures';

describe('CSV import (npm run import)', () => {
  let t: TestDatabase;
  let fixtures: Fixtures;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-csv-'));
  const actor = Actor.client('csv-test', [Role.INTEGRATION]);
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    fixtures = new Fixtures(t.db);
  });
  afterAll(() => t?.drop());

  it('imports units, then 600 employees whose supervisor comes last in the file, in chunks of 500', async () => {
    const units = write('units.csv', [
      'code,name,kind,parentCode',
      'JWY-X-PKM,"UPTD Puskesmas Contoh, Walesi",HEALTH_CENTRE,JWY-X',
      'JWY-X,Dinas Contoh,AGENCY,',
    ]);
    const unitResult = await importCsv(t.db, units, actor, policyTable);
    expect(unitResult).toMatchObject({ kind: 'units', done: 2, created: 2, failed: 0 });

    const head = fixtures.nip(Gender.MALE);
    const staff = Array.from({ length: 599 }, () => fixtures.nip(Gender.FEMALE));
    const lines = ['nip,name,titleSuffix,employmentType,grade,positionTitle,positionKind,unitCode,supervisorNip,email'];
    for (const nip of staff)
      lines.push(
        `${nip},Perawat ${nip.slice(-4)},"S.Kep., Ns.",PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,JWY-X-PKM,${head},`,
      );
    lines.push(
      `${head},Kepala Puskesmas,,PNS,III/d,Kepala UPTD Puskesmas,PENGAWAS,JWY-X-PKM,,kepala@jayawijayakab.go.id`,
    );
    const progress: CsvImportProgress[] = [];
    const result = await importCsv(t.db, write('employees.csv', lines), actor, policyTable, (p) => progress.push(p));
    expect(result).toMatchObject({ kind: 'employees', total: 600, created: 600, failed: 0, waiting: 0, failures: [] });
    // The first chunk's 500 wait for their supervisor on the last line: neither imported nor failed until the end.
    expect(progress.map(({ done, created, failed, waiting }) => ({ done, created, failed, waiting }))).toEqual([
      { done: 500, created: 0, failed: 0, waiting: 500 },
      { done: 600, created: 100, failed: 0, waiting: 500 },
      { done: 600, created: 600, failed: 0, waiting: 0 },
    ]);
    const supervised = await t.db.manager
      .getRepository(Employee)
      .countBy({ supervisorId: (await t.db.manager.getRepository(Employee).findOneByOrFail({ nip: head })).rowId });
    expect(supervised).toBe(599);

    const again = await importCsv(t.db, write('employees.csv', lines), actor, policyTable);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 600, failed: 0 });
  });

  it('lists refused rows with their line numbers and imports the rest', async () => {
    const lines = [
      'nip,name,employmentType,grade,positionTitle,positionKind,unitCode',
      `${fixtures.nip()},Guru Satu,PNS,III/a,Guru Kelas Ahli Pertama,FUNGSIONAL,JWY-X-PKM`,
      '19861326201505100,Salah NIP,PNS,III/a,Guru,FUNGSIONAL,JWY-X-PKM',
      `${fixtures.nip()},Unit Salah,PNS,III/a,Guru,FUNGSIONAL,NO-SUCH-UNIT`,
    ];
    const result = await importCsv(t.db, write('mixed.csv', lines), actor, policyTable);
    expect(result).toMatchObject({ created: 1, failed: 2 });
    expect(result.failures[0]).toMatch(/^line 3 \(19861326201505100\): INVALID nip/);
    expect(result.failures[1]).toMatch(/^line 4 .*NOT_FOUND unitCode/);
  });

  it('reads SIASN’s person id from `siasnId` or SIASN’s own `pns_id`; a bad one fails its row; an empty cell clears it', async () => {
    const [a, b, c] = [fixtures.nip(), fixtures.nip(), fixtures.nip()];
    const header = 'nip,name,employmentType,grade,positionTitle,positionKind,unitCode';
    const siasnIdOf = async (nip: string) =>
      (await t.db.manager.getRepository(Employee).findOneByOrFail({ nip })).siasnId;
    const first = await importCsv(
      t.db,
      write('siasn.csv', [
        `${header},siasnId`,
        `${a},Satu,PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,JWY-X-PKM,8ae48b1c-74f2-4b5e-a7a1-0f61d2f2c0d1`,
        `${b},Dua,PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,JWY-X-PKM,bukan id!`,
      ]),
      actor,
      policyTable,
    );
    expect(first).toMatchObject({ created: 1, failed: 1 });
    expect(first.failures[0]).toMatch(/^line 3 .*INVALID siasnId/);
    expect(await siasnIdOf(a)).toBe('8ae48b1c-74f2-4b5e-a7a1-0f61d2f2c0d1');

    const second = await importCsv(
      t.db,
      write('pns-id.csv', [`${header},pns_id`, `${c},Tiga,PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,JWY-X-PKM,A1B2C3`]),
      actor,
      policyTable,
    );
    expect(second).toMatchObject({ created: 1, failed: 0 });
    expect(await siasnIdOf(c)).toBe('A1B2C3');

    // Without the column the stored id stays; with an empty cell it is cleared.
    const kept = await importCsv(
      t.db,
      write('kept.csv', [header, `${a},Satu,PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,JWY-X-PKM`]),
      actor,
      policyTable,
    );
    expect(kept).toMatchObject({ unchanged: 1 });
    expect(await siasnIdOf(a)).toBe('8ae48b1c-74f2-4b5e-a7a1-0f61d2f2c0d1');
    const cleared = await importCsv(
      t.db,
      write('cleared.csv', [`${header},siasnId`, `${a},Satu,PNS,III/a,Perawat Ahli Pertama,FUNGSIONAL,JWY-X-PKM,`]),
      actor,
      policyTable,
    );
    expect(cleared).toMatchObject({ updated: 1 });
    expect(await siasnIdOf(a)).toBeNull();
  });

  it('gives the same counts in its last progress report as in its result, and names the column of a duplicate', async () => {
    const first = fixtures.nip();
    const lines = [
      'nip,name,employmentType,grade,positionTitle,positionKind,unitCode,supervisorNip',
      `${first},Guru Satu,PNS,III/a,Guru Kelas Ahli Pertama,FUNGSIONAL,JWY-X-PKM,`,
      '19861326201505100,Salah NIP,PNS,III/a,Guru,FUNGSIONAL,JWY-X-PKM,',
      // Nobody in the database or the file has this NIP: refused at once, not kept waiting for the end.
      `${fixtures.nip()},Atasan Hilang,PNS,III/a,Guru,FUNGSIONAL,JWY-X-PKM,${fixtures.nip(Gender.MALE)}`,
      `${first},Guru Satu Lagi,PNS,III/a,Guru,FUNGSIONAL,JWY-X-PKM,`,
    ];
    const progress: CsvImportProgress[] = [];
    const result = await importCsv(t.db, write('issue.csv', lines), actor, policyTable, (p) => progress.push(p));
    const counts = ({ done, created, updated, unchanged, failed, waiting }: CsvImportProgress) => ({
      done,
      created,
      updated,
      unchanged,
      failed,
      waiting,
    });
    expect(counts(result)).toEqual({ done: 4, created: 1, updated: 0, unchanged: 0, failed: 3, waiting: 0 });
    expect(progress.map(counts)).toEqual([counts(result), counts(result)]);
    expect(result.failures).toEqual([
      expect.stringMatching(/^line 3 \(19861326201505100\): INVALID nip: /),
      expect.stringMatching(/^line 4 \(\d{18}\): NOT_FOUND supervisorNip: /),
      `line 5 (${first}): DUPLICATE nip: "${first}" appears more than once in this file (first on line 2).`,
    ]);
    expect((await t.db.manager.getRepository(Employee).findOneByOrFail({ nip: first })).name).toBe('Guru Satu');
  });

  it('refuses a key written again in a later chunk, and a unit code differing only in case', async () => {
    const units = write('units-dup.csv', [
      'code,name,kind,parentCode',
      'JWY-D,Dinas Dobel,AGENCY,',
      'jwy-d,Dinas Dobel Lagi,AGENCY,',
    ]);
    const unitResult = await importCsv(t.db, units, actor, policyTable);
    expect(unitResult).toMatchObject({
      created: 1,
      failed: 1,
      failures: ['line 3 (JWY-D): DUPLICATE code: "JWY-D" appears more than once in this file (first on line 2).'],
    });

    const nip = fixtures.nip();
    const lines = ['nip,name,employmentType,grade,positionTitle,positionKind,unitCode'];
    lines.push(`${nip},Pertama,PNS,III/a,Guru,FUNGSIONAL,JWY-X-PKM`);
    for (let i = 0; i < 500; i++) lines.push(`${fixtures.nip()},Pengisi ${i},PNS,III/a,Guru,FUNGSIONAL,JWY-X-PKM`);
    lines.push(`${nip},Kedua,PNS,III/a,Guru,FUNGSIONAL,JWY-X-PKM`);
    const result = await importCsv(t.db, write('late-dup.csv', lines), actor, policyTable);
    expect(result).toMatchObject({
      done: 502,
      created: 501,
      failed: 1,
      failures: [expect.stringMatching(/^line 503 \(\d{18}\): DUPLICATE nip: .*first on line 2/)],
    });
    expect((await t.db.manager.getRepository(Employee).findOneByOrFail({ nip })).name).toBe('Pertama');
  });

  it('refuses a file whose header names neither units nor employees', async () => {
    await expect(importCsv(t.db, write('bad.csv', ['foo,bar', '1,2']), actor, policyTable)).rejects.toThrow(/header/);
  });
});
