import { PositionKind } from '../employee/employee-enums';
import { EvaluationKind, ExpectationRating, Predikat } from '../evaluation/evaluation-enums';
import { EvaluationCadence } from '../period/period-enums';
import { coefficientOf, EXPECTATION_VALUE, QUADRANT_VALUE, spanOf } from './siasn-mapping';

describe('the SIASN mapping (docs/siasn.md)', () => {
  it('rates 1 above, 2 as expected, 3 below', () => {
    expect(EXPECTATION_VALUE).toEqual({
      [ExpectationRating.DI_ATAS_EKSPEKTASI]: 1,
      [ExpectationRating.SESUAI_EKSPEKTASI]: 2,
      [ExpectationRating.DI_BAWAH_EKSPEKTASI]: 3,
    });
  });

  it('puts each predikat in its quadrant, Sangat Baik 1 to Sangat Kurang 5', () => {
    expect(QUADRANT_VALUE).toEqual({
      [Predikat.SANGAT_BAIK]: 1,
      [Predikat.BAIK]: 2,
      [Predikat.BUTUH_PERBAIKAN]: 3,
      [Predikat.KURANG_MISCONDUCT]: 4,
      [Predikat.SANGAT_KURANG]: 5,
    });
  });

  it.each([
    [EvaluationCadence.MONTHLY, 1, 1, 1, 1],
    [EvaluationCadence.MONTHLY, 12, 1, 12, 12],
    [EvaluationCadence.QUARTERLY, 1, 2, 1, 3],
    [EvaluationCadence.QUARTERLY, 4, 2, 10, 12],
  ])('a %s evaluation of sub-period %i: periodikId %i, months %i to %i', (cadence, sub, periodik, from, to) => {
    expect(spanOf(EvaluationKind.PERIODIC, sub, 2027, cadence, '2027-01-01', '2027-12-31')).toEqual({
      periodikId: periodik,
      startYear: 2027,
      startMonth: from,
      endYear: 2027,
      endMonth: to,
    });
  });

  it('an annual evaluation covers its plan’s months (here a plan closed by a transfer in May) and has no periodikId', () => {
    expect(spanOf(EvaluationKind.ANNUAL, 0, 2027, EvaluationCadence.QUARTERLY, '2027-01-01', '2027-05-14')).toEqual({
      periodikId: null,
      startYear: 2027,
      startMonth: 1,
      endYear: 2027,
      endMonth: 5,
    });
  });

  it.each([
    [PositionKind.FUNGSIONAL, 'Perawat Ahli Muda', { code: 'AHLI_MUDA', coefficient: 25 }],
    [PositionKind.FUNGSIONAL, 'Perawat Ahli Pertama', { code: 'AHLI_PERTAMA', coefficient: 12.5 }],
    [PositionKind.FUNGSIONAL, 'Pranata Komputer Terampil', { code: 'TERAMPIL', coefficient: 5 }],
    [PositionKind.FUNGSIONAL, 'Bidan', null],
    [PositionKind.PELAKSANA, 'Pengadministrasi Ahli Muda', null],
  ])('%s %s: koefisien %j', (kind, title, expected) => {
    expect(coefficientOf(kind, title)).toEqual(expected);
  });
});
