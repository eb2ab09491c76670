import { objectionDeadline } from '../evaluation/objection-window';
import { EvaluationCadence } from '../period/period-enums';
import { deriveSubPeriods, type SubPeriod } from '../period/sub-periods';
import { addDays, compareLocalDates, isWorkingDay, type LocalDate } from '../../core/time/local-date';

/**
 * Entries written before this day have waited more than `workingDays` working days by the end of `today`: it is
 * the (n+1)-th working day counting back from today (today included). Weekends do not count.
 */
export function reviewCutoffDay(today: LocalDate, workingDays: number): LocalDate {
  let day = today;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(day)) counted += 1;
    if (counted > workingDays) return day;
    day = addDays(day, -1);
  }
}

/** The month or quarter of a year that contains `today`, when today is among its last `days` days. */
export function subPeriodEnding(
  today: LocalDate,
  year: number,
  cadence: EvaluationCadence,
  days: number,
): SubPeriod | undefined {
  const current = deriveSubPeriods(year, cadence, 0).find((s) => s.startDate <= today && today <= s.endDate);
  if (!current) return undefined;
  return compareLocalDates(today, addDays(current.endDate, 1 - days)) >= 0 ? current : undefined;
}

export interface ObjectionDelivery {
  /** The day (region time) a rating was delivered. */
  delivered: LocalDate;
  /** The last day an objection to it may be filed. */
  deadline: LocalDate;
}

/**
 * The delivery days whose objection window closes between today and `days` days from now, oldest first. The deadline
 * grows with the delivery day, so they are consecutive days.
 */
export function deliveriesClosingSoon(
  today: LocalDate,
  days: number,
  windowDays: number,
  counting: 'calendar' | 'working',
): ObjectionDelivery[] {
  const last = addDays(today, days);
  const result: ObjectionDelivery[] = [];
  // A window of n working days spans fewer than 2n + 3 calendar days.
  for (let delivered = addDays(today, -(2 * windowDays + 3)); delivered <= today; delivered = addDays(delivered, 1)) {
    const deadline = objectionDeadline(delivered, windowDays, counting);
    if (deadline >= today && deadline <= last) result.push({ delivered, deadline });
  }
  return result;
}
