import DataLoader from 'dataloader';
import { aggregateFloor } from '../../core/config/config';
import { type LoaderFactory } from '../../core/context/loader-registry';
import { type RequestContext } from '../../core/context/request-context';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { PeriodStatus } from '../period/period-enums';
import { ReportingCellRow } from './reporting-cell.entity';
import {
  buildReportingCells,
  type ClassCount,
  type Placement,
  type ReportingCell,
  type ReportingCells,
  reportingCellsOf,
  type UnitLink,
} from './reporting-cells';

/** A year as analysts see it: its reporting cells, and whether its figures are final. */
export interface YearCells {
  periodId: number;
  year: number;
  /** A closed year changes no more: only then are performance figures released to analysts. */
  closed: boolean;
  cells: ReportingCells;
  /** The unit tree, to tell which cells lie in a unit's subtree. */
  units: readonly UnitLink[];
}

type Id = number | string;

/**
 * The reporting cells of each year asked for, by year (null for a year without a period), in a fixed number of
 * statements whatever the number of years. A closed year's cells are published the first time they are read
 * (stored in `analytics_reporting_cell`) and read from there ever after, so that a later change of the unit tree
 * cannot make two answers about the same closed year differ; a year not closed has none.
 */
export const reportingCellsByYear: LoaderFactory<number, YearCells | null> = (ctx) =>
  new DataLoader(async (years) => {
    const periods: Array<{ id: Id; year: Id; status: string }> = await ctx.em.query(
      `SELECT id, year, status FROM performance_period WHERE year IN (${years.map(() => '?').join(', ')})`,
      [...years],
    );
    if (periods.length === 0) return years.map(() => null);
    const units: Array<{ id: Id; parentId: Id | null }> = await ctx.em.query(
      `SELECT id, parent_id AS ${escape(ctx, 'parentId')} FROM unit`,
    );
    const links = units.map((u) => ({ id: Number(u.id), parentId: u.parentId === null ? null : Number(u.parentId) }));
    const closed = periods.filter((p) => p.status === PeriodStatus.CLOSED).map((p) => Number(p.id));
    const published = await publishedCells(ctx, closed);
    const toCompute = closed.filter((id) => !published.has(id));
    const computed = new Map<number, ReportingCells>();
    if (toCompute.length > 0) {
      const floor = aggregateFloor(ctx.settings);
      const counts = await classCounts(ctx, toCompute);
      for (const periodId of toCompute)
        computed.set(periodId, buildReportingCells(links, counts.get(periodId) ?? [], floor));
    }
    for (const periodId of closed) {
      if (published.has(periodId)) continue;
      published.set(periodId, await publish(ctx, periodId, computed.get(periodId)!));
    }
    const byYear = new Map<number, YearCells>();
    for (const p of periods) {
      const periodId = Number(p.id);
      // Nothing is released of a year before it is closed: its cells are not even made.
      const cells = published.get(periodId) ?? computed.get(periodId) ?? reportingCellsOf([]);
      byYear.set(Number(p.year), {
        periodId,
        year: Number(p.year),
        closed: p.status === PeriodStatus.CLOSED,
        cells,
        units: links,
      });
    }
    return years.map((y) => byYear.get(y) ?? null);
  });

const escape = (ctx: RequestContext, name: string): string => ctx.em.connection.driver.escape(name);

/** The plans of each period counted by class (unit, position kind, grade); plans closed by a transfer left out. */
async function classCounts(ctx: RequestContext, periodIds: number[]): Promise<Map<number, ClassCount[]>> {
  const rows: Array<{ periodId: Id; unitId: Id; positionKind: string; grade: string; plans: Id }> = await ctx.em.query(
    `SELECT period_id AS ${escape(ctx, 'periodId')}, unit_id AS ${escape(ctx, 'unitId')}, position_kind AS ${escape(ctx, 'positionKind')}, grade, COUNT(*) AS plans
       FROM appraisal
      WHERE period_id IN (${periodIds.map(() => '?').join(', ')}) AND status <> 'CLOSED'
      GROUP BY period_id, unit_id, position_kind, grade`,
    periodIds,
  );
  const out = new Map<number, ClassCount[]>();
  for (const r of rows) {
    const list = out.get(Number(r.periodId)) ?? [];
    list.push({ unitId: Number(r.unitId), positionKind: r.positionKind, grade: r.grade, plans: Number(r.plans) });
    out.set(Number(r.periodId), list);
  }
  return out;
}

/** The published cells of these closed periods (those not published yet are absent). */
async function publishedCells(ctx: RequestContext, periodIds: number[]): Promise<Map<number, ReportingCells>> {
  const out = new Map<number, ReportingCells>();
  if (periodIds.length === 0) return out;
  const rows = await ctx.em
    .getRepository(ReportingCellRow)
    .createQueryBuilder('c')
    .where('c.periodId IN (:...periodIds)', { periodIds })
    .getMany();
  const perPeriod = new Map<number, Placement[]>();
  const cells = new Map<string, ReportingCell>();
  for (const r of rows) {
    const key = `${r.periodId}:${r.cell}`;
    const cell = cells.get(key) ?? {
      id: r.cell,
      anchorUnitId: r.anchorUnitId,
      positionKind: r.kindLabel,
      golongan: r.golongan,
      plans: r.plans,
    };
    cells.set(key, cell);
    const list = perPeriod.get(r.periodId) ?? [];
    list.push({ unitId: r.unitId, positionKind: r.positionKind, grade: r.grade, cell });
    perPeriod.set(r.periodId, list);
  }
  for (const [periodId, placements] of perPeriod) out.set(periodId, reportingCellsOf(placements));
  return out;
}

/**
 * Stores a closed year's cells. Two first readers at once compute the same cells from the same closed plans; the
 * second insert then fails on the primary key and the stored cells are read back. A closed year with no plan
 * released stores nothing, and is computed again (to the same nothing) on each read.
 */
async function publish(ctx: RequestContext, periodId: number, cells: ReportingCells): Promise<ReportingCells> {
  if (cells.placements.length === 0) return cells;
  // In key order: two first readers insert in the same order, so they cannot deadlock on each other's rows.
  const ordered = [...cells.placements].sort(
    (a, b) => a.unitId - b.unitId || a.positionKind.localeCompare(b.positionKind) || a.grade.localeCompare(b.grade),
  );
  const rows = ordered.map((p) => ({
    periodId,
    unitId: p.unitId,
    positionKind: p.positionKind,
    grade: p.grade,
    cell: p.cell.id,
    anchorUnitId: p.cell.anchorUnitId,
    kindLabel: p.cell.positionKind,
    golongan: p.cell.golongan,
    plans: p.cell.plans,
  }));
  try {
    await ctx.em.transaction(async (em) => {
      for (let i = 0; i < rows.length; i += 500)
        await em.getRepository(ReportingCellRow).insert(rows.slice(i, i + 500));
    });
    return cells;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await publishedCells(ctx, [periodId])).get(periodId) ?? cells;
  }
}
