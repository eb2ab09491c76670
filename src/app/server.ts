import http from 'node:http';
import { negotiateLocale } from '../core/i18n/locale';
import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { admission, type AdmissionGate } from './admission';
import {
  authenticationOf,
  authenticationStep,
  pendingRequests,
  principalKey,
  wasRefused,
} from './request-authentication';
import { compiledExecutor } from './compiled-executor';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { type Logger } from 'pino';
import { type Config } from '../core/config/config';
import { authenticate, type Authentication } from '../core/auth/authenticate';
import { TokenVerifier } from '../core/auth/token-verifier';
import { type Database } from '../core/database/database';
import { runWithStatementTally } from '../core/database/sql-statement-counter';
import { RequestContext } from '../core/context/request-context';
import { createPrincipalDirectory } from '../modules/employee/principal-directory';
import { employeeById } from '../modules/employee/employee.loaders';
import { type Employee } from '../modules/employee/employee.entity';
import { errorLoggingPlugin, formatError, inLocale, localizeErrorsPlugin } from './format-error';
import { policyTable } from './policy-table';
import { armorProtection, costLimitPlugin, principalKey as costPrincipalKey, QUERY_LIMITS } from './query-limits';
import { buildAppSchema } from './schema';
import { createEventBus, type EventBusHandle } from '../core/events/event-bus';
import { createSubscriptionServer } from './subscription-server';
import { documentRouter } from '../modules/document/document.routes';
import { DOCUMENTS_PATH } from '../modules/document/document-links';
import { exportRouter } from '../modules/analytics/export.router';
import { type ExportDeps } from '../core/http/export-route';
import { personalDataRouter } from '../modules/personal-data/personal-data.router';
import { siasnRouter } from '../modules/siasn/siasn.router';
import { importRouter } from '../modules/import/import.router';
import { createMetrics } from './metrics';
import { CostRateLimiter } from './rate-limit';
import { configureCursorSecret } from '../core/graphql/cursor-seal';
import { explorerRouter } from './explorer/explorer.router';
import { compressAnswers } from './compression';
import { idempotencyPlugin } from '../core/idempotency/idempotency-plugin';
import { ReminderScheduler } from '../modules/reminder/reminder-scheduler';

export interface RequestStats {
  requestId: string;
  method: string;
  path: string;
  status: number;
  /** Null when the tally is off (`REQUEST_SQL_TALLY`). */
  statements: number | null;
  ms: number;
}

export interface ServerOptions {
  config: Config;
  db: Database;
  log: Logger;
  /** Called when a response is finished: tests read statement counts from it. */
  onRequestFinished?: (stats: RequestStats) => void;
  /** The clock requests see (tests move it); the system clock by default. */
  clock?: () => Date;
  /** Where changes are announced; by default one is made from the configuration (Redis or in-process) and closed on stop. */
  events?: EventBusHandle;
}

export interface RunningServer {
  httpServer: http.Server;
  url: string;
  /** Where `/metrics` is served when it has its own listener (`METRICS_PORT`). */
  metricsUrl?: string;
  /** Subscriptions listening right now (tests wait for theirs before publishing). */
  activeSubscriptions(): number;
  /** GraphQL operations over HTTP: running, waiting their turn, and requests not yet authenticated. */
  operations: AdmissionGate & { pending(): number };
  /** The reminder scheduler: running when `REMINDERS` is on, else idle (tests call `runOnce`). */
  reminders: ReminderScheduler;
  /** Stops accepting, drains in-flight requests, then resolves. The caller closes the database. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Request id (from `x-request-id` when sane), a statement tally, and one structured log line per request. */
function requestScope(
  log: Logger,
  tallyStatements: boolean,
  onFinished?: (stats: RequestStats) => void,
): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    res.locals.log = log.child({ requestId });
    const started = process.hrtime.bigint();
    // Before routing: a mounted router rewrites req.path for its handlers.
    const path = req.path;
    const tally = { count: 0 };
    res.on('finish', () => {
      const stats: RequestStats = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        statements: tallyStatements ? tally.count : null,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      };
      log.info(
        {
          requestId,
          method: stats.method,
          path: stats.path,
          status: stats.status,
          ms: Math.round(stats.ms * 10) / 10,
          sqlStatements: stats.statements ?? undefined,
        },
        'request',
      );
      onFinished?.(stats);
    });
    if (tallyStatements) runWithStatementTally(tally, next);
    else next();
  };
}

