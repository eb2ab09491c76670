import { type Database } from '../core/database/database';
import { planRegion, type Landmarks } from './region-plan';
import { type SeedProgress, writeRegion } from './seed-writer';

export interface SeedResult {
  units: number;
  employees: number;
  landmarks: Landmarks;
  ms: number;
}

/** Plans and writes a deterministic region of about `employees` employees into an empty organisation. */
export async function seedRegion(db: Database, employees: number, onProgress?: (p: SeedProgress) => void): Promise<SeedResult> {
  const started = Date.now();
  const plan = planRegion(employees);
  await writeRegion(db, plan, onProgress);
  return { units: plan.units.length, employees: plan.employees.length, landmarks: plan.landmarks, ms: Date.now() - started };
}
