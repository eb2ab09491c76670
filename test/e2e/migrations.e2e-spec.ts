import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database';

describe('migrations', () => {
  let t: TestDatabase | undefined;
  afterAll(() => t?.drop());

  it('build exactly the schema the entities describe (no drift)', async () => {
    t = await createTestDatabase();
    const pending = await t.db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('give every table a primary key (a row without one is not replicated safely on a Galera cluster)', async () => {
    const runner = t!.db.dataSource.createQueryRunner();
    try {
      // This database's own tables (not the engine's: sqlite_sequence, information_schema).
      const names = (
        (await runner.query(
          testDatabaseKind === 'sqlite'
            ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
            : `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`,
        )) as Array<{ name: string }>
      ).map((row) => row.name);
      const tables = await runner.getTables(names);
      expect(tables.length).toBeGreaterThan(20);
      expect(tables.filter((table) => table.primaryColumns.length === 0).map((table) => table.name)).toEqual([]);
    } finally {
      await runner.release();
    }
  });

  it('can be reverted and applied again', async () => {
    const ds = t!.db.dataSource;
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
    expect(await ds.showMigrations()).toBe(true);
    await ds.runMigrations();
    expect(await ds.showMigrations()).toBe(false);
  });
});
