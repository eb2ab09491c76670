import DataLoader from 'dataloader';
import { type LoaderFactory } from '../../core/context/loader-registry';
import { EmployeeClosure } from './employee-closure.entity';

// Facts about the caller's place in the supervisor tree, for the policy rules of every module: yes or no per
// employee, never a row. Batched per request (one closure-table query per batch).

/**
 * Whether the signed-in employee stands above each given employee in the supervisor tree, at any depth: one
 * closure-table query per batch, evaluated at the time of the request (never a token claim).
 */
export const actorIsAbove: LoaderFactory<number, boolean> = (ctx) =>
  new DataLoader(async (employeeIds) => {
    const actorId = ctx.actor.employeeId;
    if (actorId === undefined) return employeeIds.map(() => false);
    const rows: Array<{ id: number | string }> = await ctx.em
      .getRepository(EmployeeClosure)
      .createQueryBuilder('c')
      .select('c.descendantId', 'id')
      .where('c.ancestorId = :actorId AND c.depth > 0', { actorId })
      .andWhere('c.descendantId IN (:...ids)', { ids: [...employeeIds] })
      .getRawMany();
    const below = new Set(rows.map((r) => Number(r.id)));
    return employeeIds.map((id) => below.has(id));
  });

/** Whether each given employee stands above the signed-in employee in the tree (their chain of supervisors). */
export const actorIsBelow: LoaderFactory<number, boolean> = (ctx) =>
  new DataLoader(async (employeeIds) => {
    const actorId = ctx.actor.employeeId;
    if (actorId === undefined) return employeeIds.map(() => false);
    const rows: Array<{ id: number | string }> = await ctx.em
      .getRepository(EmployeeClosure)
      .createQueryBuilder('c')
      .select('c.ancestorId', 'id')
      .where('c.descendantId = :actorId AND c.depth > 0', { actorId })
      .andWhere('c.ancestorId IN (:...ids)', { ids: [...employeeIds] })
      .getRawMany();
    const above = new Set(rows.map((r) => Number(r.id)));
    return employeeIds.map((id) => above.has(id));
  });
