import { type Database } from '../core/database/database';
import { planRegion, type Landmarks } from './region-plan';
import { type SeedProgress, writeRegion } from './seed-writer';
import { writePlans } from './plan-seed';
import { writeFollowThrough } from './follow-through-seed';
import { writeCompetencies } from './competency-seed';
import { forgetReadCaches } from './forget-read-caches';
import { localDateOf, type LocalDate } from '../core/time/local-date';

export interface SeedResult {
  units: number;
  employees: number;
  appraisals: number;
  realizations: number;
  feedback: number;
  activities: number;
  assessments: number;
  year: number;
  landmarks: Landmarks;
  ms: number;
}

/**
 * Plans and writes a deterministic region of about `employees` employees into an empty organisation, with a
 * running performance year (the one of `asOf`, today in the region by default), everyone's plan in it, and the
 * year so far: realizations, feedback, daily logs.
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
  const { appraisals } = await writePlans(db, plan, year, onProgress);
  const followThrough = await writeFollowThrough(db, year, asOf, onProgress);
  const { assessments } = await writeCompetencies(db, plan, 1, asOf, onProgress);
  forgetReadCaches(db);
  return {
    units: plan.units.length,
    employees: plan.employees.length,
    appraisals,
    ...followThrough,
    assessments,
    year,
    landmarks: plan.landmarks,
    ms: Date.now() - started,
  };
}

function today(): LocalDate {
  return localDateOf(new Date(), 'Asia/Jayapura');
}
