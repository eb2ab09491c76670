import { type RequestContext } from '../../core/context/request-context';
import { toGlobalId } from '../../core/graphql/global-id';
import { Unit } from '../unit/unit.entity';
import { type AnalyticsScope, Breakdown } from './analytics-scope';
import { type ReportingCell } from './reporting-cells';
import { reportingCellsByYear, type YearCells } from './reporting-cells.loader';
import { unitService } from '../unit/unit.service';

/**
 * How an aggregates-only caller (an analyst) sees a year: per-class rows of an aggregate statement are folded into
 * the year's reporting cells (reporting-cells.ts), cells whose contributors to the measure are under the floor are
 * left out whole, and what remains is summed per group of the breakdown. Every number is then a sum over whole
 * cells of one fixed partition (docs/adr/0001-analyst-disclosure-control.md).
 */

/** The SQL of a plan's class (unit, position kind, grade) as one string: the group key of analysts' statements. */
export function classKeySql(ctx: RequestContext): string {
  return ctx.em.connection.driver.options.type === 'better-sqlite3'
    ? "(plan.unit_id || '|' || plan.position_kind || '|' || plan.grade)"
    : "CONCAT(plan.unit_id, '|', plan.position_kind, '|', plan.grade)";
}

/**
 * Analysts' statements read the whole period, by class: a cell is then always whole, even when a unit has moved
 * since the year's cells were published, and the cells in scope are picked by their anchor afterwards.
 */
export const analystSqlScope = (scope: AnalyticsScope): AnalyticsScope => ({ ...scope, wholePeriod: true });

export interface AnalystGroup<A> {
  key: string;
  label: string;
  /** The unit's code in the unit breakdown, else null. */
  unitCode: string | null;
  /** Contributors summed over the group's released cells. */
  employees: number;
  value: A;
}

export interface Measure<A> {
  empty(): A;
  add(into: A, from: A): void;
  /** The people whose data make up the value: a cell with fewer than the floor is left out. */
  contributors(value: A): number;
}

export class AnalystView {
  private constructor(
    readonly year: YearCells,
    private readonly inScope: (cell: ReportingCell) => boolean,
  ) {}

  /** The closed years among these as analysts see them, by year: every year in one batch of statements. */
  static async ofYears(ctx: RequestContext, scope: AnalyticsScope, years: number[]): Promise<Map<number, AnalystView>> {
    const loaded = await ctx.loaders.get(reportingCellsByYear).loadMany(years);
    const out = new Map<number, AnalystView>();
    for (const cells of loaded) {
      if (cells instanceof Error) throw cells;
      if (cells?.closed) out.set(cells.year, AnalystView.over(cells, scope));
    }
    return out;
  }

  /** The scope's year as analysts see it, or null: no such year, or not closed (nothing is released before). */
  static async of(ctx: RequestContext, scope: AnalyticsScope, year: number): Promise<AnalystView | null> {
    return (await AnalystView.ofYears(ctx, scope, [year])).get(year) ?? null;
  }

  private static over(cells: YearCells, scope: AnalyticsScope): AnalystView {
    if (!scope.includeSubunits) return new AnalystView(cells, (cell) => cell.anchorUnitId === scope.unitId);
    const below = new Set([scope.unitId]);
    const children = new Map<number, number[]>();
    for (const u of cells.units) {
      if (u.parentId === null) continue;
      const list = children.get(u.parentId);
      if (list) list.push(u.id);
      else children.set(u.parentId, [u.id]);
    }
    const stack = [scope.unitId];
    while (stack.length > 0) {
      for (const child of children.get(stack.pop()!) ?? []) {
        if (!below.has(child)) {
          below.add(child);
          stack.push(child);
        }
      }
    }
    return new AnalystView(cells, (cell) => below.has(cell.anchorUnitId));
  }

