import fs from 'node:fs';
import path from 'node:path';
import { TestApp } from '../support/test-app';
import { EXPLORER_CSP, SCHEMA_PATH } from '../../src/app/explorer/explorer-page';

/**
 * Issue 19, item 1: the explorer page at GET /graphql for browsers, its schema, and its absence in production
 * unless EXPLORER turns it on. What a browser does with the page: test/browser/explorer.browser-spec.ts.
 */

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const PRODUCTION = { env: 'production', introspection: false, metricsToken: 'm'.repeat(40) } as const;

const base = (app: TestApp): string => app.url.replace(/\/graphql$/, '');

describe('the explorer page', () => {
  let app: TestApp;
  const cors = { corsOrigins: ['https://portal.jayawijayakab.go.id'] };
  beforeAll(async () => {
    app = await TestApp.start(cors);
  });
  afterAll(() => app?.stop());

  it('answers a browser at /graphql with a page that may load only from the service', async () => {
    const res = await fetch(app.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toMatch(/Kinerja Walesi API explorer/);
    // Every address the page names is a path of this service (or `data:`): no scheme, no other host.
    const addresses = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(address).toMatch(/^(\/(?!\/)|data:)/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>|<style|style="/);
  });

  it('serves the running schema, as `npm run schema` writes schema.graphql', async () => {
    const res = await fetch(`${base(app)}${SCHEMA_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const published = fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    const served = await res.text();
    expect(published.endsWith(`\n\n${served}`)).toBe(true);
  });

  it('answers a missing asset with 404', async () => {
    const res = await fetch(`${base(app)}/explorer/assets/nothing.0123456789ab.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such explorer asset.' } });
  });

  it('leaves every request that is not a browser page view to GraphQL, answered as without the explorer', async () => {
    const without = await TestApp.start({ ...cors, explorer: false });
    const requests: Array<[string, RequestInit]> = [
      [
        '',
        {
          method: 'OPTIONS',
          headers: {
            origin: cors.corsOrigins[0]!,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        },
      ],
      ['', { headers: { accept: '*/*' } }],
      ['', {}],
      ['?query=%7B__typename%7D', { headers: { accept: 'application/json', 'apollo-require-preflight': '1' } }],
      ['?query=%7B__typename%7D', { headers: { accept: 'application/graphql-response+json, text/html;q=0.9' } }],
      [
        '',
        {
          method: 'POST',
          headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        },
      ],
    ];
    try {
      for (const [query, init] of requests) {
        const [mine, theirs] = await Promise.all([fetch(app.url + query, init), fetch(without.url + query, init)]);
        const answer = async (res: Response) => ({
          status: res.status,
          type: res.headers.get('content-type'),
          cors: res.headers.get('access-control-allow-origin'),
          body: await res.text(),
        });
        expect(await answer(mine)).toEqual(await answer(theirs));
      }
    } finally {
      await without.stop();
    }
  });
});

describe('the explorer in production', () => {
  it('is not there without EXPLORER: no page, no schema', async () => {
    const app = await TestApp.start({ ...PRODUCTION, explorer: false });
    try {
      const page = await fetch(app.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(page.headers.get('content-type')).not.toMatch(/html/);
      expect(await page.text()).not.toMatch(/<html|explorer|graphiql/i);
      expect((await fetch(`${base(app)}${SCHEMA_PATH}`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('with EXPLORER on, serves the page and the schema while introspection stays off', async () => {
    const app = await TestApp.start({ ...PRODUCTION, explorer: true });
    try {
      const page = await fetch(app.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const schema = await fetch(`${base(app)}${SCHEMA_PATH}`);
      expect(await schema.text()).toMatch(/^type Query \{/m);
      const introspection = await app.gql('{ __schema { queryType { name } } }');
      expect(introspection.body.data ?? null).toBeNull();
      expect(introspection.body.errors?.length).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  });
});
