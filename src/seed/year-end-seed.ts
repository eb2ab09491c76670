import { type EntityManager } from 'typeorm';
import { type Database } from '../core/database/database';
import { AppraisalStatus, TransitionAction } from '../modules/appraisal/appraisal-enums';
import { AuditAction } from '../modules/audit/audit-action';
import { PositionKind } from '../modules/employee/employee-enums';
import { ANNUAL_SUB_PERIOD } from '../modules/evaluation/evaluation.entity';
import { curveViolations } from '../modules/evaluation/distribution-curve';
import {
  EvaluationKind,
  ExpectationRating,
  OrganisationRating,
  Predikat,
} from '../modules/evaluation/evaluation-enums';
import { ObjectionStatus } from '../modules/evaluation/objection.entity';
import { creditPoints, functionalCoefficient, predikatOf } from '../modules/evaluation/predikat';
import { achievement, isRate, resultOfRhk, suggestResultRating } from '../modules/evaluation/result-suggestion';
import { PeriodStatus } from '../modules/period/period-enums';
import { WorkResultKind } from '../modules/work-plan/work-plan-enums';
import { Random } from './random';
import { type PlannedEmployee, type RegionPlan } from './region-plan';
import { type SeedProgress, TRANSITION_COLUMNS } from './seed-writer';
import { bulkTransaction } from './bulk-writer';
import { type RatingPair, spreadRatings, unitRatingFor } from './year-end-spread';

/** The HR client that records what an external official (the Bupati) decides, as elsewhere in the seed. */
const HR_CLIENT = 'bkpsdm-portal';
const PLANS_PER_CHUNK = 2000;
const EVALUATIONS_PER_FLUSH = 10_000;
const QUARTERS = [1, 2, 3, 4];

/** An instant on a day of the year after the rated one, at 10:00 WIT plus `hour` hours. */
const on = (year: number, month: number, day: number, hour = 0) =>
  new Date(Date.UTC(year, month - 1, day, 1 + hour, 0, 0));
const plusDays = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000);

interface Actor {
  kind: 'employee' | 'client';
  employeeId: number | null;
  subject: string;
}

const OBJECTION_REASONS = [
  'Realisasi triwulan IV belum diperhitungkan; bukti dukung sudah diunggah pada 5 Januari.',
  'Target IKI diubah di tengah tahun tanpa penyesuaian pada SKP; mohon ditinjau kembali.',
  'Penilaian perilaku tidak disertai catatan atau umpan balik selama tahun berjalan.',
];
const ACCEPT_REASONS = [
  'Bukti dukung triwulan IV lengkap dan memenuhi target; rating diubah.',
  'Catatan perilaku tidak didukung umpan balik selama tahun berjalan; rating diubah.',
];
const REJECT_REASONS = [
  'Capaian tahunan tetap di bawah target meskipun realisasi triwulan IV diperhitungkan.',
  'Penilaian perilaku didukung catatan umpan balik yang cukup; keberatan ditolak.',
];

/** Rows to insert, table by table. */
interface Rows {
  evaluations: unknown[][];
  transitions: unknown[][];
  audits: unknown[][];
}

/**
 * The end of a year whose plans were all approved and followed through (`docs/domain.md`, The cycle; the demo's
 * previous year): each month or quarter rated, HR's rating of every unit, the annual rating of everyone within
 * their unit's distribution curve (a head's result following the unit's rating), delivery by HR's finalization,
 * objections filed within the window and decided by the appraiser's supervisor (an accepted one a new evaluation
 * superseding the appraiser's), the year closed with some still pending. Versions and the workflow history as the
 * services leave them; audit rows for the decisions of people (unit ratings, finalization, objections, the year's
 * moves), not for each of the bulk rows (as for the rest of the seed: ORGANISATION_SEEDED). Deterministic.
 */
