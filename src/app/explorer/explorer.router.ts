import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { explorerAssetsDir, readExplorerManifest } from './assets-location';
import { ASSETS_PATH, EXPLORER_CSP, explorerPage, SCHEMA_PATH } from './explorer-page';

/** The media types Apollo weighs before deciding a GET wants its landing page: the same choice, the same order. */
const NEGOTIATED = ['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html'];

const pageHeaders = (res: express.Response): void => {
  res.setHeader('content-security-policy', EXPLORER_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
};

/**
 * The explorer (GraphiQL, served by the service itself, no external request): its page on a browser's GET of
 * `endpointPath`, its built assets, and the schema SDL it reads instead of introspecting. Every other request to
 * the endpoint passes on to GraphQL untouched.
 */
export function explorerRouter(options: { schema: GraphQLSchema; endpointPath: string; assetsDir?: string }): Router {
  const dir = options.assetsDir ?? explorerAssetsDir();
  // Read once: the assets change only with a build, and a build goes with a restart.
  const html = explorerPage(options.endpointPath, readExplorerManifest(dir));
  let sdl: string | undefined;
  const router = Router();

  const page: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== '/') return next();
    if (req.accepts(NEGOTIATED) !== 'text/html') return next();
    pageHeaders(res);
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(html);
  };
  // Middleware, not a GET route: a route would have Express answer OPTIONS itself, before the CORS preflight.
  router.use(options.endpointPath, page);

  router.get(SCHEMA_PATH, (_req, res) => {
    // The schema the service runs, printed as `npm run schema` prints schema.graphql.
    sdl ??= `${printSchema(lexicographicSortSchema(options.schema))}\n`;
    pageHeaders(res);
    res.setHeader('cache-control', 'no-cache');
    res.type('text/plain').send(sdl);
  });

  router.use(
    ASSETS_PATH,
    (_req, res, next) => {
      pageHeaders(res);
      next();
    },
    // Each name carries its content's hash: a browser may keep it for a year without asking again.
    express.static(path.resolve(dir), { immutable: true, maxAge: '365d', index: false }),
    (_req, res) => {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such explorer asset.' } });
    },
  );
  return router;
}
