import { type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import { type RequestContext } from '../context/request-context';
import { IDEMPOTENCY_KEY } from './idempotency';
import { IDEMPOTENT_MUTATIONS } from './idempotent';

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_IDEMPOTENCY_KEY', http: { status: 400 } } });

/**
 * Reads the `Idempotency-Key` header before anything executes: a key of the wrong shape, or on a document that is
 * not exactly one mutation field marked `@Idempotent()`, is refused (400 `BAD_IDEMPOTENCY_KEY`). A key covering
 * several mutations could answer only one of them from its record, and a key silently ignored would let a client
 * believe a resend is safe when it is not.
 */
export const idempotencyPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ request }) {
    const key = request.http?.headers.get('idempotency-key');
    if (key === undefined || key === null) return;
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (!IDEMPOTENCY_KEY.test(key))
          throw refuse('An Idempotency-Key is 1 to 100 characters of letters, digits, ".", "_", ":" and "-".');
        if (!operation) return; // Apollo has answered already: no operation to run.
        const fields = operation.selectionSet.selections;
        const field = fields.length === 1 && fields[0]!.kind === Kind.FIELD ? fields[0] : undefined;
        if (operation.operation !== 'mutation' || !field || !IDEMPOTENT_MUTATIONS.has(field.name.value))
          throw refuse(
            'An Idempotency-Key goes with a document of exactly one create-type mutation (docs/api.md lists them).',
          );
        contextValue.idempotency = { key };
      },
    };
  },
};
