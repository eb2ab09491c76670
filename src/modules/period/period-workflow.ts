import { PeriodStatus } from './period-enums';

/** A period moves forward only; CLOSED is final (a closed year refuses every change). */
export const PERIOD_TRANSITIONS: Readonly<Record<PeriodStatus, readonly PeriodStatus[]>> = {
  [PeriodStatus.PLANNING]: [PeriodStatus.RUNNING],
  [PeriodStatus.RUNNING]: [PeriodStatus.EVALUATING],
  [PeriodStatus.EVALUATING]: [PeriodStatus.CLOSED],
  [PeriodStatus.CLOSED]: [],
};

export function canMovePeriod(from: PeriodStatus, to: PeriodStatus): boolean {
  return PERIOD_TRANSITIONS[from].includes(to);
}
