import { OrganisationRating, Predikat } from './evaluation-enums';

/** One bound of the curve: the share of employees whose predikat is in `predikat`. */
export interface CurveBound {
  predikat: readonly Predikat[];
  /** At most / at least this share (0–1) of the unit's employees; `minCount` for "at least one". */
  atMost?: number;
  atLeast?: number;
  minCount?: number;
  description: string;
}

const { SANGAT_BAIK: SB, BAIK: B, BUTUH_PERBAIKAN: BP, KURANG_MISCONDUCT: KM, SANGAT_KURANG: SK } = Predikat;

/** The distribution curve (SE MenPANRB 3/2023, `docs/domain.md`) [2nd]: what each unit rating allows of its employees. */
export const DISTRIBUTION_CURVE: Readonly<Record<OrganisationRating, readonly CurveBound[]>> = {
  [OrganisationRating.ISTIMEWA]: [{ predikat: [SB], atMost: 0.7, description: 'SANGAT_BAIK at most 70%' }],
  [OrganisationRating.BAIK]: [
    { predikat: [B], atMost: 0.7, description: 'BAIK at most 70%' },
    { predikat: [BP, KM], minCount: 1, description: 'at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT' },
  ],
  [OrganisationRating.BUTUH_PERBAIKAN]: [
    { predikat: [BP], atLeast: 0.6, description: 'BUTUH_PERBAIKAN at least 60%' },
    { predikat: [SB], atMost: 0.1, description: 'SANGAT_BAIK at most 10%' },
  ],
  [OrganisationRating.KURANG]: [
    { predikat: [KM], atLeast: 0.6, description: 'KURANG_MISCONDUCT at least 60%' },
    { predikat: [BP], atLeast: 0.1, description: 'BUTUH_PERBAIKAN at least 10%' },
    { predikat: [SB], atMost: 0.1, description: 'SANGAT_BAIK at most 10%' },
  ],
  [OrganisationRating.SANGAT_KURANG]: [
    { predikat: [SK], atLeast: 0.6, description: 'SANGAT_KURANG at least 60%' },
    { predikat: [KM, BP], atLeast: 0.1, description: 'KURANG_MISCONDUCT and/or BUTUH_PERBAIKAN at least 10%' },
    { predikat: [SB], atMost: 0, description: 'no SANGAT_BAIK' },
  ],
};

export interface CurveViolation {
  bound: CurveBound;
  count: number;
  total: number;
}

/**
 * Every bound the employees' predikat break for a unit rating. Shares are exact (count ÷ total, no rounding):
 * how to round in small units is not settled [open], so the strict reading is reported and HR decides.
 */
export function curveViolations(
  rating: OrganisationRating,
  counts: Partial<Record<Predikat, number>>,
): CurveViolation[] {
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  if (total === 0) return [];
  const violations: CurveViolation[] = [];
  for (const bound of DISTRIBUTION_CURVE[rating]) {
    const count = bound.predikat.reduce((sum, p) => sum + (counts[p] ?? 0), 0);
    const broken =
      (bound.atMost !== undefined && count > bound.atMost * total + 1e-9) ||
      (bound.atLeast !== undefined && count < bound.atLeast * total - 1e-9) ||
      (bound.minCount !== undefined && count < bound.minCount);
    if (broken) violations.push({ bound, count, total });
  }
  return violations;
}
