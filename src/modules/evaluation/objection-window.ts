import { addDays, type LocalDate } from '../../core/time/local-date';

/** The last day an objection may be filed, counting calendar days or working days (Monday to Friday) [open]. */
export function objectionDeadline(delivered: LocalDate, days: number, counting: 'calendar' | 'working'): LocalDate {
  if (counting === 'calendar') return addDays(delivered, days);
  let day = delivered;
  let left = days;
  while (left > 0) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day;
}
