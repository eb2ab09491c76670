import { forbidden, unauthenticated } from '../errors/app-error';
import { type RequestContext } from '../context/request-context';
import { type Permission } from './permission';
import { type SubjectArgs, type SubjectOf } from './permission-subjects';

/**
 * One rule: `evaluate` gathers the facts it needs through the request's loaders (batched, cached for the
 * request) and hands them to a pure decision function that is tested by a table.
 */
export interface PolicyRule<S = void> {
  /** Who the rule allows, one line: the policy README's table is generated from it (`npm run -s policy:doc`). */
  readonly description: string;
  /** What the rule decides on, one line for the README; null when it looks at the caller alone. */
  readonly subject: [S] extends [void] ? null : string;
  /**
   * Set when the permission guards object fields (`@Allow` on a field): the class of the field's parent object,
   * which is then the subject. The auth checker refuses, loudly, a parent of another class.
   */
  readonly fieldSubject?: abstract new (...args: never[]) => S;
  evaluate(ctx: RequestContext, subject: S): boolean | Promise<boolean>;
}

/** Exactly one rule per permission, typed by its subject: a missing entry or a rule on the wrong subject does not compile. */
export type PolicyTable = { readonly [P in Permission]: PolicyRule<SubjectOf<P>> };

/**
 * The request's policy engine. Deny by default: a permission passes only when its rule says so for this actor
 * and subject. Every resolver, field resolver, node lookup and service check goes through here.
 */
export class Policy {
  constructor(
    private readonly ctx: RequestContext,
    private readonly table: PolicyTable,
  ) {}

  can<P extends Permission>(permission: P, ...subject: SubjectArgs<P>): Promise<boolean> {
    return this.decide(permission, subject[0] as SubjectOf<P>);
  }

  /** Throws UNAUTHENTICATED for an anonymous caller and FORBIDDEN for a signed-in one when denied. */
  async assert<P extends Permission>(permission: P, ...subject: SubjectArgs<P>): Promise<void> {
    if (await this.decide(permission, subject[0] as SubjectOf<P>)) return;
    throw this.ctx.actor.isAuthenticated ? forbidden() : unauthenticated();
  }

  /**
   * Keeps the subjects the permission allows, in order; the rest read as absent. Waits only when a rule had to
   * (a page of plans a supervisor appraises is decided without a promise per plan).
   */
  async filter<P extends Permission, T extends SubjectOf<P>>(
    permission: P,
    subjects: readonly (T | null | undefined)[],
  ): Promise<(T | null)[]> {
    const rule = this.rule(permission);
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

  /** An operation's permission (`@Allow` on a root field): one that decides on the caller alone, else a bug, said loudly. */
  async assertOperation(permission: Permission): Promise<void> {
    const rule = this.table[permission];
    if (rule.subject !== null)
      throw new Error(`${permission} decides on ${rule.subject}: it cannot guard an operation`);
    if (await this.decide(permission, undefined as never)) return;
    throw this.ctx.actor.isAuthenticated ? forbidden() : unauthenticated();
  }

  /** An object field's permission: its parent object is the subject, and must be of the class the rule declares. */
  async canOnField(permission: Permission, parent: unknown): Promise<boolean> {
    const rule = this.table[permission] as PolicyRule<unknown>;
    if (!rule.fieldSubject || !(parent instanceof rule.fieldSubject)) {
      throw new Error(`${permission} cannot guard a field of ${parent?.constructor?.name ?? String(parent)}`);
    }
    return this.decide(permission, parent as never);
  }

  private rule<P extends Permission>(permission: P): PolicyRule<SubjectOf<P>> {
    // The table is indexed by every permission with its own subject type; TypeScript cannot follow `P` through
    // the mapped type, so the lookup is widened once here.
    return this.table[permission] as unknown as PolicyRule<SubjectOf<P>>;
  }

  private async decide<P extends Permission>(permission: P, subject: SubjectOf<P>): Promise<boolean> {
    return (await this.rule(permission).evaluate(this.ctx, subject)) === true;
  }
}
