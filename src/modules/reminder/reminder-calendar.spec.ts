import { EvaluationCadence } from '../period/period-enums';
import { deliveriesClosingSoon, reviewCutoffDay, subPeriodEnding } from './reminder-calendar';

describe('the days of reminders', () => {
  it('counts the review wait in working days: entries before the cutoff have waited more than n', () => {
    // Wednesday 27 January 2027: Wed, Tue, Mon are 3; the 4th working day back is Friday 22.
    expect(reviewCutoffDay('2027-01-27', 3)).toBe('2027-01-22');
    // Thursday 28: Thu, Wed, Tue, then Monday 25.
    expect(reviewCutoffDay('2027-01-28', 3)).toBe('2027-01-25');
    // On a Sunday the week's last working day is the first counted.
    expect(reviewCutoffDay('2027-01-31', 0)).toBe('2027-01-29');
  });

  it('finds the month or quarter ending within n days', () => {
    expect(subPeriodEnding('2027-01-27', 2027, EvaluationCadence.MONTHLY, 5)?.index).toBe(1);
    expect(subPeriodEnding('2027-01-26', 2027, EvaluationCadence.MONTHLY, 5)).toBeUndefined();
    expect(subPeriodEnding('2027-01-31', 2027, EvaluationCadence.QUARTERLY, 5)).toBeUndefined();
    expect(subPeriodEnding('2027-03-31', 2027, EvaluationCadence.QUARTERLY, 5)).toMatchObject({
      index: 1,
      endDate: '2027-03-31',
    });
    expect(subPeriodEnding('2026-12-31', 2027, EvaluationCadence.MONTHLY, 5)).toBeUndefined();
  });

  it('lists the delivery days whose objection window closes within n days', () => {
    expect(deliveriesClosingSoon('2027-01-27', 2, 14, 'calendar')).toEqual([
      { delivered: '2027-01-13', deadline: '2027-01-27' },
      { delivered: '2027-01-14', deadline: '2027-01-28' },
      { delivered: '2027-01-15', deadline: '2027-01-29' },
    ]);
    // Working days: deliveries on Friday, Saturday and Sunday share a deadline.
    const working = deliveriesClosingSoon('2027-02-05', 0, 10, 'working');
    expect(working.map((d) => d.delivered)).toEqual(['2027-01-22', '2027-01-23', '2027-01-24']);
    expect(new Set(working.map((d) => d.deadline))).toEqual(new Set(['2027-02-05']));
  });
});
