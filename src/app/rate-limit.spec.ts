import { CostRateLimiter } from './rate-limit';

describe('the cost rate limiter', () => {
  it('spends a principal’s budget, refuses beyond it with the wait, and refills over a minute', () => {
    let now = 0;
    const limiter = new CostRateLimiter(6000, () => now);
    expect(limiter.take('a', 5000)).toEqual({ allowed: true, remaining: 1000, retryAfterMs: 0 });
    expect(limiter.take('a', 2000)).toEqual({ allowed: false, remaining: 1000, retryAfterMs: 10_000 });
    // Another principal has its own budget.
    expect(limiter.take('b', 6000).allowed).toBe(true);
    now = 10_000;
    expect(limiter.take('a', 2000)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    now = 10_000 + 60_000;
    expect(limiter.take('a', 1).remaining).toBe(5999);
  });
});