export async function writeYearEnd(
  db: Database,
  region: RegionPlan,
  period: { id: number; year: number },
  firstAppraisalId: number,
  onProgress?: (p: SeedProgress) => void,
): Promise<{ evaluations: number; objections: number }> {
  const random = new Random(period.year * 6151);
  const next = period.year + 1;
  const employees = new Map(region.employees.map((e) => [e.id, e]));
  const planOf = (e: PlannedEmployee) => firstAppraisalId + e.id - 1;
  const hrAdmin = region.employees.find((e) => e.nip === region.landmarks.hrAdmin)!;
  const hr: Actor = { kind: 'employee', employeeId: hrAdmin.id, subject: hrAdmin.nip };
  const asEmployee = (e: PlannedEmployee): Actor => ({ kind: 'employee', employeeId: e.id, subject: e.nip });
  const appraiserOf = (e: PlannedEmployee): Actor => {
    const s = e.supervisorId === null ? undefined : employees.get(e.supervisorId);
    return s ? asEmployee(s) : { kind: 'client', employeeId: null, subject: HR_CLIENT };
  };
  /** Who decides an objection: the appraiser's supervisor of the snapshot, HR for the Bupati; none without an appraiser in the tree. */
  const deciderOf = (e: PlannedEmployee): Actor | undefined => {
    const s = e.supervisorId === null ? undefined : employees.get(e.supervisorId);
    if (!s) return undefined;
    const second = s.supervisorId === null ? undefined : employees.get(s.supervisorId);
    return second ? asEmployee(second) : { kind: 'client', employeeId: null, subject: HR_CLIENT };
  };
  const nurseId = region.employees.find((e) => e.nip === region.landmarks.nurseAtPuskesmasWalesi)?.id;

  let evaluationId = 0;
  let objectionId = 0;
  let unitRatingId = 0;
  let objections = 0;
  let evaluations = 0;
  await bulkTransaction(db, async (w) => {
    const em = w.em;
    evaluationId = await maxId(em, 'evaluation');
    objectionId = await maxId(em, 'objection');
    unitRatingId = await maxId(em, 'unit_rating');
    const suggestions = await suggestionsOf(em, firstAppraisalId, firstAppraisalId + region.employees.length - 1);
    const audit = (
      rows: Rows,
      at: Date,
      actor: Actor,
      action: AuditAction,
      type: string,
      id: number,
      before: object | null,
      after: object | null,
    ) =>
      rows.audits.push([
        at,
        actor.kind,
        actor.employeeId,
        actor.subject,
        action,
        type,
        id,
        before ? JSON.stringify(before) : null,
        after ? JSON.stringify(after) : null,
        null,
      ]);
    const rows: Rows = { evaluations: [], transitions: [], audits: [] };

    // The year moves to EVALUATING on 2 January, moved by the region-wide HR admin, as the rest of the year-end.
    const evaluatingAt = on(next, 1, 2);
    const closedAt = on(next, 2, 27);
    const periodSnapshot = (status: PeriodStatus, version: number, at: Date) => ({
      id: period.id,
      year: period.year,
      status,
      version,
      updatedAt: at,
    });
    audit(
      rows,
      evaluatingAt,
      hr,
      AuditAction.PERIOD_STATUS_CHANGED,
      'PerformancePeriod',
      period.id,
      periodSnapshot(PeriodStatus.RUNNING, 1, on(period.year, 1, 2)),
      periodSnapshot(PeriodStatus.EVALUATING, 2, evaluatingAt),
    );
    audit(
      rows,
      closedAt,
      hr,
      AuditAction.PERIOD_STATUS_CHANGED,
      'PerformancePeriod',
      period.id,
      periodSnapshot(PeriodStatus.EVALUATING, 2, evaluatingAt),
      periodSnapshot(PeriodStatus.CLOSED, 3, closedAt),
    );

    const staffOf = new Map<number, PlannedEmployee[]>();
    for (const e of region.employees) {
      const staff = staffOf.get(e.unitId);
      if (staff) staff.push(e);
      else staffOf.set(e.unitId, [e]);
    }
    const unitRatings: unknown[][] = [];
    const objectionRows: unknown[][] = [];
    const decidedRows: unknown[][] = [];
    const planUpdates: Array<{ ids: number[]; version: number; deliveredAt: Date; updatedAt: Date }> = [];
    // Everything built so far, in an order the foreign keys accept (SQLite checks them row by row).
    const flush = async () => {
      await w.insert(
        'unit_rating',
        [
          'id',
          'unit_id',
          'period_id',
          'rating',
          'finalized_at',
          'override_justification',
          'set_by_subject',
          'version',
          'created_at',
          'updated_at',
        ],
        unitRatings,
      );
      await w.insert(
        'objection',
        [
          'id',
          'appraisal_id',
          'reason',
          'filed_at',
          'status',
          'original_result_rating',
          'original_behavior_rating',
          'original_predikat',
          'decided_result_rating',
          'decided_behavior_rating',
          'decided_predikat',
          'decision_reason',
          'decided_by_subject',
          'decided_at',
          'version',
          'created_at',
          'updated_at',
        ],
        objectionRows,
      );
      // The decided evaluations first: the ones they supersede point at them.
      await w.insert('evaluation', EVALUATION_COLUMNS, decidedRows);
      await w.insert('evaluation', EVALUATION_COLUMNS, rows.evaluations);
      await w.insert('appraisal_transition', TRANSITION_COLUMNS, rows.transitions);
      for (const u of planUpdates) {
        for (let i = 0; i < u.ids.length; i += 500) {
          const ids = u.ids.slice(i, i + 500);
          await w.send(
            `UPDATE appraisal SET status = ?, delivered_at = ?, version = ?, updated_at = ? WHERE id IN (${ids.map(() => '?').join(', ')})`,
            [AppraisalStatus.FINAL, w.stamp(u.deliveredAt), u.version, w.stamp(u.updatedAt), ...ids],
          );
        }
      }
      await w.insert(
        'audit_entry',
        [
          'occurred_at',
          'actor_kind',
          'actor_employee_id',
          'actor_subject',
          'action',
          'entity_type',
          'entity_id',
          'before',
          'after',
          'request_id',
        ],
        rows.audits,
      );
      evaluations += rows.evaluations.length + decidedRows.length;
      for (const buffer of [unitRatings, objectionRows, decidedRows, rows.evaluations, rows.transitions, rows.audits])
        buffer.length = 0;
      planUpdates.length = 0;
    };
    let done = 0;
    for (const unit of region.units) {
      const staff = staffOf.get(unit.id) ?? [];
      if (staff.length === 0) continue;
      const head = staff.find((e) => e.id === unit.headId);
      const members = head ? [head, ...staff.filter((e) => e !== head)] : staff;
      const rating: OrganisationRating =
        unit.code === 'JWY-PKM-WALESI' ? OrganisationRating.BAIK : unitRatingFor(members.length, random);
      const wanting = new Set(members.flatMap((e, i) => (e.id === nurseId ? [i] : [])));
      const pairs = spreadRatings(rating, members.length, head !== undefined, random, wanting);
      // The predikat in force, as objections are decided: an accepted one may not take the unit out of its curve.
      const inForce = Object.fromEntries(Object.values(Predikat).map((p) => [p, 0])) as Record<Predikat, number>;
      for (const pair of pairs) inForce[predikatOf(pair.result, pair.behavior)] += 1;

      // HR sets the unit's rating on 5 January, then finalizes (delivers) between the 16th and the 24th.
      const setAt = on(next, 1, 5, random.int(0, 6));
      const deliveredAt = on(next, 1, random.int(16, 24), random.int(0, 6));
      unitRatingId += 1;
      const ratingRow = { id: unitRatingId, unitId: unit.id, periodId: period.id, rating, setBySubject: hr.subject };
      unitRatings.push([
        unitRatingId,
        unit.id,
        period.id,
        rating,
        deliveredAt,
        null,
        hr.subject,
        2,
        setAt,
        deliveredAt,
      ]);
      audit(rows, setAt, hr, AuditAction.UNIT_RATING_SET, 'UnitRating', unitRatingId, null, {
        ...ratingRow,
        finalizedAt: null,
        overrideJustification: null,
        version: 1,
        createdAt: setAt,
        updatedAt: setAt,
      });
      audit(
        rows,
        deliveredAt,
        hr,
        AuditAction.UNIT_EVALUATIONS_FINALIZED,
        'UnitRating',
        unitRatingId,
        { ...ratingRow, finalizedAt: null, version: 1, updatedAt: setAt },
        {
          ...ratingRow,
          finalizedAt: deliveredAt,
          overrideJustification: null,
          version: 2,
          updatedAt: deliveredAt,
          finalized: members.length,
          violations: [],
        },
      );

      const quiet: number[] = [];
      members.forEach((employee, i) => {
        const planId = planOf(employee);
        const pair = pairs[i]!;
        const appraiser = appraiserOf(employee);
        const suggested = suggestions.get(planId);
        const isHead = employee === head;
        // Each quarter rated within ten days after it ends: mostly as the year turns out, now and then one step off.
        for (const q of QUARTERS) {
          const quarterly: RatingPair = random.chance(0.8)
            ? pair
            : { result: random.pick(RESULTS), behavior: pair.behavior };
          const at = q === 4 ? on(next, 1, random.int(3, 9)) : on(period.year, q * 3 + 1, random.int(1, 10));
          evaluationId += 1;
          rows.evaluations.push(
            evaluationRow(
              evaluationId,
              planId,
              EvaluationKind.PERIODIC,
              q,
              quarterly,
              null,
              suggested?.quarters[q - 1] ?? null,
              null,
              null,
              appraiser,
              at,
              1,
              at,
              null,
              null,
            ),
          );
        }
        // The annual rating, after the unit's (a head's result follows it), before delivery.
        const ratedAt = on(next, 1, random.int(6, 15), random.int(0, 6));
        const predikat = predikatOf(pair.result, pair.behavior);
        const coefficient =
          employee.positionKind === PositionKind.FUNGSIONAL ? functionalCoefficient(employee.positionTitle) : undefined;
        const points = (p: Predikat) => (coefficient === undefined ? null : creditPoints(p, coefficient));
        const annualId = ++evaluationId;
        rows.transitions.push(
          [
            planId,
            TransitionAction.EVALUATE,
            AppraisalStatus.APPROVED,
            AppraisalStatus.EVALUATED,
            appraiser.kind,
            appraiser.employeeId,
            appraiser.subject,
            null,
            ratedAt,
          ],
          [
            planId,
            TransitionAction.FINALIZE,
            AppraisalStatus.EVALUATED,
            AppraisalStatus.FINAL,
            hr.kind,
            hr.employeeId,
            hr.subject,
            null,
            deliveredAt,
          ],
        );
        // Approved plans carry version 11 (plan-seed); each rating, the evaluation and the delivery add one.
        const version = 11 + QUARTERS.length + 2;
        const decider = deciderOf(employee);
        const below = predikat === Predikat.BUTUH_PERBAIKAN || predikat === Predikat.KURANG_MISCONDUCT;
        const objects = !isHead && decider !== undefined && below && (employee.id === nurseId || random.chance(0.4));
        if (!objects) {
          rows.evaluations.push(
            evaluationRow(
              annualId,
              planId,
              EvaluationKind.ANNUAL,
              ANNUAL_SUB_PERIOD,
              pair,
              justification(pair),
              suggested?.year ?? null,
              isHead ? rating : null,
              points(predikat),
              appraiser,
              ratedAt,
              1,
              ratedAt,
              null,
              null,
            ),
          );
          quiet.push(planId);
          return;
        }
        // An objection within the 14 days, decided (final) a few days later, or still pending when the year closed.
        const filedAt = plusDays(deliveredAt, random.int(2, 12));
        const roll = employee.id === nurseId ? 0 : random.next();
        const decided: RatingPair = {
          result: ExpectationRating.SESUAI_EKSPEKTASI,
          behavior: ExpectationRating.SESUAI_EKSPEKTASI,
        };
        const decidedPredikat = predikatOf(decided.result, decided.behavior);
        const fits =
          curveViolations(rating, {
            ...inForce,
            [predikat]: inForce[predikat] - 1,
            [decidedPredikat]: inForce[decidedPredikat] + 1,
          }).length === 0;
        const status =
          roll < 0.4 && fits
            ? ObjectionStatus.ACCEPTED
            : roll < 0.8
              ? ObjectionStatus.REJECTED
              : ObjectionStatus.PENDING;
        if (status === ObjectionStatus.ACCEPTED) {
          inForce[predikat] -= 1;
          inForce[decidedPredikat] += 1;
        }
        const decidedAt = status === ObjectionStatus.PENDING ? null : plusDays(filedAt, random.int(2, 6));
        const decisionReason =
          status === ObjectionStatus.ACCEPTED
            ? random.pick(ACCEPT_REASONS)
            : status === ObjectionStatus.REJECTED
              ? random.pick(REJECT_REASONS)
              : null;
        objectionId += 1;
        objections += 1;
        const reason = random.pick(OBJECTION_REASONS);
        const filed = {
          id: objectionId,
          appraisalId: planId,
          reason,
          filedAt,
          status: ObjectionStatus.PENDING,
          originalResultRating: pair.result,
          originalBehaviorRating: pair.behavior,
          originalPredikat: predikat,
          decidedResultRating: null,
          decidedBehaviorRating: null,
          decidedPredikat: null,
          decisionReason: null,
          decidedBySubject: null,
          decidedAt: null,
          version: 1,
          createdAt: filedAt,
          updatedAt: filedAt,
        };
        const accepted = status === ObjectionStatus.ACCEPTED;
        const after = decidedAt
          ? {
              ...filed,
              status,
              decidedResultRating: accepted ? decided.result : null,
              decidedBehaviorRating: accepted ? decided.behavior : null,
              decidedPredikat: accepted ? decidedPredikat : null,
              decisionReason,
              decidedBySubject: decider!.subject,
              decidedAt,
              version: 2,
              updatedAt: decidedAt,
            }
          : filed;
        objectionRows.push([
          after.id,
          planId,
          reason,
          filedAt,
          after.status,
          pair.result,
          pair.behavior,
          predikat,
          after.decidedResultRating,
          after.decidedBehaviorRating,
          after.decidedPredikat,
          after.decisionReason,
          after.decidedBySubject,
          after.decidedAt,
          after.version,
          filedAt,
          after.updatedAt,
        ]);
        audit(rows, filedAt, asEmployee(employee), AuditAction.OBJECTION_FILED, 'Objection', objectionId, null, filed);
        if (decidedAt)
          audit(rows, decidedAt, decider!, AuditAction.OBJECTION_DECIDED, 'Objection', objectionId, filed, after);
        const original = evaluationRow(
          annualId,
          planId,
          EvaluationKind.ANNUAL,
          ANNUAL_SUB_PERIOD,
          pair,
          justification(pair),
          suggested?.year ?? null,
          null,
          points(predikat),
          appraiser,
          ratedAt,
          1,
          ratedAt,
          null,
          null,
        );
        if (accepted) {
          const decidedId = ++evaluationId;
          decidedRows.push(
            evaluationRow(
              decidedId,
              planId,
              EvaluationKind.ANNUAL,
              ANNUAL_SUB_PERIOD,
              decided,
              decisionReason,
              suggested?.year ?? null,
              null,
              points(decidedPredikat),
              decider!,
              decidedAt!,
              1,
              decidedAt!,
              null,
              objectionId,
            ),
          );
          // The appraiser's evaluation leaves the slot, linked to its successor.
          rows.evaluations.push(
            evaluationRow(
              annualId,
              planId,
              EvaluationKind.ANNUAL,
              null,
              pair,
              justification(pair),
              suggested?.year ?? null,
              null,
              points(predikat),
              appraiser,
              ratedAt,
              2,
              decidedAt!,
              decidedId,
              null,
            ),
          );
          audit(rows, decidedAt!, decider!, AuditAction.EVALUATION_RECORDED, 'Evaluation', decidedId, null, {
            ...snapshotOf(decidedRows.at(-1)!),
            byObjection: objectionId,
            supersedes: annualId,
          });
          audit(
            rows,
            decidedAt!,
            decider!,
            AuditAction.EVALUATION_SUPERSEDED,
            'Evaluation',
            annualId,
            snapshotOf(original),
            { ...snapshotOf(rows.evaluations.at(-1)!), byObjection: objectionId },
          );
        } else {
          rows.evaluations.push(original);
        }
        planUpdates.push({
          ids: [planId],
          version: version + (decidedAt ? 2 : 1),
          deliveredAt,
          updatedAt: decidedAt ?? filedAt,
        });
      });
      if (quiet.length)
        planUpdates.push({ ids: quiet, version: 11 + QUARTERS.length + 2, deliveredAt, updatedAt: deliveredAt });
      done += members.length;
      // Written a few units at a time, whole units, in the order built: the same rows and ids as all at once.
      if (rows.evaluations.length >= EVALUATIONS_PER_FLUSH) await flush();
      onProgress?.({ phase: 'previous year: ratings and delivery', done, total: region.employees.length });
    }
    await flush();
    await w.send('UPDATE performance_period SET status = ?, version = ?, updated_at = ? WHERE id = ?', [
      PeriodStatus.CLOSED,
      3,
      w.stamp(closedAt),
      period.id,
    ]);
  });
  return { evaluations, objections };
}

