import { type EntityTarget, type ObjectLiteral } from 'typeorm';
import { RawEntities } from '../../src/core/database/raw-entities';
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
    // Every primary column in the order: with a composite key (the closure tables) the first alone leaves ties
    // in whatever order the index chosen gives.
    const primaries = repo.metadata.primaryColumns;
    const expected = await repo.find({ order: Object.fromEntries(primaries.map((c) => [c.propertyName, 'ASC'])), take: 300 });
    const shape = RawEntities.of(em, target as EntityTarget<ObjectLiteral>, 'x');
    const actual = await shape.query(em, `SELECT ${shape.select()} FROM ${shape.from()} ORDER BY ${primaries.map((c) => `x.${c.databaseName}`).join(', ')} LIMIT 300`, []);
    expect(actual).toEqual(expected);
    for (const [i, e] of actual.entries()) expect(Object.getPrototypeOf(e)).toBe(Object.getPrototypeOf(expected[i]));
  });

  it('reads an unmatched LEFT JOIN as no entity', async () => {
    const em = app.db.manager;
    const shape = RawEntities.of(em, entities[0] as EntityTarget<ObjectLiteral>, 'x');
    expect(shape.entity({})).toBeNull();
  });
});
