import { ExpectationRating, OrganisationRating, Predikat } from './evaluation-enums';
import { creditPoints, functionalCoefficient, predikatOf, resultRatingForUnitRating } from './predikat';

const A = ExpectationRating.DI_ATAS_EKSPEKTASI;
const S = ExpectationRating.SESUAI_EKSPEKTASI;
const B = ExpectationRating.DI_BAWAH_EKSPEKTASI;

describe('the predikat matrix (docs/domain.md, acceptance scenario 5): all nine pairs', () => {
  it.each([
    [A, A, Predikat.SANGAT_BAIK],
    [A, S, Predikat.BAIK],
    [A, B, Predikat.KURANG_MISCONDUCT],
    [S, A, Predikat.BAIK],
    [S, S, Predikat.BAIK],
    [S, B, Predikat.KURANG_MISCONDUCT],
    [B, A, Predikat.BUTUH_PERBAIKAN],
    [B, S, Predikat.BUTUH_PERBAIKAN],
    [B, B, Predikat.SANGAT_KURANG],
  ])('result %s × behaviour %s → %s', (result, behavior, predikat) => {
    expect(predikatOf(result, behavior)).toBe(predikat);
  });
});

describe('credit points (predikat percentage × annual coefficient)', () => {
  it.each([
    ['Perawat Ahli Muda', Predikat.BAIK, 25],
    ['Perawat Ahli Muda', Predikat.SANGAT_BAIK, 37.5],
    ['Perawat Ahli Muda', Predikat.BUTUH_PERBAIKAN, 18.75],
    ['Perawat Ahli Pertama', Predikat.BAIK, 12.5],
    ['Bidan Terampil', Predikat.SANGAT_KURANG, 1.25],
    ['Guru Ahli Madya', Predikat.KURANG_MISCONDUCT, 18.75],
    ['Pranata Komputer Pemula', Predikat.BAIK, 3.75],
  ])('%s rated %s → %s', (title, predikat, points) => {
    expect(creditPoints(predikat, functionalCoefficient(title)!)).toBe(points);
  });

  it('knows no coefficient for a position without a functional level', () => {
    expect(functionalCoefficient('Pengadministrasi Umum')).toBeUndefined();
  });
});

describe('a unit head’s result rating follows the unit’s own rating', () => {
  it.each([
    [OrganisationRating.ISTIMEWA, A],
    [OrganisationRating.BAIK, S],
    [OrganisationRating.BUTUH_PERBAIKAN, B],
    [OrganisationRating.KURANG, B],
    [OrganisationRating.SANGAT_KURANG, B],
  ])('%s → %s', (unit, result) => {
    expect(resultRatingForUnitRating(unit)).toBe(result);
  });
});
