import DataLoader from 'dataloader';
import { In, type SelectQueryBuilder } from 'typeorm';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { type RequestContext } from '../../core/context/request-context';
import { type ConnectionArgs } from '../../core/graphql/connection';
import { groupedConnectionLoader } from '../../core/graphql/grouped-connection';
import { EmployeeClosure } from './employee-closure.entity';
import { Employee } from './employee.entity';
import { employeeSort, type EmployeeOrder, SubordinateDepth } from './employee.inputs';

/** Employees by id, without policy: callers go through `employeeService`. */
export const employeeById: LoaderFactory<number, Employee | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Employee, ids), (e) => e.rowId));

/** Employees by NIP, without policy. */
export const employeeByNip: LoaderFactory<string, Employee | null> = (ctx) =>
  new DataLoader(async (nips) =>
    byKey(nips, await ctx.em.getRepository(Employee).findBy({ nip: In([...nips]) }), (e) => e.nip),
  );

const primeEmployee = (ctx: RequestContext, employee: Employee) =>
  void ctx.loaders.get(employeeById).prime(employee.rowId, employee);

function withActive(qb: SelectQueryBuilder<Employee>, active: boolean | null): SelectQueryBuilder<Employee> {
  return active === null ? qb : qb.andWhere('employee.active = :active', { active });
}

/** An extra SQL condition on `employee` contributed by another module (e.g. "has a submitted plan"). */
export interface EmployeeCondition {
  sql: string;
  parameters: Record<string, unknown>;
}

export interface SubordinatesParams {
  args: ConnectionArgs;
  order: EmployeeOrder;
  depth: SubordinateDepth;
  active: boolean | null;
  condition?: EmployeeCondition;
}

/** Each supervisor's subordinates (direct, or everyone below via the closure table), a page per supervisor. */
export const subordinatesPage = groupedConnectionLoader<Employee, SubordinatesParams>({
  partitionColumn: 'below.ancestor_id',
  query: (ctx, parents, { depth, active, condition }) => {
    const qb = withActive(
      ctx.em
        .getRepository(Employee)
        .createQueryBuilder('employee')
        .innerJoin(
          EmployeeClosure,
          'below',
          `below.descendant_id = employee.id AND below.depth ${depth === SubordinateDepth.DIRECT ? '= 1' : '> 0'}`,
        )
        .where('below.ancestor_id IN (:...parents)', { parents: [...parents] }),
      active,
    );
    return condition ? qb.andWhere(condition.sql, condition.parameters) : qb;
  },
  sort: ({ order }) => employeeSort(order),
  prime: primeEmployee,
});

export interface UnitEmployeesParams {
  args: ConnectionArgs;
  order: EmployeeOrder;
  includeSubunits: boolean;
  active: boolean | null;
}

/** Each unit's employees (or its whole subtree's, via the unit closure table), a page per unit. */
export const unitEmployeesPage = groupedConnectionLoader<Employee, UnitEmployeesParams>({
  partitionColumn: 'within.ancestor_id',
  query: (ctx, units, { includeSubunits, active }) =>
    withActive(
      ctx.em
        .getRepository(Employee)
        .createQueryBuilder('employee')
        .innerJoin(
          'unit_closure',
          'within',
          `within.descendant_id = employee.unit_id${includeSubunits ? '' : ' AND within.depth = 0'}`,
        )
        .where('within.ancestor_id IN (:...units)', { units: [...units] }),
      active,
    ),
  sort: ({ order }) => employeeSort(order),
  prime: primeEmployee,
});
