import { type EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import { type DatabaseKind } from '../../core/database/database';
import { addDays, type LocalDate, startOfLocalDay } from '../../core/time/local-date';
import { Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalStatus } from '../appraisal/appraisal-enums';
import { ActivityStatus } from '../activity/daily-activity.entity';
import { Employee } from '../employee/employee.entity';
import { PeriodStatus } from '../period/period-enums';
import { PerformancePeriod } from '../period/performance-period.entity';
import { type ObjectionDelivery } from './reminder-calendar';
import { REMINDER_EVENT_TYPES, ReminderKind } from './reminder-kind';

/** Plans that count as approved for the planning deadline (as analytics' overdue count has it). */
const APPROVED = [AppraisalStatus.APPROVED, AppraisalStatus.REVISING, AppraisalStatus.EVALUATED, AppraisalStatus.FINAL];

/** One `INSERT … SELECT` statement: its text and its `?` parameters in order. */
class Statement {
  readonly params: unknown[] = [];

  /** A parameter placeholder for `value` (dates and times bound as TypeORM stores them). */
  p(value: unknown): string {
    this.params.push(value instanceof Date ? DateUtils.mixedDateToUtcDatetimeString(value) : value);
    return '?';
  }

  /** A global id (`src/core/graphql/global-id.ts`: base64url of `Type:id`) computed in SQL from an id column. */
  globalId(typeName: string, idColumn: string): string {
    return `REPLACE(REPLACE(REPLACE(TO_BASE64(CONCAT(${this.p(`${typeName}:`)}, ${idColumn})), '=', ''), '+', '-'), '/', '_')`;
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.p(v)).join(', ');
  }
}

/** What every reminder of one run shares. */
export interface RunScope {
  em: EntityManager;
  kind: DatabaseKind;
  /** When this kind is written (`occurred_at`). */
  now: Date;
  /** The region's day the run is for: the day in the deduplication key. */
  today: LocalDate;
  timeZone: string;
}

/** Where a reminder's columns come from in a kind's `FROM` clause. */
interface ReminderRows {
  kind: ReminderKind;
  subjectType: string;
  subjectIdColumn: string;
  /** The recipient's `employee` row, by its alias. */
  recipient: string;
  /** Extra payload entries: name → SQL expression (built in turn, so that placeholders stay in text order). */
  extra: Array<[string, (s: Statement) => string]>;
  /** `FROM … WHERE …` (and `GROUP BY`), written with the same statement's placeholders. */
  from: (s: Statement) => string;
}

/**
 * Writes one kind's reminders with a single `INSERT … SELECT` into the outbox, skipping those whose deduplication key
 * (`reminder:<kind>:<subject>:<recipient>:<day>`) is already there: the work is one statement whatever the number of
 * employees, and a second run the same day writes nothing.
 */
async function insertReminders(scope: RunScope, rows: ReminderRows): Promise<void> {
  const s = new Statement();
  const type = REMINDER_EVENT_TYPES[rows.kind];
  // The placeholders are numbered in text order: build the SELECT list first, then the FROM clause.
  const subject = () => s.globalId(rows.subjectType, rows.subjectIdColumn);
  const recipient = () => s.globalId(Employee.typeName, `${rows.recipient}.id`);
  const select = [
    `CONCAT('evt_', UUID())`,
    s.p(type),
    s.p(scope.now),
    subject(),
    `${rows.recipient}.unit_id`,
    `${rows.recipient}.id`,
    `JSON_OBJECT(${[
      [s.p('kind'), s.p(rows.kind)],
      [s.p('subjectId'), subject()],
      [s.p('employeeId'), recipient()],
      [s.p('day'), s.p(scope.today)],
      ...rows.extra.map(([name, sql]) => [s.p(name), sql(s)]),
    ]
      .map(([k, v]) => `${k}, ${v}`)
      .join(', ')})`,
    `CONCAT(${s.p(`reminder:${rows.kind}:`)}, ${subject()}, ':', ${recipient()}, ':', ${s.p(scope.today)})`,
  ].join(', ');
  const from = rows.from(s);
  const insert = scope.kind === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  await scope.em.query(
    `${insert} INTO outbox_event (event_id, type, occurred_at, subject_id, unit_id, employee_id, payload, dedupe_key) ` +
      `SELECT ${select} ${from}`,
    s.params,
  );
}

