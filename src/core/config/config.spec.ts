import { ConfigError, loadConfig } from './config';

describe('GRAPHQL_EXECUTOR', () => {
  it('is graphql-jit by default, graphql-js on request, and nothing else', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).graphqlExecutor).toBe('jit');
    expect(loadConfig({ NODE_ENV: 'test', GRAPHQL_EXECUTOR: 'graphql-js' }).graphqlExecutor).toBe('graphql-js');
    expect(() => loadConfig({ NODE_ENV: 'test', GRAPHQL_EXECUTOR: 'fast' })).toThrow(ConfigError);
  });
});

describe('MAX_CONCURRENT_OPERATIONS', () => {
  it('is the pool size (10) by default, at least 1 when set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).maxConcurrentOperations).toBe(10);
    expect(loadConfig({ NODE_ENV: 'test', MAX_CONCURRENT_OPERATIONS: '3' }).maxConcurrentOperations).toBe(3);
    expect(loadConfig({ NODE_ENV: 'test', MAX_CONCURRENT_OPERATIONS: '0' }).maxConcurrentOperations).toBe(1);
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
    expect(loadConfig({ NODE_ENV: 'test', WS_CONNECTION_INIT_TIMEOUT_SECONDS: '5' }).wsConnectionInitTimeoutMs).toBe(5000);
    expect(loadConfig({ NODE_ENV: 'test', MAX_TOKEN_LIFETIME_SECONDS: '3600' }).maxTokenLifetimeSeconds).toBe(3600);
    for (const name of ['MAX_TOKEN_LIFETIME_SECONDS', 'MAX_SUBSCRIPTIONS_PER_CONNECTION', 'MAX_SUBSCRIPTIONS_PER_PRINCIPAL', 'WS_CONNECTION_INIT_TIMEOUT_SECONDS', 'WS_MAX_UNAUTHENTICATED_CONNECTIONS', 'WS_MAX_BUFFERED_BYTES']) {
      expect(() => loadConfig({ NODE_ENV: 'test', [name]: '0' })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: 'test', [name]: 'many' })).toThrow(ConfigError);
    }
  });
});
