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

describe('HOST, METRICS_PORT/METRICS_HOST, CURSOR_SECRET', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) };

  it('binds loopback unless HOST is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test', HOST: '::' }).host).toBe('::');
  });

  it('in production wants METRICS_TOKEN or a separate metrics listener', () => {
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(loadConfig({ ...production, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' })).toMatchObject({ metricsPort: 9464, metricsHost: '10.0.0.5' });
    expect(() => loadConfig({ ...production, METRICS_PORT: 'nine' })).toThrow(ConfigError);
  });

  it('keys cursors with CURSOR_SECRET, else the JWT secret; with a public key in production only CURSOR_SECRET will do', () => {
    expect(loadConfig({ ...production, METRICS_TOKEN: 'm' }).cursorSecret).toBe('j'.repeat(32));
    expect(loadConfig({ ...production, METRICS_TOKEN: 'm', CURSOR_SECRET: 'c'.repeat(32) }).cursorSecret).toBe('c'.repeat(32));
    expect(() => loadConfig({ NODE_ENV: 'test', CURSOR_SECRET: 'short' })).toThrow(ConfigError);
    const jwks = { NODE_ENV: 'production', JWT_JWKS_URL: 'https://sso.example/jwks', METRICS_TOKEN: 'm' };
    expect(() => loadConfig(jwks)).toThrow(/CURSOR_SECRET/);
    expect(loadConfig({ ...jwks, CURSOR_SECRET: 'c'.repeat(32) }).cursorSecret).toBe('c'.repeat(32));
    expect(loadConfig({ NODE_ENV: 'development', JWT_JWKS_URL: 'https://sso.example/jwks' }).cursorSecret).toBeUndefined();
  });
});