/** Active employees without an approved plan in a year whose planning deadline is within `days` days. */
export function planningDeadline(scope: RunScope, days: number): Promise<void> {
  return insertReminders(scope, {
    kind: ReminderKind.PLANNING_DEADLINE,
    subjectType: PerformancePeriod.typeName,
    subjectIdColumn: 'p.id',
    recipient: 'e',
    extra: [['dueDate', () => 'p.planning_deadline']],
    from: (s) =>
      `FROM performance_period p JOIN employee e ON e.active = 1 ` +
      `WHERE p.status IN (${s.list([PeriodStatus.PLANNING, PeriodStatus.RUNNING])}) ` +
      `AND p.planning_deadline >= ${s.p(scope.today)} AND p.planning_deadline <= ${s.p(addDays(scope.today, days))} ` +
      `AND NOT EXISTS (SELECT 1 FROM appraisal a WHERE a.employee_id = e.id AND a.period_id = p.id ` +
      `AND a.status IN (${s.list(APPROVED)}))`,
  });
}

/** The month or quarter of a running year that ends soon. */
export interface EndingSubPeriod {
  periodId: number;
  index: number;
  endDate: LocalDate;
}

/** Employees whose open, approved plan has an indicator without a realization for a sub-period that ends soon. */
export function realizationMissing(scope: RunScope, ending: EndingSubPeriod): Promise<void> {
  return insertReminders(scope, {
    kind: ReminderKind.REALIZATION_MISSING,
    subjectType: Appraisal.typeName,
    subjectIdColumn: 'a.id',
    recipient: 'e',
    extra: [
      ['subPeriod', (s) => s.p(ending.index)],
      ['dueDate', (s) => s.p(ending.endDate)],
    ],
    from: (s) =>
      `FROM appraisal a JOIN employee e ON e.id = a.employee_id AND e.active = 1 ` +
      `WHERE a.period_id = ${s.p(ending.periodId)} AND a.open_period_id IS NOT NULL ` +
      `AND a.status IN (${s.list([AppraisalStatus.APPROVED, AppraisalStatus.REVISING])}) ` +
      `AND a.start_date <= ${s.p(scope.today)} AND a.end_date >= ${s.p(scope.today)} ` +
      `AND EXISTS (SELECT 1 FROM work_result_plan w JOIN indicator i ON i.work_result_plan_id = w.id ` +
      `WHERE w.appraisal_id = a.id AND NOT EXISTS (SELECT 1 FROM realization r ` +
      `WHERE r.indicator_id = i.id AND r.sub_period = ${s.p(ending.index)}))`,
  });
}

/**
 * To each reviewer (the plan's appraiser, else the direct supervisor: `activity.policy.ts`), one reminder per
 * employee whose entries have waited since before `cutoffDay`, with how many wait; not for entries of a closed year.
 */
export function activityReviewPending(scope: RunScope, cutoffDay: LocalDate): Promise<void> {
  return insertReminders(scope, {
    kind: ReminderKind.ACTIVITY_REVIEW_PENDING,
    subjectType: Employee.typeName,
    subjectIdColumn: 'o.id',
    recipient: 'r',
    extra: [
      ['count', () => 'COUNT(*)'],
      ['oldestDay', () => 'MIN(d.activity_date)'],
    ],
    from: (s) =>
      `FROM daily_activity d JOIN employee o ON o.id = d.employee_id ` +
      `LEFT JOIN appraisal a ON a.id = d.appraisal_id ` +
      `JOIN employee r ON r.id = COALESCE(a.appraiser_employee_id, o.supervisor_id) AND r.active = 1 ` +
      `WHERE d.status = ${s.p(ActivityStatus.SUBMITTED)} ` +
      `AND d.updated_at < ${s.p(startOfLocalDay(cutoffDay, scope.timeZone))} ` +
      `AND NOT EXISTS (SELECT 1 FROM performance_period p WHERE p.status = ${s.p(PeriodStatus.CLOSED)} ` +
      `AND p.start_date <= d.activity_date AND p.end_date >= d.activity_date) ` +
      `GROUP BY o.id, r.id, r.unit_id`,
  });
}

