import { setFlagsFromString } from 'node:v8';
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

  it.each(entities.map((e) => [(e as { name: string }).name, e] as const))(
    '%s: the same entities as the repository makes',
    async (_name, target) => {
      const em = app.db.manager;
      const repo = em.getRepository(target as EntityTarget<ObjectLiteral>);
      // Every primary column in the order: with a composite key (the closure tables) the first alone leaves ties
      // in whatever order the index chosen gives.
      const primaries = repo.metadata.primaryColumns;
      const expected = await repo.find({
        order: Object.fromEntries(primaries.map((c) => [c.propertyName, 'ASC'])),
        take: 300,
      });
      const shape = RawEntities.of(em, target as EntityTarget<ObjectLiteral>, 'x');
      const actual = await shape.query(
        em,
        `SELECT ${shape.select()} FROM ${shape.from()} ORDER BY ${primaries.map((c) => `x.${c.databaseName}`).join(', ')} LIMIT 300`,
        [],
      );
      expect(actual).toEqual(expected);
      for (const [i, e] of actual.entries()) expect(Object.getPrototypeOf(e)).toBe(Object.getPrototypeOf(expected[i]));
    },
  );

  it('makes entities with fast properties, however many columns (V8 keeps keyed-store objects of over 12 in dictionary mode)', async () => {
    setFlagsFromString('--allow-natives-syntax');
    // Compiled after the flag: V8's own check of an object's property storage.
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    const em = app.db.manager;
    const wide = entities.filter((e) => em.connection.getMetadata(e).columns.length > 12);
    expect(wide.length).toBeGreaterThan(0);
    for (const target of wide) {
      const shape = RawEntities.of(em, target as EntityTarget<ObjectLiteral>, 'x');
      const [entity] = await shape.query(em, `SELECT ${shape.select()} FROM ${shape.from()} LIMIT 1`, []);
      if (entity)
        expect([(target as { name: string }).name, hasFastProperties(entity)]).toEqual([
          (target as { name: string }).name,
          true,
        ]);
    }
  });

  it('reads an unmatched LEFT JOIN as no entity', async () => {
    const em = app.db.manager;
    const shape = RawEntities.of(em, entities[0] as EntityTarget<ObjectLiteral>, 'x');
    expect(shape.entity({})).toBeNull();
  });
});