const RESULTS = Object.values(ExpectationRating);

const EVALUATION_COLUMNS = [
  'id',
  'appraisal_id',
  'kind',
  'sub_period',
  'result_rating',
  'behavior_rating',
  'predikat',
  'result_justification',
  'suggested_result_rating',
  'unit_rating',
  'credit_points',
  'rated_by_employee_id',
  'rated_by_subject',
  'rated_at',
  'version',
  'created_at',
  'updated_at',
  'superseded_by_id',
  'objection_id',
];

function evaluationRow(
  id: number,
  appraisalId: number,
  kind: EvaluationKind,
  subPeriod: number | null,
  pair: RatingPair,
  justificationText: string | null,
  suggested: ExpectationRating | null,
  unitRating: OrganisationRating | null,
  points: number | null,
  by: Actor,
  ratedAt: Date,
  version: number,
  updatedAt: Date,
  supersededById: number | null,
  objectionId: number | null,
): unknown[] {
  return [
    id,
    appraisalId,
    kind,
    subPeriod,
    pair.result,
    pair.behavior,
    predikatOf(pair.result, pair.behavior),
    justificationText,
    suggested,
    unitRating,
    points,
    by.employeeId,
    by.subject,
    ratedAt,
    version,
    ratedAt,
    updatedAt,
    supersededById,
    objectionId,
  ];
}

