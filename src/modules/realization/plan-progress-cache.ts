import { type Database } from '../../core/database/database';
import { CachePerOwner, type VersionedCache } from '../../core/util/versioned-cache';
import { type Appraisal } from '../appraisal/appraisal.entity';
import { type Feedback } from '../feedback/feedback.entity';
import { type Realization } from './realization.entity';

/** What a plan's progress is read as: indicators' latest realizations, and the feedback on those. */
export interface PlanProgress {
  /** By indicator id; null when nothing is recorded yet. Only the indicators read so far at this stamp. */
  readonly latestOf: ReadonlyMap<number, Realization | null>;
  /** By realization id, for each realization in `latestOf`: all feedback on it, oldest first, before any policy. */
  readonly feedbackOn: ReadonlyMap<number, readonly Feedback[]>;
}

/** As many plans as the plan content cache (`PLAN_CONTENT_LIMIT`): a plan's progress is about 15 rows. */
export const PLAN_PROGRESS_LIMIT = 2_000;

/**
 * Plans' progress across requests, by the plan's `version` (its indicators) and `progressVersion` (its
 * realizations and the feedback on them, bumped by every write of those: `plan-progress-writes.ts`): see
 * `VersionedCache`. Neither depends on who reads; the batch that reads it applies the policy per request.
 * Outside a transaction only; the entities are frozen.
 */
export class PlanProgressCache {
  private static readonly perDatabase = new CachePerOwner<PlanProgress>(PLAN_PROGRESS_LIMIT);

  private constructor(private readonly cache: VersionedCache<PlanProgress>) {}

  static of(db: Database): PlanProgressCache {
    return new PlanProgressCache(PlanProgressCache.perDatabase.of(db));
  }

  static forget(db: Database): void {
    PlanProgressCache.perDatabase.forget(db);
  }

  get(plan: Appraisal): PlanProgress | undefined {
    return this.cache.get(plan.rowId, stampOf(plan));
  }

  /** Adds what was just read of the plan at its current stamp to what is kept at that stamp. */
  add(
    plan: Appraisal,
    latestOf: ReadonlyMap<number, Realization | null>,
    feedbackOn: ReadonlyMap<number, readonly Feedback[]>,
  ): void {
    const kept = this.get(plan);
    const latest = new Map(kept?.latestOf);
    const feedback = new Map(kept?.feedbackOn);
    for (const [indicatorId, realization] of latestOf)
      latest.set(indicatorId, realization && Object.freeze(realization));
    for (const [realizationId, list] of feedbackOn)
      feedback.set(realizationId, Object.freeze(list.map((f) => Object.freeze(f))));
    this.cache.set(plan.rowId, stampOf(plan), { latestOf: latest, feedbackOn: feedback });
  }
}

const stampOf = (plan: Appraisal) => `${plan.version}:${plan.progressVersion}`;