/** Body-parser failures as GraphQL-shaped errors: 413 for a body over the limit, 400 for malformed JSON. */
const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error.status === 413) {
    res
      .status(413)
      .json({ errors: [{ message: 'The request body is too large.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  } else if (error.status === 400 || error.type === 'entity.parse.failed') {
    res
      .status(400)
      .json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  } else {
    res.locals.log?.error({ err: error }, 'unexpected error outside GraphQL');
    res
      .status(500)
      .json({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  }
};

/** Builds the HTTP server: Express with Apollo on /graphql, health probes, CORS, limits, logs. */
export async function createServer(
  options: ServerOptions,
): Promise<{ httpServer: http.Server; listen(port: number, host?: string): Promise<RunningServer> }> {
  const { config, db, log } = options;
  configureCursorSecret(config.cursorSecret);
  const schema = await buildAppSchema();
  const verifier = await TokenVerifier.fromConfig(config);
  const directory = createPrincipalDirectory(db);
  const app = express();
  app.disable('x-powered-by');
  // Answers are private and rarely repeated: hashing each body for an ETag costs CPU for no revalidation.
  app.set('etag', false);
  const httpServer = http.createServer(
    {
      // A request's headers, then the whole request with its body, must arrive in time; Node checks both every
      // `connectionsCheckingInterval`, so a slow sender is cut off at most a second late (408, connection closed).
      headersTimeout: config.headersTimeoutSeconds * 1000,
      requestTimeout: config.requestTimeoutSeconds * 1000,
      keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  const armor = armorProtection();
  const ownEvents = options.events === undefined;
  const events =
    options.events ?? createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.redisChannelPrefix, log });
  const createContext = (
    auth: Authentication<Employee>,
    requestId: string,
    requestLog: Logger,
    acceptLanguage?: string,
  ): RequestContext => {
    const ctx = new RequestContext({
      requestId,
      actor: auth.actor,
      db,
      log: requestLog,
      policyTable,
      timeZone: config.timeZone,
      clock: options.clock,
      events: events.bus,
      settings: config.appraisal,
      webhooks: config.webhooks,
      locale: negotiateLocale(acceptLanguage, config.defaultLocale),
    });
    // The caller's own record was just read: `viewer.employee` and "supervisor is me" need no second query.
    if (auth.employee) ctx.loaders.get(employeeById).prime(auth.employee.rowId, auth.employee);
    return ctx;
  };
  // One budget per principal, spent by HTTP operations and subscriptions (each event) alike.
  const limiter = config.rateLimitCostPerMinute > 0 ? new CostRateLimiter(config.rateLimitCostPerMinute) : undefined;
  const subscriptions = createSubscriptionServer({
    httpServer,
    schema,
    validationRules: armor.validationRules,
    log,
    authenticate: (authorization) => authenticate(authorization, verifier, directory),
    createContext,
    events: events.bus,
    limiter,
    limits: {
      maxPayloadBytes: config.bodyLimitBytes,
      connectionInitTimeoutMs: config.wsConnectionInitTimeoutMs,
      maxUnauthenticatedConnections: config.wsMaxUnauthenticatedConnections,
      perConnection: config.maxSubscriptionsPerConnection,
      perPrincipal: config.maxSubscriptionsPerPrincipal,
      maxBufferedBytes: config.wsMaxBufferedBytes,
      revalidateMs: config.wsRevalidateMs,
    },
  });
  const reminders = new ReminderScheduler({
    db,
    settings: config.reminders,
    appraisal: config.appraisal,
    timeZone: config.timeZone,
    log,
    events: events.bus,
    clock: options.clock,
  });
  const metrics = createMetrics(db, {
    defaults: config.env !== 'test',
    activeSubscriptions: () => subscriptions.activeCount(),
  });
  const closeSubscriptions: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        // Before the HTTP drain: open sockets would otherwise keep the server from closing.
        async drainServer() {
          await subscriptions.dispose();
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    ...(config.graphqlExecutor === 'jit'
      ? { gateway: compiledExecutor(schema, { compileAfter: config.graphqlJitCompileAfter }) }
      : { schema }),
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    formatError,
    // `service.ts` owns SIGTERM/SIGINT. Apollo's own handler (on outside tests) started `stop()` first, and our
    // `apollo.stop()` then waited on Apollo's stop barrier, which it never resolves: the pool stayed open, and on
    // MariaDB the process lived on until the grace period ran out (exit 1).
    stopOnTerminationSignals: false,
    // Cache hints are unused (every answer is private), and the plugin wraps every field resolver: off.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads from a CDN and names itself and its version: never; the explorer replaces it.
      ApolloServerPluginLandingPageDisabled(),
      closeSubscriptions,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...armor.plugins,
      costLimitPlugin(schema, { limiter }),
      idempotencyPlugin,
      errorLoggingPlugin,
      localizeErrorsPlugin,
      metrics.graphqlPlugin,
    ],
  });
  await apollo.start();

  // The language of the file routes' refusals (`docs/api.md`, Language); GraphQL keeps its own in the context.
  app.use((req, res, next) => {
    res.locals.locale = negotiateLocale(req.headers['accept-language'], config.defaultLocale);
    next();
  });
  app.use(
    requestScope(log, config.requestSqlTally, (stats) => {
      metrics.observeRequest(stats.method, stats.path, stats.status, stats.ms / 1000, stats.statements);
      options.onRequestFinished?.(stats);
    }),
  );
  app.use(compressAnswers(config));
  const metricsRoute: RequestHandler = (req, res, next) => {
    if (config.metricsToken && req.headers.authorization !== `Bearer ${config.metricsToken}`) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Metrics want the metrics token.' } });
      return;
    }
    Promise.resolve(metrics.handler(req, res, next)).catch(next);
  };
  // On the API port unless metrics have their own listener; never open there in production (the configuration
  // wants METRICS_TOKEN or METRICS_PORT, and a configuration built otherwise gets none).
  const metricsApp =
    config.metricsPort !== undefined ? express().disable('x-powered-by').get('/metrics', metricsRoute) : undefined;
  if (!metricsApp && (config.metricsToken || config.env !== 'production')) app.get('/metrics', metricsRoute);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  // GraphiQL from the service itself, for a browser's GET of /graphql (`EXPLORER`: on outside production).
  if (config.explorer) app.use(explorerRouter({ schema, endpointPath: '/graphql' }));
  const pending = pendingRequests(config.maxPendingRequests);
  const gate = admission({
    concurrent: config.maxConcurrentOperations,
    queue: config.maxQueuedOperations,
    perPrincipal: config.maxOperationsPerPrincipal,
    principalOf: (_req, res) => principalKey(res),
  });
  // The body is read and the token checked before a slot is taken: a slow or unknown sender never holds one.
  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, maxAge: 600 }),
    pending,
    express.json({ limit: config.bodyLimitBytes }),
    authenticationStep((authorization) => authenticate(authorization, verifier, directory)),
    // A refused token is answered with its 401 at once, without waiting for a slot: it executes nothing.
    (req, res, next) => (wasRefused(res) ? next() : gate(req, res, next)),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const language = req.headers['accept-language'];
        try {
          return createContext(authenticationOf(res), res.locals.requestId, res.locals.log, language);
        } catch (error) {
          throw inLocale(error, negotiateLocale(language, config.defaultLocale));
        }
      },
    }),
  );
  const exportDeps: ExportDeps = {
    contextFor: async (req, res) =>
      createContext(
        await authenticate(req.headers.authorization, verifier, directory),
        res.locals.requestId,
        res.locals.log,
        req.headers['accept-language'],
      ),
    charge: limiter
      ? (ctx, cost) => {
          const decision = limiter.take(costPrincipalKey(ctx.actor), cost);
          return decision.allowed ? undefined : Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
        }
      : undefined,
  };
  app.use('/exports', exportRouter(exportDeps));
  // A person's own data (Law 27/2022): the same token check, context and budget as the other exports.
  app.use('/exports', personalDataRouter(exportDeps));
  // Results for SIASN, BKN's national system (docs/siasn.md): HR admins in scope.
  app.use('/exports', siasnRouter(exportDeps));
  // Whole CSV exports from the portal: the same token check and context; their own body limit, on these routes only.
  app.use('/imports', importRouter({ ...exportDeps, maxBytes: config.importMaxBytes }));
  // Printable SKP and evaluation documents: the same token check and request context as GraphQL.
  app.use(
    DOCUMENTS_PATH,
    cors({
      origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
      maxAge: 600,
      exposedHeaders: ['Content-Disposition'],
    }),
    documentRouter({
      authenticate: (authorization) => authenticate(authorization, verifier, directory),
      createContext,
      log,
      place: config.documentPlace,
      governmentName: config.governmentName,
    }),
  );
  app.use(bodyErrors);

  return {
    httpServer,
    listen: async (port, host) => {
      const metricsServer = metricsApp ? http.createServer(metricsApp) : undefined;
      const metricsUrl = metricsServer
        ? `${await listenOn(metricsServer, config.metricsPort!, config.metricsHost)}/metrics`
        : undefined;
      const url = `${await listenOn(httpServer, port, host)}/graphql`;
      if (config.reminders.enabled) reminders.start();
      return {
        httpServer,
        url,
        metricsUrl,
        activeSubscriptions: () => subscriptions.activeCount(),
        operations: { inFlight: gate.inFlight, waiting: gate.waiting, hold: gate.hold, pending: pending.pending },
        reminders,
        stop: async () => {
          await reminders.stop();
          metricsServer?.closeAllConnections();
          await Promise.all([apollo.stop(), metricsServer && new Promise((resolve) => metricsServer.close(resolve))]);
          if (ownEvents) await events.close();
        },
      };
    },
  };
}

/** Starts `server` listening; resolves with its base URL (`http://host:port`). */
function listenOn(server: http.Server, port: number, host?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost =
        host && host !== '0.0.0.0' && host !== '::' ? (host.includes(':') ? `[${host}]` : host) : 'localhost';
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}
