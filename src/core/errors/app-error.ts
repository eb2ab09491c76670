import { GraphQLError } from 'graphql';
import { type Text } from '../i18n/text';
import { ERROR_MESSAGES } from './error-messages';

/**
 * Codes of GraphQL errors (`extensions.code`) that the service sends on purpose. Anything else that escapes
 * a resolver is logged with the request id and sent as INTERNAL_SERVER_ERROR without detail.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

const HTTP_STATUS: Record<ErrorCode, number | undefined> = {
  // Authentication failures are whole-request failures; FORBIDDEN stays a field error in a 200 response.
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: undefined,
  [ErrorCode.BAD_USER_INPUT]: undefined,
  [ErrorCode.SERVICE_UNAVAILABLE]: undefined,
  [ErrorCode.INTERNAL_SERVER_ERROR]: undefined,
};

/**
 * A GraphQL error the service raises deliberately, with a stable code. Its message is a `Text` when a person may
 * read it (sent in the request's language, `format-error.ts`), or a plain string in English when it is about how a
 * client program calls the API (a page size, a cursor), which its developer reads.
 */
export class AppError extends GraphQLError {
  /** The message in every language; null for a developer's message, sent as it is. */
  readonly text: Text | null;

  constructor(
    readonly code: ErrorCode,
    message: Text | string,
    extra: Record<string, unknown> = {},
  ) {
    const status = HTTP_STATUS[code];
    super(typeof message === 'string' ? message : message.en, {
      extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
    });
    this.text = typeof message === 'string' ? null : message;
  }
}

export const unauthenticated = (message: Text = ERROR_MESSAGES.signIn) =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message: Text = ERROR_MESSAGES.forbidden) => new AppError(ErrorCode.FORBIDDEN, message);
export const badUserInput = (message: Text | string, extra: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, extra);
