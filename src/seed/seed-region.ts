import { type Database } from '../core/database/database';
import { planRegion, type Landmarks } from './region-plan';
import { type SeedProgress, writeRegion } from './seed-writer';
import { writePlans } from './plan-seed';
import { localDateOf } from '../core/time/local-date';

export interface SeedResult {
  units: number;
  employees: number;
  appraisals: number;
  year: number;
  landmarks: Landmarks;
  ms: number;
}

/**
 * Plans and writes a deterministic region of about `employees` employees into an empty organisation, with a
 * running performance year (the current one in the region by default) and everyone's plan in it.
 */
export async function seedRegion(db: Database, employees: number, onProgress?: (p: SeedProgress) => void, year = currentYear()): Promise<SeedResult> {
  const started = Date.now();
  const plan = planRegion(employees);
  await writeRegion(db, plan, onProgress);
  const { appraisals } = await writePlans(db, plan, year, onProgress);
  return { units: plan.units.length, employees: plan.employees.length, appraisals, year, landmarks: plan.landmarks, ms: Date.now() - started };
}

function currentYear(): number {
  return Number(localDateOf(new Date(), 'Asia/Jayapura').slice(0, 4));
}
