import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { type GraphQLResponse } from '../support/test-app';
import { dbId, type Payload, PLANNING_TABLES, Planning, type PlanOut } from './planning-helpers';

/**
 * Helpers shared by the evaluation e2e files (periodic and annual ratings, unit ratings and the distribution
 * curve, objections, concurrent ratings): a small Walesi health organisation, a year with approved plans, the
 * rating mutations over HTTP, and a snapshot that also covers the evaluation tables. Not a test file itself.
 */

export type Rating = 'DI_ATAS_EKSPEKTASI' | 'SESUAI_EKSPEKTASI' | 'DI_BAWAH_EKSPEKTASI';
export type PredikatName = 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG_MISCONDUCT' | 'SANGAT_KURANG';
export type OrganisationRatingName = 'ISTIMEWA' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';

export const ABOVE: Rating = 'DI_ATAS_EKSPEKTASI';
export const MEETS: Rating = 'SESUAI_EKSPEKTASI';
export const BELOW: Rating = 'DI_BAWAH_EKSPEKTASI';

/** One (result, behaviour) pair that gives each predikat, to rate a plan into a wanted predikat. */
export const PAIR_FOR: Record<PredikatName, [Rating, Rating]> = {
  SANGAT_BAIK: [ABOVE, ABOVE],
  BAIK: [MEETS, MEETS],
  BUTUH_PERBAIKAN: [BELOW, MEETS],
  KURANG_MISCONDUCT: [MEETS, BELOW],
  SANGAT_KURANG: [BELOW, BELOW],
};

/** The seven BerAKHLAK values in the order the API lists them. */
export const CORE_VALUES = [
  'BERORIENTASI_PELAYANAN',
  'AKUNTABEL',
  'KOMPETEN',
  'HARMONIS',
  'LOYAL',
  'ADAPTIF',
  'KOLABORATIF',
] as const;

export interface BehaviorAssessmentOut {
  coreValue: string;
  label: string;
  rating: Rating | null;
  feedback: string | null;
}

export interface EvaluationOut {
  id: string;
  kind: 'PERIODIC' | 'ANNUAL';
  subPeriod: number | null;
  resultRating: Rating;
  resultJustification: string | null;
  suggestedResultRating: Rating | null;
  unitRating: OrganisationRatingName | null;
  behaviorRating: Rating;
  predikat: PredikatName;
  creditPoints: number | null;
  ratedBySubject: string;
  ratedAt: string;
  version: number;
  behaviors: BehaviorAssessmentOut[];
}

export interface ObjectionOut {
  id: string;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  reason: string;
  filedAt: string;
  originalResultRating: Rating;
  originalBehaviorRating: Rating;
  originalPredikat: PredikatName;
  decidedResultRating: Rating | null;
  decidedBehaviorRating: Rating | null;
  decidedPredikat: PredikatName | null;
  decisionReason: string | null;
  decidedBySubject: string | null;
  decidedAt: string | null;
  version: number;
}

export interface RatedPlanOut {
  id: string;
  version: number;
  status: string;
  deliveredAt: string | null;
  objectionDeadline: string | null;
  suggestedResultRating: Rating | null;
  annualEvaluation: EvaluationOut | null;
  evaluations: EvaluationOut[];
  objection: ObjectionOut | null;
  history: Array<{ action: string; fromStatus: string; toStatus: string; actorSubject: string }>;
}

export const EVALUATION_FIELDS = `id kind subPeriod resultRating resultJustification suggestedResultRating unitRating behaviorRating predikat creditPoints
  ratedBySubject ratedAt version behaviors { coreValue label rating feedback }`;

export const OBJECTION_FIELDS = `id status reason filedAt originalResultRating originalBehaviorRating originalPredikat decidedResultRating decidedBehaviorRating
  decidedPredikat decisionReason decidedBySubject decidedAt version`;

export const RATED_PLAN_FIELDS = `id version status deliveredAt objectionDeadline suggestedResultRating
  annualEvaluation { ${EVALUATION_FIELDS} } evaluations { ${EVALUATION_FIELDS} } objection { ${OBJECTION_FIELDS} }
  history { action fromStatus toStatus actorSubject }`;

export const UNIT_RATING_FIELDS = 'id rating finalizedAt overrideJustification setBySubject version';

