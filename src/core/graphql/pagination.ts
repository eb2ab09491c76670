import { type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { badUserInput } from '../errors/app-error';
import { RawEntities } from '../database/raw-entities';
import { openCursor, sealCursor } from './cursor-seal';
import { type ConnectionArgs, DEFAULT_PAGE_SIZE, type Edge, MAX_PAGE_SIZE, type Page } from './connection';

export type SortDirection = 'ASC' | 'DESC';

/** Keyset ordering: a sort column, then the id as tie-breaker, so cursors stay stable as rows are added. */
export interface Sort<T> {
  /** SQL expression of the sort column, e.g. `employee.name`. */
  column: string;
  /** SQL expression of the id column, e.g. `employee.id`. */
  idColumn: string;
  direction: SortDirection;
  valueOf(row: T): string | number;
  idOf(row: T): number;
}

type CursorValue = [string | number, number];

interface Window {
  limit: number;
  /** `last` was asked: read from the end and reverse. */
  fromEnd: boolean;
  after?: CursorValue;
  before?: CursorValue;
}

/** A sealed, opaque cursor (`cursor-seal.ts`): the sort value (a name) is not readable in it. */
export function encodeCursor(value: string | number, id: number): string {
  return sealCursor(JSON.stringify([value, id]));
}

function decodeCursor(cursor: string, argument: string): CursorValue {
  try {
    const plain = openCursor(cursor);
    const parsed: unknown = plain === undefined ? undefined : JSON.parse(plain);
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      Number.isSafeInteger(parsed[1])
    ) {
      return parsed as CursorValue;
    }
  } catch {
    // Falls through to the error below: a cursor is opaque, anything we did not mint is refused.
  }
  throw badUserInput(`\`${argument}\` is not a cursor from this list.`, { argument });
}

