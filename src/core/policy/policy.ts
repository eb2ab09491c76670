import { forbidden, unauthenticated } from '../errors/app-error';
import { type RequestContext } from '../context/request-context';
import { type Permission } from './permission';

/**
 * One rule: `evaluate` gathers the facts it needs through the request's loaders (batched, cached for the
 * request) and hands them to a pure decision function that is tested by a table.
 */
export interface PolicyRule {
  /** What the rule allows, for the policy README and error logs. */
  readonly description: string;
  evaluate(ctx: RequestContext, subject: unknown): boolean | Promise<boolean>;
}

/** Exactly one rule per permission: a missing entry is a compile error, so nothing is allowed by omission. */
export type PolicyTable = { readonly [P in Permission]: PolicyRule };

/**
 * The request's policy engine. Deny by default: a permission passes only when its rule says so for this actor
 * and subject. Every resolver, field resolver, node lookup and service check goes through here.
 */
export class Policy {
  constructor(
    private readonly ctx: RequestContext,
    private readonly table: PolicyTable,
  ) {}

  async can(permission: Permission, subject?: unknown): Promise<boolean> {
    return (await this.table[permission].evaluate(this.ctx, subject)) === true;
  }

  /** Throws UNAUTHENTICATED for an anonymous caller and FORBIDDEN for a signed-in one when denied. */
  async assert(permission: Permission, subject?: unknown): Promise<void> {
    if (await this.can(permission, subject)) return;
    throw this.ctx.actor.isAuthenticated ? forbidden() : unauthenticated();
  }

  /**
   * Keeps the subjects the permission allows, in order; the rest read as absent. Waits only when a rule had to
   * (a page of plans a supervisor appraises is decided without a promise per plan).
   */
  async filter<T>(permission: Permission, subjects: readonly (T | null | undefined)[]): Promise<(T | null)[]> {
    const rule = this.table[permission];
    let waits = false;
    const verdicts = subjects.map((s) => {
      if (s == null) return false;
      const verdict = rule.evaluate(this.ctx, s);
      if (typeof verdict !== 'boolean') waits = true;
      return verdict;
    });
    const settled = waits ? await Promise.all(verdicts) : (verdicts as boolean[]);
    return subjects.map((s, i) => (settled[i] === true ? (s as T) : null));
  }
}
