import { GraphQLError } from 'graphql';

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

/** A GraphQL error the service raises deliberately, with a stable code. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    const status = HTTP_STATUS[code];
    super(message, { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
  }
}

export const unauthenticated = (message = 'Sign in with a valid bearer token.') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(ErrorCode.FORBIDDEN, message);
export const badUserInput = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, extra);
