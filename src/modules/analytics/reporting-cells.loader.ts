import DataLoader from 'dataloader';
import { aggregateFloor } from '../../core/config/config';
import { type LoaderFactory } from '../../core/context/loader-registry';
import { type RequestContext } from '../../core/context/request-context';
import { PeriodStatus } from '../period/period-enums';
import { buildReportingCells, type ReportingCells, type UnitLink } from './reporting-cells';

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

/**
 * The reporting cells of each year asked for, by year (null for a year without a period): three statements per
 * request whatever the number of years (the periods, the unit tree, the plans counted by class).
 */
export const reportingCellsByYear: LoaderFactory<number, YearCells | null> = (ctx) =>
  new DataLoader(async (years) => {
    const marks = years.map(() => '?').join(', ');
    const periods: Array<{ id: number | string; year: number | string; status: string }> = await ctx.em.query(
      `SELECT id, year, status FROM performance_period WHERE year IN (${marks})`,
      [...years],
    );
    if (periods.length === 0) return years.map(() => null);
    const units: Array<{ id: number | string; parentId: number | string | null }> = await ctx.em.query(
      `SELECT id, parent_id AS ${escape(ctx, 'parentId')} FROM unit`,
    );
    const links = units.map((u) => ({ id: Number(u.id), parentId: u.parentId === null ? null : Number(u.parentId) }));
    const counts: Array<{ periodId: number | string; unitId: number | string; positionKind: string; grade: string; plans: number | string }> = await ctx.em.query(
      `SELECT period_id AS ${escape(ctx, 'periodId')}, unit_id AS ${escape(ctx, 'unitId')}, position_kind AS ${escape(ctx, 'positionKind')}, grade, COUNT(*) AS plans
         FROM appraisal
        WHERE period_id IN (${periods.map(() => '?').join(', ')}) AND status <> 'CLOSED'
        GROUP BY period_id, unit_id, position_kind, grade`,
      periods.map((p) => Number(p.id)),
    );
    const floor = aggregateFloor(ctx.settings);
    const byYear = new Map<number, YearCells>();
    for (const p of periods) {
      const periodId = Number(p.id);
      const mine = counts.filter((c) => Number(c.periodId) === periodId).map((c) => ({ unitId: Number(c.unitId), positionKind: c.positionKind, grade: c.grade, plans: Number(c.plans) }));
      byYear.set(Number(p.year), { periodId, year: Number(p.year), closed: p.status === PeriodStatus.CLOSED, cells: buildReportingCells(links, mine, floor), units: links });
    }
    return years.map((y) => byYear.get(y) ?? null);
  });

const escape = (ctx: RequestContext, name: string): string => ctx.em.connection.driver.escape(name);
