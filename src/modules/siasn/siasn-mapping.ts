import { PositionKind } from '../employee/employee-enums';
import { EvaluationKind, ExpectationRating, Predikat } from '../evaluation/evaluation-enums';
import { FUNCTIONAL_COEFFICIENTS } from '../evaluation/predikat';
import { EvaluationCadence } from '../period/period-enums';

/** How our ratings read in SIASN's performance records (`docs/siasn.md`, The mapping). */
export const EXPECTATION_VALUE: Readonly<Record<ExpectationRating, number>> = {
  [ExpectationRating.DI_ATAS_EKSPEKTASI]: 1,
  [ExpectationRating.SESUAI_EKSPEKTASI]: 2,
  [ExpectationRating.DI_BAWAH_EKSPEKTASI]: 3,
};

/** The quadrant (kuadran kinerja) of each predikat, best first. */
export const QUADRANT_VALUE: Readonly<Record<Predikat, number>> = {
  [Predikat.SANGAT_BAIK]: 1,
  [Predikat.BAIK]: 2,
  [Predikat.BUTUH_PERBAIKAN]: 3,
  [Predikat.KURANG_MISCONDUCT]: 4,
  [Predikat.SANGAT_KURANG]: 5,
};

/** SIASN's periodic kinds; an annual result has none (`docs/siasn.md`, Annual results). */
export const PERIODIK_MONTHLY = 1;
export const PERIODIK_QUARTERLY = 2;

export const STATUS_ASN = 'ASN';
export const STATUS_NON_ASN = 'NON ASN';

/** The months a record covers and its periodic kind. */
export interface RecordSpan {
  periodikId: number | null;
  startYear: number;
  startMonth: number;
  endYear: number;
  endMonth: number;
}

const yearMonth = (date: string): [number, number] => [Number(date.slice(0, 4)), Number(date.slice(5, 7))];

/**
 * A periodic evaluation covers its month or quarter of the year; an annual one the months of its plan (a whole year,
 * or the part of it before or after a transfer).
 */
export function spanOf(
  kind: EvaluationKind,
  subPeriod: number,
  year: number,
  cadence: EvaluationCadence,
  planStart: string,
  planEnd: string,
): RecordSpan {
  if (kind === EvaluationKind.ANNUAL) {
    const [startYear, startMonth] = yearMonth(planStart);
    const [endYear, endMonth] = yearMonth(planEnd);
    return { periodikId: null, startYear, startMonth, endYear, endMonth };
  }
  const months = cadence === EvaluationCadence.MONTHLY ? 1 : 3;
  const startMonth = (subPeriod - 1) * months + 1;
  return {
    periodikId: cadence === EvaluationCadence.MONTHLY ? PERIODIK_MONTHLY : PERIODIK_QUARTERLY,
    startYear: year,
    startMonth,
    endYear: year,
    endMonth: startMonth + months - 1,
  };
}

/**
 * A functional position's level as SIASN's coefficient reference names it (`AHLI_PERTAMA`), with its annual
 * coefficient; null for other positions and for a title that names no level.
 */
export function coefficientOf(
  positionKind: PositionKind,
  positionTitle: string,
): { code: string; coefficient: number } | null {
  if (positionKind !== PositionKind.FUNGSIONAL) return null;
  const title = positionTitle.toLowerCase();
  const found = FUNCTIONAL_COEFFICIENTS.find(([level]) => title.includes(level.toLowerCase()));
  return found ? { code: found[0].toUpperCase().replace(/ /g, '_'), coefficient: found[1] } : null;
}
