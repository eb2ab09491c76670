import { Router, type Response } from 'express';
import { type RequestContext } from '../../core/context/request-context';
import {
  chargeOrRefuse,
  drainedOrGone,
  type ExportDeps,
  fail,
  signedInContext,
  unauthenticatedAs401,
} from '../../core/http/export-route';
import { type Employee } from '../employee/employee.entity';
import { personalDataMessages } from './personal-data.messages';
import {
  auditExport,
  namedSubject,
  ownSubject,
  PERSONAL_DATA_COST,
  personalDataFilename,
  type TextSink,
  writePersonalData,
} from './personal-data.service';

/** The response as a sink: each write waits for the socket to drain (backpressure) or for the client to go. */
function responseSink(res: Response): TextSink {
  let gone = false;
  res.once('close', () => (gone = true));
  return {
    async write(text) {
      if (gone) return false;
      if (!res.write(text)) await drainedOrGone(res, res);
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
export function personalDataRouter(deps: ExportDeps): Router {
  const router = Router();

  router.get('/me.json', async (req, res, next) => {
    try {
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      const subject = await ownSubject(ctx);
      if (!subject) return fail(res, 404, 'NOT_FOUND', personalDataMessages.noRecord);
      if (!chargeOrRefuse(deps, ctx, res, PERSONAL_DATA_COST)) return;
      await sendFile(ctx, res, subject);
    } catch (error) {
      next(error);
    }
  });

  router.get('/employees/:employeeId/data.json', async (req, res, next) => {
    try {
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      const subject = await namedSubject(ctx, String(req.params.employeeId));
      if (!subject) return fail(res, 404, 'NOT_FOUND', personalDataMessages.noSuchEmployee);
      if (!chargeOrRefuse(deps, ctx, res, PERSONAL_DATA_COST)) return;
      await sendFile(ctx, res, subject);
    } catch (error) {
      next(error);
    }
  });

  router.use(unauthenticatedAs401);
  return router;
}
