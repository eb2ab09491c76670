import { type EntityManager } from 'typeorm';
import { type Database } from '../core/database/database';
import { AppraisalForm, AppraisalStatus, PlanApproach, TransitionAction } from '../modules/appraisal/appraisal-enums';
import { PositionKind } from '../modules/employee/employee-enums';
import { EvaluationCadence, PeriodStatus } from '../modules/period/period-enums';
import { CoreValue } from '../modules/work-plan/core-values';
import { Perspective, WorkResultKind } from '../modules/work-plan/work-plan-enums';
import { UnitKind } from '../modules/unit/unit-kind';
import { ADDITIONAL_RESULT, GENERIC_RESULTS, JPT_RESULTS, type ResultTemplate, STAFF_RESULTS } from './plan-templates';
import { Random } from './random';
import { type PlannedEmployee, type PlannedUnit, type RegionPlan } from './region-plan';
import { type SeedProgress, TRANSITION_COLUMNS } from './seed-writer';
import { type BulkWriter, bulkTransaction } from './bulk-writer';

const EMPLOYEES_PER_FLUSH = 2000;

const EXPECTATIONS: Partial<Record<UnitKind, string>> = {
  [UnitKind.HEALTH_CENTRE]: 'Aktif berkoordinasi dengan kader posyandu dan lintas program dalam sweeping imunisasi.',
  [UnitKind.SCHOOL]: 'Berbagi praktik baik Kurikulum Merdeka dalam KKG dan membantu guru baru menyusun modul ajar.',
  [UnitKind.DISTRICT_OFFICE]: 'Bekerja sama dengan kepala kampung agar permohonan warga lengkap sejak awal.',
};

const displayName = (e: PlannedEmployee) => {
  const core = e.titlePrefix ? `${e.titlePrefix} ${e.name}` : e.name;
  return e.titleSuffix ? `${core}, ${e.titleSuffix}` : core;
};

/** A day of the year as a UTC instant at 01:00 WIT-morning (00:00 UTC is 09:00 WIT). */
const day = (year: number, month: number, dayOfMonth: number) =>
  new Date(Date.UTC(year, month - 1, dayOfMonth, 1, 0, 0));

interface Buffers {
  appraisals: unknown[][];
  rhks: unknown[][];
  indicators: unknown[][];
  transitions: unknown[][];
  expectations: unknown[][];
}

const emptyBuffers = (): Buffers => ({ appraisals: [], rhks: [], indicators: [], transitions: [], expectations: [] });

async function flush(w: BulkWriter, b: Buffers): Promise<void> {
  await w.insert(
    'appraisal',
    [
      'id',
      'employee_id',
      'period_id',
      'open_period_id',
      'status',
      'form',
      'approach',
      'start_date',
      'end_date',
      'position_title',
      'position_kind',
      'grade',
      'unit_id',
      'appraiser_employee_id',
      'appraiser_external_id',
      'appraiser_name',
      'appraiser_position_title',
      'appraiser_supervisor_employee_id',
      'appraiser_supervisor_external_id',
      'appraiser_supervisor_name',
      'appraiser_supervisor_position_title',
      'resource_support',
      'accountability_scheme',
      'consequences',
      'submitted_at',
      'approved_at',
      'approved_late',
      'closed_at',
      'version',
      'created_at',
      'updated_at',
    ],
    b.appraisals,
  );
  await w.insert(
    'work_result_plan',
    ['id', 'appraisal_id', 'kind', 'position', 'text', 'supports_id', 'created_at', 'updated_at'],
    b.rhks,
  );
  await w.insert(
    'indicator',
    [
      'id',
      'work_result_plan_id',
      'position',
      'text',
      'aspect',
      'target_value',
      'target_unit',
      'target_text',
      'perspective',
      'created_at',
      'updated_at',
    ],
    b.indicators,
  );
  await w.insert('appraisal_transition', TRANSITION_COLUMNS, b.transitions);
  await w.insert(
    'behavior_expectation',
    ['appraisal_id', 'core_value', 'expectation', 'author_subject', 'created_at', 'updated_at'],
    b.expectations,
  );
}

/** The performance year the plans are written into. */
export interface SeededPeriod {
  id: number;
  year: number;
  status: PeriodStatus;
  cadence: EvaluationCadence;
  /** A year written to be rated to its end: every plan was approved in it. */
  allApproved: boolean;
}

/**
 * A year of plans for the whole region: every employee has a plan, cascaded from their supervisor's (two main RHK
 * supporting the supervisor's, one additional; five indicators), most approved in January (some after the
 * deadline, flagged late), a few submitted, returned or still draft; or, in a year to be rated to its end, every
 * plan approved. Plan ids follow the ids already taken. Deterministic.
 */
