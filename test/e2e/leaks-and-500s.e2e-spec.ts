import { type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/core/auth/role';
import { ConfigError, loadConfig } from '../../src/core/config/config';
import { createLogger } from '../../src/core/server/logger';
import { startService } from '../../src/app/service';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { createTestDatabase } from '../support/test-database';
import { TestApp } from '../support/test-app';

/**
 * Issue 15, item 10: the smaller leaks and 500s. An unknown `operationName` (500), a 90 KB `search` (a masked
 * 500), Apollo's landing page and version in production, `/metrics` open in production, every interface bound,
 * and cursors that carried names in base64.
 */

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe.each(['jit', 'graphql-js'] as const)(
  'an operationName that names no operation (GRAPHQL_EXECUTOR=%s)',
  (graphqlExecutor) => {
    let app: TestApp;
    beforeAll(async () => {
      app = await TestApp.start({ graphqlExecutor });
    });
    afterAll(() => app?.stop());

    it.each([
      [
        'an unknown name',
        { query: 'query A { serverInfo { name } }', operationName: 'B' },
        'Unknown operation named "B".',
      ],
      [
        'an unknown name for an anonymous operation',
        { query: '{ serverInfo { name } }', operationName: 'B' },
        'Unknown operation named "B".',
      ],
      [
        'no name among several',
        { query: 'query A { serverInfo { name } } query C { serverInfo { name } }' },
        'Must provide operation name if query contains multiple operations.',
      ],
    ])('%s is 400 OPERATION_RESOLUTION_FAILURE, every time (compiled or not)', async (_label, body, message) => {
      // Three times: graphql-jit compiles an operation on its second run.
      for (let i = 0; i < 3; i++) {
        const res = await post(app.url, body);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({
          errors: [{ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }],
        });
      }
      // The operation that is there still runs, by its name.
      const named = await post(app.url, {
        query: 'query A { serverInfo { name } } query C { serverInfo { name } }',
        operationName: 'C',
      });
      expect([named.status, await named.json()]).toEqual([200, { data: { serverInfo: { name: 'Kinerja Walesi' } } }]);
    });
  },
);

describe('search text is bounded (100 characters)', () => {
  let app: TestApp;
  let hr: string;
  beforeAll(async () => {
    app = await TestApp.start();
    hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
  });
  afterAll(() => app?.stop());

  const QUERIES = {
    employees: 'query($s: String) { employees(first: 5, filter: { search: $s }) { totalCount nodes { id } } }',
    units: 'query($s: String) { units(first: 5, filter: { search: $s }) { totalCount nodes { id } } }',
  };

  it.each(Object.entries(QUERIES))(
    '%s: a 90 KB search is 400 BAD_USER_INPUT saying so, not a 500',
    async (_field, query) => {
      const res = await post(app.url, { query, variables: { s: 'a'.repeat(90 * 1024) } }, hr);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors.map((e) => [e.extensions.code, e.message])).toEqual([
        ['BAD_USER_INPUT', '`search` must be at most 100 characters.'],
      ]);
    },
  );

  it.each(Object.entries(QUERIES))(
    '%s: 100 characters (and surrounding blanks) are a search',
    async (_field, query) => {
      const res = await post(app.url, { query, variables: { s: `  ${'é'.repeat(100)}  ` } }, hr);
      expect([res.status, await res.json()]).toEqual([200, { data: { [_field]: { totalCount: 0, nodes: [] } } }]);
    },
  );
});

