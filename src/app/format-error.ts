import { type GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { type ApolloServerPlugin } from '@apollo/server';
import { AuthenticationError, AuthorizationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { AppError, ErrorCode } from '../core/errors/app-error';
import { type RequestContext } from '../core/context/request-context';
import { ERROR_MESSAGES } from '../core/errors/error-messages';
import { type Locale } from '../core/i18n/locale';
import { type Text } from '../core/i18n/text';

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
  | { kind: 'deliberate'; code: string; message: string; text: Text | null }
  | { kind: 'unavailable' }
  | { kind: 'internal' };

/** Sorts an error into what the client may see. */
export function classifyError(error: unknown, formattedCode?: unknown): Classified {
  const original = unwrapResolverError(error);
  if (original instanceof AppError)
    return { kind: 'deliberate', code: original.code, message: original.message, text: original.text };
  if (original instanceof AuthenticationError) return deliberate(ErrorCode.UNAUTHENTICATED, ERROR_MESSAGES.signIn);
  if (original instanceof AuthorizationError) return deliberate(ErrorCode.FORBIDDEN, ERROR_MESSAGES.forbidden);
  if (isDatabaseUnavailable(original)) return { kind: 'unavailable' };
  const code = formattedCode ?? (original as GraphQLError | undefined)?.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && !(original instanceof QueryFailedError)) {
    // graphql-js's and the limits' own messages: for the developer of the client program, in English.
    return { kind: 'deliberate', code, message: (original as Error).message, text: null };
  }
  return { kind: 'internal' };
}

const deliberate = (code: ErrorCode, text: Text): Classified => ({ kind: 'deliberate', code, message: text.en, text });

/**
 * Where a formatted error keeps its message in every language until the response is sent in the request's
 * (`localizeErrorsPlugin`, the subscription server). A symbol: `JSON.stringify` never sends it.
 */
const TEXT = Symbol('text');
type Localizable = GraphQLFormattedError & { [TEXT]?: Text };

/** Not enumerable either: the formatted error compares and prints as the plain error it is. */
const withText = (formatted: GraphQLFormattedError, text: Text | null): GraphQLFormattedError =>
  text ? Object.defineProperty(formatted, TEXT, { value: text, enumerable: false }) : formatted;

/** The errors of a response in `locale`: each one formatError gave a text to gets that text's language. */
export function localizeErrors<E extends GraphQLFormattedError>(errors: readonly E[], locale: Locale): E[] {
  return errors.map((e) => {
    const text = (e as Localizable)[TEXT];
    return text ? { ...e, message: text[locale] } : e;
  });
}

/** Sends each error's message in the request's language (`docs/api.md`, Language). */
export const localizeErrorsPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind === 'single' && response.body.singleResult.errors)
          response.body.singleResult.errors = localizeErrors(response.body.singleResult.errors, contextValue.locale);
      },
    };
  },
};

/**
 * An error thrown while the request's context is made (a refused token), in `locale`: no plugin sees such a
 * request, so it is put in the caller's language before Apollo formats it.
 */
export function inLocale(error: unknown, locale: Locale): unknown {
  if (!(error instanceof AppError) || !error.text) return error;
  const { code: _code, http: _http, ...extra } = error.extensions;
  return new AppError(error.code, error.text[locale], extra);
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
      return withText(
        { message: formatted.message, locations, path, extensions: { code: classified.code } },
        classified.text,
      );
    case 'unavailable':
      return withText(
        {
          message: ERROR_MESSAGES.databaseAway.en,
          locations,
          path,
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        },
        ERROR_MESSAGES.databaseAway,
      );
    case 'internal':
      return withText(
        {
          message: ERROR_MESSAGES.internal.en,
          locations,
          path,
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
        },
        ERROR_MESSAGES.internal,
      );
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
