import { type Database } from '../../core/database/database';
import { CachePerOwner, type VersionedCache } from '../../core/util/versioned-cache';
import { type Appraisal } from '../appraisal/appraisal.entity';
import { type Feedback } from '../feedback/feedback.entity';
import { type Realization } from '../realization/realization.entity';

/** What the team dashboard reads of a plan's progress: each indicator's latest realization, and the feedback on it. */
export interface PlanProgress {
  /** By indicator id; null when nothing is recorded yet. */
  readonly latestOf: ReadonlyMap<number, Realization | null>;
  /** By realization id; absent when the feedback was not read with them. */
  readonly feedbackOn: ReadonlyMap<number, readonly Feedback[]> | undefined;
}

/** As many plans as the plan content cache (`PLAN_CONTENT_LIMIT`): a plan's progress is about 15 rows. */
export const PLAN_PROGRESS_LIMIT = 2_000;

/**
 * The dashboard's latest realizations and their feedback across requests, by the plan's `version` (its
 * indicators) and `progressVersion` (its realizations and feedback, bumped by `touchProgress` in the writing
 * transaction): see `VersionedCache`. Neither depends on who reads, once they may read the plan. Read paths
 * outside a transaction only; the entities are frozen.
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
    return this.cache.get(plan.id, stampOf(plan));
  }

  set(plan: Appraisal, latestOf: Map<number, Realization | null>, feedbackOn: Map<number, Feedback[]> | undefined): void {
    for (const realization of latestOf.values()) if (realization) Object.freeze(realization);
    for (const [id, list] of feedbackOn ?? []) feedbackOn!.set(id, Object.freeze(list.map((f) => Object.freeze(f))) as Feedback[]);
    this.cache.set(plan.id, stampOf(plan), { latestOf, feedbackOn });
  }
}

const stampOf = (plan: Appraisal) => `${plan.version}:${plan.progressVersion}`;
