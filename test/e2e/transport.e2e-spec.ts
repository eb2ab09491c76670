import { TestApp } from '../support/test-app';

describe('HTTP transport', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ corsOrigins: ['https://portal.jayawijayakab.go.id'] });
  });
  afterAll(() => app?.stop());

  it('answers a browser preflight only for configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(app.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://portal.jayawijayakab.go.id');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.jayawijayakab.go.id');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes a sane x-request-id and replaces anything else', async () => {
    const kept = await app.gql('{ serverInfo { name } }', {}, null, { headers: { 'x-request-id': 'portal-123' } });
    expect(kept.headers.get('x-request-id')).toBe('portal-123');
    const spaced = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'has space' },
      body: '{"query":"{ serverInfo { name } }"}',
    });
    expect(spaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hashes no answer for an ETag: answers are private and seldom repeated', async () => {
    const res = await app.gql('{ serverInfo { name } }');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('does not announce the framework', async () => {
    const response = await fetch(app.url.replace('/graphql', '/healthz'));
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('admission control over HTTP (MAX_CONCURRENT_OPERATIONS, MAX_QUEUED_OPERATIONS)', () => {
  it('answers every request when they wait their turn one at a time', async () => {
    const app = await TestApp.start({ maxConcurrentOperations: 1, maxQueuedOperations: 100 });
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () => app.gql('{ serverInfo { name } }')));
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 12 }, () => 200));
    } finally {
      await app.stop();
    }
  });

  it('refuses with 503 SERVICE_UNAVAILABLE and retry-after what finds the queue full', async () => {
    const app = await TestApp.start({ maxConcurrentOperations: 1, maxQueuedOperations: 0 });
    try {
      // The only slot taken (a request whose body is still arriving no longer holds one: it is not admitted yet).
      const release = await app.server.operations.hold('another-principal');
      const refused = await app.gql('{ serverInfo { name } }');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      release();
      // The slot is free again.
      expect((await app.gql('{ serverInfo { name } }')).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