export async function writePlans(
  db: Database,
  region: RegionPlan,
  period: SeededPeriod,
  onProgress?: (p: SeedProgress) => void,
): Promise<{ appraisals: number; firstAppraisalId: number }> {
  const year = period.year;
  const random = new Random(year * 7919);
  const employees = new Map(region.employees.map((e) => [e.id, e]));
  const officials = new Map(region.officials.map((o) => [o.id, o]));
  const units = new Map(region.units.map((u) => [u.id, u]));
  const heads = new Set(region.units.map((u) => u.headId).filter((id): id is number => id !== null));
  const templateKind = (unit: PlannedUnit): UnitKind | undefined => {
    for (let at: PlannedUnit | undefined = unit; at; at = at.parentId === null ? undefined : units.get(at.parentId)) {
      if (STAFF_RESULTS[at.kind]) return at.kind;
    }
    return undefined;
  };
  const created = new Date(Date.UTC(year, 0, 2, 1));
  const now = created;
  const { allApproved } = period;
  let firstAppraisalId = 0;

  await bulkTransaction(db, async (w) => {
    // Ids after those taken: a previous year written first keeps the lower ids, as it would have in use.
    const taken = await maxIds(w.em);
    firstAppraisalId = taken.appraisal + 1;
    await w.insert(
      'performance_period',
      [
        'id',
        'year',
        'cadence',
        'status',
        'start_date',
        'end_date',
        'planning_deadline',
        'periodic_evaluation_days',
        'annual_evaluation_deadline',
        'version',
        'created_at',
        'updated_at',
      ],
      [
        [
          period.id,
          year,
          period.cadence,
          period.status,
          `${year}-01-01`,
          `${year}-12-31`,
          `${year}-01-31`,
          10,
          `${year + 1}-01-31`,
          1,
          now,
          now,
        ],
      ],
    );
    const mainRhks = new Map<number, number[]>();
    let buffers = emptyBuffers();
    let rhkId = taken.rhk;
    let indicatorId = taken.indicator;
    let done = 0;
    for (const employee of region.employees) {
      const unit = units.get(employee.unitId)!;
      const appraisalId = taken.appraisal + employee.id;
      const supervisor = employee.supervisorId === null ? undefined : employees.get(employee.supervisorId);
      const external =
        employee.externalSupervisorId === null ? undefined : officials.get(employee.externalSupervisorId);
      const second = supervisor?.supervisorId != null ? employees.get(supervisor.supervisorId) : undefined;
      const secondExternal =
        supervisor?.externalSupervisorId != null ? officials.get(supervisor.externalSupervisorId) : undefined;
      const jpt = employee.positionKind === PositionKind.JPT;

      const roll = random.next();
      const status =
        allApproved || roll < 0.92
          ? AppraisalStatus.APPROVED
          : roll < 0.96
            ? AppraisalStatus.SUBMITTED
            : roll < 0.98
              ? AppraisalStatus.RETURNED
              : AppraisalStatus.DRAFT;
      const submittedAt = status === AppraisalStatus.DRAFT ? null : day(year, 1, random.int(3, 20));
      // Approved 1 to 25 days after submission: about one in five after the 31 January deadline (late).
      const approvedAt =
        status === AppraisalStatus.APPROVED ? new Date(submittedAt!.getTime() + random.int(1, 25) * 86_400_000) : null;
      const approvedLate = approvedAt !== null && approvedAt.getUTCMonth() > 0;
      const transitions: Array<[TransitionAction, AppraisalStatus, AppraisalStatus, Date, boolean, string | null]> = [];
      if (submittedAt)
        transitions.push([
          TransitionAction.SUBMIT,
          AppraisalStatus.DRAFT,
          AppraisalStatus.SUBMITTED,
          submittedAt,
          false,
          null,
        ]);
      if (status === AppraisalStatus.APPROVED)
        transitions.push([
          TransitionAction.APPROVE,
          AppraisalStatus.SUBMITTED,
          AppraisalStatus.APPROVED,
          approvedAt!,
          true,
          null,
        ]);
      if (status === AppraisalStatus.RETURNED) {
        transitions.push([
          TransitionAction.RETURN,
          AppraisalStatus.SUBMITTED,
          AppraisalStatus.RETURNED,
          day(year, 2, random.int(1, 10)),
          true,
          'Target IKI belum selaras dengan RHK atasan; mohon disesuaikan.',
        ]);
      }
      buffers.appraisals.push([
        appraisalId,
        employee.id,
        period.id,
        period.id,
        status,
        jpt ? AppraisalForm.JPT : AppraisalForm.JA_JF,
        PlanApproach.QUANTITATIVE,
        `${year}-01-01`,
        `${year}-12-31`,
        employee.positionTitle,
        employee.positionKind,
        employee.grade,
        employee.unitId,
        supervisor?.id ?? null,
        supervisor ? null : (external?.id ?? null),
        supervisor ? displayName(supervisor) : (external?.name ?? null),
        supervisor ? supervisor.positionTitle : (external?.positionTitle ?? null),
        second?.id ?? null,
        second ? null : (secondExternal?.id ?? null),
        second ? displayName(second) : (secondExternal?.name ?? null),
        second ? second.positionTitle : (secondExternal?.positionTitle ?? null),
        'Anggaran dan sarana sesuai DPA unit kerja.',
        'Laporan bulanan kepada atasan langsung.',
        'Hasil penilaian menjadi dasar pemberian TPP dan pengembangan kompetensi.',
        submittedAt,
        approvedAt,
        approvedLate,
        null,
        9 + transitions.length,
        created,
        approvedAt ?? submittedAt ?? created,
      ]);
      for (const [action, from, to, at, byAppraiser, reason] of transitions) {
        const actorNip = byAppraiser ? (supervisor?.nip ?? 'bkpsdm-portal') : employee.nip;
        buffers.transitions.push([
          appraisalId,
          action,
          from,
          to,
          byAppraiser && !supervisor ? 'client' : 'employee',
          byAppraiser ? (supervisor?.id ?? null) : employee.id,
          actorNip,
          reason,
          at,
        ]);
      }

      const kind = templateKind(unit);
      const results: ResultTemplate[] = jpt
        ? (JPT_RESULTS[unit.code] ?? GENERIC_RESULTS)
        : kind
          ? heads.has(employee.id)
            ? STAFF_RESULTS[kind]!.head
            : STAFF_RESULTS[kind]!.staff
          : GENERIC_RESULTS;
      const parents = supervisor && !jpt ? (mainRhks.get(supervisor.id) ?? []) : [];
      const mine: number[] = [];
      const fill = (text: string) => text.replace('{unit}', unit.name).replace('{position}', employee.positionTitle);
      const addResult = (
        template: ResultTemplate,
        rhkKind: WorkResultKind,
        position: number,
        supportsId: number | null,
      ) => {
        rhkId += 1;
        buffers.rhks.push([rhkId, appraisalId, rhkKind, position, fill(template.text), supportsId, created, created]);
        template.indicators.forEach((t, i) => {
          indicatorId += 1;
          const target = t.target[0] === t.target[1] ? t.target[0] : random.int(t.target[0], t.target[1]);
          buffers.indicators.push([
            indicatorId,
            rhkId,
            i + 1,
            t.text,
            t.aspect,
            target,
            t.unit,
            null,
            jpt ? (t.perspective ?? Perspective.PROSES_BISNIS) : null,
            created,
            created,
          ]);
        });
        return rhkId;
      };
      results
        .slice(0, 2)
        .forEach((template, i) =>
          mine.push(
            addResult(template, WorkResultKind.MAIN, i + 1, parents.length ? parents[i % parents.length]! : null),
          ),
        );
      addResult(ADDITIONAL_RESULT, WorkResultKind.ADDITIONAL, 1, null);
      mainRhks.set(employee.id, mine);
      if (supervisor && random.chance(0.3)) {
        const text =
          (kind && EXPECTATIONS[kind]) ?? 'Aktif berkolaborasi dengan rekan kerja dan unit lain untuk tujuan bersama.';
        buffers.expectations.push([appraisalId, CoreValue.KOLABORATIF, text, supervisor.nip, created, created]);
      }
      done += 1;
      if (done % EMPLOYEES_PER_FLUSH === 0 || done === region.employees.length) {
        await flush(w, buffers);
        buffers = emptyBuffers();
        onProgress?.({ phase: 'plans (SKP)', done, total: region.employees.length });
      }
    }
  });
  return { appraisals: region.employees.length, firstAppraisalId };
}

async function maxIds(em: EntityManager): Promise<{ appraisal: number; rhk: number; indicator: number }> {
  const max = async (table: string) =>
    Number(((await em.query(`SELECT MAX(id) AS n FROM ${table}`)) as Array<{ n: number | string | null }>)[0]?.n ?? 0);
  return { appraisal: await max('appraisal'), rhk: await max('work_result_plan'), indicator: await max('indicator') };
}
