import { type RequestContext } from '../../core/context/request-context';
import { localDateOf } from '../../core/time/local-date';
import { type Appraisal } from '../appraisal/appraisal.entity';
import { appraisalService } from '../appraisal/appraisal.service';
import { type Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { ANNUAL_SUB_PERIOD } from '../evaluation/evaluation.entity';
import { EvaluationKind } from '../evaluation/evaluation-enums';
import { evaluationService } from '../evaluation/evaluation.service';
import { achievement, isRate } from '../evaluation/result-suggestion';
import { externalOfficialService } from '../official/external-official.service';
import { EvaluationCadence } from '../period/period-enums';
import { periodService } from '../period/period.service';
import { type Realization } from '../realization/realization.entity';
import { realizationService } from '../realization/realization.service';
import { unitService } from '../unit/unit.service';
import { behaviorService } from '../work-plan/behavior.service';
import { type Indicator } from '../work-plan/indicator.entity';
import { WorkResultKind } from '../work-plan/work-plan-enums';
import { workPlanService } from '../work-plan/work-plan.service';
import { type WorkResultPlan } from '../work-plan/work-result-plan.entity';
import { ASPECT_LABEL, formatNumber, pangkatGolongan, PERSPECTIVE_LABEL, subPeriodLabel } from './document-labels';
import {
  type AppraisalDocumentModel,
  type BehaviorRow,
  type EvaluationBlock,
  type IndicatorRow,
  type PersonBlock,
  type ResultPlanRow,
} from './document.model';

export interface DocumentOptions {
  /** Where the documents are signed (tempat penandatanganan). */
  place: string;
  /** The government printed as the header (kop). */
  governmentName: string;
}

/**
 * Everything the SKP and evaluation documents of one plan show, read through the same services as GraphQL with
 * the caller's context, so the same policy applies: null when the caller may not read the plan (or it does not
 * exist), the two answers being the same. The NIPs and grades of the people named on the form are printed for
 * whoever may read the plan: they are part of the official form, as its readers receive it on paper.
 */
export async function buildDocumentModel(
  ctx: RequestContext,
  appraisalId: number,
  options: DocumentOptions,
): Promise<AppraisalDocumentModel | null> {
  const appraisal = await appraisalService.get(ctx, appraisalId);
  if (!appraisal) return null;
  const [period, employee, appraiser, supervisor, rhks, behaviors, evaluation] = await Promise.all([
    periodService.get(ctx, appraisal.periodId),
    personOfEmployee(ctx, appraisal.employeeId, {
      position: appraisal.positionTitle,
      grade: appraisal.grade,
      unitId: appraisal.unitId,
    }),
    appraiserBlock(
      ctx,
      appraisal.appraiserEmployeeId,
      appraisal.appraiserExternalId,
      appraisal.appraiserName,
      appraisal.appraiserPositionTitle,
    ),
    appraiserBlock(
      ctx,
      appraisal.appraiserSupervisorEmployeeId,
      appraisal.appraiserSupervisorExternalId,
      appraisal.appraiserSupervisorName,
      appraisal.appraiserSupervisorPositionTitle,
    ),
    workPlanService.workResultPlansOf(ctx, appraisal),
    behaviorService.behaviorsOf(ctx, appraisal),
    annualEvaluation(ctx, appraisal),
  ]);
  const cadence = period?.cadence ?? EvaluationCadence.MONTHLY;
  const rows = await Promise.all(rhks.map((rhk) => resultPlanRow(ctx, rhk, cadence)));
  const feedback = new Map(evaluation?.behaviors.map((b) => [b.coreValue, b]) ?? []);
  return {
    appraisalId: appraisal.id,
    year: period?.year ?? Number(appraisal.startDate.slice(0, 4)),
    form: appraisal.form,
    approach: appraisal.approach,
    status: appraisal.status,
    startDate: appraisal.startDate,
    endDate: appraisal.endDate,
    employee: employee ?? {
      name: '—',
      nip: null,
      rank: pangkatGolongan(appraisal.grade),
      position: appraisal.positionTitle,
      unit: null,
    },
    appraiser,
    appraiserSupervisor: supervisor,
    mainResults: rows.filter((r) => r.kind === WorkResultKind.MAIN),
    additionalResults: rows.filter((r) => r.kind === WorkResultKind.ADDITIONAL),
    behaviors: behaviors.map((b): BehaviorRow => ({
      label: b.label,
      guides: b.guides,
      specificExpectation: b.specificExpectation,
      feedback: feedback.get(b.coreValue)?.feedback ?? null,
      rating: feedback.get(b.coreValue)?.rating ?? null,
    })),
    governmentName: options.governmentName,
    annex: {
      resourceSupport: appraisal.resourceSupport,
      accountabilityScheme: appraisal.accountabilityScheme,
      consequences: appraisal.consequences,
    },
    place: options.place,
    approvedOn: appraisal.approvedAt ? localDateOf(appraisal.approvedAt, ctx.timeZone) : null,
    printedOn: ctx.today(),
    evaluation: evaluation?.block ?? null,
  };
}

/** A civil servant's block; `snapshot` overrides what the plan froze (the employee's own position, grade, unit). */
async function personOfEmployee(
  ctx: RequestContext,
  employeeId: number,
  snapshot?: { position: string; grade: string; unitId: number },
): Promise<PersonBlock | null> {
  const employee: Employee | null = await employeeService.get(ctx, employeeId);
  if (!employee) return null;
  const unit = await unitService.get(ctx, snapshot?.unitId ?? employee.unitId);
  return {
    name: employee.displayName,
    nip: employee.nip,
    rank: pangkatGolongan(snapshot?.grade ?? employee.grade),
    position: snapshot?.position ?? employee.positionTitle,
    unit: unit?.name ?? null,
  };
}

/** The appraiser (or their supervisor): a civil servant, an official outside the civil service, or only the snapshot's name. */
async function appraiserBlock(
  ctx: RequestContext,
  employeeId: number | null,
  externalId: number | null,
  name: string | null,
  position: string | null,
): Promise<PersonBlock | null> {
  if (employeeId !== null) {
    const person = await personOfEmployee(ctx, employeeId);
    // The name and position as on the form when the plan was made (snapshot); NIP, grade and unit as they are now.
    if (person) return { ...person, name: name ?? person.name, position: position ?? person.position };
  }
  if (externalId !== null) {
    const official = await externalOfficialService.get(ctx, externalId);
    if (official)
      return {
        name: name ?? official.name,
        nip: null,
        rank: null,
        position: position ?? official.positionTitle,
        unit: null,
      };
  }
  return name === null ? null : { name, nip: null, rank: null, position, unit: null };
}

async function resultPlanRow(
  ctx: RequestContext,
  rhk: WorkResultPlan,
  cadence: EvaluationCadence,
): Promise<ResultPlanRow> {
  const [supports, indicators] = await Promise.all([
    workPlanService.supports(ctx, rhk),
    workPlanService.indicatorsOf(ctx, rhk),
  ]);
  return {
    kind: rhk.kind,
    number: rhk.position,
    text: rhk.text,
    supports: supports?.text ?? null,
    indicators: await Promise.all(
      indicators.map(async (indicator) =>
        indicatorRow(indicator, await realizationService.ofIndicator(ctx, indicator), cadence),
      ),
    ),
  };
}

const withUnit = (value: number, unit: string | null): string =>
  unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);

