import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { placeholders, rawByIds, RawEntities } from '../../core/database/raw-entities';
import { Realization } from './realization.entity';

/** Realizations by id, without policy: callers go through `realizationService`. */
export const realizationById: LoaderFactory<number, Realization | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Realization, ids), (r) => r.rowId));

/** Each indicator's realizations, by sub-period. */
export const realizationsOf: LoaderFactory<number, Realization[]> = (ctx) =>
  new DataLoader(async (indicatorIds) => {
    const rows = await ctx.em
      .getRepository(Realization)
      .find({ where: { indicatorId: In([...indicatorIds]) }, order: { subPeriod: 'ASC' } });
    for (const row of rows) ctx.loaders.get(realizationById).prime(row.rowId, row);
    return groupByKey(indicatorIds, rows, (r) => r.indicatorId);
  });

/** Each indicator's latest realization (the highest sub-period), one row per indicator whatever the months. */
export const latestRealizationOf: LoaderFactory<number, Realization | null> = (ctx) =>
  new DataLoader(async (indicatorIds) => {
    const r = RawEntities.of(ctx.em, Realization, 'r');
    const rows = await r.query(
      ctx.em,
      `SELECT ${r.select()} FROM ${r.from()}
         JOIN (SELECT x.indicator_id AS iid, MAX(x.sub_period) AS sp FROM realization x WHERE x.indicator_id IN (${placeholders(indicatorIds)}) GROUP BY x.indicator_id) latest
           ON latest.iid = r.indicator_id AND latest.sp = r.sub_period`,
      [...indicatorIds],
    );
    for (const row of rows) ctx.loaders.get(realizationById).prime(row.rowId, row);
    return byKey(indicatorIds, rows, (r) => r.indicatorId);
  });
