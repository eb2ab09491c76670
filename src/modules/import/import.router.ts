import express, { type Request, type Response, Router } from 'express';
import { Readable } from 'node:stream';
import { CsvError } from 'csv-parse';
import { type RequestContext } from '../../core/context/request-context';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';
import { type ExportDeps, fail, signedInContext, unauthenticatedAs401 } from '../../core/http/export-route';
import { Permission } from '../../core/policy/permission';
import { type CsvImportOutcome, type CsvKind, CsvImportError, importCsvRows } from './csv-import';
import { IMPORT_MESSAGES } from './import.messages';

export interface ImportRouteDeps extends ExportDeps {
  /** The largest body these routes read (`IMPORT_MAX_BYTES`). */
  maxBytes: number;
}

/** `text/csv`, with or without parameters (`; charset=utf-8`). */
const isCsv = (req: Request) => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';

/** What the route answers: the counts and one result per data row, each error's message in the request's language. */
function answer(ctx: RequestContext, outcome: CsvImportOutcome, dryRun: boolean) {
  return {
    kind: outcome.kind,
    dryRun,
    summary: {
      received: outcome.total,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      failed: outcome.failed,
    },
    rows: outcome.rows.map((row) => ({
      line: row.line,
      key: row.key,
      status: row.status,
      errors: row.errors.map((e) => ({ code: e.code, field: e.field ?? null, message: e.text[ctx.locale] })),
    })),
  };
}

/**
 * `POST /imports/units.csv` and `POST /imports/employees.csv` (`docs/api.md`, Imports over HTTP): a whole SIMPEG/SIASN
 * export as the body, imported with the rules and per-row results of the import mutations, in chunks
 * with one transaction each (as `npm run import`); `?dryRun=true` reports every row and writes nothing. The token
 * is checked and the permission decided before the body is read, so a stranger never makes the server read a big body.
 */
export function importRouter(deps: ImportRouteDeps): Router {
  const router = Router();
  const readBody = express.raw({ type: () => true, limit: deps.maxBytes });
  // One file at a time per instance: a file is held in memory whole and its import holds the tree's lock, so a
  // second at once would only wait, holding its body too. It is told to come back instead (429, Retry-After).
  let running = false;

  const route = (kind: CsvKind) => async (req: Request, res: Response, next: (error?: unknown) => void) => {
    try {
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      if (!(await ctx.policy.can(Permission.IMPORT_ORGANISATION)))
        return fail(res, 403, 'FORBIDDEN', ERROR_MESSAGES.forbidden);
      if (!isCsv(req)) return fail(res, 415, 'UNSUPPORTED_MEDIA_TYPE', IMPORT_MESSAGES.notCsv);
      if (running) {
        res.setHeader('Retry-After', '30');
        return fail(res, 429, 'IMPORT_RUNNING', IMPORT_MESSAGES.busy);
      }
      running = true;
      try {
        try {
          await new Promise<void>((resolve, reject) =>
            readBody(req, res, (e?: unknown) => (e ? reject(e) : resolve())),
          );
        } catch (error) {
          if ((error as { status?: number }).status === 413)
            return fail(res, 413, 'PAYLOAD_TOO_LARGE', IMPORT_MESSAGES.tooLarge(deps.maxBytes));
          throw error;
        }
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
        let outcome: CsvImportOutcome;
        try {
          outcome = await importCsvRows(ctx, () => Readable.from([body]), { kind, dryRun });
        } catch (error) {
          if (error instanceof CsvImportError) return fail(res, 400, 'BAD_REQUEST', error.message);
          if (error instanceof CsvError) return fail(res, 400, 'BAD_REQUEST', IMPORT_MESSAGES.badCsv(error.message));
          throw error;
        }
        res
          .status(200)
          .type('application/json')
          .send(JSON.stringify(answer(ctx, outcome, dryRun)));
      } finally {
        running = false;
      }
    } catch (error) {
      next(error);
    }
  };

  router.post('/units.csv', route('units'));
  router.post('/employees.csv', route('employees'));
  router.use(unauthenticatedAs401);
  return router;
}
