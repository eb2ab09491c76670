import { type RequestHandler } from 'express';
import { type ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type RequestContext } from '../core/context/request-context';
import { type Database } from '../core/database/database';
import { classifyError } from './format-error';

/** Paths reported by name; anything else is `other`, so that labels stay few. */
const ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);
const routeOf = (path: string) =>
  ROUTES.has(path)
    ? path
    : path.startsWith('/exports/')
      ? '/exports'
      : path.startsWith('/documents/')
        ? '/documents'
        : 'other';

export interface ServiceMetrics {
  registry: Registry;
  /** Records one finished HTTP request. */
  observeRequest(method: string, path: string, status: number, seconds: number, statements: number | null): void;
  /** Apollo plugin: operations by name and type, their latency, errors by code. */
  graphqlPlugin: ApolloServerPlugin<RequestContext>;
  handler: RequestHandler;
}

/**
 * Prometheus metrics of one server (its own registry, so that several servers in one process do not collide):
 * requests and latency by route and by GraphQL operation, errors by code, SQL statements per request, the
 * database pool and live subscriptions. Process metrics are added outside tests.
 */
export function createMetrics(
  db: Database,
  options: { defaults: boolean; activeSubscriptions: () => number },
): ServiceMetrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'kinerja_' });
  const requests = new Counter({
    name: 'kinerja_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'kinerja_http_request_duration_seconds',
    help: 'HTTP request latency by route.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'kinerja_sql_statements_per_request',
    help: 'SQL statements per HTTP request.',
    buckets: [0, 1, 2, 4, 6, 8, 12, 20, 50],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'kinerja_graphql_operations_total',
    help: 'GraphQL operations by name and type.',
    labelNames: ['operation', 'type'],
    registers: [registry],
  });
  const operationLatency = new Histogram({
    name: 'kinerja_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by name.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'kinerja_graphql_errors_total',
    help: 'GraphQL errors by code.',
    labelNames: ['code'],
    registers: [registry],
  });
  new Gauge({
    name: 'kinerja_db_pool_connections',
    help: 'Database pool connections by state.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = db.poolStats();
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  new Gauge({
    name: 'kinerja_subscriptions_active',
    help: 'GraphQL subscriptions listening.',
    registers: [registry],
    collect() {
      this.set(options.activeSubscriptions());
    },
  });

  const seenOperations = new Set<string>();
  return {
    registry,
    observeRequest(method, path, status, seconds, count) {
      const route = routeOf(path);
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
      if (count !== null) statements.observe(count);
    },
    graphqlPlugin: {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        let operation = 'unknown';
        let type = 'unknown';
        return {
          async didResolveOperation({ operationName, operation: op }) {
            // Named operations only: an anonymous one would let clients mint labels.
            const name =
              operationName && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(operationName) ? operationName : 'anonymous';
            // At most 200 distinct names: clients choose them, and each is a time series.
            if (seenOperations.size < 200) seenOperations.add(name);
            operation = seenOperations.has(name) ? name : 'other';
            type = op?.operation ?? 'unknown';
          },
          async didEncounterErrors({ errors: list }) {
            for (const error of list) {
              const classified = classifyError(error);
              errors.inc({
                code:
                  classified.kind === 'deliberate'
                    ? classified.code
                    : classified.kind === 'unavailable'
                      ? 'SERVICE_UNAVAILABLE'
                      : 'INTERNAL_SERVER_ERROR',
              });
            }
          },
          async willSendResponse() {
            operations.inc({ operation, type });
            operationLatency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    },
    handler: async (_req, res) => {
      res.setHeader('content-type', registry.contentType);
      res.send(await registry.metrics());
    },
  };
}
