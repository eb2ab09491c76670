import DataLoader from 'dataloader';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { PerformancePeriod } from './performance-period.entity';
import { PeriodStatus } from './period-enums';

/** How long a process keeps "the current period" of a day: period changes here clear it, other instances' within this. */
const CURRENT_PERIOD_TTL_MS = 30_000;
const currentPeriods = new WeakMap<object, Map<string, { period: PerformancePeriod; at: number }>>();

/** Forgets the cached current periods of a database (after a period changes, a seed, a reset). */
export function forgetCurrentPeriods(db: object): void {
  currentPeriods.delete(db);
}

/**
 * The period containing a day (region time), else the latest one not closed: read once per process every 30 s
 * (it changes a few times a year, and nearly every request asks), one query per request at most.
 */
export const currentPeriodOn: LoaderFactory<string, PerformancePeriod | null> = (ctx) =>
  new DataLoader(async (days) => {
    let cache = currentPeriods.get(ctx.db);
    if (!cache) currentPeriods.set(ctx.db, (cache = new Map()));
    return Promise.all(
      days.map(async (today) => {
        const hit = cache.get(today);
        // A copy: a request may not change what the next one reads.
        if (hit && Date.now() - hit.at < CURRENT_PERIOD_TTL_MS)
          return Object.assign(new PerformancePeriod(), hit.period);
        const repo = ctx.em.getRepository(PerformancePeriod);
        const containing = await repo
          .createQueryBuilder('period')
          .where('period.start_date <= :today AND period.end_date >= :today', { today })
          .getOne();
        const period =
          containing ??
          (await repo
            .createQueryBuilder('period')
            .where('period.status <> :closed', { closed: PeriodStatus.CLOSED })
            .orderBy('period.year', 'DESC')
            .getOne());
        // Inside a transaction the row may not be committed yet: only what everyone can see is cached.
        if (period && !ctx.inTransaction)
          cache.set(today, { period: Object.assign(new PerformancePeriod(), period), at: Date.now() });
        return period;
      }),
    );
  });

/** Periods by id (not personal: every signed-in principal reads them). */
export const periodById: LoaderFactory<number, PerformancePeriod | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, PerformancePeriod, ids), (p) => p.rowId));
