import DataLoader from 'dataloader';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type LoaderFactory } from '../context/loader-registry';
import { type RequestContext } from '../context/request-context';
import { type ConnectionArgs, type Page } from './connection';
import { groupedPage, pageGroups, type Sort } from './pagination';

/** The parameters that make a nested connection's loader variant: the field's arguments. */
export interface GroupedParams {
  args: ConnectionArgs;
}

export interface GroupedConnectionSpec<T extends ObjectLiteral, P extends GroupedParams> {
  /**
   * The children of the given parents, on `ctx.em`, with the field's filters and the caller's scoping applied. Must restrict
   * `partitionColumn` to the parents (`… IN (:...parents)`).
   */
  query(ctx: RequestContext, parents: readonly number[], params: P): SelectQueryBuilder<T>;
  /** SQL expression naming the parent of each row, e.g. `employee.supervisor_id`. */
  partitionColumn: string;
  sort(params: P): Sort<T>;
  /** Shares the loaded children with the request's by-id loader, so other paths reuse them. */
  prime?(ctx: RequestContext, node: T): void;
}

/**
 * A loader of one connection page per parent, for a connection nested under every row of a list (a unit's
 * children, a supervisor's team): one statement for all parents' pages (as entities), and one for all their
 * `totalCount`s when asked on a page after a cursor (a first page counts in the same statement), whatever the
 * number of parents.
 */
export function groupedConnectionLoader<T extends ObjectLiteral, P extends GroupedParams>(
  spec: GroupedConnectionSpec<T, P>,
): LoaderFactory<number, Page<T>, P> {
  return (ctx, params) => {
    const counts = new DataLoader<number, number>(async (parents) => {
      const rows: Array<{ parent: number | string; total: number | string }> = await spec
        .query(ctx, parents, params)
        .select(spec.partitionColumn, 'parent')
        .addSelect('COUNT(*)', 'total')
        .groupBy(spec.partitionColumn)
        .orderBy()
        .getRawMany();
      const map = new Map(rows.map((r) => [Number(r.parent), Number(r.total)]));
      return parents.map((p) => map.get(p) ?? 0);
    });
    return new DataLoader<number, Page<T>>(async (parents) => {
      const sort = spec.sort(params);
      const groups = await pageGroups(
        ctx.em,
        spec.query(ctx, parents, params),
        spec.partitionColumn,
        sort,
        params.args,
        parents,
      );
      return parents.map((parent) => {
        const group = groups.get(parent)!;
        for (const node of group.nodes) spec.prime?.(ctx, node);
        return groupedPage(
          group.nodes,
          group.hasMore,
          sort,
          params.args,
          group.total !== undefined ? () => Promise.resolve(group.total!) : () => counts.load(parent),
        );
      });
    });
  };
}
