import { type LocalDate } from '../../core/time/local-date';
import { JobMatchBand } from './competency-enums';

export interface AssessmentFact {
  rowId: number;
  competencyId: number;
  level: number;
  authority: number;
  assessedOn: LocalDate;
  validUntil: LocalDate | null;
}

export interface Standing {
  competencyId: number;
  requiredLevel: number;
  /** The current level, or 0 when never (validly) assessed. */
  currentLevel: number;
  /** Required minus current: positive is a shortfall, negative a surplus. */
  gap: number;
  assessmentId: number | null;
}

export interface JobMatch {
  standings: Standing[];
  /** Shortfalls only, the largest first (then by competency id, for a stable order). */
  gaps: Standing[];
  /** Null when the position has no requirements. */
  percentage: number | null;
  band: JobMatchBand | null;
}

/**
 * The current assessment of each competency: among those valid on `today`, the most authoritative method, then
 * the latest day, then the latest recorded (`docs/domain.md`).
 */
export function currentAssessments<A extends AssessmentFact>(
  assessments: readonly A[],
  today: LocalDate,
): Map<number, A> {
  const current = new Map<number, A>();
  for (const a of assessments) {
    if (a.validUntil !== null && a.validUntil < today) continue;
    const best = current.get(a.competencyId);
    if (
      !best ||
      a.authority > best.authority ||
      (a.authority === best.authority &&
        (a.assessedOn > best.assessedOn || (a.assessedOn === best.assessedOn && a.rowId > best.rowId)))
    ) {
      current.set(a.competencyId, a);
    }
  }
  return current;
}

/** The band of a match percentage: ≥ 80 meets, 68 to < 80 still meets, < 68 below. */
export function bandOf(percentage: number): JobMatchBand {
  return percentage >= 80 ? JobMatchBand.MEETS : percentage >= 68 ? JobMatchBand.STILL_MEETS : JobMatchBand.BELOW;
}

/**
 * Job-person match (`docs/domain.md`): assessed ÷ required over the position's competencies, as a percentage. A level
 * above the requirement counts as meeting it and no more, so a surplus in one competency does not hide a gap in
 * another; an unassessed competency counts as level 0.
 */
export function jobMatch(
  requirements: ReadonlyArray<{ competencyId: number; requiredLevel: number }>,
  current: ReadonlyMap<number, AssessmentFact>,
): JobMatch {
  const standings = requirements.map((r): Standing => {
    const a = current.get(r.competencyId);
    const currentLevel = a?.level ?? 0;
    return {
      competencyId: r.competencyId,
      requiredLevel: r.requiredLevel,
      currentLevel,
      gap: r.requiredLevel - currentLevel,
      assessmentId: a?.rowId ?? null,
    };
  });
  const required = standings.reduce((sum, s) => sum + s.requiredLevel, 0);
  const met = standings.reduce((sum, s) => sum + Math.min(s.currentLevel, s.requiredLevel), 0);
  // Rounded to 0.01 so that 80.00 is "meets" however the division falls.
  const percentage = required === 0 ? null : Math.round((met * 10_000) / required) / 100;
  const gaps = standings.filter((s) => s.gap > 0).sort((a, b) => b.gap - a.gap || a.competencyId - b.competencyId);
  return { standings, gaps, percentage, band: percentage === null ? null : bandOf(percentage) };
}