/** Validates `first`/`last` and decodes cursors (`docs/api.md`: default 20, at most 100). */
export function pageWindow(args: ConnectionArgs): Window {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badUserInput('Pass either `first` or `last`, not both.');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}.`, { argument: name });
    }
  }
  return {
    limit: last ?? first ?? DEFAULT_PAGE_SIZE,
    fromEnd: last != null,
    after: after ? decodeCursor(after, 'after') : undefined,
    before: before ? decodeCursor(before, 'before') : undefined,
  };
}

let parameterSeq = 0;

/** Adds the cursor bounds and the ordering for a window to a query. */
function applyWindow<T>(qb: SelectQueryBuilder<ObjectLiteral>, sort: Sort<T>, window: Window): SortDirection {
  const bound = (cursor: CursorValue, forward: boolean) => {
    const ascending = sort.direction === 'ASC';
    const op = ascending === forward ? '>' : '<';
    const v = `_cv${++parameterSeq}`;
    const i = `_ci${parameterSeq}`;
    qb.andWhere(`(${sort.column} ${op} :${v} OR (${sort.column} = :${v} AND ${sort.idColumn} ${op} :${i}))`, {
      [v]: cursor[0],
      [i]: cursor[1],
    });
  };
  if (window.after) bound(window.after, true);
  if (window.before) bound(window.before, false);
  const flip = (d: SortDirection): SortDirection => (d === 'ASC' ? 'DESC' : 'ASC');
  return window.fromEnd ? flip(sort.direction) : sort.direction;
}

/** An edge whose cursor is sealed when first read: most lists are read through `nodes`, without cursors. */
class LazyEdge<T> implements Edge<T> {
  private sealed: string | undefined;

  constructor(
    readonly node: T,
    private readonly value: string | number,
    private readonly id: number,
  ) {}

  get cursor(): string {
    return (this.sealed ??= encodeCursor(this.value, this.id));
  }
}

function pageOf<T>(
  nodes: T[],
  sort: Pick<Sort<T>, 'valueOf' | 'idOf'>,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  totalCount: () => Promise<number>,
): Page<T> {
  const edges = nodes.map((node) => new LazyEdge(node, sort.valueOf(node), sort.idOf(node)));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    totalCount,
  };
}

function toPage<T>(rows: T[], sort: Sort<T>, window: Window, totalCount: () => Promise<number>): Page<T> {
  const hasMore = rows.length > window.limit;
  const slice = rows.slice(0, window.limit);
  if (window.fromEnd) slice.reverse();
  return pageOf(
    slice,
    sort,
    window.fromEnd ? window.before !== undefined : hasMore,
    window.fromEnd ? hasMore : window.after !== undefined,
    totalCount,
  );
}

/**
 * One page of a root list by keyset pagination: one statement for the page, one more for `totalCount` only when
 * it is asked for. `qb` must already carry the filters and the policy's scoping.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  sort: Sort<T>,
  args: ConnectionArgs,
): Promise<Page<T>> {
  const window = pageWindow(args);
  const countQuery = qb.clone();
  let counted: Promise<number> | undefined;
  const totalCount = () => (counted ??= countQuery.getCount());
  const pageQuery = qb.clone();
  const direction = applyWindow(pageQuery as SelectQueryBuilder<ObjectLiteral>, sort, window);
  pageQuery
    .orderBy(sort.column, direction)
    .addOrderBy(sort.idColumn, direction)
    .take(undefined)
    .limit(window.limit + 1);
  const rows = await pageQuery.getMany();
  return toPage(rows, sort, window, totalCount);
}

export interface GroupedPageRows<T> {
  nodes: T[];
  hasMore: boolean;
  /** The parent's whole count, read in the same statement when the page has no cursor (the first page). */
  total?: number;
}

/**
 * Pages of many parents' lists in one statement (a nested connection under each row of a list): the children
 * are numbered per parent with ROW_NUMBER() in a subquery, cut at the page size, and joined back to their rows,
 * so the page comes back as entities. `qb` must select the child entity with its filters, scoping and
 * `partitionColumn IN (:...parents)` applied. A child under two parents appears in both pages.
 */
export async function pageGroups<T extends ObjectLiteral>(
  /** The manager `qb` was made on (a transaction's, when in one). */
  em: EntityManager,
  qb: SelectQueryBuilder<T>,
  partitionColumn: string,
  sort: Pick<Sort<unknown>, 'column' | 'idColumn' | 'direction'>,
  args: ConnectionArgs,
  parents: readonly number[],
): Promise<Map<number, GroupedPageRows<T>>> {
  const window = pageWindow(args);
  // Without a cursor every child is in the numbered set, so a window count is the total: no second statement.
  const counted = window.after === undefined && window.before === undefined;
  const result = new Map<number, GroupedPageRows<T>>(
    parents.map((p) => [p, { nodes: [], hasMore: false, ...(counted ? { total: 0 } : {}) }]),
  );
  if (parents.length === 0) return result;
  const inner = qb.clone() as SelectQueryBuilder<ObjectLiteral>;
  const direction = applyWindow(inner, { ...sort, valueOf: () => 0, idOf: () => 0 }, window);
  inner
    .select(partitionColumn, '_pk')
    .addSelect(sort.idColumn, '_id')
    .addSelect(
      `ROW_NUMBER() OVER (PARTITION BY ${partitionColumn} ORDER BY ${sort.column} ${direction}, ${sort.idColumn} ${direction})`,
      '_rn',
    )
    .addSelect(`COUNT(*) OVER (PARTITION BY ${partitionColumn})`, '_total')
    .orderBy();
  const target = qb.expressionMap.mainAlias!.target;
  // Entities straight from the rows (`RawEntities`): TypeORM's result transformer was most of this page's cost.
  // The outer statement is written out: building it with the query builder (which rescans the whole text for
  // property names) cost about as much as the page's entities.
  const shape = RawEntities.of<T>(em, target, 'node');
  const q = (name: string) => em.connection.driver.escape(name);
  const [innerSql, innerParameters] = inner.getQueryAndParameters();
  const raw: Array<Record<string, unknown>> = await em.query(
    `SELECT ${shape.select()}, ${q('g')}.${q('_pk')} AS ${q('_pk')}, ${q('g')}.${q('_rn')} AS ${q('_rn')}, ${q('g')}.${q('_total')} AS ${q('_total')}` +
      ` FROM ${shape.from()} INNER JOIN (${innerSql}) ${q('g')} ON ${q('g')}.${q('_id')} = ${shape.idColumn()}` +
      ` WHERE ${q('g')}.${q('_rn')} <= ? ORDER BY ${q('g')}.${q('_pk')} ASC, ${q('g')}.${q('_rn')} ASC`,
    [...innerParameters, window.limit + 1],
  );
  // One row per (parent, child): a child under two parents is one entity.
  const byId = new Map<number, T>();
  for (const row of raw) {
    const group = result.get(Number(row._pk));
    const id = Number(row[shape.primaryAlias]);
    let node = byId.get(id);
    if (node === undefined) {
      node = shape.entity(row) ?? undefined;
      if (node) byId.set(id, node);
    }
    if (!group || !node) continue;
    if (counted) group.total = Number(row._total);
    if (group.nodes.length >= window.limit) group.hasMore = true;
    else group.nodes.push(node);
  }
  if (window.fromEnd) for (const group of result.values()) group.nodes.reverse();
  return result;
}

/** Turns a parent's grouped rows (already loaded as objects) into a connection page. */
export function groupedPage<T>(
  nodes: T[],
  hasMore: boolean,
  sort: Pick<Sort<T>, 'valueOf' | 'idOf'>,
  args: ConnectionArgs,
  totalCount: () => Promise<number>,
): Page<T> {
  const window = pageWindow(args);
  return pageOf(
    nodes,
    sort,
    window.fromEnd ? window.before !== undefined : hasMore,
    window.fromEnd ? hasMore : window.after !== undefined,
    totalCount,
  );
}
