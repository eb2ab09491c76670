import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let t: TestDatabase | undefined;
  afterAll(() => t?.drop());

  it('build exactly the schema the entities describe (no drift)', async () => {
    t = await createTestDatabase();
    const pending = await t.db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can be reverted and applied again', async () => {
    const ds = t!.db.dataSource;
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
    expect(await ds.showMigrations()).toBe(true);
    await ds.runMigrations();
    expect(await ds.showMigrations()).toBe(false);
  });
});
