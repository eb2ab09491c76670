import { EvaluationCadence } from './period-enums';
import { deriveSubPeriods } from './sub-periods';

describe('sub-periods of a performance year', () => {
  it('gives twelve months with their evaluation due dates', () => {
    const months = deriveSubPeriods(2028, EvaluationCadence.MONTHLY, 10);
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({
      index: 2,
      label: 'Februari 2028',
      startDate: '2028-02-01',
      endDate: '2028-02-29',
      evaluationDueDate: '2028-03-10',
    });
    expect(months[11]!.evaluationDueDate).toBe('2029-01-10');
  });

  it('gives four quarters (triwulan)', () => {
    const quarters = deriveSubPeriods(2026, EvaluationCadence.QUARTERLY, 15);
    expect(quarters.map((q) => [q.label, q.startDate, q.endDate, q.evaluationDueDate])).toEqual([
      ['Triwulan I 2026', '2026-01-01', '2026-03-31', '2026-04-15'],
      ['Triwulan II 2026', '2026-04-01', '2026-06-30', '2026-07-15'],
      ['Triwulan III 2026', '2026-07-01', '2026-09-30', '2026-10-15'],
      ['Triwulan IV 2026', '2026-10-01', '2026-12-31', '2027-01-15'],
    ]);
  });
});
