import { SignJWT } from 'jose';
import { type Config, loadConfig } from '../../src/core/config/config';
import { type Database } from '../../src/core/database/database';
import { createLogger } from '../../src/core/server/logger';
import { createServer, type RequestStats, type RunningServer } from '../../src/app/server';
import { type Role } from '../../src/core/auth/role';
import { createTestDatabase, type TestDatabase } from './test-database';
import { Fixtures } from './fixtures';
import { SubscriptionClient } from './subscription-client';

export const TEST_JWT_SECRET = 'test-secret-for-kinerja-walesi-e2e-tests-0123456789';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: {
    data?: T | null;
    errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown>; path?: unknown[] }>;
  };
  /** SQL statements the server issued for this request. */
  statements: number;
  headers: Headers;
}

/** A clock tests can stop at a moment ("10 January, 09:00 WIT") and let run again. */
export class TestClock {
  private fixed: Date | undefined;

  now = (): Date => (this.fixed ? new Date(this.fixed.getTime()) : new Date());

  set(instant: Date | string): void {
    this.fixed = new Date(instant);
  }

  reset(): void {
    this.fixed = undefined;
  }
}

export interface TokenOptions {
  roles?: Role[];
  unit?: string;
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
  secret?: string;
}

/**
 * The service on a fresh database (SQLite in memory, or a new MariaDB database when DATABASE_URL names one),
 * listening on a free port, with helpers to mint tokens and post GraphQL over real HTTP.
 */
export class TestApp {
  private requestSeq = 0;
  private readonly clients: SubscriptionClient[] = [];

  private constructor(
    private readonly stats: Map<string, RequestStats>,
    readonly testDb: TestDatabase,
    readonly server: RunningServer,
    readonly config: Config,
    readonly fixtures: Fixtures,
    readonly clock: TestClock,
  ) {}

  static async start(overrides: Partial<Config> = {}, database: { shared?: boolean } = {}): Promise<TestApp> {
    const testDb = await createTestDatabase(database);
    const config: Config = {
      // The executor's settings come from the environment, so that the suite can run on graphql-jit from each
      // operation's first request (`GRAPHQL_JIT_COMPILE_AFTER=0`) or wholly on graphql-js (`GRAPHQL_EXECUTOR`).
      ...loadConfig({
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        GRAPHQL_EXECUTOR: process.env.GRAPHQL_EXECUTOR,
        GRAPHQL_JIT_COMPILE_AFTER: process.env.GRAPHQL_JIT_COMPILE_AFTER,
      }),
      databaseUrl: testDb.url,
      // The cost rate limit would throttle a test file's hundreds of requests; its own tests turn it on.
      rateLimitCostPerMinute: 0,
      // Concurrency tests send 50 requests at once and mean it; admission control has its own tests.
      maxConcurrentOperations: 64,
      // The suite asserts English texts; `test/e2e/language.e2e-spec.ts` checks Indonesian and the negotiation.
      defaultLocale: 'en',
      ...overrides,
    };
    const stats = new Map<string, RequestStats>();
    const clock = new TestClock();
    const created = await createServer({
      clock: clock.now,
      config,
      db: testDb.db,
      log: createLogger(process.env.TEST_LOG_LEVEL || 'silent'),
      onRequestFinished: (s) => stats.set(s.requestId, s),
    });
    const server = await created.listen(0, '127.0.0.1');
    return new TestApp(stats, testDb, server, config, new Fixtures(testDb.db), clock);
  }

  get db(): Database {
    return this.testDb.db;
  }

  get url(): string {
    return this.server.url;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.clients.map((c) => c.dispose()));
    await this.server.stop();
    await this.testDb.drop();
  }

  async token(subject: string, options: TokenOptions = {}): Promise<string> {
    const jwt = new SignJWT({ roles: options.roles ?? [], ...(options.unit ? { unit: options.unit } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h');
    if (options.issuer) jwt.setIssuer(options.issuer);
    if (options.audience) jwt.setAudience(options.audience);
    return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
  }

  /** Posts a GraphQL request; `token` null means no Authorization header. */
  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = null,
    init: { headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T>> {
    const requestId = `t${process.pid}-${++this.requestSeq}`;
    const send = () =>
      fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': requestId,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...init.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // A kept-alive socket the server closed as it was reused (its idle timer fired late, after a test blocked the
      // event loop with an in-process seed): a query is sent again once on a new one. A mutation never is.
      const reset = (error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET';
      if (!reset || !/^\s*(\{|query\b)/.test(query)) throw error;
      response = await send();
    }
    const body = (await response.json()) as GraphQLResponse<T>['body'];
    return { status: response.status, body, statements: await this.statementsOf(requestId), headers: response.headers };
  }

  /** Like `gql`, but fails the test on any GraphQL error. */
  async data<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = null,
  ): Promise<T> {
    const result = await this.gql<T>(query, variables, token);
    if (result.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.body.errors)}`);
    return result.body.data as T;
  }

  /** A graphql-ws client on this server, signed in with `token` (none: no authorization in `connection_init`). */
  subscriptionClient(token: string | null, connectionParams?: Record<string, unknown>): SubscriptionClient {
    const client = new SubscriptionClient(this.url, token, connectionParams);
    this.clients.push(client);
    return client;
  }

  /** Waits until at least `count` subscriptions are listening on the server, so that an event is not published too early. */
  async subscriptionsListening(count: number, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.server.activeSubscriptions() < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${this.server.activeSubscriptions()} of ${count} subscriptions listening`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The ids (`x-request-id`) of the requests answered so far, in the order the server finished them. */
  finishedRequestIds(): string[] {
    return [...this.stats.keys()];
  }

  private async statementsOf(requestId: string): Promise<number> {
    // The server records stats when the response finishes, which can trail the client receiving it.
    for (let i = 0; i < 50 && !this.stats.has(requestId); i++) await new Promise((r) => setTimeout(r, 2));
    return this.stats.get(requestId)?.statements ?? -1;
  }
}
