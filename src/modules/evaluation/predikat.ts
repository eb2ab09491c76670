import { ExpectationRating, OrganisationRating, Predikat } from './evaluation-enums';

const A = ExpectationRating.DI_ATAS_EKSPEKTASI;
const S = ExpectationRating.SESUAI_EKSPEKTASI;
const B = ExpectationRating.DI_BAWAH_EKSPEKTASI;

/** The matrix of `docs/domain.md` (rows: result, columns: behaviour). */
export const PREDIKAT_MATRIX: Readonly<Record<ExpectationRating, Readonly<Record<ExpectationRating, Predikat>>>> = {
  [A]: { [A]: Predikat.SANGAT_BAIK, [S]: Predikat.BAIK, [B]: Predikat.KURANG_MISCONDUCT },
  [S]: { [A]: Predikat.BAIK, [S]: Predikat.BAIK, [B]: Predikat.KURANG_MISCONDUCT },
  [B]: { [A]: Predikat.BUTUH_PERBAIKAN, [S]: Predikat.BUTUH_PERBAIKAN, [B]: Predikat.SANGAT_KURANG },
};

export function predikatOf(result: ExpectationRating, behavior: ExpectationRating): Predikat {
  return PREDIKAT_MATRIX[result][behavior];
}

/** For the head of a unit, the result rating follows the unit's own rating (`docs/domain.md`) [2nd]. */
export function resultRatingForUnitRating(rating: OrganisationRating): ExpectationRating {
  switch (rating) {
    case OrganisationRating.ISTIMEWA:
      return A;
    case OrganisationRating.BAIK:
      return S;
    case OrganisationRating.BUTUH_PERBAIKAN:
    case OrganisationRating.KURANG:
    case OrganisationRating.SANGAT_KURANG:
      return B;
  }
}

/** Credit points: predikat percentage × the annual coefficient of the functional level (`docs/domain.md`). */
export const PREDIKAT_PERCENT: Readonly<Record<Predikat, number>> = {
  [Predikat.SANGAT_BAIK]: 150,
  [Predikat.BAIK]: 100,
  [Predikat.BUTUH_PERBAIKAN]: 75,
  [Predikat.KURANG_MISCONDUCT]: 50,
  [Predikat.SANGAT_KURANG]: 25,
};

/** Annual coefficients by level, longest names first so that "Ahli Pertama" is not read as something shorter. */
export const FUNCTIONAL_COEFFICIENTS: ReadonlyArray<[string, number]> = [
  ['Ahli Pertama', 12.5],
  ['Ahli Madya', 37.5],
  ['Ahli Utama', 50],
  ['Ahli Muda', 25],
  ['Penyelia', 25],
  ['Terampil', 5],
  ['Pemula', 3.75],
  ['Mahir', 12.5],
];

/** The coefficient of a functional position from its title ("Perawat Ahli Pertama" → 12.5), if it names a level. */
export function functionalCoefficient(positionTitle: string): number | undefined {
  const title = positionTitle.toLowerCase();
  return FUNCTIONAL_COEFFICIENTS.find(([level]) => title.includes(level.toLowerCase()))?.[1];
}

/** Predikat percentage × coefficient, exact (`docs/domain.md` does not round; Pemula at 75% is 2.8125). */
export function creditPoints(predikat: Predikat, coefficient: number): number {
  return (PREDIKAT_PERCENT[predikat] * coefficient) / 100;
}
