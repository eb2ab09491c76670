import { ConfigError, loadConfig } from './config';

describe('GRAPHQL_EXECUTOR', () => {
  it('is graphql-jit by default, graphql-js on request, and nothing else', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).graphqlExecutor).toBe('jit');
    expect(loadConfig({ NODE_ENV: 'test', GRAPHQL_EXECUTOR: 'graphql-js' }).graphqlExecutor).toBe('graphql-js');
    expect(() => loadConfig({ NODE_ENV: 'test', GRAPHQL_EXECUTOR: 'fast' })).toThrow(ConfigError);
  });
});
