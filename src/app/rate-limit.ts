/** What a principal has left after an operation. */
export interface RateDecision {
  allowed: boolean;
  /** Cost units left in the principal's budget (after this operation, when allowed). */
  remaining: number;
  /** When refused: how long until the operation's cost is available again. */
  retryAfterMs: number;
}

/**
 * A token bucket per principal, filled by estimated query cost: `budget` units, refilled continuously over a
 * minute. In this process only: behind a load balancer each instance keeps its own buckets.
 */
export class CostRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly budget: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = budget / 60_000;
  }

  take(principal: string, cost: number): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(principal) ?? { tokens: this.budget, at: now };
    bucket.tokens = Math.min(this.budget, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.sweep(now);
    this.buckets.set(principal, bucket);
    if (cost > bucket.tokens)
      return {
        allowed: false,
        remaining: Math.floor(bucket.tokens),
        retryAfterMs: Math.ceil((cost - bucket.tokens) / this.perMs),
      };
    bucket.tokens -= cost;
    return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
  }

  /** Forgets principals whose bucket has refilled: they are back where an unknown one starts. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets)
      if (b.tokens + (now - b.at) * this.perMs >= this.budget) this.buckets.delete(key);
  }
}
