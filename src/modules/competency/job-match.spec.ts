import { JobMatchBand } from './competency-enums';
import { bandOf, currentAssessments, jobMatch, type AssessmentFact } from './job-match';

const a = (
  id: number,
  competencyId: number,
  level: number,
  authority: number,
  assessedOn: string,
  validUntil: string | null = null,
): AssessmentFact => ({
  rowId: id,
  competencyId,
  level,
  authority,
  assessedOn,
  validUntil,
});

describe('the current level of a competency', () => {
  it('comes from the most authoritative valid assessment, then the latest', () => {
    const current = currentAssessments(
      [
        a(1, 10, 4, 1, '2027-06-01'), // self, latest
        a(2, 10, 2, 4, '2025-03-01'), // assessment centre, older: wins
        a(3, 10, 3, 2, '2027-05-01'),
        a(4, 11, 2, 2, '2026-01-01'),
        a(5, 11, 3, 2, '2027-01-01'), // same method, later: wins
      ],
      '2027-07-01',
    );
    expect(current.get(10)!.rowId).toBe(2);
    expect(current.get(11)!.rowId).toBe(5);
  });

  it('ignores an expired one, and breaks a same-day tie by the later record', () => {
    const current = currentAssessments(
      [a(1, 10, 5, 4, '2022-01-01', '2026-12-31'), a(2, 10, 2, 1, '2027-02-01'), a(3, 10, 3, 1, '2027-02-01')],
      '2027-07-01',
    );
    expect(current.get(10)!.rowId).toBe(3);
    expect(currentAssessments([a(1, 10, 5, 4, '2022-01-01', '2027-07-01')], '2027-07-01').get(10)!.rowId).toBe(1);
  });
});

describe('job-person match', () => {
  it('is met levels over required levels, a surplus capped, an unassessed competency as 0', () => {
    const current = currentAssessments([a(1, 1, 3, 2, '2027-01-01'), a(2, 2, 5, 2, '2027-01-01')], '2027-07-01');
    const match = jobMatch(
      [
        { competencyId: 1, requiredLevel: 3 },
        { competencyId: 2, requiredLevel: 3 },
        { competencyId: 3, requiredLevel: 4 },
      ],
      current,
    );
    expect(match.percentage).toBe(60);
    expect(match.band).toBe(JobMatchBand.BELOW);
    expect(match.gaps.map((g) => [g.competencyId, g.gap])).toEqual([[3, 4]]);
    expect(match.standings.find((s) => s.competencyId === 2)!.gap).toBe(-2);
  });

  it('orders gaps by size, and has no percentage without requirements', () => {
    const current = currentAssessments([a(1, 1, 1, 2, '2027-01-01'), a(2, 2, 2, 2, '2027-01-01')], '2027-07-01');
    const match = jobMatch(
      [
        { competencyId: 2, requiredLevel: 3 },
        { competencyId: 1, requiredLevel: 4 },
      ],
      current,
    );
    expect(match.gaps.map((g) => g.competencyId)).toEqual([1, 2]);
    expect(jobMatch([], current)).toEqual({ standings: [], gaps: [], percentage: null, band: null });
  });

  it.each([
    [100, JobMatchBand.MEETS],
    [80, JobMatchBand.MEETS],
    [79.99, JobMatchBand.STILL_MEETS],
    [68, JobMatchBand.STILL_MEETS],
    [67.99, JobMatchBand.BELOW],
    [0, JobMatchBand.BELOW],
  ])('%d%% is %s', (percentage, band) => {
    expect(bandOf(percentage)).toBe(band);
  });

  it('puts exactly 80% (4 of 5 levels) in the meets band', () => {
    const current = currentAssessments([a(1, 1, 4, 2, '2027-01-01')], '2027-07-01');
    expect(jobMatch([{ competencyId: 1, requiredLevel: 5 }], current)).toMatchObject({
      percentage: 80,
      band: JobMatchBand.MEETS,
    });
  });
});
