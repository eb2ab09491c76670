import { objectionDeadline } from './objection-window';

describe('the objection window (PP 30/2019 art. 59: 14 days)', () => {
  it('counts calendar days by default: delivered 5 January, open through 19 January', () => {
    expect(objectionDeadline('2027-01-05', 14, 'calendar')).toBe('2027-01-19');
  });

  it('counts working days when configured (Monday to Friday)', () => {
    // Tuesday 5 January 2027 + 14 working days = Monday 25 January.
    expect(objectionDeadline('2027-01-05', 14, 'working')).toBe('2027-01-25');
    // From a Friday, the weekend does not count.
    expect(objectionDeadline('2027-01-08', 1, 'working')).toBe('2027-01-11');
  });
});
