import { Router, type Request, type Response } from 'express';
import { type RequestContext } from '../../core/context/request-context';
import { AppError, ErrorCode } from '../../core/errors/app-error';
import { type Employee } from '../employee/employee.entity';
import { auditExport, namedSubject, ownSubject, PERSONAL_DATA_COST, personalDataFilename, type TextSink, writePersonalData } from './personal-data.service';

export interface PersonalDataDeps {
  /** The request's context from its bearer token (throws UNAUTHENTICATED for a bad one). */
  contextFor(req: Request, res: Response): Promise<RequestContext>;
  /** Charges the export's cost to the caller's budget: the seconds to wait when it is spent, else undefined. */
  charge?(ctx: RequestContext, cost: number): number | undefined;
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).type('application/json').send(JSON.stringify({ error: { code, message } }));
}

/** The response as a sink: each write waits for the socket to drain (backpressure) or for the client to go. */
function responseSink(res: Response): TextSink {
  let gone = false;
  res.once('close', () => (gone = true));
  return {
    async write(text) {
      if (gone) return false;
      if (!res.write(text)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
      return !gone;
    },
  };
}

/**
 * Streams the subject's file. A failure before the first byte is thrown (an ordinary error answer); after it, it
 * can only cut the response: the JSON stays unterminated, without its closing `counts`, so no reader takes it whole.
 */
async function sendFile(ctx: RequestContext, res: Response, subject: Employee): Promise<void> {
  const filename = personalDataFilename(ctx, subject);
  await auditExport(ctx, subject, filename);
  res.status(200);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'private, no-store');
  try {
    if (await writePersonalData(ctx, subject, responseSink(res))) res.end();
  } catch (error) {
    if (!res.headersSent) {
      res.removeHeader('content-disposition');
      throw error;
    }
    ctx.log.error({ err: error }, 'personal data export failed while streaming');
    res.destroy();
  }
}

/**
 * A person's own data on request (Law 27/2022): `GET /exports/me.json` for the caller, and
 * `GET /exports/employees/<global id>/data.json` for HR admins whose scope covers the employee (audited). Anyone
 * else, and an unknown id, get the same 404.
 */
export function personalDataRouter(deps: PersonalDataDeps): Router {
  const router = Router();

  const begin = async (req: Request, res: Response): Promise<RequestContext | undefined> => {
    const ctx = await deps.contextFor(req, res);
    if (!ctx.actor.isAuthenticated) {
      fail(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in with a valid bearer token.');
      return undefined;
    }
    return ctx;
  };
  const charged = (ctx: RequestContext, res: Response): boolean => {
    const retryAfter = deps.charge?.(ctx, PERSONAL_DATA_COST);
    if (retryAfter === undefined) return true;
    res.setHeader('retry-after', String(retryAfter));
    fail(res, 429, 'RATE_LIMITED', `Your query budget for this minute is spent; retry in ${retryAfter} s.`);
    return false;
  };

  router.get('/me.json', async (req, res, next) => {
    try {
      const ctx = await begin(req, res);
      if (!ctx) return;
      const subject = await ownSubject(ctx);
      if (!subject) return fail(res, 404, 'NOT_FOUND', 'You have no employee record: there is no personal data to export.');
      if (!charged(ctx, res)) return;
      await sendFile(ctx, res, subject);
    } catch (error) {
      next(error);
    }
  });

  router.get('/employees/:employeeId/data.json', async (req, res, next) => {
    try {
      const ctx = await begin(req, res);
      if (!ctx) return;
      const subject = await namedSubject(ctx, String(req.params.employeeId));
      if (!subject) return fail(res, 404, 'NOT_FOUND', 'No such employee whose data you may export.');
      if (!charged(ctx, res)) return;
      await sendFile(ctx, res, subject);
    } catch (error) {
      next(error);
    }
  });

  // A bad or expired token: 401 with the same message as GraphQL gives.
  router.use((error: unknown, _req: Request, res: Response, next: (e?: unknown) => void) => {
    if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) return fail(res, 401, error.code, error.message);
    next(error);
  });
  return router;
}
