import { type Locale, LOCALES } from '../i18n/locale';
import path from 'node:path';

/** How the service verifies bearer tokens (`docs/api.md`, Identity). */
export type TokenKeyConfig =
  | { kind: 'secret'; secret: string; isDevelopmentDefault: boolean }
  | { kind: 'publicKey'; pem: string; algorithms: string[] }
  | { kind: 'jwks'; url: string; algorithms: string[] };

/** Rules the regulation leaves open (`docs/domain.md`, [open]): configuration, with the defaults given there. */
export interface AppraisalSettings {
  /** Whether a unit's employees' predikat outside its distribution curve blocks finalization or only warns. */
  distributionCurveMode: 'warn' | 'block';
  /** Days after the rating is delivered within which an objection may be filed. */
  objectionWindowDays: number;
  /** Whether those days are calendar days or working days (Monday to Friday). */
  objectionDayCounting: 'calendar' | 'working';
  /** Whether an employee sees their own box on the talent matrix (`TALENT_VISIBLE_TO_SELF`); off when absent. */
  talentVisibleToSelf?: boolean;
  /** Analytics groups with fewer employees are withheld from aggregates-only callers (`ANALYTICS_MIN_GROUP`); 5 when absent. */
  analyticsFloor?: number;
  /** Seconds an outbox event waits before the changes feed serves it (`CHANGES_SETTLE_SECONDS`); 2 when absent. */
  changesSettleSeconds?: number;
}

/** Groups (analytics breakdowns, talent boxes) smaller than this are withheld from aggregates-only readers. */
export const aggregateFloor = (settings: AppraisalSettings): number => settings.analyticsFloor ?? 5;

export const DEFAULT_APPRAISAL_SETTINGS: AppraisalSettings = {
  distributionCurveMode: 'warn',
  objectionWindowDays: 14,
  objectionDayCounting: 'calendar',
};

