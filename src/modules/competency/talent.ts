import { ExpectationRating } from '../evaluation/evaluation-enums';
import { JobMatchBand, PerformanceLevel, PotentialLevel } from './competency-enums';

/** Performance on the talent matrix: the year's (decided) result rating. */
export function performanceOf(resultRating: ExpectationRating): PerformanceLevel {
  switch (resultRating) {
    case ExpectationRating.DI_ATAS_EKSPEKTASI:
      return PerformanceLevel.ABOVE;
    case ExpectationRating.SESUAI_EKSPEKTASI:
      return PerformanceLevel.MEETS;
    case ExpectationRating.DI_BAWAH_EKSPEKTASI:
      return PerformanceLevel.BELOW;
  }
}

const BAND_POINTS: Record<JobMatchBand, number> = {
  [JobMatchBand.MEETS]: 3,
  [JobMatchBand.STILL_MEETS]: 2,
  [JobMatchBand.BELOW]: 1,
};
const RATING_POINTS: Record<PotentialLevel, number> = {
  [PotentialLevel.HIGH]: 3,
  [PotentialLevel.MEDIUM]: 2,
  [PotentialLevel.LOW]: 1,
};

/**
 * Potential from the two sources `docs/domain.md` names, with equal weight [open there]: the job-person match band
 * (meets 3, still meets 2, below 1) and the supervisor's potential rating (high 3, medium 2, low 1). Their mean:
 * ≥ 2.5 high, ≥ 1.5 medium, else low. With one source, that one alone; with neither, unknown (null).
 */
export function potentialOf(band: JobMatchBand | null, rating: PotentialLevel | null): PotentialLevel | null {
  const points = [band === null ? null : BAND_POINTS[band], rating === null ? null : RATING_POINTS[rating]].filter(
    (p): p is number => p !== null,
  );
  if (points.length === 0) return null;
  const mean = points.reduce((s, p) => s + p, 0) / points.length;
  return mean >= 2.5 ? PotentialLevel.HIGH : mean >= 1.5 ? PotentialLevel.MEDIUM : PotentialLevel.LOW;
}

/** The nine-box numbering of `docs/domain.md` (PermenPANRB 3/2020): performance × potential → 1–9. */
const BOXES: Record<PotentialLevel, Record<PerformanceLevel, number>> = {
  [PotentialLevel.LOW]: { [PerformanceLevel.BELOW]: 1, [PerformanceLevel.MEETS]: 2, [PerformanceLevel.ABOVE]: 4 },
  [PotentialLevel.MEDIUM]: { [PerformanceLevel.BELOW]: 3, [PerformanceLevel.MEETS]: 5, [PerformanceLevel.ABOVE]: 7 },
  [PotentialLevel.HIGH]: { [PerformanceLevel.BELOW]: 6, [PerformanceLevel.MEETS]: 8, [PerformanceLevel.ABOVE]: 9 },
};

export function talentBox(performance: PerformanceLevel, potential: PotentialLevel): number {
  return BOXES[potential][performance];
}
