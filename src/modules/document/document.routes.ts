import { Router, type Request, type Response } from 'express';
import { type Logger } from 'pino';
import { type Authentication } from '../../core/auth/authenticate';
import { type RequestContext } from '../../core/context/request-context';
import { AppError, ErrorCode } from '../../core/errors/app-error';
import { idOfType } from '../../core/graphql/global-id';
import { Appraisal } from '../appraisal/appraisal.entity';
import { type Employee } from '../employee/employee.entity';
import { renderEvaluationHtml, renderSkpHtml } from './document-html';
import { DocumentFile } from './document-links';
import { renderEvaluationPdf, renderSkpPdf } from './document-pdf';
import { type AppraisalDocumentModel } from './document.model';
import { buildDocumentModel } from './document.service';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';
import { inRequestLocale } from '../../core/http/export-route';
import { type Text } from '../../core/i18n/text';

export interface DocumentRouterDeps {
  /** The same bearer-token check as GraphQL: an anonymous result for no header, UNAUTHENTICATED for a bad one. */
  authenticate(authorization: string | undefined): Promise<Authentication<Employee>>;
  /** The same request context as GraphQL (actor, loaders, policy, clock). */
  createContext(
    auth: Authentication<Employee>,
    requestId: string,
    log: Logger,
    acceptLanguage?: string,
  ): RequestContext;
  /** Used when the request scope did not set a request logger. */
  log: Logger;
  /** Where documents are signed (tempat), printed before the date (`DOCUMENT_PLACE`). */
  place: string;
  /** The government printed as the documents' header (`GOVERNMENT_NAME`). */
  governmentName: string;
  /** PDF content streams uncompressed (for debugging); compressed by default. */
  uncompressedPdf?: boolean;
}

interface Rendition {
  contentType: string;
  /** The file name's prefix: SKP or EVALUASI-KINERJA, then NIP and year. */
  name: string;
  extension: string;
  evaluation: boolean;
  render(model: AppraisalDocumentModel, deps: DocumentRouterDeps): string | Promise<Buffer>;
}

const HTML = 'text/html; charset=utf-8';
const PDF = 'application/pdf';

const RENDITIONS: Readonly<Record<DocumentFile, Rendition>> = {
  [DocumentFile.SKP_HTML]: {
    contentType: HTML,
    name: 'SKP',
    extension: 'html',
    evaluation: false,
    render: (m) => renderSkpHtml(m),
  },
  [DocumentFile.SKP_PDF]: {
    contentType: PDF,
    name: 'SKP',
    extension: 'pdf',
    evaluation: false,
    render: (m, d) => renderSkpPdf(m, { compress: !d.uncompressedPdf }),
  },
  [DocumentFile.EVALUATION_HTML]: {
    contentType: HTML,
    name: 'EVALUASI-KINERJA',
    extension: 'html',
    evaluation: true,
    render: (m) => renderEvaluationHtml(m),
  },
  [DocumentFile.EVALUATION_PDF]: {
    contentType: PDF,
    name: 'EVALUASI-KINERJA',
    extension: 'pdf',
    evaluation: true,
    render: (m, d) => renderEvaluationPdf(m, { compress: !d.uncompressedPdf }),
  },
};

const isDocumentFile = (file: string): file is DocumentFile => Object.prototype.hasOwnProperty.call(RENDITIONS, file);

/** `SKP-198609262015051001-2027.pdf`: only digits, letters and dashes, so the header needs no quoting tricks. */
export function documentFileName(
  rendition: { name: string; extension: string },
  model: AppraisalDocumentModel,
): string {
  const nip = (model.employee.nip ?? 'TANPA-NIP').replace(/[^0-9A-Za-z-]/g, '');
  return `${rendition.name}-${nip}-${model.year}.${rendition.extension}`;
}

function fail(res: Response, status: 401 | 404, code: string, message: Text): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(status).json({ errors: [{ message: inRequestLocale(res, message), extensions: { code } }] });
}

/**
 * The printable documents of a plan: `GET /appraisals/:id/{skp,evaluation}.{html,pdf}` under `/documents`.
 * Signed in with the same bearer token as GraphQL (401 without or with a bad one); read under READ_APPRAISAL
 * (404 for an unknown id and for a plan the caller may not read, alike); the evaluation documents are 404 until
 * the appraiser rates the year. Nothing is cached anywhere (`private, no-store`).
 */
export function documentRouter(deps: DocumentRouterDeps): Router {
  const router = Router();

  router.get('/appraisals/:id/:file', async (req: Request<{ id: string; file: string }>, res: Response) => {
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    let auth: Authentication<Employee>;
    try {
      auth = await deps.authenticate(req.headers.authorization);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED)
        return fail(res, 401, ErrorCode.UNAUTHENTICATED, error.text ?? ERROR_MESSAGES.signIn);
      throw error;
    }
    if (!auth.actor.isAuthenticated) return fail(res, 401, ErrorCode.UNAUTHENTICATED, ERROR_MESSAGES.signIn);
    const file = req.params.file;
    const appraisalId = idOfType(req.params.id, Appraisal.typeName);
    if (!isDocumentFile(file) || appraisalId === null)
      return fail(res, 404, 'NOT_FOUND', ERROR_MESSAGES.noSuchDocument);
    const rendition = RENDITIONS[file];
    const ctx = deps.createContext(
      auth,
      String(res.locals.requestId ?? ''),
      (res.locals.log as Logger | undefined) ?? deps.log,
      req.headers['accept-language'],
    );
    const model = await buildDocumentModel(ctx, appraisalId, {
      place: deps.place,
      governmentName: deps.governmentName,
    });
    // Unknown, out of scope, or (for the evaluation) not rated yet: one answer, so ids cannot be probed.
    if (!model || (rendition.evaluation && !model.evaluation))
      return fail(res, 404, 'NOT_FOUND', ERROR_MESSAGES.noSuchDocument);
    const body = await rendition.render(model, deps);
    res.setHeader('Content-Type', rendition.contentType);
    res.setHeader('Content-Disposition', `inline; filename="${documentFileName(rendition, model)}"`);
    if (rendition.contentType === HTML) {
      // Defence in depth on top of escaping: the page needs its inline style and nothing else.
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
    }
    res.status(200).send(body);
  });

  return router;
}
