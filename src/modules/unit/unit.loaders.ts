import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { groupedConnectionLoader } from '../../core/graphql/grouped-connection';
import { type ConnectionArgs } from '../../core/graphql/connection';
import { Unit } from './unit.entity';
import { unitSort, type UnitOrder } from './unit.inputs';
import { normaliseUnitCode } from './unit-code';

/** Units by id, without policy: callers go through `unitService`. */
export const unitById: LoaderFactory<number, Unit | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Unit, ids), (u) => u.rowId));

/** Units by code (any case), without policy. */
export const unitByCode: LoaderFactory<string, Unit | null> = (ctx) =>
  new DataLoader(
    async (codes) => {
      const normalised = codes.map(normaliseUnitCode);
      return byKey(normalised, await ctx.em.getRepository(Unit).findBy({ code: In(normalised) }), (u) => u.code);
    },
    { cacheKeyFn: normaliseUnitCode },
  );

/** Each unit's direct sub-units, a page per parent. Units are structure: no per-row scoping beyond READ_UNITS. */
export const unitChildrenPage = groupedConnectionLoader<Unit, { args: ConnectionArgs; order: UnitOrder }>({
  partitionColumn: 'unit.parent_id',
  query: (ctx, parents) =>
    ctx.em
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .where('unit.parent_id IN (:...parents)', { parents: [...parents] }),
  sort: ({ order }) => unitSort(order),
  prime: (ctx, unit) => void ctx.loaders.get(unitById).prime(unit.rowId, unit),
});
