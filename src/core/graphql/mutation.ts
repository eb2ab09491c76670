import { type RequestContext } from '../context/request-context';
import { type UserError, UserErrorsException } from '../errors/user-error';

export type Payload<T> = Partial<T> & { userErrors: UserError[] };

/**
 * Runs a mutation as one transaction (`docs/adr/0007-user-errors-over-exceptions.md`). A `UserErrorsException`
 * thrown inside rolls everything back and becomes the payload's `userErrors`; any other error rolls back and
 * propagates (masked by the server).
 */
export async function runMutation<T extends object>(
  ctx: RequestContext,
  work: (tx: RequestContext) => Promise<T>,
): Promise<Payload<T>> {
  try {
    const result = await ctx.transaction(work);
    return { ...result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsException) return { userErrors: error.errors } as Payload<T>;
    throw error;
  }
}
