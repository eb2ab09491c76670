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
  /** How long each step took, in order (`npm run seed` prints them). */
  steps: Array<{ step: string; ms: number }>;
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
  const steps: SeedResult['steps'] = [];
  const timed = async <T>(step: string, work: () => Promise<T> | T): Promise<T> => {
    const at = Date.now();
    const result = await work();
    steps.push({ step, ms: Date.now() - at });
    return result;
  };
  forgetReadCaches(db);
  const year = Number(asOf.slice(0, 4));
  const plan = await timed('plan the region in memory', () => planRegion(employees));
  await timed('units, employees, trees', () => writeRegion(db, plan, onProgress));
  // The previous year first: its plans were made a year earlier and keep the lower ids ("newest first" lists).
  const previous = { id: PREVIOUS_PERIOD_ID, year: year - 1 };
  const before = await timed('previous year: plans', () =>
    writePlans(
      db,
      plan,
      { ...previous, status: PeriodStatus.RUNNING, cadence: EvaluationCadence.QUARTERLY, allApproved: true },
      onProgress,
    ),
  );
  await timed('previous year: realizations and feedback', () =>
    writeFollowThrough(
      db,
      { periodId: previous.id, year: previous.year, subPeriods: 4, dailyLog: false },
      asOf,
      onProgress,
    ),
  );
  const yearEnd = await timed('previous year: ratings, delivery, objections', () =>
    writeYearEnd(db, plan, previous, before.firstAppraisalId, onProgress),
  );
  const { appraisals } = await timed('running year: plans', () =>
    writePlans(
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
    ),
  );
  const followThrough = await timed('running year: realizations, feedback, daily logs', () =>
    writeFollowThrough(db, { periodId: RUNNING_PERIOD_ID, year, subPeriods: 12, dailyLog: true }, asOf, onProgress),
  );
  const { assessments } = await timed('competencies', () =>
    writeCompetencies(db, plan, [RUNNING_PERIOD_ID, previous.id], asOf, onProgress),
  );
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
    steps,
  };
}

function today(): LocalDate {
  return localDateOf(new Date(), 'Asia/Jayapura');
}
