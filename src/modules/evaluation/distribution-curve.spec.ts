import { curveViolations } from './distribution-curve';
import { OrganisationRating, Predikat } from './evaluation-enums';

const described = (rating: OrganisationRating, counts: Partial<Record<Predikat, number>>) =>
  curveViolations(rating, counts).map((v) => v.bound.description);

describe('the distribution curve (docs/domain.md, acceptance scenario 7)', () => {
  it('unit BAIK, 10 staff: 8 BAIK and none below → two violations', () => {
    expect(described(OrganisationRating.BAIK, { SANGAT_BAIK: 2, BAIK: 8 })).toEqual([
      'BAIK at most 70%',
      'at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT',
    ]);
  });

  it('unit BAIK: 2 SANGAT_BAIK, 7 BAIK, 1 BUTUH_PERBAIKAN → valid', () => {
    expect(described(OrganisationRating.BAIK, { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 1 })).toEqual([]);
  });

  it('unit ISTIMEWA: 8 of 10 SANGAT_BAIK → violation, 7 → valid', () => {
    expect(described(OrganisationRating.ISTIMEWA, { SANGAT_BAIK: 8, BAIK: 2 })).toEqual(['SANGAT_BAIK at most 70%']);
    expect(described(OrganisationRating.ISTIMEWA, { SANGAT_BAIK: 7, BAIK: 3 })).toEqual([]);
  });

  it('unit SANGAT_KURANG: any SANGAT_BAIK → violation', () => {
    expect(
      described(OrganisationRating.SANGAT_KURANG, { SANGAT_KURANG: 8, KURANG_MISCONDUCT: 1, SANGAT_BAIK: 1 }),
    ).toEqual(['no SANGAT_BAIK']);
    expect(
      described(OrganisationRating.SANGAT_KURANG, { SANGAT_KURANG: 8, KURANG_MISCONDUCT: 1, BUTUH_PERBAIKAN: 1 }),
    ).toEqual([]);
  });

  it.each([
    [OrganisationRating.BUTUH_PERBAIKAN, { BUTUH_PERBAIKAN: 6, BAIK: 3, SANGAT_BAIK: 1 }, []],
    [
      OrganisationRating.BUTUH_PERBAIKAN,
      { BUTUH_PERBAIKAN: 5, BAIK: 3, SANGAT_BAIK: 2 },
      ['BUTUH_PERBAIKAN at least 60%', 'SANGAT_BAIK at most 10%'],
    ],
    [OrganisationRating.KURANG, { KURANG_MISCONDUCT: 6, BUTUH_PERBAIKAN: 1, BAIK: 3 }, []],
    [OrganisationRating.KURANG, { KURANG_MISCONDUCT: 6, BAIK: 4 }, ['BUTUH_PERBAIKAN at least 10%']],
  ])('%s with %o → %j', (rating, counts, expected) => {
    expect(described(rating, counts)).toEqual(expected);
  });

  it('reports nothing for a unit without rated employees', () => {
    expect(curveViolations(OrganisationRating.BAIK, {})).toEqual([]);
  });
});
