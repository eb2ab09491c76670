import { type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Entities straight from rows, for the hot read paths (the team dashboard's loaders): the statement is written
 * out once per shape instead of being built by the query builder per batch, and rows become entities through
 * the driver's own per-column conversion (dates, booleans, transformers) without the generic result transformer.
 * On the team dashboard the query builder and its transformer were the largest cost after graphql-js
 * (`docs/adr/0005-hand-written-hydrators.md`).
 */
export class RawEntities<T extends ObjectLiteral> {
  private readonly columns: ReadonlyArray<{ property: string; database: string; alias: string; meta: ColumnMetadata }>;
  private readonly primary: string | undefined;

  /** The result column of the primary key (`alias__id`). */
  get primaryAlias(): string {
    return this.primary!;
  }
  private readonly primaryColumn: string | undefined;
  /** `entity(row)` for a row with an id: written out per shape (see `compileHydrator`). */
  private readonly hydrate: (row: Record<string, unknown>) => T;

  private constructor(
    private readonly metadata: EntityMetadata,
    /** The table's alias in statements; also the prefix of its result columns. */
    readonly alias: string,
  ) {
    this.columns = metadata.columns
      // Virtual columns belong to a relation alone (no property of their own); an explicit @Column on a join column is kept.
      .filter((c) => !c.isVirtual)
      .map((c) => ({
        property: c.propertyName,
        database: c.databaseName,
        alias: `${alias}__${c.databaseName}`,
        meta: c,
      }));
    this.primary = this.columns.find((c) => c.meta.isPrimary)?.alias;
    this.primaryColumn = this.columns.find((c) => c.meta.isPrimary)?.database;
    this.hydrate = compileHydrator<T>(metadata, this.columns);
  }

  private static readonly shapes = new WeakMap<EntityMetadata, Map<string, RawEntities<ObjectLiteral>>>();

  /** The shape of an entity under an alias, made once per data source (metadata and driver are its own). */
  static of<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, alias: string): RawEntities<T> {
    const metadata = em.connection.getMetadata(target);
    let byAlias = RawEntities.shapes.get(metadata);
    if (!byAlias) RawEntities.shapes.set(metadata, (byAlias = new Map()));
    let shape = byAlias.get(alias);
    if (!shape) byAlias.set(alias, (shape = new RawEntities<ObjectLiteral>(metadata, alias)));
    return shape as unknown as RawEntities<T>;
  }

  private get driver() {
    return this.metadata.connection.driver;
  }

  private selectList: string | undefined;

  /** `alias.column AS alias__column, …` for a SELECT list: unambiguous when several entities share a row. */
  select(): string {
    const q = (name: string) => this.driver.escape(name);
    return (this.selectList ??= this.columns
      .map((c) => `${q(this.alias)}.${q(c.database)} AS ${q(c.alias)}`)
      .join(', '));
  }

  /** `FROM table alias` */
  from(): string {
    return `${this.driver.escape(this.metadata.tableName)} ${this.driver.escape(this.alias)}`;
  }

  /** `alias.id`: the primary key column, for a join or a WHERE. */
  idColumn(): string {
    return `${this.driver.escape(this.alias)}.${this.driver.escape(this.primaryColumn!)}`;
  }

  /** The entity in a row selected with `select()`, or null when its id is null (an unmatched LEFT JOIN). */
  entity(row: Record<string, unknown>): T | null {
    if (this.primary !== undefined && row[this.primary] == null) return null;
    return this.hydrate(row);
  }

  /** Entities by primary key (one statement). */
  byIds(em: EntityManager, ids: readonly unknown[]): Promise<T[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query(
      em,
      `SELECT ${this.select()} FROM ${this.from()} WHERE ${this.idColumn()} IN (${placeholders(ids)})`,
      [...ids],
    );
  }

  /** Runs a statement written with `select()` and `from()` and returns its entities, in row order. */
  async query(em: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
    const rows: Array<Record<string, unknown>> = await em.query(sql, parameters);
    const out: T[] = [];
    for (const row of rows) {
      const e = this.entity(row);
      if (e) out.push(e);
    }
    return out;
  }
}

/**
 * Column types whose value both drivers' `prepareHydratedValue` return as they came when the column has no
 * transformer (their special cases are booleans, dates, times, JSON, arrays, enums and `Number`).
 */
const AS_READ = new Set<unknown>(['varchar', 'char', 'text', 'integer', 'int']);

/**
 * A function that makes the entity of a row: the driver's `prepareHydratedValue` per column, skipped where it
 * would return the value as read. Written out with each property by name, so every entity of a shape gets its
 * properties in one order through named stores. The generic loop's keyed stores left every entity of more
 * than 12 columns in V8's dictionary mode, slow for each later read too (`docs/adr/0005-hand-written-hydrators.md`).
 * Names come from the entity metadata, quoted as JSON.
 */
function compileHydrator<T>(
  metadata: EntityMetadata,
  columns: ReadonlyArray<{ property: string; alias: string; meta: ColumnMetadata }>,
): (row: Record<string, unknown>) => T {
  const body = columns.map((c, n) => {
    const read = `row[${JSON.stringify(c.alias)}]`;
    const value =
      AS_READ.has(c.meta.type) && !c.meta.transformer
        ? read
        : `driver.prepareHydratedValue(${read}, columns[${n}].meta)`;
    return `e[${JSON.stringify(c.property)}] = ${value};`;
  });
  // Generated once per shape from metadata, as mysql2 does for its row parsers.
  const make = new Function(
    'metadata',
    'columns',
    `return function hydrate(row) { const driver = metadata.connection.driver; const e = metadata.create(); ${body.join(' ')} return e; };`,
  ) as (metadata: EntityMetadata, cols: typeof columns) => (row: Record<string, unknown>) => T;
  return make(metadata, columns);
}

/** Entities by primary key, in no particular order (a DataLoader batch orders them with `byKey`). */
export function rawByIds<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  ids: readonly unknown[],
): Promise<T[]> {
  const shape = RawEntities.of(em, target, 't');
  return shape.byIds(em, ids);
}

/** `?, ?, ?` for an IN list: the embedded driver does not expand arrays. Never empty (DataLoader batches are not). */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');