/** An evaluation row as the services' audit snapshot shows it (entity property names). */
function snapshotOf(row: unknown[]): Record<string, unknown> {
  const names = [
    'id',
    'appraisalId',
    'kind',
    'subPeriod',
    'resultRating',
    'behaviorRating',
    'predikat',
    'resultJustification',
    'suggestedResultRating',
    'unitRating',
    'creditPoints',
    'ratedByEmployeeId',
    'ratedBySubject',
    'ratedAt',
    'version',
    'createdAt',
    'updatedAt',
    'supersededById',
    'objectionId',
  ];
  return Object.fromEntries(names.map((n, i) => [n, row[i]]));
}

const JUSTIFICATIONS: Partial<Record<ExpectationRating, string>> = {
  DI_ATAS_EKSPEKTASI: 'Seluruh RHK utama melampaui target dengan bukti dukung lengkap.',
  DI_BAWAH_EKSPEKTASI: 'Sebagian besar IKI di bawah target sepanjang tahun.',
};
const justification = (pair: RatingPair) => JUSTIFICATIONS[pair.result] ?? null;

async function maxId(em: EntityManager, table: string): Promise<number> {
  const [{ n }] = (await em.query(`SELECT MAX(id) AS n FROM ${em.connection.driver.escape(table)}`)) as Array<{
    n: number | string | null;
  }>;
  return Number(n ?? 0);
}

