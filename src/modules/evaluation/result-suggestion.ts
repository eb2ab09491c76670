import { ExpectationRating } from './evaluation-enums';

/** Where achievement counts as above or meeting expectation, and what "most" and "a small share" mean [open]. */
export interface SuggestionThresholds {
  above: number;
  meets: number;
  most: number;
  smallShare: number;
}

export const DEFAULT_THRESHOLDS: SuggestionThresholds = { above: 1.05, meets: 0.9, most: 0.5, smallShare: 0.25 };

const RATE_UNITS = new Set(['%', 'persen', 'poin', 'indeks']);

/** A rate ("%", "poin") is judged by its latest value; anything else is a count that adds up. */
export const isRate = (unit: string | null): boolean => RATE_UNITS.has((unit ?? '').trim().toLowerCase());

/**
 * How far an indicator got: for a rate ("%", "poin") the latest value against the target, for a count the sum of
 * the sub-periods against it. Null without a numeric target or any value.
 */
export function achievement(
  target: number | null,
  unit: string | null,
  values: ReadonlyArray<{ subPeriod: number; value: number | null }>,
): number | null {
  const reported = values.filter((v) => v.value !== null).sort((a, b) => a.subPeriod - b.subPeriod);
  if (target === null || reported.length === 0) return null;
  const achieved = isRate(unit)
    ? reported[reported.length - 1]!.value!
    : reported.reduce((sum, v) => sum + v.value!, 0);
  if (target === 0) return achieved === 0 ? 1 : 2;
  return achieved / target;
}

/** An RHK's rating from its indicators' achievements (their mean); null when none was measured. */
export function resultOfRhk(
  achievements: ReadonlyArray<number | null>,
  t: SuggestionThresholds = DEFAULT_THRESHOLDS,
): ExpectationRating | null {
  const measured = achievements.filter((a): a is number => a !== null);
  if (measured.length === 0) return null;
  const mean = measured.reduce((s, a) => s + a, 0) / measured.length;
  return mean >= t.above
    ? ExpectationRating.DI_ATAS_EKSPEKTASI
    : mean >= t.meets
      ? ExpectationRating.SESUAI_EKSPEKTASI
      : ExpectationRating.DI_BAWAH_EKSPEKTASI;
}

/**
 * The suggested result rating (`docs/domain.md`): above when most results are above and no main result is below; as
 * expected when most meet or exceed it and only a small share of main results are below; else below. The
 * appraiser decides; this is a suggestion. Null when nothing was measured.
 */
export function suggestResultRating(
  rhks: ReadonlyArray<{ main: boolean; rating: ExpectationRating | null }>,
  t: SuggestionThresholds = DEFAULT_THRESHOLDS,
): ExpectationRating | null {
  const rated = rhks.filter((r) => r.rating !== null);
  if (rated.length === 0) return null;
  const share = (pred: (r: (typeof rated)[number]) => boolean, of = rated) =>
    of.length ? of.filter(pred).length / of.length : 0;
  const mains = rated.filter((r) => r.main);
  const mainBelow = share((r) => r.rating === ExpectationRating.DI_BAWAH_EKSPEKTASI, mains);
  if (share((r) => r.rating === ExpectationRating.DI_ATAS_EKSPEKTASI) > t.most && mainBelow === 0)
    return ExpectationRating.DI_ATAS_EKSPEKTASI;
  if (share((r) => r.rating !== ExpectationRating.DI_BAWAH_EKSPEKTASI) > t.most && mainBelow <= t.smallShare)
    return ExpectationRating.SESUAI_EKSPEKTASI;
  return ExpectationRating.DI_BAWAH_EKSPEKTASI;
}