/** To each appraiser (an active employee), the plans submitted to them before today and not yet decided. */
export function planApprovalPending(scope: RunScope): Promise<void> {
  return insertReminders(scope, {
    kind: ReminderKind.PLAN_APPROVAL_PENDING,
    subjectType: Appraisal.typeName,
    subjectIdColumn: 'a.id',
    recipient: 'r',
    extra: [],
    from: (s) =>
      `FROM appraisal a JOIN performance_period p ON p.id = a.period_id AND p.status <> ${s.p(PeriodStatus.CLOSED)} ` +
      `JOIN employee r ON r.id = a.appraiser_employee_id AND r.active = 1 ` +
      `WHERE a.status = ${s.p(AppraisalStatus.SUBMITTED)} ` +
      `AND a.submitted_at < ${s.p(startOfLocalDay(scope.today, scope.timeZone))}`,
  });
}

/** To each employee, a final rating they have not objected to whose objection window closes soon. */
export function objectionWindowClosing(scope: RunScope, deliveries: ObjectionDelivery[]): Promise<void> {
  if (deliveries.length === 0) return Promise.resolve();
  const dayStart = (day: LocalDate) => startOfLocalDay(day, scope.timeZone);
  return insertReminders(scope, {
    kind: ReminderKind.OBJECTION_WINDOW_CLOSING,
    subjectType: Appraisal.typeName,
    subjectIdColumn: 'a.id',
    recipient: 'e',
    // The deadline of each delivery day, picked by the instant of delivery: a handful of days, not one per row.
    extra: [
      [
        'dueDate',
        (s) =>
          `CASE ${deliveries
            .map((d) => `WHEN a.delivered_at < ${s.p(dayStart(addDays(d.delivered, 1)))} THEN ${s.p(d.deadline)}`)
            .join(' ')} END`,
      ],
    ],
    from: (s) =>
      `FROM appraisal a JOIN employee e ON e.id = a.employee_id AND e.active = 1 ` +
      `WHERE a.status = ${s.p(AppraisalStatus.FINAL)} ` +
      `AND a.delivered_at >= ${s.p(dayStart(deliveries[0]!.delivered))} ` +
      `AND a.delivered_at < ${s.p(dayStart(addDays(deliveries.at(-1)!.delivered, 1)))} ` +
      `AND NOT EXISTS (SELECT 1 FROM objection o WHERE o.appraisal_id = a.id)`,
  });
}

/** A performance year that is under way. */
export interface RunningPeriod {
  id: number;
  year: number;
  cadence: string;
}

/** The years under way (a handful of rows). */
export async function runningPeriods(scope: RunScope): Promise<RunningPeriod[]> {
  const rows: Array<{ id: number | string; year: number | string; cadence: string }> = await scope.em.query(
    'SELECT id, year, cadence FROM performance_period WHERE status = ?',
    [PeriodStatus.RUNNING],
  );
  return rows.map((r) => ({ id: Number(r.id), year: Number(r.year), cadence: r.cadence }));
}

/** The outbox's last id before the run: what the run writes comes after it. */
export async function lastOutboxId(scope: RunScope): Promise<number> {
  const rows: Array<{ id: number | string | null }> = await scope.em.query('SELECT MAX(id) AS id FROM outbox_event');
  return Number(rows[0]?.id ?? 0);
}

/** The reminders written after `afterId` (only the lease holder writes them), with their recipients. */
export async function remindersWrittenAfter(
  scope: RunScope,
  afterId: number,
  types: readonly string[],
): Promise<Array<{ id: number; employeeId: number }>> {
  const s = new Statement();
  const rows: Array<{ id: number | string; employee_id: number | string }> = await scope.em.query(
    `SELECT id, employee_id FROM outbox_event WHERE id > ${s.p(afterId)} AND type IN (${s.list(types)}) ORDER BY id`,
    s.params,
  );
  return rows.map((r) => ({ id: Number(r.id), employeeId: Number(r.employee_id) }));
}