/** The reminder scheduler (`docs/reminders.md`): whether it runs, how often, and how far ahead each kind looks. */
export interface ReminderSettings {
  /** Whether this instance runs the scheduler (`REMINDERS`; on, except under `NODE_ENV=test`). */
  enabled: boolean;
  /** How often a run starts (`REMINDER_INTERVAL_SECONDS`, hourly). */
  intervalMs: number;
  /** The planning deadline is within this many days (`REMINDER_PLANNING_DAYS`, 7). */
  planningDays: number;
  /** The last days of a month or quarter in which missing realizations are reminded (`REMINDER_REALIZATION_DAYS`, 5). */
  realizationDays: number;
  /** Daily-log entries waiting longer than this many working days (`REMINDER_REVIEW_WORKING_DAYS`, 3). */
  reviewWorkingDays: number;
  /** The objection window closes within this many days (`REMINDER_OBJECTION_DAYS`, 2). */
  objectionDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: false,
  intervalMs: 3600 * 1000,
  planningDays: 7,
  realizationDays: 5,
  reviewWorkingDays: 3,
  objectionDays: 2,
};

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string;
  /** True when the database is the embedded SQLite file (the newcomer's default). */
  embedded: boolean;
  migrateOnStart: boolean;
  seedDemoOnStart: boolean;
  token: TokenKeyConfig;
  jwtIssuer?: string;
  jwtAudience?: string;
  corsOrigins: string[];
  logLevel: string;
  introspection: boolean;
  /** GraphiQL at `/graphql` for browsers, with the schema at `/explorer/schema.graphql` (`EXPLORER`; off in production). */
  explorer: boolean;
  timeZone: string;
  /** The language of texts when a request's `Accept-Language` names none of ours, and of the CLI (`DEFAULT_LOCALE`). */
  defaultLocale: Locale;
  bodyLimitBytes: number;
  /** The largest CSV body `POST /imports/…` accepts (`IMPORT_MAX_BYTES`); every other route keeps `bodyLimitBytes`. */
  importMaxBytes: number;
  shutdownGraceMs: number;
  /** Events cross instances through Redis when set; in-process otherwise. */
  redisUrl?: string;
  /** Prefix of the Redis event channels (`REDIS_CHANNEL_PREFIX`), so deployments sharing a Redis stay apart. */
  redisChannelPrefix: string;
  /** Estimated query cost each principal may spend per minute (`RATE_LIMIT_COST_PER_MINUTE`); 0 turns the limit off. */
  rateLimitCostPerMinute: number;
  /** When set, `/metrics` wants `Authorization: Bearer <METRICS_TOKEN>`; open otherwise (scrape it on a private network). */
  metricsToken?: string;
  /**
   * Counts each request's SQL statements (the request log's `sqlStatements`, the statements metric) with an
   * AsyncLocalStorage (`REQUEST_SQL_TALLY`): on by default except in production, where its promise hooks cost a
   * measurable share of a list-heavy request's CPU (`CHANGELOG.md`, Performance).
   */
  requestSqlTally: boolean;
  /**
   * GraphQL operations over HTTP executed at once (`MAX_CONCURRENT_OPERATIONS`); the rest wait in order. As many
   * as the pool has connections: fewer left MariaDB idle under analytics (`docs/adr/0010-operations-at-once.md`).
   */
  maxConcurrentOperations: number;
  /** How many may wait (`MAX_QUEUED_OPERATIONS`); past that, 503 SERVICE_UNAVAILABLE with retry-after. */
  maxQueuedOperations: number;
  /**
   * What executes operations over HTTP (`GRAPHQL_EXECUTOR`): `jit` (graphql-jit where it answers as graphql-js
   * does, see `compiled-executor.ts`) or `graphql-js` (the reference interpreter, kept as a fallback and for
   * comparison). Subscriptions use graphql-js.
   */
  graphqlExecutor: 'jit' | 'graphql-js';
  appraisal: AppraisalSettings;
  reminders: ReminderSettings;
  /** Seconds a client has to send a request's headers (`HEADERS_TIMEOUT_SECONDS`); at most the request timeout. */
  headersTimeoutSeconds: number;
  /**
   * Seconds a client has to send a whole request, body included (`REQUEST_TIMEOUT_SECONDS`): a body that
   * trickles in slower is cut off (408). The answer's own time is not counted.
   */
  requestTimeoutSeconds: number;
  /** Seconds an idle keep-alive connection stays open between requests (`KEEP_ALIVE_TIMEOUT_SECONDS`). */
  keepAliveTimeoutSeconds: number;
  /**
   * GraphQL requests at once whose body is still arriving or whose token is being checked
   * (`MAX_PENDING_REQUESTS`); more are answered 503 at once. Bounds what unauthenticated senders hold. 0: no bound.
   */
  maxPendingRequests: number;
  /**
   * Operations one principal may run at once (`MAX_OPERATIONS_PER_PRINCIPAL`); 0: as many as
   * `maxConcurrentOperations`. Waiting operations take turns between principals either way.
   */
  maxOperationsPerPrincipal: number;
  /**
   * Interface the HTTP server binds (`HOST`): loopback (`127.0.0.1`) unless set, so that a service meant to sit
   * behind a proxy is not reachable from the network by accident; `0.0.0.0` (or `::`) to bind every interface.
   */
  host: string;
  /**
   * A separate listener for `/metrics` (`METRICS_PORT`, on `METRICS_HOST`, loopback by default): the API port then
   * serves no metrics. In production either this or `METRICS_TOKEN` is required.
   */
  metricsPort?: number;
  metricsHost: string;
  /**
   * Key material of the connection cursors (`CURSOR_SECRET`, 32+ characters): they are sealed (AES-256-GCM), so
   * that sort values (names) never reach URLs and logs. Unset: the JWT secret (keys are derived from it by HKDF),
   * so instances sharing it agree; required in production when tokens are verified by a public key or JWKS; in
   * development then a random key of the process.
   */
  cursorSecret?: string;
  /**
   * The longest a bearer token may live (`MAX_TOKEN_LIFETIME_SECONDS`, 12 h): a token whose `exp` is further from
   * now (or from its `iat`) is refused, so a leaked token or an open socket does not outlive a working day.
   */
  maxTokenLifetimeSeconds: number;
  /** Subscriptions one WebSocket may hold at once (`MAX_SUBSCRIPTIONS_PER_CONNECTION`): each event runs once per subscription. */
  maxSubscriptionsPerConnection: number;
  /** Subscriptions one principal may hold at once on this instance, over all their sockets (`MAX_SUBSCRIPTIONS_PER_PRINCIPAL`). */
  maxSubscriptionsPerPrincipal: number;
  /**
   * The government printed as the header of the SKP and evaluation documents (`GOVERNMENT_NAME`): the regency's
   * own, "PEMERINTAH KABUPATEN JAYAWIJAYA" for the demo region.
   */
  governmentName: string;
  /** Where the documents are signed, printed before the date (`DOCUMENT_PLACE`, "Walesi"). */
  documentPlace: string;
  /**
   * Answers of at least `compressionMinBytes` are gzip- or brotli-compressed when the client accepts it
   * (`COMPRESSION`, on by default; `COMPRESSION_MIN_BYTES`, 1 KiB): a dashboard shrinks to a tenth on slow links.
   */
  compression: boolean;
  compressionMinBytes: number;
  /** How long a new WebSocket may take to send `connection_init` before it is closed (`WS_CONNECTION_INIT_TIMEOUT_SECONDS`, 3). */
  wsConnectionInitTimeoutMs: number;
  /** WebSockets open at once that have not signed in yet (`WS_MAX_UNAUTHENTICATED_CONNECTIONS`); more are refused with 503. */
  wsMaxUnauthenticatedConnections: number;
  /** A socket whose unsent data exceeds this (`WS_MAX_BUFFERED_BYTES`, 1 MiB) reads too slowly: it is closed rather than buffered for. */
  wsMaxBufferedBytes: number;
  /**
   * How often every open socket's token and employee are checked again (`WS_REVALIDATE_SECONDS`, 60): a
   * deactivation whose event was lost (Redis away) or came while the socket was signing in still closes it.
   */
  wsRevalidateMs: number;
  /**
   * How many times an operation runs on graphql-js before the `jit` executor compiles it
   * (`GRAPHQL_JIT_COMPILE_AFTER`, 1: compiled on its second run, so a one-off query costs no generated code).
   * 0 compiles on the first run: the test suite runs that way once, so that graphql-jit answers every request it
   * may, not only the repeated ones.
   */
  graphqlJitCompileAfter: number;
  /** Webhook delivery (`docs/webhooks.md`). */
  webhooks: WebhookSettings;
}

