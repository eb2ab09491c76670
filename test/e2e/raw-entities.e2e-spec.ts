import { type EntityTarget, type ObjectLiteral } from 'typeorm';
import { placeholders, RawEntities } from '../../src/core/database/raw-entities';
import { entities } from '../../src/entities';
import { seedRegion } from '../../src/seed/seed-region';
import { TestApp } from '../support/test-app';

/**
 * The hot read paths build entities from rows themselves (`RawEntities`): for every entity of the schema, on
 * seeded data, they must equal what TypeORM's own repository makes of the same rows — values, types, classes.
 */
describe('entities from raw rows', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
    await seedRegion(app.db, 200, undefined, '2027-12-10');
  });

  afterAll(() => app?.stop());

  it.each(entities.map((e) => [(e as { name: string }).name, e] as const))('%s: the same entities as the repository makes', async (_name, target) => {
    const em = app.db.manager;
    const repo = em.getRepository(target as EntityTarget<ObjectLiteral>);
    const primary = repo.metadata.primaryColumns[0]!;
    const expected = await repo.find({ order: { [primary.propertyName]: 'ASC' }, take: 300 });
    const shape = RawEntities.of(em, target as EntityTarget<ObjectLiteral>, 'x');
    const ids = expected.map((e) => e[primary.propertyName] as unknown);
    const actual = ids.length
      ? await shape.query(em, `SELECT ${shape.select()} FROM ${shape.from()} WHERE x.${primary.databaseName} IN (${placeholders(ids)}) ORDER BY x.${primary.databaseName}`, ids)
      : [];
    expect(actual).toEqual(expected);
    for (const [i, e] of actual.entries()) expect(Object.getPrototypeOf(e)).toBe(Object.getPrototypeOf(expected[i]));
  });

  it('reads an unmatched LEFT JOIN as no entity', async () => {
    const em = app.db.manager;
    const shape = RawEntities.of(em, entities[0] as EntityTarget<ObjectLiteral>, 'x');
    expect(shape.entity({})).toBeNull();
  });
});
