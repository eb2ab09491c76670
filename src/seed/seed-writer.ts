import { forgetReadCaches } from './forget-read-caches';
import { type EntityManager } from 'typeorm';
import { type Database } from '../core/database/database';
import { nowToSecond } from '../core/util/clock';
import { AuditAction } from '../modules/audit/audit-action';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { type RegionPlan } from './region-plan';
import { toGlobalId } from '../core/graphql/global-id';
import { BulkWriter, bulkTransaction } from './bulk-writer';

export interface SeedProgress {
  phase: string;
  done: number;
  total: number;
}

/** Multi-row INSERTs of `columns` for `rows` in a transaction of the caller's, reporting progress. */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  report: (done: number) => void,
): Promise<void> {
  const writer = new BulkWriter(em);
  await writer.insert(table, columns, rows, report);
  await writer.drain();
}

const UNITS_PER_UPDATE = 500;

/** Closure rows (ancestor, descendant, depth) of a forest given each node's parent; parents come before children. */
function closureRows(nodes: ReadonlyArray<{ id: number; parentId: number | null }>): number[][] {
  const ancestors = new Map<number, Array<[number, number]>>();
  const rows: number[][] = [];
  for (const node of nodes) {
    const chain: Array<[number, number]> = [[node.id, 0]];
    if (node.parentId !== null)
      for (const [ancestor, depth] of ancestors.get(node.parentId) ?? []) chain.push([ancestor, depth + 1]);
    ancestors.set(node.id, chain);
    for (const [ancestor, depth] of chain) rows.push([ancestor, node.id, depth]);
  }
  return rows;
}

/** True when the organisation tables hold no unit yet. */
export async function isOrganisationEmpty(db: Database): Promise<boolean> {
  const rows: Array<{ n: number | string }> = await db.manager.query('SELECT COUNT(*) AS n FROM unit');
  return Number(rows[0]?.n ?? 0) === 0;
}

/** Empties every organisation table (for `npm run seed -- --reset`). */
export async function clearOrganisation(db: Database): Promise<void> {
  forgetReadCaches(db);
  await db.transaction(async (em) => {
    // Cut the self-references first: MySQL checks foreign keys row by row, in no useful order.
    await em.query('UPDATE unit SET head_id = NULL, parent_id = NULL');
    await em.query('UPDATE employee SET supervisor_id = NULL');
    await em.query('UPDATE work_result_plan SET supports_id = NULL');
    // Competencies: everything about people; the dictionary keeps the national standard of the migrations.
    for (const table of [
      'potential_rating',
      'development_suggestion',
      'competency_assessment',
      'position_requirement',
    ]) {
      await em.query(`DELETE FROM ${em.connection.driver.escape(table)}`);
    }
    await em.query('DELETE FROM competency WHERE reference = ?', [false]);
    const followThrough = [
      'objection',
      'evaluation_behavior',
      'evaluation',
      'unit_rating',
      'feedback',
      'daily_activity',
      'realization',
    ];
    const tables = [
      ...followThrough,
      'behavior_expectation',
      'indicator',
      'work_result_plan',
      'appraisal_transition',
      'appraisal',
      'performance_period',
    ];
    for (const table of [
      ...tables,
      'audit_entry',
      'employee_closure',
      'unit_closure',
      'employee',
      'external_official',
      'unit',
    ]) {
      await em.query(`DELETE FROM ${em.connection.driver.escape(table)}`);
    }
  });
}

/**
 * Writes a planned region into an empty database in one transaction, with multi-row inserts and the two closure
 * tables computed in memory. One audit entry records the seeding.
 */