  /** The cell of a class key (`unit|kind|grade`) if it lies in the scope and is released. */
  cellOfClass(classKey: string): ReportingCell | undefined {
    const [unitId, positionKind, ...grade] = classKey.split('|');
    const cell = this.year.cells.cellOf(Number(unitId), positionKind ?? '', grade.join('|'));
    return cell && this.inScope(cell) ? cell : undefined;
  }

  /** The cells in scope: groups with their plan counts, for figures counted in plans (completion). */
  cellsInScope(): ReportingCell[] {
    return this.year.cells.cells.filter((c) => this.inScope(c));
  }

  /** Folds per-class values into cells, leaves out cells under the floor, and sums the rest per group. */
  async groups<A>(
    ctx: RequestContext,
    breakdown: Breakdown,
    perClass: ReadonlyMap<string, A>,
    measure: Measure<A>,
    floor: number,
  ): Promise<Array<AnalystGroup<A>>> {
    const perGroup = new Map<string, { employees: number; value: A }>();
    for (const [cell, value] of this.released(perClass, measure, floor)) {
      const key = groupOf(cell, breakdown);
      const g = perGroup.get(key) ?? { employees: 0, value: measure.empty() };
      g.employees += measure.contributors(value);
      measure.add(g.value, value);
      perGroup.set(key, g);
    }
    const keys = [...perGroup.keys()].sort();
    const named = await namedGroups(ctx, breakdown, keys);
    return keys.map((key) => ({
      ...named.get(key)!,
      employees: perGroup.get(key)!.employees,
      value: perGroup.get(key)!.value,
    }));
  }

  /** The sum over every released cell in scope. */
  total<A>(perClass: ReadonlyMap<string, A>, measure: Measure<A>, floor: number): A {
    const sum = measure.empty();
    for (const [, value] of this.released(perClass, measure, floor)) measure.add(sum, value);
    return sum;
  }

  /** Per-class values folded into the cells in scope, without the cells whose contributors are under the floor. */
  private released<A>(perClass: ReadonlyMap<string, A>, measure: Measure<A>, floor: number): Array<[ReportingCell, A]> {
    const perCell = new Map<ReportingCell, A>();
    for (const [classKey, value] of perClass) {
      const cell = this.cellOfClass(classKey);
      if (!cell) continue;
      const acc = perCell.get(cell) ?? measure.empty();
      measure.add(acc, value);
      perCell.set(cell, acc);
    }
    return [...perCell].filter(([, value]) => measure.contributors(value) >= floor);
  }
}

function groupOf(cell: ReportingCell, breakdown: Breakdown): string {
  switch (breakdown) {
    case Breakdown.UNIT:
      return String(cell.anchorUnitId);
    case Breakdown.POSITION_KIND:
      return cell.positionKind;
    case Breakdown.GRADE:
      return cell.golongan;
  }
}

/**
 * Group keys and labels: a unit's global id, name and code for the unit breakdown (exports key it by the code,
 * which analysts can read), the key itself otherwise.
 */
export async function namedGroups(
  ctx: RequestContext,
  breakdown: Breakdown,
  keys: string[],
): Promise<Map<string, NamedGroup>> {
  const out = new Map<string, NamedGroup>();
  if (breakdown !== Breakdown.UNIT) {
    for (const k of keys) out.set(k, { key: k, label: k, unitCode: null });
    return out;
  }
  const units = await Promise.all(keys.map((k) => unitService.get(ctx, Number(k))));
  keys.forEach((k, i) =>
    out.set(k, {
      key: toGlobalId(Unit.typeName, Number(k)),
      label: units[i]?.name ?? k,
      unitCode: units[i]?.code ?? null,
    }),
  );
  return out;
}

export interface NamedGroup {
  key: string;
  label: string;
  unitCode: string | null;
}

/** Counts that add up: the measure of per-status or per-predikat counts. */
export function countsMeasure(
  contributors: (value: Record<string, number>) => number,
): Measure<Record<string, number>> {
  return {
    empty: () => ({}),
    add: (into, from) => {
      for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
    },
    contributors,
  };
}
