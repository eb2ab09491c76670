import { TestApp } from '../support/test-app';
import { QUERY_LIMITS } from '../../src/app/query-limits';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { UnitKind } from '../../src/modules/unit/unit-kind';

/**
 * Hostile queries cost nothing (`docs/reliability.md` item 5, `docs/api.md` Transport and Limits): each is answered with
 * HTTP 400 (413 for a body over the limit) and a GraphQL error, never a 500, and no error carries a stack trace,
 * SQL text or a file path. How quickly is measured by `npm run reliability:latency` (`reliability/latency.ts`), not
 * here: a wall-clock bound inside the suite fails with the machine's load rather than with the code.
 */

interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

/** Leaks an error must never carry: a stack frame, a file path, SQL text, internals of the error object. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /\bat\s+[\w$.<>]+\s+\(|\n\s+at\s/],
  [
    'file path',
    /(?:^|[\s"'(])(?:\/|[A-Za-z]:\\)(?:work|home|usr|opt|tmp|src|app|dist|node_modules)\b|node_modules|\.(?:ts|js|mjs|cjs):\d+/,
  ],
  ['SQL text', /\b(?:SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|SQLITE_|ER_[A-Z_]+)\b/],
  ['error internals', /"(?:stacktrace|stack|exception|sql|sqlMessage|driverError)"\s*:/],
];

function expectNoLeak(response: RawResponse, label: string): void {
  for (const [kind, pattern] of LEAKS) {
    const match = pattern.exec(response.text);
    expect({ label, leak: kind, found: match?.[0] ?? null }).toEqual({ label, leak: kind, found: null });
  }
}

/** A refusal: the status, a JSON body with a GraphQL error (and the code, when given), no leak. */
function expectRefused(response: RawResponse, label: string, expected: { status?: number; code?: string } = {}): void {
  const status = expected.status ?? 400;
  const summary = {
    label,
    status: response.status,
    json: response.body !== undefined,
    hasError: (response.body?.errors?.length ?? 0) > 0,
  };
  expect(summary).toEqual({ label, status, json: true, hasError: true });
  if (expected.code)
    expect({ label, codes: [...new Set(response.body?.errors?.map((e) => e.extensions?.code))] }).toEqual({
      label,
      codes: [expected.code],
    });
  expect(response.body?.data ?? null).toBeNull();
  expectNoLeak(response, label);
}

