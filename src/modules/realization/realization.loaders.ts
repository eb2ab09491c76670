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

/** Each indicator's latest realization (the highest sub-period), one row per indicator whatever the months. */
export const latestRealizationOf: LoaderFactory<number, Realization | null> = (ctx) =>
  new DataLoader(async (indicatorIds) => {
    const rows = await ctx.em
      .getRepository(Realization)
      .createQueryBuilder('r')
      .innerJoin(
        (latest) =>
          latest
            .select('x.indicator_id', 'iid')
            .addSelect('MAX(x.sub_period)', 'sp')
            .from(Realization, 'x')
            .where('x.indicator_id IN (:...indicatorIds)')
            .groupBy('x.indicator_id'),
        'latest',
        'latest.iid = r.indicator_id AND latest.sp = r.sub_period',
      )
      .setParameter('indicatorIds', [...indicatorIds])
      .getMany();
    for (const row of rows) ctx.loaders.get(realizationById).prime(row.id, row);
    return byKey(indicatorIds, rows, (r) => r.indicatorId);
  });
