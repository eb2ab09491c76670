import DataLoader from 'dataloader';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { type LocalDate } from '../../core/time/local-date';
import { groupedConnectionLoader } from '../../core/graphql/grouped-connection';
import { type ConnectionArgs } from '../../core/graphql/connection';
import { type Sort } from '../../core/graphql/pagination';
import { DailyActivity, type ActivityStatus } from './daily-activity.entity';
import { scopeActivitiesToReader } from './activity-scope';

export const activityById: LoaderFactory<number, DailyActivity | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, DailyActivity, ids), (a) => a.rowId));

/** Newest day first, then newest entry. */
export const activitySort: Sort<DailyActivity> = {
  column: 'activity.activity_date',
  idColumn: 'activity.id',
  direction: 'DESC',
  valueOf: (a) => a.activityDate,
  idOf: (a) => a.rowId,
};

export interface ActivityRange {
  from: LocalDate | null;
  to: LocalDate | null;
  status: ActivityStatus | null;
}

export interface EmployeeActivitiesParams extends ActivityRange {
  args: ConnectionArgs;
}

/** Each employee's log in a date range, scoped in SQL to what the caller may read: a page per employee. */
export const employeeActivitiesPage = groupedConnectionLoader<DailyActivity, EmployeeActivitiesParams>({
  partitionColumn: 'activity.employee_id',
  query: (ctx, employees, { from, to, status }) => {
    const qb = ctx.em
      .getRepository(DailyActivity)
      .createQueryBuilder('activity')
      .where('activity.employee_id IN (:...employees)', { employees: [...employees] });
    if (from) qb.andWhere('activity.activity_date >= :from', { from });
    if (to) qb.andWhere('activity.activity_date <= :to', { to });
    if (status) qb.andWhere('activity.status = :status', { status });
    return scopeActivitiesToReader(qb, ctx.actor);
  },
  sort: () => activitySort,
  prime: (ctx, activity) => void ctx.loaders.get(activityById).prime(activity.rowId, activity),
});
