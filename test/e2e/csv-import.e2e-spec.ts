import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Actor } from '../../src/core/auth/actor';
import { Role } from '../../src/core/auth/role';
import { policyTable } from '../../src/app/policy-table';
import { importCsv } from '../../src/modules/import/csv-import';
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
    const progress: number[] = [];
    const result = await importCsv(t.db, write('employees.csv', lines), actor, policyTable, (p) =>
      progress.push(p.done),
    );
    expect(result).toMatchObject({ kind: 'employees', total: 600, created: 600, failed: 0, failures: [] });
    expect(progress).toEqual([500, 600, 600]);
    const supervised = await t.db.manager
      .getRepository(Employee)
      .countBy({ supervisorId: (await t.db.manager.getRepository(Employee).findOneByOrFail({ nip: head })).id });
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

  it('refuses a file whose header names neither units nor employees', async () => {
    await expect(importCsv(t.db, write('bad.csv', ['foo,bar', '1,2']), actor, policyTable)).rejects.toThrow(/header/);
  });
});