export async function writeRegion(
  db: Database,
  plan: RegionPlan,
  onProgress?: (p: SeedProgress) => void,
): Promise<void> {
  const now = nowToSecond();
  await bulkTransaction(db, async (w) => {
    const progress = (phase: string, total: number) => (done: number) => onProgress?.({ phase, done, total });
    await w.insert(
      'unit',
      ['id', 'code', 'name', 'kind', 'parent_id', 'head_id', 'version', 'created_at', 'updated_at'],
      plan.units.map((u) => [u.id, u.code, u.name, u.kind, u.parentId, null, 1, now, now]),
      progress('units', plan.units.length),
    );
    const unitClosure = closureRows(plan.units);
    await w.insert(
      'unit_closure',
      ['ancestor_id', 'descendant_id', 'depth'],
      unitClosure,
      progress('unit tree', unitClosure.length),
    );
    await w.insert(
      'external_official',
      ['id', 'name', 'position_title', 'active', 'version', 'created_at', 'updated_at'],
      plan.officials.map((o) => [o.id, o.name, o.positionTitle, true, 1, now, now]),
      progress('external officials', plan.officials.length),
    );
    await w.insert(
      'employee',
      [
        'id',
        'nip',
        'name',
        'title_prefix',
        'title_suffix',
        'employment_type',
        'grade',
        'gender',
        'position_title',
        'position_kind',
        'unit_id',
        'supervisor_id',
        'external_supervisor_id',
        'email',
        'active',
        'version',
        'created_at',
        'updated_at',
      ],
      plan.employees.map((e) => [
        e.id,
        e.nip,
        e.name,
        e.titlePrefix,
        e.titleSuffix,
        e.employmentType,
        e.grade,
        e.gender,
        e.positionTitle,
        e.positionKind,
        e.unitId,
        e.supervisorId,
        e.externalSupervisorId,
        e.email,
        true,
        1,
        now,
        now,
      ]),
      progress('employees', plan.employees.length),
    );
    const supervisorClosure = closureRows(plan.employees.map((e) => ({ id: e.id, parentId: e.supervisorId })));
    await w.insert(
      'employee_closure',
      ['ancestor_id', 'descendant_id', 'depth'],
      supervisorClosure,
      progress('supervisor tree', supervisorClosure.length),
    );
    const heads = plan.units.filter((u) => u.headId !== null);
    // After the employees (the heads' rows must exist), a batch of units a statement.
    for (let i = 0; i < heads.length; i += UNITS_PER_UPDATE) {
      const batch = heads.slice(i, i + UNITS_PER_UPDATE);
      await w.send(
        `UPDATE unit SET head_id = CASE id ${batch.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${batch.map(() => '?').join(', ')})`,
        [...batch.flatMap((u) => [u.id, u.headId]), ...batch.map((u) => u.id)],
      );
      onProgress?.({ phase: 'unit heads', done: i + batch.length, total: heads.length });
    }
    await w.drain();
    await w.em.getRepository(AuditEntry).insert({
      occurredAt: now,
      actorKind: 'system',
      actorEmployeeId: null,
      actorSubject: 'seed',
      action: AuditAction.ORGANISATION_SEEDED,
      entityType: 'Unit',
      entityId: plan.units[0]!.id,
      before: null,
      after: JSON.stringify({ units: plan.units.length, employees: plan.employees.length }),
      requestId: null,
    });
  });
}

/** The NIP of the demo's UPTD Puskesmas Walesi head, for the start banner; undefined outside the demo region. */
export async function demoHeadNip(db: Database): Promise<string | undefined> {
  const rows: Array<{ nip: string }> = await db.manager.query(
    "SELECT e.nip AS nip FROM unit u JOIN employee e ON e.id = u.head_id WHERE u.code = 'JWY-PKM-WALESI'",
  );
  return rows[0]?.nip;
}

/** The demo's region (root unit) and its latest closed year, as global ids for the start banner; undefined outside the demo. */
export async function demoClosedYear(
  db: Database,
): Promise<{ year: number; unitId: string; periodId: string } | undefined> {
  const rows: Array<{ unit: number | string; period: number | string; year: number | string }> = await db.manager.query(
    "SELECT u.id AS unit, p.id AS period, p.year AS year FROM unit u, performance_period p WHERE u.code = 'JWY' AND p.status = 'CLOSED' ORDER BY p.year DESC LIMIT 1",
  );
  const row = rows[0];
  return row
    ? {
        year: Number(row.year),
        unitId: toGlobalId('Unit', Number(row.unit)),
        periodId: toGlobalId('PerformancePeriod', Number(row.period)),
      }
    : undefined;
}

/** The columns of an `appraisal_transition` row, as both the running year's and the previous year's seeds write it. */
export const TRANSITION_COLUMNS = [
  'appraisal_id',
  'action',
  'from_status',
  'to_status',
  'actor_kind',
  'actor_employee_id',
  'actor_subject',
  'reason',
  'occurred_at',
];
