import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { PeekableLoader } from '../../core/context/peekable-loader';
import { placeholders, rawByIds, RawEntities } from '../../core/database/raw-entities';
import { type ConnectionArgs } from '../../core/graphql/connection';
import { groupedConnectionLoader } from '../../core/graphql/grouped-connection';
import { AppraisalTransition } from './appraisal-transition.entity';
import { Appraisal } from './appraisal.entity';
import { scopeAppraisalsToReader } from './appraisal-scope';

/** Plans by id, without policy: callers go through `appraisalService`. */
export const appraisalById: LoaderFactory<number, Appraisal | null> = (ctx) =>
  new PeekableLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Appraisal, ids), (a) => a.rowId));

/** Each employee's open plan in one period (at most one, by the unique index), without policy. */
export const openAppraisalOf: LoaderFactory<number, Appraisal | null, { periodId: number }> = (ctx, { periodId }) =>
  new DataLoader(async (employeeIds) => {
    const a = RawEntities.of(ctx.em, Appraisal, 'a');
    const rows = await a.query(
      ctx.em,
      `SELECT ${a.select()} FROM ${a.from()} WHERE a.open_period_id = ? AND a.employee_id IN (${placeholders(employeeIds)})`,
      [periodId, ...employeeIds],
    );
    for (const row of rows) ctx.loaders.get(appraisalById).prime(row.rowId, row);
    return byKey(employeeIds, rows, (a) => a.employeeId);
  });

/** Whether each given employee is the snapshot appraiser of one of the caller's open plans in a period. */
export const actorAppraisedBy: LoaderFactory<number, boolean, { periodId: number }> = (ctx, { periodId }) =>
  new DataLoader(async (appraiserIds) => {
    const me = ctx.actor.employeeId;
    if (me === undefined) return appraiserIds.map(() => false);
    const rows: Array<{ id: number | string }> = await ctx.em
      .getRepository(Appraisal)
      .createQueryBuilder('mine')
      .select('mine.appraiser_employee_id', 'id')
      .where('mine.employee_id = :me AND mine.period_id = :periodId AND mine.open_period_id IS NOT NULL', {
        me,
        periodId,
      })
      .andWhere('mine.appraiser_employee_id IN (:...ids)', { ids: [...appraiserIds] })
      .getRawMany();
    const appraisers = new Set(rows.map((r) => Number(r.id)));
    return appraiserIds.map((id) => appraisers.has(id));
  });

/** The workflow history of each plan, oldest first. */
export const transitionsOf: LoaderFactory<number, AppraisalTransition[]> = (ctx) =>
  new DataLoader(async (appraisalIds) => {
    const rows = await ctx.em
      .getRepository(AppraisalTransition)
      .find({ where: { appraisalId: In([...appraisalIds]) }, order: { id: 'ASC' } });
    return groupByKey(appraisalIds, rows, (t) => t.appraisalId);
  });

export interface EmployeeAppraisalsParams {
  args: ConnectionArgs;
  periodId: number | null;
}

/** Each employee's plans (newest first), scoped in SQL to what the caller may read: a page per employee. */
export const employeeAppraisalsPage = groupedConnectionLoader<Appraisal, EmployeeAppraisalsParams>({
  partitionColumn: 'appraisal.employee_id',
  query: (ctx, employees, { periodId }) => {
    const qb = ctx.em
      .getRepository(Appraisal)
      .createQueryBuilder('appraisal')
      .where('appraisal.employee_id IN (:...employees)', { employees: [...employees] });
    if (periodId !== null) qb.andWhere('appraisal.period_id = :periodId', { periodId });
    return scopeAppraisalsToReader(qb, ctx.actor);
  },
  sort: () => ({
    column: 'appraisal.id',
    idColumn: 'appraisal.id',
    direction: 'DESC',
    valueOf: (a) => a.rowId,
    idOf: (a) => a.rowId,
  }),
  prime: (ctx, appraisal) => void ctx.loaders.get(appraisalById).prime(appraisal.rowId, appraisal),
});