/** How outbox events reach webhook endpoints (`docs/webhooks.md`, Configuration). */
export interface WebhookSettings {
  /**
   * Host names (or `*.domain` patterns, or IP addresses) an endpoint may target even when they resolve to a
   * loopback or private address, and over http in production (`WEBHOOK_ALLOWED_HOSTS`; none by default).
   */
  allowedHosts: string[];
  /** How long a delivery is retried before it is marked FAILED (`WEBHOOK_RETRY_HOURS`, 24). */
  retryHours: number;
  /** How long one POST may take before it counts as failed (`WEBHOOK_TIMEOUT_SECONDS`, 10). */
  timeoutSeconds: number;
  /** How often the worker looks for new events and due retries (`WEBHOOK_POLL_SECONDS`, 2). */
  pollSeconds: number;
  /** Whether `npm start` runs the delivery worker (`WEBHOOK_WORKER`, on); off, another instance delivers. */
  worker: boolean;
  /** Outside production: an endpoint registered at start for the demo (`DEMO_WEBHOOK_URL`). */
  demoUrl?: string;
  /** In production (`NODE_ENV`) a target must be https unless its host is in `allowedHosts`. */
  requireHttps: boolean;
}

/** A fixed secret so that `npm start` and `npm run token` agree out of the box. Refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'kinerja-walesi-development-secret-do-not-use-in-production';

export const DEFAULT_DATABASE_URL = `sqlite:${path.join('data', 'kinerja-walesi.sqlite')}`;

export class ConfigError extends Error {}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`Expected a boolean (true/false), got "${value}"`);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** A limit that cannot be turned off: 0 would refuse everything (or, for a timeout, wait forever). */
function positive(name: string, value: string | undefined, fallback: number): number {
  const n = integer(name, value, fallback);
  if (n === 0) throw new ConfigError(`${name} must be at least 1, got "${value}"`);
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function tokenConfig(env: NodeJS.ProcessEnv, production: boolean): TokenKeyConfig {
  const algorithms = list(env.JWT_ALGORITHMS);
  if (env.JWT_JWKS_URL)
    return { kind: 'jwks', url: env.JWT_JWKS_URL, algorithms: algorithms.length ? algorithms : ['RS256', 'ES256'] };
  if (env.JWT_PUBLIC_KEY) {
    return {
      kind: 'publicKey',
      pem: env.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'),
      algorithms: algorithms.length ? algorithms : ['RS256', 'ES256'],
    };
  }
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
    return { kind: 'secret', secret: env.JWT_SECRET, isDevelopmentDefault: false };
  }
  if (production) throw new ConfigError('In production set JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL');
  return { kind: 'secret', secret: DEVELOPMENT_JWT_SECRET, isDevelopmentDefault: true };
}

