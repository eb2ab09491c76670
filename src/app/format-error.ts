import { type GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { type ApolloServerPlugin } from '@apollo/server';
import { AuthenticationError, AuthorizationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { AppError, ErrorCode } from '../core/errors/app-error';
import { type RequestContext } from '../core/context/request-context';

/** Codes that graphql-js, Apollo and the query limits produce for bad requests: safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_COSTLY',
  'RATE_LIMITED',
  'BAD_IDEMPOTENCY_KEY',
]);

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'POOL_CLOSED',
]);
const CONNECTION_MESSAGES =
  /Pool is closed|closed state|Connection lost|connect ECONNREFUSED|read ECONNRESET|server closed the connection|Server shutdown in progress|Connection was killed/i;

/** The database is away: the error, or any error it wraps (a query's, a context's, a transaction's), says so. */
function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const inner = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = (inner as { code?: unknown } | null)?.code;
  const message = inner instanceof Error ? inner.message : '';
  if ((typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) || CONNECTION_MESSAGES.test(message)) return true;
  const wrapped =
    (error as { originalError?: unknown; cause?: unknown }).originalError ?? (error as { cause?: unknown }).cause;
  return wrapped !== undefined && wrapped !== error && isDatabaseUnavailable(wrapped, depth + 1);
}

type Classified =
  { kind: 'deliberate'; code: string; message: string } | { kind: 'unavailable' } | { kind: 'internal' };

/** Sorts an error into what the client may see. */
export function classifyError(error: unknown, formattedCode?: unknown): Classified {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return { kind: 'deliberate', code: original.code, message: original.message };
  if (original instanceof AuthenticationError)
    return { kind: 'deliberate', code: ErrorCode.UNAUTHENTICATED, message: 'Sign in with a valid bearer token.' };
  if (original instanceof AuthorizationError)
    return { kind: 'deliberate', code: ErrorCode.FORBIDDEN, message: 'You are not allowed to do this.' };
  if (isDatabaseUnavailable(original)) return { kind: 'unavailable' };
  const code = formattedCode ?? (original as GraphQLError | undefined)?.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && !(original instanceof QueryFailedError)) {
    return { kind: 'deliberate', code, message: (original as Error).message };
  }
  return { kind: 'internal' };
}

/**
 * What clients see of an error: deliberate errors keep their code and message; anything else becomes
 * INTERNAL_SERVER_ERROR (or SERVICE_UNAVAILABLE while the database is away) with no detail. Never a stack, SQL
 * or a file path. The detail is logged by `errorLoggingPlugin` with the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { locations, path } = formatted;
  const classified = classifyError(error, formatted.extensions?.code);
  switch (classified.kind) {
    case 'deliberate':
      return { message: formatted.message, locations, path, extensions: { code: classified.code } };
    case 'unavailable':
      return {
        message: 'The database is not answering; try again shortly.',
        locations,
        path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    case 'internal':
      return {
        message: 'Internal server error.',
        locations,
        path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
  }
}

/** Logs every masked error with its detail and the request id (the client only gets the id, in `x-request-id`). */
export const errorLoggingPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const error of errors) {
          const classified = classifyError(error);
          if (classified.kind === 'deliberate') continue;
          const original = unwrapResolverError(error);
          const level = classified.kind === 'unavailable' ? 'warn' : 'error';
          contextValue.log[level](
            { err: original, path: error.path, requestId: contextValue.requestId },
            classified.kind === 'unavailable' ? 'database unavailable' : 'unexpected error',
          );
        }
      },
    };
  },
};
