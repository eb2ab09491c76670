import { ConfigError, loadConfig } from './config';

describe('GRAPHQL_EXECUTOR', () => {
  it('is graphql-jit by default, graphql-js on request, and nothing else', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).graphqlExecutor).toBe('jit');
    expect(loadConfig({ NODE_ENV: 'test', GRAPHQL_EXECUTOR: 'graphql-js' }).graphqlExecutor).toBe('graphql-js');
    expect(() => loadConfig({ NODE_ENV: 'test', GRAPHQL_EXECUTOR: 'fast' })).toThrow(ConfigError);
  });
});

describe('GRAPHQL_JIT_COMPILE_AFTER', () => {
  it('is 1 (compiled on the second run) by default, 0 to compile on the first, never negative or fractional', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).graphqlJitCompileAfter).toBe(1);
    expect(loadConfig({ NODE_ENV: 'test', GRAPHQL_JIT_COMPILE_AFTER: '0' }).graphqlJitCompileAfter).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test', GRAPHQL_JIT_COMPILE_AFTER: '5' }).graphqlJitCompileAfter).toBe(5);
    for (const bad of ['-1', '1.5', 'first'])
      expect(() => loadConfig({ NODE_ENV: 'test', GRAPHQL_JIT_COMPILE_AFTER: bad })).toThrow(ConfigError);
  });
});

describe('MAX_CONCURRENT_OPERATIONS', () => {
  it('is the pool size (10) by default, at least 1 when set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).maxConcurrentOperations).toBe(10);
    expect(loadConfig({ NODE_ENV: 'test', MAX_CONCURRENT_OPERATIONS: '3' }).maxConcurrentOperations).toBe(3);
    expect(loadConfig({ NODE_ENV: 'test', MAX_CONCURRENT_OPERATIONS: '0' }).maxConcurrentOperations).toBe(1);
  });
});

describe('HTTP timeouts (HEADERS_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS, KEEP_ALIVE_TIMEOUT_SECONDS)', () => {
  it('default to 10 s for headers, 30 s for a whole request and 5 s idle, each at least a second', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      headersTimeoutSeconds: 10,
      requestTimeoutSeconds: 30,
      keepAliveTimeoutSeconds: 5,
    });
    expect(
      loadConfig({ NODE_ENV: 'test', REQUEST_TIMEOUT_SECONDS: '60', KEEP_ALIVE_TIMEOUT_SECONDS: '65' }),
    ).toMatchObject({ requestTimeoutSeconds: 60, keepAliveTimeoutSeconds: 65 });
    expect(() => loadConfig({ NODE_ENV: 'test', REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(
      /REQUEST_TIMEOUT_SECONDS must be at least 1/,
    );
    expect(() => loadConfig({ NODE_ENV: 'test', KEEP_ALIVE_TIMEOUT_SECONDS: '1.5' })).toThrow(ConfigError);
  });

  it('refuse headers given longer than the whole request', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', HEADERS_TIMEOUT_SECONDS: '40' })).toThrow(
      /must not exceed REQUEST_TIMEOUT_SECONDS/,
    );
    expect(loadConfig({ NODE_ENV: 'test', HEADERS_TIMEOUT_SECONDS: '30' }).headersTimeoutSeconds).toBe(30);
  });
});

describe('MAX_PENDING_REQUESTS and MAX_OPERATIONS_PER_PRINCIPAL', () => {
  it('bound unauthenticated requests at 256 and leave a principal free to use every slot by default', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ maxPendingRequests: 256, maxOperationsPerPrincipal: 0 });
    expect(
      loadConfig({ NODE_ENV: 'test', MAX_PENDING_REQUESTS: '20', MAX_OPERATIONS_PER_PRINCIPAL: '5' }),
    ).toMatchObject({ maxPendingRequests: 20, maxOperationsPerPrincipal: 5 });
    expect(() => loadConfig({ NODE_ENV: 'test', MAX_PENDING_REQUESTS: '-1' })).toThrow(ConfigError);
  });
});

describe('HOST, METRICS_PORT/METRICS_HOST, CURSOR_SECRET', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) };

  it('binds loopback unless HOST is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test', HOST: '::' }).host).toBe('::');
  });

  it('in production wants METRICS_TOKEN or a separate metrics listener', () => {
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(loadConfig({ ...production, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' })).toMatchObject({
      metricsPort: 9464,
      metricsHost: '10.0.0.5',
    });
    expect(() => loadConfig({ ...production, METRICS_PORT: 'nine' })).toThrow(ConfigError);
  });

  it('keys cursors with CURSOR_SECRET, else the JWT secret; with a public key in production only CURSOR_SECRET will do', () => {
    expect(loadConfig({ ...production, METRICS_TOKEN: 'm' }).cursorSecret).toBe('j'.repeat(32));
    expect(loadConfig({ ...production, METRICS_TOKEN: 'm', CURSOR_SECRET: 'c'.repeat(32) }).cursorSecret).toBe(
      'c'.repeat(32),
    );
    expect(() => loadConfig({ NODE_ENV: 'test', CURSOR_SECRET: 'short' })).toThrow(ConfigError);
    const jwks = { NODE_ENV: 'production', JWT_JWKS_URL: 'https://sso.example/jwks', METRICS_TOKEN: 'm' };
    expect(() => loadConfig(jwks)).toThrow(/CURSOR_SECRET/);
    expect(loadConfig({ ...jwks, CURSOR_SECRET: 'c'.repeat(32) }).cursorSecret).toBe('c'.repeat(32));
    expect(
      loadConfig({ NODE_ENV: 'development', JWT_JWKS_URL: 'https://sso.example/jwks' }).cursorSecret,
    ).toBeUndefined();
  });
});