/** An IKI with its target and, for the evaluation, what was realized: the latest value of a rate, the sum of a count. */
export function indicatorRow(
  indicator: Indicator,
  realizations: readonly Realization[],
  cadence: EvaluationCadence,
): IndicatorRow {
  const values = realizations.filter((r) => r.value !== null);
  const statements = realizations.filter((r) => r.statement);
  let realization: string | null = null;
  if (values.length > 0) {
    const total = isRate(indicator.targetUnit)
      ? values[values.length - 1]!.value!
      : values.reduce((sum, r) => sum + r.value!, 0);
    realization = withUnit(total, indicator.targetUnit);
  } else if (statements.length > 0) {
    realization = statements.map((r) => r.statement).join('; ');
  }
  const ratio = achievement(indicator.targetValue, indicator.targetUnit, realizations);
  return {
    text: indicator.text,
    aspect: indicator.aspect ? ASPECT_LABEL[indicator.aspect] : null,
    target:
      indicator.targetValue !== null
        ? withUnit(indicator.targetValue, indicator.targetUnit)
        : (indicator.targetText ?? '—'),
    perspective: indicator.perspective ? PERSPECTIVE_LABEL[indicator.perspective] : null,
    realization,
    realizationDetail: realizations.map(
      (r) =>
        `${subPeriodLabel(cadence, r.subPeriod)}: ${r.value !== null ? formatNumber(r.value) : (r.statement ?? '—')}`,
    ),
    achievementPercent: ratio === null ? null : Math.round(ratio * 1000) / 10,
  };
}

/**
 * The annual evaluation in force (after an accepted objection, the decided one, with the decider's reason), the
 * appraiser's per-value feedback (from their own evaluation, which a decision supersedes but keeps), and the objection.
 */
async function annualEvaluation(
  ctx: RequestContext,
  appraisal: Appraisal,
): Promise<{ block: EvaluationBlock; behaviors: Awaited<ReturnType<typeof evaluationService.behaviorsOf>> } | null> {
  const evaluations = await evaluationService.of(ctx, appraisal);
  const annual = evaluations.find((e) => e.subPeriod === ANNUAL_SUB_PERIOD);
  if (!annual) return null;
  const appraisers = evaluations.find((e) => e.kind === EvaluationKind.ANNUAL && e.objectionId === null) ?? annual;
  const [behaviors, objection] = await Promise.all([
    evaluationService.behaviorsOf(ctx, appraisers),
    evaluationService.objectionOf(ctx, appraisal),
  ]);
  const day = (instant: Date) => localDateOf(instant, ctx.timeZone);
  return {
    behaviors,
    block: {
      resultRating: annual.resultRating,
      resultJustification: annual.resultJustification,
      decidedOnObjection: annual.objectionId !== null,
      behaviorRating: annual.behaviorRating,
      predikat: annual.predikat,
      creditPoints: annual.creditPoints,
      unitRating: annual.unitRating,
      ratedOn: day(annual.ratedAt),
      deliveredOn: appraisal.deliveredAt ? day(appraisal.deliveredAt) : null,
      objection: objection && {
        status: objection.status,
        reason: objection.reason,
        filedOn: day(objection.filedAt),
        originalPredikat: objection.originalPredikat,
        decidedPredikat: objection.decidedPredikat,
        decisionReason: objection.decisionReason,
        decidedOn: objection.decidedAt ? day(objection.decidedAt) : null,
      },
    },
  };
}