export interface UnitRatingOut {
  id: string;
  rating: OrganisationRatingName;
  finalizedAt: string | null;
  overrideJustification: string | null;
  setBySubject: string;
  version: number;
}

export interface ViolationOut {
  rule: string;
  count: number;
  total: number;
}

/** The instant of a wall-clock time in Walesi (WIT, UTC+9), as ISO UTC: `wit('2028-01-05', '09:00')`. */
export const wit = (date: string, time = '09:00'): string => new Date(`${date}T${time}:00+09:00`).toISOString();

/** Every table a rating, unit rating or objection may write, on top of the planning tables. */
export const EVALUATION_TABLES = [
  ...PLANNING_TABLES,
  'realization',
  'evaluation',
  'evaluation_behavior',
  'unit_rating',
  'objection',
] as const;

export interface Org {
  dinkes: Unit;
  pkm: Unit;
  bupati: ExternalOfficial;
  /** Head of Dinas Kesehatan (JPT), appraised by the Bupati. */
  kadinkes: Employee;
  /** Head of UPTD Puskesmas Walesi, appraised by the head of Dinas Kesehatan; appraises the nurses. */
  head: Employee;
}

export interface Year {
  period: { id: string; year: number };
  /** The RHK of the head of the Puskesmas that the nurses' main RHK support. */
  headRhk: string;
  headPlan: PlanOut;
  kadinkesRhk: string;
}

let orgSequence = 0;

/** Planning helpers, plus the organisation, approved plans and rating mutations that evaluation tests need. */
export class Evaluating extends Planning {
  org!: Org;

