import { type Database } from '../../core/database/database';
import { CachePerOwner, VersionedCache } from '../../core/util/versioned-cache';
import { type Appraisal } from '../appraisal/appraisal.entity';
import { type Indicator } from './indicator.entity';
import { type WorkResultPlan } from './work-result-plan.entity';

/** A plan's content as `readPlanContent` reads it: its RHK in order, and each RHK's indicators in order. */
export interface PlanContent {
  readonly rhks: readonly WorkResultPlan[];
  readonly indicatorsOf: ReadonlyMap<number, readonly Indicator[]>;
}

/** The content of a plan from its RHK and, in the same order, each one's indicators. */
export function planContent(
  rhks: readonly WorkResultPlan[],
  indicators: readonly (readonly Indicator[])[],
): PlanContent {
  return { rhks, indicatorsOf: new Map(rhks.map((rhk, n) => [rhk.rowId, indicators[n]!])) };
}

/**
 * How many plans' content one process keeps: a large unit's whole dashboard, a few MB (a plan is about 3 RHK
 * and 15 indicators).
 */
export const PLAN_CONTENT_LIMIT = 2_000;

/**
 * Plan content (RHK and indicators) across requests, by the plan's version (`VersionedCache`): a change to a
 * plan's content is an edit of the plan, which bumps its version in the same transaction (`touchPlan`, refused
 * without the version the editor read), and the plan row is read before its content. Read by the plan content
 * batch (`planContentOf`) outside a transaction only. The entities are frozen, so code that tried to change a
 * shared one would fail at once rather than leak into another request.
 */
export class PlanContentCache {
  private static readonly perDatabase = new CachePerOwner<PlanContent>(PLAN_CONTENT_LIMIT);

  constructor(private readonly cache: VersionedCache<PlanContent> = new VersionedCache(PLAN_CONTENT_LIMIT)) {}

  static of(db: Database): PlanContentCache {
    return new PlanContentCache(PlanContentCache.perDatabase.of(db));
  }

  static forget(db: Database): void {
    PlanContentCache.perDatabase.forget(db);
  }

  get(plan: Appraisal): PlanContent | undefined {
    return this.cache.get(plan.rowId, String(plan.version));
  }

  /** Keeps the content read at the plan's version, frozen, and returns what it kept. */
  set(plan: Appraisal, rhks: readonly WorkResultPlan[], indicators: readonly (readonly Indicator[])[]): PlanContent {
    const indicatorsOf = new Map<number, readonly Indicator[]>();
    rhks.forEach((rhk, n) => indicatorsOf.set(rhk.rowId, Object.freeze(indicators[n]!.map((i) => Object.freeze(i)))));
    const content = { rhks: Object.freeze(rhks.map((r) => Object.freeze(r))), indicatorsOf };
    this.cache.set(plan.rowId, String(plan.version), content);
    return content;
  }

  get size(): number {
    return this.cache.size;
  }
}