describe('limits of tokens and WebSockets', () => {
  it('have their defaults, take a positive integer, and refuse 0 or anything else', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config).toMatchObject({
      maxTokenLifetimeSeconds: 43_200,
      maxSubscriptionsPerConnection: 10,
      maxSubscriptionsPerPrincipal: 20,
      wsConnectionInitTimeoutMs: 3000,
      wsMaxUnauthenticatedConnections: 100,
      wsMaxBufferedBytes: 1024 * 1024,
    });
    expect(loadConfig({ NODE_ENV: 'test', WS_CONNECTION_INIT_TIMEOUT_SECONDS: '5' }).wsConnectionInitTimeoutMs).toBe(
      5000,
    );
    expect(loadConfig({ NODE_ENV: 'test', MAX_TOKEN_LIFETIME_SECONDS: '3600' }).maxTokenLifetimeSeconds).toBe(3600);
    expect(config.wsRevalidateMs).toBe(60_000);
    for (const name of [
      'MAX_TOKEN_LIFETIME_SECONDS',
      'MAX_SUBSCRIPTIONS_PER_CONNECTION',
      'MAX_SUBSCRIPTIONS_PER_PRINCIPAL',
      'WS_CONNECTION_INIT_TIMEOUT_SECONDS',
      'WS_MAX_UNAUTHENTICATED_CONNECTIONS',
      'WS_MAX_BUFFERED_BYTES',
      'WS_REVALIDATE_SECONDS',
    ]) {
      expect(() => loadConfig({ NODE_ENV: 'test', [name]: '0' })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: 'test', [name]: 'many' })).toThrow(ConfigError);
    }
  });
});

describe('GOVERNMENT_NAME and DOCUMENT_PLACE', () => {
  it('print the demo region (Jayawijaya, signed in Walesi) by default and the regency’s own when set', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      governmentName: 'PEMERINTAH KABUPATEN JAYAWIJAYA',
      documentPlace: 'Walesi',
    });
    expect(
      loadConfig({ NODE_ENV: 'test', GOVERNMENT_NAME: ' PEMERINTAH KABUPATEN LANNY JAYA ', DOCUMENT_PLACE: 'Tiom' }),
    ).toMatchObject({
      governmentName: 'PEMERINTAH KABUPATEN LANNY JAYA',
      documentPlace: 'Tiom',
    });
    expect(loadConfig({ NODE_ENV: 'test', GOVERNMENT_NAME: '  ' }).governmentName).toBe(
      'PEMERINTAH KABUPATEN JAYAWIJAYA',
    );
  });
});

describe('EXPLORER', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), METRICS_TOKEN: 'm'.repeat(40) };

  it('is on outside production, off in it unless turned on, and a boolean', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', EXPLORER: 'off' }).explorer).toBe(false);
    expect(loadConfig(production).explorer).toBe(false);
    expect(loadConfig({ ...production, EXPLORER: 'on' }).explorer).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'test', EXPLORER: 'sometimes' })).toThrow(ConfigError);
  });
});

describe('REMINDERS and the REMINDER_* settings', () => {
  it('run the scheduler outside tests by default, hourly, with the documented days', () => {
    expect(loadConfig({}).reminders).toEqual({
      enabled: true,
      intervalMs: 3_600_000,
      planningDays: 7,
      realizationDays: 5,
      reviewWorkingDays: 3,
      objectionDays: 2,
    });
    expect(loadConfig({ NODE_ENV: 'test' }).reminders.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', REMINDERS: 'on' }).reminders.enabled).toBe(true);
    expect(loadConfig({ REMINDERS: 'off' }).reminders.enabled).toBe(false);
  });

  it('take non-negative whole days (at least one realization day, one second between runs)', () => {
    const set = loadConfig({
      REMINDER_INTERVAL_SECONDS: '600',
      REMINDER_PLANNING_DAYS: '14',
      REMINDER_REALIZATION_DAYS: '3',
      REMINDER_REVIEW_WORKING_DAYS: '0',
      REMINDER_OBJECTION_DAYS: '1',
    }).reminders;
    expect(set).toMatchObject({
      intervalMs: 600_000,
      planningDays: 14,
      realizationDays: 3,
      reviewWorkingDays: 0,
      objectionDays: 1,
    });
    for (const [name, bad] of [
      ['REMINDER_INTERVAL_SECONDS', '0'],
      ['REMINDER_REALIZATION_DAYS', '0'],
      ['REMINDER_PLANNING_DAYS', '-1'],
      ['REMINDER_OBJECTION_DAYS', 'two'],
      ['REMINDERS', 'sometimes'],
    ])
      expect(() => loadConfig({ [name]: bad })).toThrow(ConfigError);
  });
});