async function send(url: string, init: RequestInit): Promise<RawResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: RawResponse['body'];
  try {
    body = JSON.parse(text) as RawResponse['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
}

function post(app: TestApp, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const query = (
  app: TestApp,
  source: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => post(app, { query: source, variables }, headers);

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** `{ viewer { employee { supervisor { … { id } } } } }` with `levels` supervisors: depth `levels + 3`. */
function supervisorChain(levels: number): string {
  return `{ viewer { employee { ${'supervisor { '.repeat(levels)}id${' }'.repeat(levels)} } } }`;
}

describe('query limits and transport over HTTP', () => {
  let app: TestApp;
  let employeeToken: string;
  let hrToken: string;

  beforeAll(async () => {
    app = await TestApp.start();
    const unit = await app.fixtures.unit({ code: 'LIMITS', kind: UnitKind.HEALTH_CENTRE });
    const { team } = await app.fixtures.supervisorWithTeam(unit, 3);
    employeeToken = await app.token(team[0]!.nip);
    hrToken = await app.token('hr-portal', { roles: [Role.HR_ADMIN] });
  });
  afterAll(() => app?.stop());

  describe('depth', () => {
    it(`answers a query within the depth limit (${QUERY_LIMITS.maxDepth}) (control)`, async () => {
      const result = await query(app, supervisorChain(QUERY_LIMITS.maxDepth - 4), {}, auth(employeeToken));
      expect(result.status).toBe(200);
      expect(result.body?.errors).toBeUndefined();
    });

    it.each([QUERY_LIMITS.maxDepth + 1, 30, 200])(
      'refuses a supervisor chain %i levels deep with a 400',
      async (levels) => {
        expectRefused(await query(app, supervisorChain(levels), {}, auth(employeeToken)), `depth ${levels}`, {
          code: 'GRAPHQL_VALIDATION_FAILED',
        });
      },
    );

    it('refuses a deep query hidden in nested fragments', async () => {
      const fragments = Array.from(
        { length: 20 },
        (_, i) => `fragment F${i} on Employee { supervisor { ${i < 19 ? `...F${i + 1}` : 'id'} } }`,
      ).join('\n');
      const result = await query(app, `{ viewer { employee { ...F0 } } }\n${fragments}`, {}, auth(employeeToken));
      expectRefused(result, 'depth through fragments', { code: 'GRAPHQL_VALIDATION_FAILED' });
    });
  });

  describe('aliases', () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: serverInfo { name }`).join(' ')} }`;

    it(`answers ${QUERY_LIMITS.maxAliases} aliases (control)`, async () => {
      const result = await query(app, aliased(QUERY_LIMITS.maxAliases));
      expect(result.status).toBe(200);
      expect(Object.keys((result.body?.data ?? {}) as object)).toHaveLength(QUERY_LIMITS.maxAliases);
    });

    it.each([QUERY_LIMITS.maxAliases + 1, 100])('refuses %i aliases on a real field with a 400', async (n) => {
      expectRefused(await query(app, aliased(n)), `${n} aliases`, { code: 'GRAPHQL_VALIDATION_FAILED' });
    });

    it('refuses 900 aliases of a scalar field (just under the token limit) with a 400', async () => {
      const source = `{ serverInfo { ${Array.from({ length: 900 }, (_, i) => `a${i}: name`).join(' ')} } }`;
      expectRefused(await query(app, source), '900 aliases', { code: 'GRAPHQL_VALIDATION_FAILED' });
    });

    it('refuses an alias bomb on a list field (each alias a page of employees)', async () => {
      const bomb = `{ ${Array.from({ length: 50 }, (_, i) => `e${i}: employees(first: 100) { nodes { id name } }`).join(' ')} }`;
      expectRefused(await query(app, bomb, {}, auth(employeeToken)), 'alias bomb on employees');
    });
  });

  describe('directives', () => {
    it('refuses a directive overload (many @include on fields) with a 400', async () => {
      const fields = Array.from({ length: 50 }, () => 'name @include(if: true)').join(' ');
      expectRefused(await query(app, `{ serverInfo { ${fields} } }`), '50 @include', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    });

    it('refuses many directives on one field with a 400', async () => {
      const directives = Array.from({ length: 50 }, () => '@include(if: true)').join(' ');
      expectRefused(await query(app, `{ serverInfo { name ${directives} } }`), '50 @include on one field', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    });

    it('refuses an overload of unknown directives (graphql-cop) with a 400', async () => {
      expectRefused(await query(app, `query { __typename ${'@aa'.repeat(500)} }`), '500 @aa', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    });
  });

  describe('tokens', () => {
    it(`refuses more than ${QUERY_LIMITS.maxTokens} tokens with a 400, not a 500`, async () => {
      const source = `{ serverInfo { ${'name '.repeat(QUERY_LIMITS.maxTokens + 100)} } }`;
      expectRefused(await query(app, source), 'token limit', { code: 'GRAPHQL_PARSE_FAILED' });
    });

    it('refuses a token flood made of punctuation with a 400', async () => {
      expectRefused(await query(app, `{ serverInfo { name } }${' '}${'{'.repeat(20_000)}`), 'braces', {
        code: 'GRAPHQL_PARSE_FAILED',
      });
    });
  });

  describe('fragments', () => {
    it('refuses circular fragments with a 400', async () => {
      const source = `query { ...A }
        fragment A on Query { serverInfo { name } ...B }
        fragment B on Query { ...A }`;
      expectRefused(await query(app, source), 'circular fragments', { code: 'GRAPHQL_VALIDATION_FAILED' });
    });

    it('refuses circular fragments through nested fields with a 400', async () => {
      const source = `query { viewer { employee { ...E } } }
        fragment E on Employee { id supervisor { ...F } }
        fragment F on Employee { name supervisor { ...E } }`;
      expectRefused(await query(app, source, {}, auth(employeeToken)), 'circular nested fragments', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    });

    it('refuses a self-referencing fragment with a 400', async () => {
      expectRefused(await query(app, 'query { ...A } fragment A on Query { ...A }'), 'self fragment', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    });
  });

  describe('page size and cost', () => {
    it('refuses first: 1000000 with a 400 BAD_USER_INPUT', async () => {
      const result = await query(app, '{ employees(first: 1000000) { nodes { id name } } }', {}, auth(employeeToken));
      expectRefused(result, 'first: 1000000', { code: 'BAD_USER_INPUT' });
    });

    it('refuses first: 1000000 given as a variable with a 400 BAD_USER_INPUT', async () => {
      const result = await query(
        app,
        'query($n: Int) { employees(first: $n) { nodes { id name } } }',
        { n: 1_000_000 },
        auth(employeeToken),
      );
      expectRefused(result, 'first: $n = 1000000', { code: 'BAD_USER_INPUT' });
    });

    it.each([
      ['first: 101 (just over the page limit)', 'first: 101'],
      ['last: 101', 'last: 101'],
      ['first: -1', 'first: -1'],
    ])('refuses %s with a 400 BAD_USER_INPUT', async (name, argument) => {
      const result = await query(app, `{ employees(${argument}) { nodes { id name } } }`, {}, auth(employeeToken));
      expectRefused(result, name, { code: 'BAD_USER_INPUT' });
    });

    it.each([
      ['a string for an Int variable', 'query($n: Int) { employees(first: $n) { totalCount } }', { n: 'abc' }],
      ['a missing required variable', 'query($n: Int!) { employees(first: $n) { totalCount } }', {}],
    ])('refuses %s with a 400 BAD_USER_INPUT, not a 500', async (_name, source, variables) => {
      const result = await query(app, source, variables, auth(employeeToken));
      expectRefused(result, 'bad variables', { code: 'BAD_USER_INPUT' });
    });

    it('answers first: 100 (control)', async () => {
      const result = await query(app, '{ employees(first: 100) { totalCount nodes { id } } }', {}, auth(employeeToken));
      expect(result.status).toBe(200);
      expect(result.body?.errors).toBeUndefined();
    });

    it(`refuses a query whose estimated cost exceeds ${QUERY_LIMITS.maxCost} with QUERY_TOO_COSTLY`, async () => {
      const source = `{ employees(first: 100) { nodes { subordinates(first: 100) { nodes { subordinates(first: 100) { nodes { id name } } } } } } }`;
      const result = await query(app, source, {}, auth(employeeToken));
      expectRefused(result, 'costly', { code: 'QUERY_TOO_COSTLY' });
    });

    it('refuses a costly query without running any SQL beyond authentication', async () => {
      const source = `{ units(first: 100) { nodes { employees(first: 100) { nodes { subordinates(first: 100) { totalCount } } } } } }`;
      const result = await app.gql(source, {}, hrToken);
      expect(result.status).toBe(400);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(result.statements).toBe(0);
    });

    describe('analytics, weighed by what each aggregate costs over a region', () => {
      const EVERY_AGGREGATE = `distribution { key employees counts { predikat count } } completion { key draft approved } achievement { key averageAchievement }
        responsiveness { key medianHoursToFeedback } trend { year rated } competencyGaps { __typename }`;
      const analytics = (alias: string) =>
        `${alias}: analytics(unitId: "${toGlobalId('Unit', 1)}", periodId: "${toGlobalId('PerformancePeriod', 1)}") { ${EVERY_AGGREGATE} }`;

      it('refuses 15 aliased region-wide analytics with every aggregate with QUERY_TOO_COSTLY, running no SQL', async () => {
        const source = `{ ${Array.from({ length: 15 }, (_, i) => analytics(`a${i}`)).join(' ')} }`;
        const result = await app.gql(source, {}, hrToken);
        expect(result.status).toBe(400);
        expect(result.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
        expect(result.statements).toBe(0);
      });

      it('refuses even three of them in one operation', async () => {
        const result = await app.gql(`{ ${analytics('a')} ${analytics('b')} ${analytics('c')} }`, {}, hrToken);
        expect(result.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      });

      it('answers one analytics with every aggregate (control)', async () => {
        const result = await app.gql(`{ ${analytics('a')} }`, {}, hrToken);
        expect(result.status).toBe(200);
        expect(result.body.errors).toBeUndefined();
      });
    });
  });

  describe('transport', () => {
    it('refuses a batched JSON array with a 400', async () => {
      const result = await post(app, [{ query: '{ serverInfo { name } }' }, { query: '{ serverInfo { version } }' }]);
      expectRefused(result, 'batched array');
    });

    it('refuses a mutation over GET (no preflight header: blocked as CSRF) with a 400 and writes nothing', async () => {
      const before = await app.fixtures.snapshot();
      const mutation =
        'mutation { createUnit(input: { code: "GET-UNIT", name: "Made by GET", kind: OTHER }) { unit { id } userErrors { code } } }';
      const result = await send(`${app.url}?query=${encodeURIComponent(mutation)}`, {
        method: 'GET',
        headers: auth(hrToken),
      });
      expectRefused(result, 'GET mutation');
      expect(await app.fixtures.snapshot()).toEqual(before);
    });

    it('refuses a mutation over GET even with a preflight header (405 Method Not Allowed) and writes nothing', async () => {
      const before = await app.fixtures.snapshot();
      const mutation =
        'mutation { createUnit(input: { code: "GET-UNIT-2", name: "Made by GET", kind: OTHER }) { unit { id } userErrors { code } } }';
      const result = await send(`${app.url}?query=${encodeURIComponent(mutation)}`, {
        method: 'GET',
        headers: { ...auth(hrToken), 'apollo-require-preflight': 'true' },
      });
      expectRefused(result, 'GET mutation with preflight header', { status: 405 });
      expect(await app.fixtures.snapshot()).toEqual(before);
    });

    it('answers a query over GET with a preflight header (control)', async () => {
      const result = await send(`${app.url}?query=${encodeURIComponent('{ serverInfo { name } }')}`, {
        method: 'GET',
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(result.status).toBe(200);
      expect(result.body?.data).toEqual({ serverInfo: { name: 'Kinerja Walesi' } });
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
      'refuses a %s POST (CSRF prevention) with a 400 and writes nothing',
      async (contentType) => {
        const before = await app.fixtures.snapshot();
        const mutation =
          'mutation { createUnit(input: { code: "CSRF-UNIT", name: "Made by CSRF", kind: OTHER }) { unit { id } userErrors { code } } }';
        const result = await send(app.url, {
          method: 'POST',
          headers: { 'content-type': contentType, ...auth(hrToken) },
          body: JSON.stringify({ query: mutation }),
        });
        expectRefused(result, `${contentType} POST`);
        expect(await app.fixtures.snapshot()).toEqual(before);
      },
    );

    it('refuses a body over 100 KB with a 413', async () => {
      const padding = 'x'.repeat(150 * 1024);
      const result = await post(app, { query: '{ serverInfo { name } }', variables: { padding } });
      expectRefused(result, '150 KB body', { status: 413 });
    });

    it('refuses a 10 MB body with a 413', async () => {
      const padding = 'x'.repeat(10 * 1024 * 1024);
      const result = await post(app, { query: '{ serverInfo { name } }', variables: { padding } });
      expectRefused(result, '10 MB body', { status: 413 });
    });

    it('answers a body just under the limit (control)', async () => {
      const padding = 'x'.repeat(90 * 1024);
      const result = await post(app, { query: '{ serverInfo { name } }', variables: { padding } });
      expect(result.status).toBe(200);
    });

    it.each([
      ['an unterminated object', '{"query": "{ serverInfo { name } }"'],
      ['a trailing comma', '{"query": "{ serverInfo { name } }",}'],
      ['not JSON at all', 'query { serverInfo { name } }'],
      ['a bare string', '"{ serverInfo { name } }"'],
    ])('refuses malformed JSON (%s) with a 400', async (name, body) => {
      expectRefused(await post(app, body), `malformed JSON: ${name}`);
    });

    it.each([
      ['no query', { variables: {} }],
      ['a query that is not a string', { query: 42 }],
      ['variables that are not an object', { query: '{ serverInfo { name } }', variables: 'x' }],
    ])('refuses a request with %s with a 400', async (name, body) => {
      expectRefused(await post(app, body), name);
    });
  });

  describe('error messages', () => {
    it.each([
      ['a misspelled field', '{ serverInfo { nme } }'],
      ['a misspelled root field', '{ employes(first: 1) { totalCount } }'],
      ['a misspelled argument', '{ employees(frist: 1) { totalCount } }'],
      ['a misspelled enum value', '{ employees(orderBy: { field: NAM }) { totalCount } }'],
      ['a misspelled type in a fragment', '{ ...F } fragment F on Querry { serverInfo { name } }'],
    ])('gives no "Did you mean" suggestion for %s', async (name, source) => {
      const result = await query(app, source, {}, auth(employeeToken));
      expectRefused(result, name, { code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(result.text).not.toMatch(/did you mean/i);
    });
  });
});

describe('with introspection off', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ introspection: false });
    await query(app, '{ serverInfo { name } }');
  });
  afterAll(() => app?.stop());

  it.each([
    ['__schema', '{ __schema { queryType { name } types { name fields { name } } } }'],
    ['__type', '{ __type(name: "Employee") { name fields { name } } }'],
    ['__schema inside a fragment', 'query { ...I } fragment I on Query { __schema { types { name } } }'],
    [
      'the usual IntrospectionQuery shape',
      'query IntrospectionQuery { __schema { queryType { name } mutationType { name } directives { name args { name } } } }',
    ],
  ])('refuses an introspection query (%s) with a 400', async (name, source) => {
    const result = await query(app, source);
    expectRefused(result, `introspection ${name}`, { code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.text).not.toMatch(/"Employee"\s*,\s*"fields"|"types"\s*:\s*\[/);
  });

  it('still answers __typename (control)', async () => {
    const result = await query(app, '{ __typename serverInfo { name } }');
    expect(result.status).toBe(200);
    expect(result.body?.data).toEqual({ __typename: 'Query', serverInfo: { name: 'Kinerja Walesi' } });
  });

  it('gives no "Did you mean" suggestion for a misspelled field', async () => {
    const result = await query(app, '{ serverInfo { nme } }');
    expectRefused(result, 'misspelled field without introspection', { code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.text).not.toMatch(/did you mean/i);
  });
});
