import { type LocalDate } from '../../core/time/local-date';
import { type AppraisalForm, type AppraisalStatus, type PlanApproach } from '../appraisal/appraisal-enums';
import { type ExpectationRating, type OrganisationRating, type Predikat } from '../evaluation/evaluation-enums';
import { type ObjectionStatus } from '../evaluation/objection.entity';
import { type WorkResultKind } from '../work-plan/work-plan-enums';

/**
 * What a printed SKP or evaluation document shows, already read under the caller's policy and reduced to
 * plain values: the HTML and PDF renderers draw the same model and never touch the database.
 */
export interface AppraisalDocumentModel {
  /** The appraisal's global id. */
  appraisalId: string;
  year: number;
  form: AppraisalForm;
  approach: PlanApproach;
  status: AppraisalStatus;
  /** The days the plan covers (a transfer shortens it). */
  startDate: LocalDate;
  endDate: LocalDate;
  employee: PersonBlock;
  /** Pejabat penilai kinerja; null when none was recorded (a vacancy). */
  appraiser: PersonBlock | null;
  /** Atasan pejabat penilai kinerja. */
  appraiserSupervisor: PersonBlock | null;
  mainResults: ResultPlanRow[];
  additionalResults: ResultPlanRow[];
  behaviors: BehaviorRow[];
  /** The government the documents are issued under, their header: "PEMERINTAH KABUPATEN JAYAWIJAYA" (`GOVERNMENT_NAME`). */
  governmentName: string;
  annex: { resourceSupport: string | null; accountabilityScheme: string | null; consequences: string | null };
  /** Where the documents are signed (tempat). */
  place: string;
  /** The day the plan was approved (region time), the date of the SKP's signatures. */
  approvedOn: LocalDate | null;
  /** The day the document was produced (region time). */
  printedOn: LocalDate;
  /** The annual evaluation; null until the appraiser rates the year. */
  evaluation: EvaluationBlock | null;
}

/** One signatory block: nama, NIP, pangkat/golongan, jabatan, unit kerja. */
export interface PersonBlock {
  name: string;
  /** Null for an official outside the civil service (the Bupati). */
  nip: string | null;
  /** "Penata Muda Tingkat I, III/b", or null when not a civil servant. */
  rank: string | null;
  position: string | null;
  unit: string | null;
}

export interface ResultPlanRow {
  kind: WorkResultKind;
  number: number;
  text: string;
  /** RHK pimpinan yang diintervensi (JA/JF form), when readable. */
  supports: string | null;
  indicators: IndicatorRow[];
}

export interface IndicatorRow {
  text: string;
  aspect: string | null;
  /** "95 %", or the qualitative target statement. */
  target: string;
  /** JPT form only. */
  perspective: string | null;
  /** What was realized, for the evaluation document: "88 %", or the statements. Null when nothing was recorded. */
  realization: string | null;
  /** Each sub-period's realization: "Februari: 88". */
  realizationDetail: string[];
  /** Realization against target, in percent, when both are numeric. */
  achievementPercent: number | null;
}

export interface BehaviorRow {
  label: string;
  guides: string[];
  specificExpectation: string | null;
  /** The appraiser's feedback on this value in their annual evaluation (kept when an objection changed the rating). */
  feedback: string | null;
  rating: ExpectationRating | null;
}

/** The annual evaluation in force: the appraiser's, or after an accepted objection the decided one. */
export interface EvaluationBlock {
  resultRating: ExpectationRating;
  /** Why this result rating: the appraiser's justification, or the objection decider's reason. */
  resultJustification: string | null;
  /** The rating was decided on an objection (`objection` says what it was before). */
  decidedOnObjection: boolean;
  behaviorRating: ExpectationRating;
  predikat: Predikat;
  /** Functional positions only. */
  creditPoints: number | null;
  /** For the head of a unit: the unit's own rating that the result rating followed. */
  unitRating: OrganisationRating | null;
  ratedOn: LocalDate;
  /** The day the rating was delivered (FINAL); null while it can still change. */
  deliveredOn: LocalDate | null;
  objection: ObjectionBlock | null;
}

export interface ObjectionBlock {
  status: ObjectionStatus;
  reason: string;
  filedOn: LocalDate;
  originalPredikat: Predikat;
  decidedPredikat: Predikat | null;
  decisionReason: string | null;
  decidedOn: LocalDate | null;
}
