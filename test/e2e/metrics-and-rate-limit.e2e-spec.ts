import { Role } from '../../src/core/auth/role';
import { loadConfig } from '../../src/core/config/config';
import { statementsIssued } from '../../src/core/database/sql-statement-counter';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { TestApp } from '../support/test-app';

/** `/metrics` in Prometheus format, and the per-principal budget of query cost (`issues show 7`, item 3). */
describe('metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ metricsToken: 'scrape-secret-0123456789' });
  });
  afterAll(() => app?.stop());

  const metrics = async (token: string | null = 'scrape-secret-0123456789') => {
    const res = await fetch(app.url.replace('/graphql', '/metrics'), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('counts requests by route and operation, errors by code, and reports the pool', async () => {
    const hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    await app.gql('query TeamDashboard { viewer { subject } }', {}, hr);
    await app.gql('query Broken { viewer { nope } }', {}, hr);
    await app.gql('{ viewer { subject } }', {}, 'not-a-token');
    const { status, type, text } = await metrics();
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(text).toMatch(/kinerja_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(text).toMatch(/kinerja_graphql_operations_total\{operation="TeamDashboard",type="query"\} 1/);
    expect(text).toMatch(/kinerja_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1/);
    expect(text).toMatch(
      /kinerja_graphql_operation_duration_seconds_bucket\{le="[0-9.]+",operation="TeamDashboard"\} 1/,
    );
    expect(text).toMatch(/kinerja_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/kinerja_sql_statements_per_request_count \d+/);
    expect(text).toContain('kinerja_subscriptions_active 0');
  });

  it('wants the metrics token when one is configured', async () => {
    expect((await metrics(null)).status).toBe(401);
    expect((await metrics('wrong')).status).toBe(401);
  });
});

describe('the per-request SQL tally (REQUEST_SQL_TALLY)', () => {
  it('is on by default outside production and off in production, where its promise hooks cost CPU', async () => {
    expect(loadConfig({ NODE_ENV: 'test' }).requestSqlTally).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).requestSqlTally).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), METRICS_TOKEN: 'm' }).requestSqlTally).toBe(
      false,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), METRICS_TOKEN: 'm', REQUEST_SQL_TALLY: 'true' })
        .requestSqlTally,
    ).toBe(true);
  });

  it('turned off: requests are answered, no statement count is observed, the process-wide count still moves', async () => {
    const app = await TestApp.start({ requestSqlTally: false });
    try {
      const before = statementsIssued();
      const hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
      expect(
        (await app.data<{ units: { totalCount: number } }>('{ units(first: 1) { totalCount } }', {}, hr)).units
          .totalCount,
      ).toBeGreaterThanOrEqual(0);
      expect(statementsIssued()).toBeGreaterThan(before);
      const text = await (await fetch(app.url.replace('/graphql', '/metrics'))).text();
      expect(text).toMatch(/kinerja_sql_statements_per_request_count 0/);
      expect(text).toMatch(/kinerja_http_requests_total\{method="POST",route="\/graphql",status="200"\} 1/);
    } finally {
      await app.stop();
    }
  });
});

describe('the rate limit by query cost', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ rateLimitCostPerMinute: 30 });
  });
  afterAll(() => app?.stop());

  it('reports the cost and the budget left, refuses with 429 when spent, and keeps principals apart', async () => {
    const a = await app.token('client-a', { roles: [Role.ANALYST] });
    const b = await app.token('client-b', { roles: [Role.ANALYST] });
    const query = '{ viewer { subject kind roles } }';
    const first = await app.gql(query, {}, a);
    expect(first.status).toBe(200);
    const cost = (first.body as { extensions?: { cost?: { estimated: number; remaining: number; budget: number } } })
      .extensions!.cost!;
    expect(cost.budget).toBe(30);
    expect(cost.estimated).toBeGreaterThan(0);
    expect(cost.remaining).toBe(30 - cost.estimated);
    let refused;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await app.gql(query, {}, a);
      if (res.status === 429) refused = res;
    }
    expect(refused).toBeDefined();
    expect(refused!.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.body.data ?? null).toBeNull();
    // Another principal has a budget of its own.
    expect((await app.gql(query, {}, b)).status).toBe(200);
  });
});

describe('the analytics CSV exports pay from the same budget', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Room for two distribution exports (100 each) a minute, not three.
    app = await TestApp.start({ rateLimitCostPerMinute: 250 });
  });
  afterAll(() => app?.stop());

  it('answers 429 RATE_LIMITED with retry-after once the budget is spent, and keeps principals apart', async () => {
    const unit = await app.fixtures.unit({ code: 'RL-UNIT', name: 'Unit' });
    const period = await app.data<{ openPeriod: { period: { id: string } } }>(
      'mutation { openPeriod(input: { year: 2027 }) { period { id } } }',
      {},
      await app.token('bkpsdm', { roles: [Role.HR_ADMIN] }),
    );
    const path = `/exports/analytics/distribution.csv?unitId=${encodeURIComponent(toGlobalId('Unit', unit.rowId))}&periodId=${encodeURIComponent(period.openPeriod.period.id)}`;
    const get = async (token: string) =>
      fetch(new URL(path, app.url), { headers: { authorization: `Bearer ${token}` } });
    const hr = await app.token('bkpsdm-a', { roles: [Role.HR_ADMIN] });
    expect((await get(hr)).status).toBe(200);
    expect((await get(hr)).status).toBe(200);
    const refused = await get(hr);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await get(await app.token('bkpsdm-b', { roles: [Role.HR_ADMIN] }))).status).toBe(200);
  });
});
