import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { PerformancePeriod } from './performance-period.entity';
import { PeriodStatus } from './period-enums';

/**
 * The period containing a day (region time), else the latest one not closed: one query per request however many
 * plans ask for "the current period".
 */
export const currentPeriodOn: LoaderFactory<string, PerformancePeriod | null> = (ctx) =>
  new DataLoader(async (days) =>
    Promise.all(
      days.map(async (today) => {
        const repo = ctx.em.getRepository(PerformancePeriod);
        const containing = await repo.createQueryBuilder('period').where('period.start_date <= :today AND period.end_date >= :today', { today }).getOne();
        return containing ?? repo.createQueryBuilder('period').where('period.status <> :closed', { closed: PeriodStatus.CLOSED }).orderBy('period.year', 'DESC').getOne();
      }),
    ),
  );

/** Periods by id (not personal: every signed-in principal reads them). */
export const periodById: LoaderFactory<number, PerformancePeriod | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await ctx.em.getRepository(PerformancePeriod).findBy({ id: In([...ids]) }), (p) => p.id));
