import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { PerformancePeriod } from './performance-period.entity';

/** Periods by id (not personal: every signed-in principal reads them). */
export const periodById: LoaderFactory<number, PerformancePeriod | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await ctx.em.getRepository(PerformancePeriod).findBy({ id: In([...ids]) }), (p) => p.id));
