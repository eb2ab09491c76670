import { type Request, type Response } from 'express';
import { type RequestContext } from '../context/request-context';
import { AppError, ErrorCode } from '../errors/app-error';
import { ERROR_MESSAGES } from '../errors/error-messages';
import { isLocale } from '../i18n/locale';
import { type Text } from '../i18n/text';

/** What a file export route needs of the server: the request's context, and the caller's cost budget. */
export interface ExportDeps {
  /** The request's context from its bearer token (throws UNAUTHENTICATED for a bad one). */
  contextFor(req: Request, res: Response): Promise<RequestContext>;
  /**
   * Charges an export's cost to the caller's budget, as the same read over GraphQL is charged: the seconds to wait
   * when it is spent, else undefined. Absent when the rate limit is off.
   */
  charge?(ctx: RequestContext, cost: number): number | undefined;
}

/**
 * An export's refusal, as JSON with a stable code; a `Text` message in the request's language (set on
 * `res.locals.locale` by the server), a string as it is.
 */
export function fail(res: Response, status: number, code: string, message: Text | string): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ error: { code, message: inRequestLocale(res, message) } }));
}

/** A message in the language of the request `res` answers; English when none was negotiated. */
export function inRequestLocale(res: Response, message: Text | string): string {
  if (typeof message === 'string') return message;
  const locale: unknown = res.locals.locale;
  return message[isLocale(locale) ? locale : 'en'];
}

/** The signed-in caller's context, or undefined after answering 401 (no token: anonymous). */
export async function signedInContext(
  deps: ExportDeps,
  req: Request,
  res: Response,
): Promise<RequestContext | undefined> {
  const ctx = await deps.contextFor(req, res);
  if (ctx.actor.isAuthenticated) return ctx;
  fail(res, 401, ErrorCode.UNAUTHENTICATED, ERROR_MESSAGES.signIn);
  return undefined;
}

/** Charges `cost` to the caller: true when allowed, else false after answering 429 with `retry-after`. */
export function chargeOrRefuse(deps: ExportDeps, ctx: RequestContext, res: Response, cost: number): boolean {
  const retryAfter = deps.charge?.(ctx, cost);
  if (retryAfter === undefined) return true;
  res.setHeader('retry-after', String(retryAfter));
  fail(res, 429, 'RATE_LIMITED', ERROR_MESSAGES.budgetSpent(retryAfter));
  return false;
}

/** Waits until `stream` drains or the client goes away, leaving no listener behind either way. */
export function drainedOrGone(stream: NodeJS.EventEmitter, res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      res.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    res.once('close', done);
  });
}

/** A bad or expired token: 401 with the same message as GraphQL gives (the routers' error handler). */
export function unauthenticatedAs401(error: unknown, _req: Request, res: Response, next: (e?: unknown) => void): void {
  if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED)
    return fail(res, 401, error.code, error.text ?? error.message);
  next(error);
}
