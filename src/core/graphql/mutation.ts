import { type RequestContext } from '../context/request-context';
import { type UserError, UserErrorsException } from '../errors/user-error';
import { isUniqueViolation } from '../database/unique-violation';
import { type IdempotencyClaim, purgeExpired, storeAnswer, storedAnswer } from '../idempotency/idempotency';

export type Payload<T> = Partial<T> & { userErrors: UserError[] };

/**
 * Runs a mutation as one transaction (`docs/adr/0007-user-errors-over-exceptions.md`). A `UserErrorsException`
 * thrown inside rolls everything back and becomes the payload's `userErrors`; any other error rolls back and
 * propagates (masked by the server).
 *
 * With an `Idempotency-Key` (a mutation marked `@Idempotent()`), the key's record is read first and written after
 * the work in the same transaction: a resend is answered from the record without the work, and of two concurrent
 * sends the second fails on the record's primary key, rolls back whole, and is answered from the first's record.
 */
export async function runMutation<T extends object>(
  ctx: RequestContext,
  work: (tx: RequestContext) => Promise<T>,
): Promise<Payload<T>> {
  const claim = completeClaim(ctx.idempotency);
  try {
    const result = claim ? await keyedTransaction(ctx, claim, work) : await ctx.transaction(work);
    return { ...result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsException) return { userErrors: error.errors } as Payload<T>;
    throw error;
  }
}

function completeClaim(claim: IdempotencyClaim | undefined): Required<IdempotencyClaim> | undefined {
  return claim?.operation !== undefined && claim.requestHash !== undefined
    ? (claim as Required<IdempotencyClaim>)
    : undefined;
}

async function keyedTransaction<T extends object>(
  ctx: RequestContext,
  claim: Required<IdempotencyClaim>,
  work: (tx: RequestContext) => Promise<T>,
): Promise<T> {
  const attempt = () =>
    ctx.transaction(async (tx) => {
      const stored = await storedAnswer<T>(tx, claim);
      if (stored) return stored;
      const result = await work(tx);
      await storeAnswer(tx, claim, result);
      return result;
    });
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    // The same key committed meanwhile (or the work hit a unique key of its own): once more, now reading its record.
    if (!isUniqueViolation(error)) throw error;
    result = await attempt();
  }
  await purgeExpired(ctx);
  return result;
}
