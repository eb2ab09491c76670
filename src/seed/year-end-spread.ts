import { curveViolations } from '../modules/evaluation/distribution-curve';
import { ExpectationRating, OrganisationRating, Predikat } from '../modules/evaluation/evaluation-enums';
import { predikatOf, resultRatingForUnitRating } from '../modules/evaluation/predikat';
import { type Random } from './random';

const A = ExpectationRating.DI_ATAS_EKSPEKTASI;
const S = ExpectationRating.SESUAI_EKSPEKTASI;
const B = ExpectationRating.DI_BAWAH_EKSPEKTASI;

/** A result and behaviour rating: the appraiser's two inputs to the matrix. */
export interface RatingPair {
  result: ExpectationRating;
  behavior: ExpectationRating;
}

/** The pairs that give each predikat, the most common first. */
const PAIRS: Record<Predikat, readonly RatingPair[]> = {
  [Predikat.SANGAT_BAIK]: [{ result: A, behavior: A }],
  [Predikat.BAIK]: [
    { result: S, behavior: S },
    { result: A, behavior: S },
    { result: S, behavior: A },
  ],
  [Predikat.BUTUH_PERBAIKAN]: [
    { result: B, behavior: S },
    { result: B, behavior: A },
  ],
  [Predikat.KURANG_MISCONDUCT]: [
    { result: S, behavior: B },
    { result: A, behavior: B },
  ],
  [Predikat.SANGAT_KURANG]: [{ result: B, behavior: B }],
};

/** A unit's own rating for a year, by the size of its staff: one person alone can only fit ISTIMEWA's curve. */
export function unitRatingFor(members: number, random: Random): OrganisationRating {
  const roll = random.next();
  if (members < 2) return OrganisationRating.ISTIMEWA;
  if (roll < 0.2) return OrganisationRating.ISTIMEWA;
  if (roll < 0.9 || members < 5) return OrganisationRating.BAIK;
  return OrganisationRating.BUTUH_PERBAIKAN;
}

/** How many of `n` people get each predikat under the unit's rating: well inside its curve (`docs/domain.md`). */
function quotas(rating: OrganisationRating, n: number): Record<Predikat, number> {
  const q = Object.fromEntries(Object.values(Predikat).map((p) => [p, 0])) as Record<Predikat, number>;
  if (rating === OrganisationRating.ISTIMEWA) {
    q[Predikat.SANGAT_BAIK] = Math.floor(0.4 * n);
    q[Predikat.BUTUH_PERBAIKAN] = n >= 6 ? 1 : 0;
  } else if (rating === OrganisationRating.BAIK) {
    q[Predikat.KURANG_MISCONDUCT] = n >= 10 ? 1 : 0;
    // Two below expectation from eight people: one objection accepted still leaves the unit in its curve.
    q[Predikat.BUTUH_PERBAIKAN] = Math.max(n >= 8 ? 2 : 1, Math.round(0.12 * n)) - q[Predikat.KURANG_MISCONDUCT];
    q[Predikat.SANGAT_BAIK] = Math.round(0.2 * n);
  } else {
    q[Predikat.BUTUH_PERBAIKAN] = Math.ceil(0.65 * n);
  }
  q[Predikat.BAIK] = n - Object.values(q).reduce((s, k) => s + k, 0);
  // Small units: BAIK may not pass 70 % under a BAIK rating, so the rest goes to SANGAT_BAIK.
  while (curveViolations(rating, q).length > 0 && q[Predikat.BAIK] > 0) {
    q[Predikat.BAIK] -= 1;
    q[Predikat.SANGAT_BAIK] += 1;
  }
  return q;
}

/**
 * Each member's rating pair for a unit of `n` members under its rating, the head (index 0, if any) first: the
 * head's result rating follows the unit's, everyone's predikat together fits the curve. `wanting` names members
 * who get a below-expectation predikat if the spread has one to give (the demo's objecting nurse).
 */
export function spreadRatings(
  rating: OrganisationRating,
  n: number,
  hasHead: boolean,
  random: Random,
  wanting: ReadonlySet<number> = new Set(),
): RatingPair[] {
  const q = quotas(rating, n);
  const pool: Predikat[] = [];
  for (const p of Object.values(Predikat)) for (let i = 0; i < q[p]; i++) pool.push(p);
  // Shuffled (Fisher–Yates) so that who gets what does not follow the order of the staff list.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const take = (fits: (p: Predikat) => boolean): Predikat => {
    const at = pool.findIndex(fits);
    return pool.splice(at === -1 ? 0 : at, 1)[0]!;
  };
  const pairs: RatingPair[] = new Array<RatingPair>(n);
  const headResult = resultRatingForUnitRating(rating);
  if (hasHead && n > 0) {
    const predikat = take((p) => PAIRS[p].some((pair) => pair.result === headResult));
    const pair = PAIRS[predikat].find((x) => x.result === headResult);
    if (!pair) throw new Error(`no ${predikat} for a head rated ${headResult}`);
    pairs[0] = pair;
  }
  const below = (p: Predikat) => p === Predikat.BUTUH_PERBAIKAN || p === Predikat.KURANG_MISCONDUCT;
  for (const i of wanting) if (i < n && !pairs[i] && pool.some(below)) pairs[i] = PAIRS[take(below)][0]!;
  for (let i = 0; i < n; i++) {
    if (pairs[i]) continue;
    const options = PAIRS[take(() => true)];
    // Mostly the first (as expected) pair: above expectation in both is rarer than in one.
    pairs[i] = random.chance(0.7) ? options[0]! : random.pick(options);
  }
  const counts = Object.fromEntries(Object.values(Predikat).map((p) => [p, 0])) as Record<Predikat, number>;
  for (const pair of pairs) counts[predikatOf(pair.result, pair.behavior)] += 1;
  if (curveViolations(rating, counts).length > 0) throw new Error(`seeded ratings break the ${rating} curve`);
  return pairs;
}
