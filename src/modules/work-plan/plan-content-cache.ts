import { type Database } from '../../core/database/database';
import { type Appraisal } from '../appraisal/appraisal.entity';
import { type Indicator } from './indicator.entity';
import { type WorkResultPlan } from './work-result-plan.entity';

/** A plan's content as `workResultPlansOf` loads it: its RHK in order, and each RHK's indicators in order. */
export interface PlanContent {
  readonly rhks: readonly WorkResultPlan[];
  readonly indicatorsOf: ReadonlyMap<number, readonly Indicator[]>;
}

/**
 * How many plans' content one process keeps: a large unit's whole dashboard, a few MB (a plan is about 3 RHK
 * and 15 indicators). The least recently read goes first.
 */
export const PLAN_CONTENT_LIMIT = 2_000;

/**
 * Plan content (RHK and indicators) across requests, keyed by the plan's id and version. Every change to a
 * plan's content bumps the plan's one version in the same transaction (`touchPlan`), and the plan row is read
 * before its content, so an entry can only be served to a request that read that very version: nothing stale,
 * whichever process made the change, and no invalidation to forget. Read paths outside a transaction only; the
 * entities are frozen, so code that tried to change a shared one would fail at once rather than leak.
 * Per database: a test that rebuilds its database starts empty.
 */
export class PlanContentCache {
  private static readonly perDatabase = new WeakMap<Database, PlanContentCache>();
  private readonly entries = new Map<number, { version: number; content: PlanContent }>();

  constructor(private readonly limit = PLAN_CONTENT_LIMIT) {}

  static of(db: Database): PlanContentCache {
    let cache = PlanContentCache.perDatabase.get(db);
    if (!cache) PlanContentCache.perDatabase.set(db, (cache = new PlanContentCache()));
    return cache;
  }

  get(plan: Appraisal): PlanContent | undefined {
    const entry = this.entries.get(plan.id);
    if (!entry || entry.version !== plan.version) return undefined;
    // Most recently read last, so the first key is the one to drop.
    this.entries.delete(plan.id);
    this.entries.set(plan.id, entry);
    return entry.content;
  }

  set(plan: Appraisal, rhks: readonly WorkResultPlan[], indicators: readonly (readonly Indicator[])[]): void {
    const indicatorsOf = new Map<number, readonly Indicator[]>();
    rhks.forEach((rhk, n) => indicatorsOf.set(rhk.id, Object.freeze(indicators[n]!.map((i) => Object.freeze(i)))));
    const content: PlanContent = { rhks: Object.freeze(rhks.map((r) => Object.freeze(r))), indicatorsOf };
    this.entries.delete(plan.id);
    this.entries.set(plan.id, { version: plan.version, content });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
