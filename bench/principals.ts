import { type Connection } from 'mysql2/promise';
import { localDateOf } from '../src/core/time/local-date';
import { globalId } from './operations';

/** One connection of the O4 load: an employee correcting one of their own realizations. */
export interface WriterSlot {
  nip: string;
  indicatorGlobalId: string;
  realizationId: number;
  subPeriod: number;
}

/** Who runs each operation, chosen from the seeded data (`docs/performance.md`, The operations). */
export interface Principals {
  /** O1: the supervisor with the most active direct reports (a unit head of about 100 staff). */
  supervisor: { id: number; nip: string; reports: number };
  /** O2: a direct report of that supervisor with an approved plan in the current period. */
  employee: { id: number; nip: string };
  /** O3: an HR officer of the region (token with role HR_ADMIN, no unit: the whole region). */
  hrAdmin: { nip: string };
  rootUnitGlobalId: string;
  periodGlobalId: string;
  /** O4: one writer per connection, each on their own plan, so the writers never wait for each other's row lock. */
  writers: WriterSlot[];
  /** O5: the employee read by `node(id:)` (the O2 employee, read by their supervisor). */
  nodeGlobalId: string;
}

type Row = Record<string, unknown>;

async function rows(connection: Connection, sql: string, params: unknown[] = []): Promise<Row[]> {
  const [result] = await connection.query(sql, params);
  return result as Row[];
}

export async function pickPrincipals(connection: Connection, writers: number, timeZone: string): Promise<Principals> {
  const today = localDateOf(new Date(), timeZone);
  const [period] = await rows(
    connection,
    `SELECT id FROM performance_period WHERE start_date <= ? AND end_date >= ? ORDER BY id LIMIT 1`,
    [today, today],
  );
  if (!period) throw new Error(`No performance period contains ${today}: reseed (npm run bench without --reuse).`);
  const periodId = Number(period.id);

  const [supervisor] = await rows(
    connection,
    `SELECT s.id, s.nip, COUNT(*) AS n FROM employee e JOIN employee s ON s.id = e.supervisor_id
      WHERE e.active = 1 AND s.active = 1 GROUP BY s.id, s.nip ORDER BY n DESC, s.id LIMIT 1`,
  );
  if (!supervisor || Number(supervisor.n) < 50)
    throw new Error('No supervisor with at least 50 active direct reports: seed at least 200 employees.');

  const [employee] = await rows(
    connection,
    `SELECT e.id, e.nip FROM employee e JOIN appraisal a ON a.employee_id = e.id AND a.open_period_id = ? AND a.status = 'APPROVED'
      WHERE e.supervisor_id = ? AND e.active = 1 ORDER BY e.id LIMIT 1`,
    [periodId, supervisor.id],
  );
  if (!employee) throw new Error('The O1 supervisor has no report with an approved plan.');

  const [hr] = await rows(
    connection,
    `SELECT e.nip FROM employee e JOIN unit u ON u.id = e.unit_id WHERE u.code = 'JWY-BKPSDM' AND e.active = 1
      ORDER BY (e.position_title LIKE 'Analis Sumber Daya Manusia%') DESC, e.id LIMIT 1`,
  );
  if (!hr) throw new Error('No employee of the BKPSDM to act as HR admin.');
  const [root] = await rows(connection, `SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1`);

  // Writers: employees with an approved plan outside the O1 team, each with their first indicator's first month.
  const writerRows = await rows(
    connection,
    `SELECT e.nip, i.id AS indicator_id, r.id AS realization_id, r.sub_period
       FROM employee e
       JOIN appraisal a ON a.employee_id = e.id AND a.open_period_id = ? AND a.status = 'APPROVED'
       JOIN work_result_plan w ON w.appraisal_id = a.id AND w.kind = 'MAIN' AND w.position = 1
       JOIN indicator i ON i.work_result_plan_id = w.id AND i.position = 1
       JOIN realization r ON r.indicator_id = i.id AND r.sub_period = 1
      WHERE e.active = 1 AND e.id <> ? AND (e.supervisor_id IS NULL OR e.supervisor_id <> ?) AND i.target_value IS NOT NULL
      ORDER BY e.id LIMIT ?`,
    [periodId, employee.id, supervisor.id, writers],
  );
  if (writerRows.length < writers)
    throw new Error(`Only ${writerRows.length} employees can be O4 writers; ${writers} connections need one each.`);

  return {
    supervisor: { id: Number(supervisor.id), nip: String(supervisor.nip), reports: Number(supervisor.n) },
    employee: { id: Number(employee.id), nip: String(employee.nip) },
    hrAdmin: { nip: String(hr.nip) },
    rootUnitGlobalId: globalId('Unit', Number(root!.id)),
    periodGlobalId: globalId('PerformancePeriod', periodId),
    writers: writerRows.map((w) => ({
      nip: String(w.nip),
      indicatorGlobalId: globalId('Indicator', Number(w.indicator_id)),
      realizationId: Number(w.realization_id),
      subPeriod: Number(w.sub_period),
    })),
    nodeGlobalId: globalId('Employee', Number(employee.id)),
  };
}
