import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { Realization } from './realization.entity';

/** Realizations by id, without policy: callers go through `realizationService`. */
export const realizationById: LoaderFactory<number, Realization | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await ctx.em.getRepository(Realization).findBy({ id: In([...ids]) }), (r) => r.id));

/** Each indicator's realizations, by sub-period. */
export const realizationsOf: LoaderFactory<number, Realization[]> = (ctx) =>
  new DataLoader(async (indicatorIds) => {
    const rows = await ctx.em.getRepository(Realization).find({ where: { indicatorId: In([...indicatorIds]) }, order: { subPeriod: 'ASC' } });
    for (const row of rows) ctx.loaders.get(realizationById).prime(row.id, row);
    return groupByKey(indicatorIds, rows, (r) => r.indicatorId);
  });
