import { type MiddlewareFn, UseMiddleware } from 'type-graphql';
import { type RequestContext } from '../context/request-context';
import { requestHash } from './idempotency';

/** The mutation fields marked `@Idempotent()`: an `Idempotency-Key` is accepted on these alone. */
export const IDEMPOTENT_MUTATIONS = new Set<string>();

/** Ties the request's key to this mutation and a hash of its input (already coerced, so a variable or a literal alike). */
const claimKey: MiddlewareFn<RequestContext> = ({ context, args, info }, next) => {
  const claim = context.idempotency;
  if (claim) {
    claim.operation = info.fieldName;
    claim.requestHash = requestHash(info.fieldName, args);
  }
  return next();
};

/**
 * Marks a create-type mutation (its resolver runs `runMutation`) as answering a resend with the same
 * `Idempotency-Key` and input from what the first request stored, instead of writing again (`docs/api.md`).
 * The method's name must be the field's: `test/idempotency-coverage.spec.ts` checks the list against the schema.
 */
export function Idempotent(): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    IDEMPOTENT_MUTATIONS.add(String(propertyKey));
    UseMiddleware(claimKey)(target, propertyKey, descriptor);
  };
}