  /** Dinas Kesehatan (head: Yosina, appraised by the Bupati) → UPTD Puskesmas Walesi (head: Agustina). */
  async givenOrg(): Promise<Org> {
    const n = ++orgSequence;
    const f = this.app.fixtures;
    const dinkes = await f.unit({ code: `EV${n}-DINKES`, name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    const pkm = await f.unit({ code: `EV${n}-PKM-WALESI`, name: 'UPTD Puskesmas Walesi', parent: dinkes });
    const bupati = await f.official();
    const kadinkes = await f.employee({
      unit: dinkes,
      externalSupervisor: bupati,
      name: 'Yosina Kogoya',
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
      grade: 'IV/c',
    });
    const head = await f.employee({
      unit: pkm,
      supervisor: kadinkes,
      name: 'Agustina Wenda',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Walesi',
    });
    await f.setHead(dinkes, kadinkes);
    await f.setHead(pkm, head);
    this.org = { dinkes, pkm, bupati, kadinkes, head };
    return this.org;
  }

  /** A nurse of the Puskesmas under its head (functional, "Perawat Ahli Pertama" unless told). */
  nurse(
    spec: {
      positionTitle?: string;
      positionKind?: PositionKind;
      name?: string;
      unit?: Unit;
      supervisor?: Employee;
    } = {},
  ): Promise<Employee> {
    return this.app.fixtures.employee({
      unit: spec.unit ?? this.org.pkm,
      supervisor: spec.supervisor ?? this.org.head,
      positionTitle: spec.positionTitle ?? 'Perawat Ahli Pertama',
      positionKind: spec.positionKind ?? PositionKind.FUNGSIONAL,
      ...(spec.name ? { name: spec.name } : {}),
    });
  }

  /**
   * Opens `year` (quarterly unless told) with the plans above the nurses: the head of Dinas Kesehatan's plan with
   * one RHK, and the head of the Puskesmas' plan supporting it, approved by her appraiser. The period stays PLANNING.
   */
  async givenYear(year: number, extra: Record<string, unknown> = {}): Promise<Year> {
    const period = await this.openPeriod(year, extra);
    const { kadinkes, head } = this.org;
    const kPlan = await this.createPlan(kadinkes, { periodId: period.id });
    const kadinkesRhk = (await this.addRhk(kadinkes, kPlan, { text: 'Meningkatnya derajat kesehatan masyarakat' })).rhk
      .id;
    const ready = await this.readyPlan(head, kadinkesRhk, { periodId: period.id });
    const headPlan = await this.bringTo(ready, 'APPROVED', head, kadinkes);
    return { period, headRhk: headPlan.workResultPlans[0]!.id, headPlan, kadinkesRhk };
  }

  /** An approved plan of `owner` in `period`: one main RHK supporting `supportsId` with one IKI (target 120 bayi unless told). */
  async approvedPlan(
    owner: Employee,
    appraiser: Employee | string,
    supportsId: string | null,
    periodId: string,
    indicator: Record<string, unknown> = {},
  ): Promise<PlanOut> {
    const created = await this.createPlan(owner, { periodId });
    const { plan, rhk } = await this.addRhk(owner, created, { supportsId });
    const ready = (await this.addIndicator(owner, rhk.id, plan.version, indicator)).plan;
    const submitted = await this.step('submitAppraisal', ready, owner);
    return this.step('approveAppraisal', submitted, appraiser);
  }

  /** `count` nurses of the Puskesmas (or `unit` under `supervisor`), each with an approved plan in the year. */
  async nursesWithPlans(
    count: number,
    year: Year,
    spec: { unit?: Unit; supervisor?: Employee; supportsId?: string; positionTitle?: string } = {},
  ): Promise<Array<{ owner: Employee; plan: PlanOut }>> {
    const result: Array<{ owner: Employee; plan: PlanOut }> = [];
    const appraiser = spec.supervisor ?? this.org.head;
    for (let i = 0; i < count; i++) {
      const owner = await this.nurse({ unit: spec.unit, supervisor: appraiser, positionTitle: spec.positionTitle });
      result.push({
        owner,
        plan: await this.approvedPlan(owner, appraiser, spec.supportsId ?? year.headRhk, year.period.id),
      });
    }
    return result;
  }

  /** Reads a plan with its ratings as `who` (HR by default); null when `who` may not read it. */
  async rated(id: string, who: Employee | string = this.hr): Promise<RatedPlanOut | null> {
    const data = await this.app.data<{ appraisal: RatedPlanOut | null }>(
      `query($id: ID!) { appraisal(id: $id) { ${RATED_PLAN_FIELDS} } }`,
      { id },
      await this.as(who),
    );
    return data.appraisal;
  }

  async ratedOrFail(id: string, who: Employee | string = this.hr): Promise<RatedPlanOut> {
    const plan = await this.rated(id, who);
    if (!plan) throw new Error(`plan ${id} not readable`);
    return plan;
  }

  rateYearRaw(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<GraphQLResponse<{ r: Payload<{ appraisal: RatedPlanOut | null; evaluation: EvaluationOut | null }> }>> {
    return this.raw('rateYear', input, who, `appraisal { ${RATED_PLAN_FIELDS} } evaluation { ${EVALUATION_FIELDS} }`);
  }

  rateYear(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<Payload<{ appraisal: RatedPlanOut | null; evaluation: EvaluationOut | null }>> {
    return this.mutate(
      'rateYear',
      input,
      who,
      `appraisal { ${RATED_PLAN_FIELDS} } evaluation { ${EVALUATION_FIELDS} }`,
    );
  }

  ratePeriod(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<Payload<{ appraisal: RatedPlanOut | null; evaluation: EvaluationOut | null }>> {
    return this.mutate(
      'ratePeriod',
      input,
      who,
      `appraisal { ${RATED_PLAN_FIELDS} } evaluation { ${EVALUATION_FIELDS} }`,
    );
  }

  /** Rates the year into `predikat` (the appraiser, at the plan's current version); fails on any error. */
  async rateInto(
    plan: { id: string },
    predikat: PredikatName,
    who: Employee | string = this.org.head,
  ): Promise<RatedPlanOut> {
    const current = await this.ratedOrFail(plan.id);
    const [resultRating, behaviorRating] = PAIR_FOR[predikat];
    const done = await this.rateYear(
      {
        appraisalId: plan.id,
        expectedVersion: current.version,
        resultRating,
        behaviorRating,
        resultJustification: `Dinilai ${predikat}`,
      },
      who,
    );
    if (done.userErrors.length) throw new Error(`rateYear: userErrors ${JSON.stringify(done.userErrors)}`);
    return done.appraisal!;
  }

  setUnitRating(
    input: Record<string, unknown>,
    who: Employee | string = this.hr,
  ): Promise<Payload<{ unitRating: UnitRatingOut | null }>> {
    return this.mutate('setUnitRating', input, who, `unitRating { ${UNIT_RATING_FIELDS} }`);
  }

  finalize(
    input: Record<string, unknown>,
    who: Employee | string = this.hr,
  ): Promise<
    Payload<{
      unitRating: UnitRatingOut | null;
      finalized: number | null;
      pending: number | null;
      violations: ViolationOut[] | null;
    }>
  > {
    return this.mutate(
      'finalizeUnitEvaluations',
      input,
      who,
      `unitRating { ${UNIT_RATING_FIELDS} } finalized pending violations { rule count total }`,
    );
  }

  fileObjection(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<Payload<{ objection: ObjectionOut | null; appraisal: RatedPlanOut | null }>> {
    return this.mutate(
      'fileObjection',
      input,
      who,
      `objection { ${OBJECTION_FIELDS} } appraisal { ${RATED_PLAN_FIELDS} }`,
    );
  }

  decideObjectionRaw(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<GraphQLResponse<{ r: Payload<{ objection: ObjectionOut | null; appraisal: RatedPlanOut | null }> }>> {
    return this.raw(
      'decideObjection',
      input,
      who,
      `objection { ${OBJECTION_FIELDS} } appraisal { ${RATED_PLAN_FIELDS} }`,
    );
  }

  decideObjection(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<Payload<{ objection: ObjectionOut | null; appraisal: RatedPlanOut | null }>> {
    return this.mutate(
      'decideObjection',
      input,
      who,
      `objection { ${OBJECTION_FIELDS} } appraisal { ${RATED_PLAN_FIELDS} }`,
    );
  }

  /** Records a realization of the plan's first IKI for one sub-period (the owner). */
  async realize(owner: Employee, plan: PlanOut, subPeriod: number, value: number): Promise<void> {
    const indicatorId = plan.workResultPlans[0]!.indicators[0]!.id;
    await this.ok('recordRealization', { indicatorId, subPeriod, value }, owner, 'realization { id }');
  }

  /** The unit's distribution summary for a period, as a region-wide HR admin (or `who`). */
  async summary(
    unit: Unit,
    periodId: string,
    who: Employee | string = this.hr,
  ): Promise<{
    rating: string | null;
    pending: number;
    counts: Array<{ predikat: string; count: number }>;
    violations: ViolationOut[];
  } | null> {
    const data = await this.app.data<{
      unit: {
        evaluationSummary: {
          rating: string | null;
          pending: number;
          counts: Array<{ predikat: string; count: number }>;
          violations: ViolationOut[];
        } | null;
      } | null;
    }>(
      'query($id: ID!, $p: ID!) { unit(id: $id) { evaluationSummary(periodId: $p) { rating pending counts { predikat count } violations { rule count total } } } }',
      { id: toGlobalId('Unit', unit.rowId), p: periodId },
      await this.as(who),
    );
    return data.unit?.evaluationSummary ?? null;
  }

  /** The stored annual evaluation row in force of a plan (raw), or undefined. */
  async annualRow(planId: string): Promise<Record<string, unknown> | undefined> {
    const rows: Array<Record<string, unknown>> = await this.app.db.manager.query(
      "SELECT * FROM evaluation WHERE appraisal_id = ? AND kind = 'ANNUAL' AND sub_period = 0",
      [dbId(planId)],
    );
    return rows[0];
  }

  /** Audit rows of one entity, oldest first, optionally of one action. */
  async audit(
    entityType: string,
    entityId: number,
    action?: string,
  ): Promise<
    Array<{
      action: string;
      actor_subject: string;
      before: string | null;
      after: string | null;
      request_id: string | null;
    }>
  > {
    const rows: Array<{
      action: string;
      actor_subject: string;
      before: string | null;
      after: string | null;
      request_id: string | null;
    }> = await this.app.db.manager.query(
      'SELECT * FROM audit_entry WHERE entity_type = ? AND entity_id = ? ORDER BY id',
      [entityType, entityId],
    );
    return action === undefined ? rows : rows.filter((r) => r.action === action);
  }

  /** Every row of every planning and evaluation table, to compare before and after a refused change. */
  override async snapshot(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    const escape = (name: string) => this.app.db.dataSource.driver.escape(name);
    for (const table of EVALUATION_TABLES) {
      const order = table.endsWith('_closure') ? 'ancestor_id, descendant_id' : 'id';
      result[table] = await this.app.db.manager.query(`SELECT * FROM ${escape(table)} ORDER BY ${order}`);
    }
    return result;
  }
}

export const unitGid = (u: Unit): string => toGlobalId('Unit', u.rowId);
