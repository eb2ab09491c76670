import { ExpectationRating } from '../evaluation/evaluation-enums';
import { JobMatchBand, PerformanceLevel, PotentialLevel } from './competency-enums';
import { performanceOf, potentialOf, talentBox } from './talent';

describe('the talent matrix', () => {
  it.each([
    [PerformanceLevel.BELOW, PotentialLevel.LOW, 1],
    [PerformanceLevel.MEETS, PotentialLevel.LOW, 2],
    [PerformanceLevel.BELOW, PotentialLevel.MEDIUM, 3],
    [PerformanceLevel.ABOVE, PotentialLevel.LOW, 4],
    [PerformanceLevel.MEETS, PotentialLevel.MEDIUM, 5],
    [PerformanceLevel.BELOW, PotentialLevel.HIGH, 6],
    [PerformanceLevel.ABOVE, PotentialLevel.MEDIUM, 7],
    [PerformanceLevel.MEETS, PotentialLevel.HIGH, 8],
    [PerformanceLevel.ABOVE, PotentialLevel.HIGH, 9],
  ])('%s performance with %s potential is box %d (docs/domain.md)', (performance, potential, box) => {
    expect(talentBox(performance, potential)).toBe(box);
  });

  it('takes performance from the result rating', () => {
    expect(performanceOf(ExpectationRating.DI_ATAS_EKSPEKTASI)).toBe(PerformanceLevel.ABOVE);
    expect(performanceOf(ExpectationRating.SESUAI_EKSPEKTASI)).toBe(PerformanceLevel.MEETS);
    expect(performanceOf(ExpectationRating.DI_BAWAH_EKSPEKTASI)).toBe(PerformanceLevel.BELOW);
  });

  it.each([
    [JobMatchBand.MEETS, PotentialLevel.HIGH, PotentialLevel.HIGH],
    [JobMatchBand.MEETS, PotentialLevel.MEDIUM, PotentialLevel.HIGH],
    [JobMatchBand.STILL_MEETS, PotentialLevel.MEDIUM, PotentialLevel.MEDIUM],
    [JobMatchBand.MEETS, PotentialLevel.LOW, PotentialLevel.MEDIUM],
    [JobMatchBand.BELOW, PotentialLevel.MEDIUM, PotentialLevel.MEDIUM],
    [JobMatchBand.BELOW, PotentialLevel.LOW, PotentialLevel.LOW],
    [JobMatchBand.STILL_MEETS, null, PotentialLevel.MEDIUM],
    [null, PotentialLevel.HIGH, PotentialLevel.HIGH],
    [null, null, null],
  ])('potential from match band %s and supervisor rating %s is %s', (band, rating, potential) => {
    expect(potentialOf(band, rating)).toBe(potential);
  });
});