interface Suggested {
  year: ExpectationRating | null;
  quarters: Array<ExpectationRating | null>;
}

/**
 * What the realizations suggested for each plan, for the year and each quarter, as `EvaluationService.suggestion`
 * computes it when the appraiser rates (`docs/domain.md`, Result rating and its suggestion). Read in chunks.
 */
async function suggestionsOf(em: EntityManager, firstId: number, lastId: number): Promise<Map<number, Suggested>> {
  const out = new Map<number, Suggested>();
  for (let from = firstId; from <= lastId; from += PLANS_PER_CHUNK) {
    const rows = (await em.query(
      `SELECT w.appraisal_id AS plan, w.id AS rhk, w.kind AS kind, i.id AS indicator, i.target_value AS target, i.target_unit AS unit,
              r.sub_period AS sp, r.value AS value
         FROM work_result_plan w JOIN indicator i ON i.work_result_plan_id = w.id
         LEFT JOIN realization r ON r.indicator_id = i.id
        WHERE w.appraisal_id BETWEEN ? AND ? ORDER BY w.appraisal_id, w.id, i.id`,
      [from, Math.min(lastId, from + PLANS_PER_CHUNK - 1)],
    )) as Array<{
      plan: number | string;
      rhk: number | string;
      kind: string;
      indicator: number | string;
      target: number | string | null;
      unit: string | null;
      sp: number | string | null;
      value: number | string | null;
    }>;
    const plans = new Map<
      number,
      Map<
        number,
        {
          main: boolean;
          indicators: Map<
            number,
            { target: number | null; unit: string | null; values: Array<{ subPeriod: number; value: number | null }> }
          >;
        }
      >
    >();
    for (const r of rows) {
      const plan = plans.get(Number(r.plan)) ?? new Map();
      plans.set(Number(r.plan), plan);
      const rhk = plan.get(Number(r.rhk)) ?? { main: r.kind === WorkResultKind.MAIN, indicators: new Map() };
      plan.set(Number(r.rhk), rhk);
      const indicator = rhk.indicators.get(Number(r.indicator)) ?? {
        target: r.target === null ? null : Number(r.target),
        unit: r.unit,
        values: [],
      };
      rhk.indicators.set(Number(r.indicator), indicator);
      if (r.sp !== null)
        indicator.values.push({ subPeriod: Number(r.sp), value: r.value === null ? null : Number(r.value) });
    }
    for (const [planId, rhks] of plans) {
      const suggest = (quarter: number | null) =>
        suggestResultRating(
          [...rhks.values()].map((rhk) => ({
            main: rhk.main,
            rating: resultOfRhk(
              [...rhk.indicators.values()].map((i) => {
                const values = i.values.filter((v) => quarter === null || v.subPeriod === quarter);
                // In one quarter a count is held against its share of the year's target (as the service does).
                const target = quarter !== null && i.target !== null && !isRate(i.unit) ? i.target / 4 : i.target;
                return achievement(target, i.unit, values);
              }),
            ),
          })),
        );
      out.set(planId, { year: suggest(null), quarters: QUARTERS.map((q) => suggest(q)) });
    }
  }
  return out;
}
