import { type Database } from '../core/database/database';
import { forgetCurrentPeriods } from '../modules/period/period.loaders';
import { PlanProgressCache } from '../modules/viewer/plan-progress-cache';
import { PlanContentCache } from '../modules/work-plan/plan-content-cache';

/**
 * A seed writes rows behind the services' backs, with fixed ids and versions: what this process keeps across
 * requests about that database (the current period, plan content and progress) must be read again. Another
 * process serving the same database keeps its own until restarted (README.md, Configuration).
 */
export function forgetReadCaches(db: Database): void {
  forgetCurrentPeriods(db);
  PlanContentCache.forget(db);
  PlanProgressCache.forget(db);
}
