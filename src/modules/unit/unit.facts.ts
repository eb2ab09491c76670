import DataLoader from 'dataloader';
import { type LoaderFactory } from '../../core/context/loader-registry';
import { UnitClosure } from './unit-closure.entity';

// A fact about the caller's HR scope, for the policy rules of every module: yes or no per unit, never a row.

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
