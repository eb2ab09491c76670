import { type Database } from '../core/database/database';
import { planRegion, type Landmarks } from './region-plan';
import { type SeedProgress, writeRegion } from './seed-writer';
import { writePlans } from './plan-seed';
import { writeFollowThrough } from './follow-through-seed';
import { writeCompetencies } from './competency-seed';
import { forgetReadCaches } from './forget-read-caches';
import { writeYearEnd } from './year-end-seed';
import { localDateOf, type LocalDate } from '../core/time/local-date';
import { EvaluationCadence, PeriodStatus } from '../modules/period/period-enums';

/** The running year is period 1, as the demo has always had it; the year before it, closed, is period 2. */
export const RUNNING_PERIOD_ID = 1;
export const PREVIOUS_PERIOD_ID = 2;

export interface SeedResult {
  units: number;
  employees: number;
  appraisals: number;
  realizations: number;
  feedback: number;
  activities: number;
  assessments: number;
  /** The previous year's evaluations (periodic and annual) and objections. */
  evaluations: number;
  objections: number;
  year: number;
  landmarks: Landmarks;
  ms: number;
}

/**
 * Plans and writes a deterministic region of about `employees` employees into an empty organisation, with a
 * running performance year (the one of `asOf`, today in the region by default), everyone's plan in it, and the
 * year so far: realizations, feedback, daily logs. Before it, the previous year as it ended: plans followed
 * through quarter by quarter, rated, delivered, objected to, closed (`docs/domain.md`, The demo region).
 */
export async function seedRegion(
  db: Database,
  employees: number,
  onProgress?: (p: SeedProgress) => void,
  asOf: LocalDate = today(),
): Promise<SeedResult> {
  const started = Date.now();
  forgetReadCaches(db);
  const year = Number(asOf.slice(0, 4));
  const plan = planRegion(employees);
  await writeRegion(db, plan, onProgress);
  // The previous year first: its plans were made a year earlier and keep the lower ids ("newest first" lists).
  const previous = { id: PREVIOUS_PERIOD_ID, year: year - 1 };
  const before = await writePlans(
    db,
    plan,
    { ...previous, status: PeriodStatus.RUNNING, cadence: EvaluationCadence.QUARTERLY, allApproved: true },
    onProgress,
  );
  await writeFollowThrough(
    db,
    { periodId: previous.id, year: previous.year, subPeriods: 4, dailyLog: false },
    asOf,
    onProgress,
  );
  const yearEnd = await writeYearEnd(db, plan, previous, before.firstAppraisalId, onProgress);
  const { appraisals } = await writePlans(
    db,
    plan,
    {
      id: RUNNING_PERIOD_ID,
      year,
      status: PeriodStatus.RUNNING,
      cadence: EvaluationCadence.MONTHLY,
      allApproved: false,
    },
    onProgress,
  );
  const followThrough = await writeFollowThrough(
    db,
    { periodId: RUNNING_PERIOD_ID, year, subPeriods: 12, dailyLog: true },
    asOf,
    onProgress,
  );
  const { assessments } = await writeCompetencies(db, plan, [RUNNING_PERIOD_ID, previous.id], asOf, onProgress);
  forgetReadCaches(db);
  return {
    units: plan.units.length,
    employees: plan.employees.length,
    appraisals,
    ...followThrough,
    assessments,
    ...yearEnd,
    year,
    landmarks: plan.landmarks,
    ms: Date.now() - started,
  };
}

function today(): LocalDate {
  return localDateOf(new Date(), 'Asia/Jayapura');
}
