import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { admission } from './admission';
import { compiledExecutor } from './compiled-executor';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
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
import { errorLoggingPlugin, formatError } from './format-error';
import { policyTable } from './policy-table';
import { armorProtection, costLimitPlugin, QUERY_LIMITS } from './query-limits';
import { buildAppSchema } from './schema';
import { createEventBus, type EventBusHandle } from '../core/events/event-bus';
import { createSubscriptionServer } from './subscription-server';
import { documentRouter } from '../modules/document/document.routes';
import { DOCUMENTS_PATH } from '../modules/document/document-links';
import { exportRouter } from '../modules/analytics/export.router';
import { createMetrics } from './metrics';
import { CostRateLimiter } from './rate-limit';

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
  /** Subscriptions listening right now (tests wait for theirs before publishing). */
  activeSubscriptions(): number;
  /** Stops accepting, drains in-flight requests, then resolves. The caller closes the database. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Request id (from `x-request-id` when sane), a statement tally, and one structured log line per request. */
function requestScope(log: Logger, tallyStatements: boolean, onFinished?: (stats: RequestStats) => void): RequestHandler {
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
      log.info({ requestId, method: stats.method, path: stats.path, status: stats.status, ms: Math.round(stats.ms * 10) / 10, sqlStatements: stats.statements ?? undefined }, 'request');
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
    res.status(413).json({ errors: [{ message: 'The request body is too large.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  } else if (error.status === 400 || error.type === 'entity.parse.failed') {
    res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  } else {
    res.locals.log?.error({ err: error }, 'unexpected error outside GraphQL');
    res.status(500).json({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  }
};

/** Builds the HTTP server: Express with Apollo on /graphql, health probes, CORS, limits, logs. */
export async function createServer(options: ServerOptions): Promise<{ httpServer: http.Server; listen(port: number, host?: string): Promise<RunningServer> }> {
  const { config, db, log } = options;
  const schema = await buildAppSchema();
  const verifier = await TokenVerifier.fromConfig(config);
  const directory = createPrincipalDirectory(db);
  const app = express();
  app.disable('x-powered-by');
  // Answers are private and rarely repeated: hashing each body for an ETag costs CPU for no revalidation.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  const armor = armorProtection();
  const ownEvents = options.events === undefined;
  const events = options.events ?? createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.redisChannelPrefix, log });
  const createContext = (auth: Authentication<Employee>, requestId: string, requestLog: Logger): RequestContext => {
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
    });
    // The caller's own record was just read: `viewer.employee` and "supervisor is me" need no second query.
    if (auth.employee) ctx.loaders.get(employeeById).prime(auth.employee.id, auth.employee);
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
    },
  });
  const metrics = createMetrics(db, { defaults: config.env !== 'test', activeSubscriptions: () => subscriptions.activeCount() });
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
    ...(config.graphqlExecutor === 'jit' ? { gateway: compiledExecutor(schema) } : { schema }),
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    formatError,
    // Cache hints are unused (every answer is private), and the plugin wraps every field resolver: off.
    plugins: [ApolloServerPluginCacheControlDisabled(), closeSubscriptions, ApolloServerPluginDrainHttpServer({ httpServer }), ...armor.plugins, costLimitPlugin(schema, { limiter }), errorLoggingPlugin, metrics.graphqlPlugin],
  });
  await apollo.start();

  app.use(
    requestScope(log, config.requestSqlTally, (stats) => {
      metrics.observeRequest(stats.method, stats.path, stats.status, stats.ms / 1000, stats.statements);
      options.onRequestFinished?.(stats);
    }),
  );
  app.get('/metrics', (req, res, next) => {
    if (config.metricsToken && req.headers.authorization !== `Bearer ${config.metricsToken}`) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Metrics want the metrics token.' } });
      return;
    }
    Promise.resolve(metrics.handler(req, res, next)).catch(next);
  });
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
  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, maxAge: 600 }),
    admission({ concurrent: config.maxConcurrentOperations, queue: config.maxQueuedOperations }),
    express.json({ limit: config.bodyLimitBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => createContext(await authenticate(req.headers.authorization, verifier, directory), res.locals.requestId, res.locals.log),
    }),
  );
  app.use(
    '/exports',
    exportRouter({ contextFor: async (req, res) => createContext(await authenticate(req.headers.authorization, verifier, directory), res.locals.requestId, res.locals.log) }),
  );
  // Printable SKP and evaluation documents: the same token check and request context as GraphQL.
  app.use(
    DOCUMENTS_PATH,
    cors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, maxAge: 600, exposedHeaders: ['Content-Disposition'] }),
    documentRouter({ authenticate: (authorization) => authenticate(authorization, verifier, directory), createContext, log }),
  );
  app.use(bodyErrors);

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost';
          resolve({
            httpServer,
            url: `http://${shownHost}:${address.port}/graphql`,
            activeSubscriptions: () => subscriptions.activeCount(),
            stop: async () => {
              await apollo.stop();
              if (ownEvents) await events.close();
            },
          });
        });
      }),
  };
}