/** Reads the configuration from the environment; every variable is documented in `docs/configuration.md`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const embedded = databaseUrl.startsWith('sqlite:');
  return {
    env: nodeEnv,
    port: integer('PORT', env.PORT, 4000),
    databaseUrl,
    embedded,
    migrateOnStart: flag(env.MIGRATE_ON_START, embedded),
    seedDemoOnStart: flag(env.SEED_DEMO, embedded && !production),
    token: tokenConfig(env, production),
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtAudience: env.JWT_AUDIENCE || undefined,
    corsOrigins: list(env.CORS_ORIGINS),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    introspection: flag(env.INTROSPECTION, !production),
    explorer: flag(env.EXPLORER, !production),
    timeZone: env.TIME_ZONE || 'Asia/Jayapura',
    defaultLocale: oneOf('DEFAULT_LOCALE', env.DEFAULT_LOCALE, LOCALES, 'id'),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 100 * 1024),
    importMaxBytes: integer('IMPORT_MAX_BYTES', env.IMPORT_MAX_BYTES, 20 * 1024 * 1024),
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10_000),
    redisUrl: env.REDIS_URL || undefined,
    redisChannelPrefix: env.REDIS_CHANNEL_PREFIX || 'kinerja-walesi',
    rateLimitCostPerMinute: integer('RATE_LIMIT_COST_PER_MINUTE', env.RATE_LIMIT_COST_PER_MINUTE, 1_000_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    requestSqlTally: flag(env.REQUEST_SQL_TALLY, !production),
    maxConcurrentOperations: Math.max(1, integer('MAX_CONCURRENT_OPERATIONS', env.MAX_CONCURRENT_OPERATIONS, 10)),
    maxQueuedOperations: integer('MAX_QUEUED_OPERATIONS', env.MAX_QUEUED_OPERATIONS, 1000),
    graphqlExecutor: oneOf('GRAPHQL_EXECUTOR', env.GRAPHQL_EXECUTOR, ['jit', 'graphql-js'] as const, 'jit'),
    appraisal: {
      distributionCurveMode: oneOf(
        'DISTRIBUTION_CURVE_MODE',
        env.DISTRIBUTION_CURVE_MODE,
        ['warn', 'block'] as const,
        DEFAULT_APPRAISAL_SETTINGS.distributionCurveMode,
      ),
      objectionWindowDays: integer(
        'OBJECTION_WINDOW_DAYS',
        env.OBJECTION_WINDOW_DAYS,
        DEFAULT_APPRAISAL_SETTINGS.objectionWindowDays,
      ),
      objectionDayCounting: oneOf(
        'OBJECTION_DAY_COUNTING',
        env.OBJECTION_DAY_COUNTING,
        ['calendar', 'working'] as const,
        DEFAULT_APPRAISAL_SETTINGS.objectionDayCounting,
      ),
      talentVisibleToSelf: flag(env.TALENT_VISIBLE_TO_SELF, false),
      analyticsFloor: integer('ANALYTICS_MIN_GROUP', env.ANALYTICS_MIN_GROUP, 5),
      changesSettleSeconds: integer('CHANGES_SETTLE_SECONDS', env.CHANGES_SETTLE_SECONDS, 2),
    },
    reminders: {
      enabled: flag(env.REMINDERS, nodeEnv !== 'test'),
      intervalMs: positive('REMINDER_INTERVAL_SECONDS', env.REMINDER_INTERVAL_SECONDS, 3600) * 1000,
      planningDays: integer(
        'REMINDER_PLANNING_DAYS',
        env.REMINDER_PLANNING_DAYS,
        DEFAULT_REMINDER_SETTINGS.planningDays,
      ),
      realizationDays: positive(
        'REMINDER_REALIZATION_DAYS',
        env.REMINDER_REALIZATION_DAYS,
        DEFAULT_REMINDER_SETTINGS.realizationDays,
      ),
      reviewWorkingDays: integer(
        'REMINDER_REVIEW_WORKING_DAYS',
        env.REMINDER_REVIEW_WORKING_DAYS,
        DEFAULT_REMINDER_SETTINGS.reviewWorkingDays,
      ),
      objectionDays: integer(
        'REMINDER_OBJECTION_DAYS',
        env.REMINDER_OBJECTION_DAYS,
        DEFAULT_REMINDER_SETTINGS.objectionDays,
      ),
    },
    ...httpTimeouts(env),
    maxPendingRequests: integer('MAX_PENDING_REQUESTS', env.MAX_PENDING_REQUESTS, 256),
    maxOperationsPerPrincipal: integer('MAX_OPERATIONS_PER_PRINCIPAL', env.MAX_OPERATIONS_PER_PRINCIPAL, 0),
    host: env.HOST || '127.0.0.1',
    ...metricsListener(env, production),
    cursorSecret: cursorSecret(env, production, tokenConfig(env, production)),
    maxTokenLifetimeSeconds: positive('MAX_TOKEN_LIFETIME_SECONDS', env.MAX_TOKEN_LIFETIME_SECONDS, 12 * 3600),
    maxSubscriptionsPerConnection: positive(
      'MAX_SUBSCRIPTIONS_PER_CONNECTION',
      env.MAX_SUBSCRIPTIONS_PER_CONNECTION,
      10,
    ),
    maxSubscriptionsPerPrincipal: positive('MAX_SUBSCRIPTIONS_PER_PRINCIPAL', env.MAX_SUBSCRIPTIONS_PER_PRINCIPAL, 20),
    wsConnectionInitTimeoutMs:
      positive('WS_CONNECTION_INIT_TIMEOUT_SECONDS', env.WS_CONNECTION_INIT_TIMEOUT_SECONDS, 3) * 1000,
    wsMaxUnauthenticatedConnections: positive(
      'WS_MAX_UNAUTHENTICATED_CONNECTIONS',
      env.WS_MAX_UNAUTHENTICATED_CONNECTIONS,
      100,
    ),
    wsMaxBufferedBytes: positive('WS_MAX_BUFFERED_BYTES', env.WS_MAX_BUFFERED_BYTES, 1024 * 1024),
    wsRevalidateMs: positive('WS_REVALIDATE_SECONDS', env.WS_REVALIDATE_SECONDS, 60) * 1000,
    graphqlJitCompileAfter: integer('GRAPHQL_JIT_COMPILE_AFTER', env.GRAPHQL_JIT_COMPILE_AFTER, 1),
    governmentName: env.GOVERNMENT_NAME?.trim() || 'PEMERINTAH KABUPATEN JAYAWIJAYA',
    documentPlace: env.DOCUMENT_PLACE?.trim() || 'Walesi',
    compression: flag(env.COMPRESSION, true),
    compressionMinBytes: integer('COMPRESSION_MIN_BYTES', env.COMPRESSION_MIN_BYTES, 1024),
    webhooks: {
      allowedHosts: list(env.WEBHOOK_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
      retryHours: positive('WEBHOOK_RETRY_HOURS', env.WEBHOOK_RETRY_HOURS, 24),
      timeoutSeconds: positive('WEBHOOK_TIMEOUT_SECONDS', env.WEBHOOK_TIMEOUT_SECONDS, 10),
      pollSeconds: positive('WEBHOOK_POLL_SECONDS', env.WEBHOOK_POLL_SECONDS, 2),
      worker: flag(env.WEBHOOK_WORKER, true),
      demoUrl: production ? undefined : env.DEMO_WEBHOOK_URL || undefined,
      requireHttps: production,
    },
  };
}

/** The HTTP server's timeouts, each at least a second; Node refuses headers given longer than the whole request. */
function httpTimeouts(
  env: NodeJS.ProcessEnv,
): Pick<Config, 'headersTimeoutSeconds' | 'requestTimeoutSeconds' | 'keepAliveTimeoutSeconds'> {
  const seconds = (name: string, fallback: number) => {
    const value = integer(name, env[name], fallback);
    if (value < 1) throw new ConfigError(`${name} must be at least 1 (seconds), got "${env[name]}"`);
    return value;
  };
  const headersTimeoutSeconds = seconds('HEADERS_TIMEOUT_SECONDS', 10);
  const requestTimeoutSeconds = seconds('REQUEST_TIMEOUT_SECONDS', 30);
  if (headersTimeoutSeconds > requestTimeoutSeconds) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_SECONDS (${headersTimeoutSeconds}) must not exceed REQUEST_TIMEOUT_SECONDS (${requestTimeoutSeconds})`,
    );
  }
  return {
    headersTimeoutSeconds,
    requestTimeoutSeconds,
    keepAliveTimeoutSeconds: seconds('KEEP_ALIVE_TIMEOUT_SECONDS', 5),
  };
}

/** Where `/metrics` is served; in production it is never open to whoever reaches the API port. */
function metricsListener(env: NodeJS.ProcessEnv, production: boolean): Pick<Config, 'metricsPort' | 'metricsHost'> {
  const metricsPort = env.METRICS_PORT ? integer('METRICS_PORT', env.METRICS_PORT, 0) : undefined;
  if (production && !env.METRICS_TOKEN && metricsPort === undefined) {
    throw new ConfigError('In production set METRICS_TOKEN, or METRICS_PORT to serve /metrics on a separate listener');
  }
  return { metricsPort, metricsHost: env.METRICS_HOST || '127.0.0.1' };
}

/** `CURSOR_SECRET`, else the JWT secret (HKDF separates the two uses); undefined: a key of this process only. */
function cursorSecret(env: NodeJS.ProcessEnv, production: boolean, token: TokenKeyConfig): string | undefined {
  if (env.CURSOR_SECRET) {
    if (env.CURSOR_SECRET.length < 32) throw new ConfigError('CURSOR_SECRET must be at least 32 characters');
    return env.CURSOR_SECRET;
  }
  if (token.kind === 'secret') return token.secret;
  if (production)
    throw new ConfigError(
      "In production with JWT_PUBLIC_KEY or JWT_JWKS_URL set CURSOR_SECRET, so that every instance reads the others' cursors",
    );
  return undefined;
}
