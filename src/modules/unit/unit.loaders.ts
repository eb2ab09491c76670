import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { groupedConnectionLoader } from '../../core/graphql/grouped-connection';
import { type ConnectionArgs } from '../../core/graphql/connection';
import { UnitClosure } from './unit-closure.entity';
import { Unit } from './unit.entity';
import { unitSort, type UnitOrder } from './unit.inputs';

/** Units by id, without policy: callers go through `unitService`. */
export const unitById: LoaderFactory<number, Unit | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Unit, ids), (u) => u.id));

/** Unit codes are case-insensitive: stored and compared in upper case, on every database alike. */
export const normaliseUnitCode = (code: string): string => code.trim().toUpperCase();

/** Units by code (any case), without policy. */
export const unitByCode: LoaderFactory<string, Unit | null> = (ctx) =>
  new DataLoader(
    async (codes) => {
      const normalised = codes.map(normaliseUnitCode);
      return byKey(normalised, await ctx.em.getRepository(Unit).findBy({ code: In(normalised) }), (u) => u.code);
    },
    { cacheKeyFn: normaliseUnitCode },
  );

/**
 * Whether each unit lies inside the caller's HR scope: everything for a region-wide HR admin, the scope root's
 * subtree (one closure-table query per batch) for a scoped one, nothing for anyone else.
 */
export const unitInHrScope: LoaderFactory<number, boolean> = (ctx) =>
  new DataLoader(async (unitIds) => {
    const { actor } = ctx;
    if (!actor.isHrAdmin) return unitIds.map(() => false);
    if (actor.hrScopeUnitId === null) return unitIds.map(() => true);
    const rows: Array<{ id: number | string }> = await ctx.em
      .getRepository(UnitClosure)
      .createQueryBuilder('c')
      .select('c.descendantId', 'id')
      .where('c.ancestorId = :scope', { scope: actor.hrScopeUnitId })
      .andWhere('c.descendantId IN (:...ids)', { ids: [...unitIds] })
      .getRawMany();
    const inScope = new Set(rows.map((r) => Number(r.id)));
    return unitIds.map((id) => inScope.has(id));
  });

/** Each unit's direct sub-units, a page per parent. Units are structure: no per-row scoping beyond READ_UNITS. */
export const unitChildrenPage = groupedConnectionLoader<Unit, { args: ConnectionArgs; order: UnitOrder }>({
  partitionColumn: 'unit.parent_id',
  query: (ctx, parents) => ctx.em.getRepository(Unit).createQueryBuilder('unit').where('unit.parent_id IN (:...parents)', { parents: [...parents] }),
  sort: ({ order }) => unitSort(order),
  prime: (ctx, unit) => void ctx.loaders.get(unitById).prime(unit.id, unit),
});