describe('production: no landing page, no version, metrics guarded', () => {
  const apolloVersion = (
    JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'node_modules', '@apollo', 'server', 'package.json'), 'utf8'),
    ) as { version: string }
  ).version;

  it('GET /graphql from a browser shows no Apollo page; no header or body names Apollo, Express or a version', async () => {
    // The configuration production loads: no introspection, no explorer (test/e2e/explorer.e2e-spec.ts).
    const app = await TestApp.start({
      env: 'production',
      introspection: false,
      explorer: false,
      metricsToken: 'm'.repeat(40),
    });
    try {
      const page = await fetch(app.url, { headers: { accept: 'text/html' } });
      const html = await page.text();
      // No page (Apollo's names itself and its version); what answers is a JSON error.
      expect(page.headers.get('content-type')).not.toMatch(/html/);
      expect(html).not.toMatch(/<html|<script|apollo server|sandbox|embeddable|landing/i);
      expect(html).not.toContain(apolloVersion);
      const answers = [
        page,
        await post(app.url, { query: '{ serverInfo { name } }' }),
        await fetch(app.url.replace('/graphql', '/healthz')),
      ];
      for (const res of answers) {
        for (const [name, value] of res.headers)
          expect(`${name}: ${value}`).not.toMatch(
            new RegExp(`apollo|express|${apolloVersion.replace(/\./g, '\\.')}`, 'i'),
          );
      }
    } finally {
      await app.stop();
    }
  });

  it('outside production the explorer is there, not Apollo’s Sandbox (which loads from a CDN)', async () => {
    const app = await TestApp.start();
    try {
      const html = await (await fetch(app.url, { headers: { accept: 'text/html' } })).text();
      expect(html).toMatch(/API explorer/);
      expect(html).not.toMatch(/apollo|sandbox/i);
    } finally {
      await app.stop();
    }
  });

  it('refuses to start in production with /metrics open: METRICS_TOKEN or METRICS_PORT', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ ...production, METRICS_TOKEN: 't'.repeat(32) }).metricsToken).toBe('t'.repeat(32));
    expect(loadConfig({ ...production, METRICS_PORT: '9464' })).toMatchObject({
      metricsPort: 9464,
      metricsHost: '127.0.0.1',
    });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ metricsPort: undefined });
  });

  it('a production server built without a metrics token serves no /metrics on the API port', async () => {
    const app = await TestApp.start({ env: 'production', metricsToken: undefined });
    try {
      expect((await fetch(app.url.replace('/graphql', '/metrics'))).status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('METRICS_PORT: metrics on their own listener (loopback), none on the API port', async () => {
    const app = await TestApp.start({
      env: 'production',
      metricsToken: undefined,
      metricsPort: 0,
      metricsHost: '127.0.0.1',
    });
    try {
      expect(app.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scraped = await fetch(app.server.metricsUrl!);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('# TYPE');
      expect((await fetch(app.url.replace('/graphql', '/metrics'))).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});

describe('HOST: the interface the service binds', () => {
  it('is loopback unless set; HOST=0.0.0.0 binds every interface', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('the started service listens on the configured host only', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    await testDb.db.close();
    const config = {
      ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) }),
      databaseUrl: testDb.url,
      port: 0,
      migrateOnStart: true,
      seedDemoOnStart: false,
    };
    const service = await startService(config, createLogger('silent'), () => undefined);
    try {
      expect((service.server.httpServer.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(service.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    } finally {
      await service.shutdown('test');
      await testDb.drop();
    }
  });
});

describe('connection cursors are opaque', () => {
  let app: TestApp;
  let hr: string;
  const NAMES = ['Frans Asso', 'Frida Asso', 'Yakobus Wetipo'];
  beforeAll(async () => {
    app = await TestApp.start();
    hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    const unit = await app.fixtures.unit({
      code: 'CUR-PKM',
      name: 'UPTD Puskesmas Kurulu',
      kind: UnitKind.HEALTH_CENTRE,
    });
    for (const name of NAMES)
      await app.fixtures.employee({
        unit,
        name,
        positionKind: PositionKind.FUNGSIONAL,
        positionTitle: 'Perawat Terampil',
      });
  });
  afterAll(() => app?.stop());

  const PAGE = `query($after: String, $before: String, $first: Int, $last: Int) {
    employees(first: $first, last: $last, after: $after, before: $before, filter: { search: "a" }, orderBy: { field: NAME }) {
      edges { cursor node { name } } pageInfo { startCursor endCursor hasNextPage }
    }
  }`;
  interface PageOut {
    employees: {
      edges: Array<{ cursor: string; node: { name: string } }>;
      pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean };
    };
  }

  /** Every reading of a cursor we can think of: as is, base64/base64url decoded (as UTF-8 and Latin-1), hex. */
  function readings(cursor: string): string[] {
    const out = [cursor, cursor.toLowerCase()];
    for (const encoding of ['base64', 'base64url'] as const) {
      const bytes = Buffer.from(cursor, encoding);
      out.push(bytes.toString('utf8'), bytes.toString('latin1'), bytes.toString('utf16le'), bytes.toString('hex'));
      // Nested base64, a second time.
      out.push(Buffer.from(bytes.toString('latin1'), 'base64').toString('latin1'));
    }
    return out;
  }

  it('names no one in any encoding, and pages round-trip', async () => {
    const first = await app.data<PageOut>(PAGE, { first: 1 }, hr);
    expect(first.employees.edges.map((e) => e.node.name)).toEqual(['Frans Asso']);
    const cursor = first.employees.edges[0]!.cursor;
    expect(first.employees.pageInfo.endCursor).toBe(cursor);
    for (const text of readings(cursor)) {
      for (const word of [
        'Frans',
        'Asso',
        'frans',
        'asso',
        Buffer.from('Frans').toString('hex'),
        Buffer.from('Frans Asso').toString('base64').slice(0, 8),
      ])
        expect(text).not.toContain(word);
    }
    // The same row gives the same cursor on the next request.
    expect((await app.data<PageOut>(PAGE, { first: 1 }, hr)).employees.edges[0]!.cursor).toBe(cursor);
    const next = await app.data<PageOut>(PAGE, { first: 5, after: cursor }, hr);
    expect(next.employees.edges.map((e) => e.node.name)).toEqual(['Frida Asso', 'Yakobus Wetipo']);
    const back = await app.data<PageOut>(PAGE, { last: 5, before: next.employees.pageInfo.endCursor }, hr);
    expect(back.employees.edges.map((e) => e.node.name)).toEqual(['Frans Asso', 'Frida Asso']);
  });

  it('a tampered, foreign or old-style cursor is BAD_USER_INPUT', async () => {
    const cursor = (await app.data<PageOut>(PAGE, { first: 1 }, hr)).employees.edges[0]!.cursor;
    const bytes = Buffer.from(cursor, 'base64url');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 20]! ^= 1;
    const candidates = [
      flipped.toString('base64url'),
      bytes.subarray(0, bytes.length - 1).toString('base64url'),
      Buffer.from(JSON.stringify(['Frans Asso', 16])).toString('base64url'),
      'not a cursor',
      '',
    ];
    for (const after of candidates.filter(Boolean)) {
      const res = await app.gql(PAGE, { first: 1, after }, hr);
      expect(res.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['BAD_USER_INPUT', '`after` is not a cursor from this list.'],
      ]);
    }
  });
});
