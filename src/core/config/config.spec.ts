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
