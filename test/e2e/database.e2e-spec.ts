import { ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { isUniqueViolation } from '../../src/core/database/unique-violation';
import { Unit } from '../../src/modules/unit/unit.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database';

describe(`the database layer (${testDatabaseKind})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('keeps datetimes in UTC: what is written is what is read, whatever the server zone', async () => {
    const at = new Date(Date.UTC(2026, 0, 31, 23, 30, 0));
    const repo = t.db.manager.getRepository(ExternalOfficial);
    const official = repo.create({
      name: 'Markus Lokobal',
      positionTitle: 'Bupati Jayawijaya',
      active: true,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    await repo.insert(official);
    const read = await repo.findOneByOrFail({ rowId: official.rowId });
    expect(read.createdAt.toISOString()).toBe('2026-01-31T23:30:00.000Z');
  });

  it('pins every pooled MySQL connection to UTC (a server in another zone shifted NOW())', async () => {
    if (t.db.kind !== 'mysql') {
      // SQLite has no session time zone: it stores the UTC strings TypeORM writes (checked above).
      expect(t.db.kind).toBe('sqlite');
      return;
    }
    // Ten concurrent queries force the pool to open several connections.
    const zones = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.db.manager.query(
          'SELECT @@session.time_zone AS tz, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW()) AS skew, SLEEP(0.05) AS s',
        ),
      ),
    );
    for (const [row] of zones) {
      expect(row.tz).toBe('+00:00');
      expect(Number(row.skew)).toBe(0);
    }
  });

  it('recognises a unique-index violation (a concurrent insert of the same natural key)', async () => {
    const repo = t.db.manager.getRepository(Unit);
    const now = new Date();
    const unit = {
      code: 'DUP-1',
      name: 'Dup',
      kind: UnitKind.OTHER,
      parentId: null,
      headId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insert(repo.create(unit));
    const error = await repo.insert(repo.create(unit)).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('stores Indonesian and Papuan names with any character (utf8mb4)', async () => {
    const repo = t.db.manager.getRepository(ExternalOfficial);
    const now = new Date();
    const official = repo.create({
      name: 'Yosina Kogoya — Ḫubula ✓ 🌄',
      positionTitle: 'Kepala Kampung',
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insert(official);
    expect((await repo.findOneByOrFail({ rowId: official.rowId })).name).toBe('Yosina Kogoya — Ḫubula ✓ 🌄');
  });
});
