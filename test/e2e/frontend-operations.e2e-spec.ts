import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, specifiedRules, validate } from 'graphql';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { buildAppSchema } from '../../src/app/schema';
import { armorProtection, estimateQuery, QUERY_LIMITS } from '../../src/app/query-limits';
import { seedRegion, type SeedResult } from '../../src/seed/seed-region';
import { createServer } from '../../src/app/server';
import { createLogger } from '../../src/core/server/logger';
import { TestApp } from '../support/test-app';

/**
 * The checked list of what a real frontend sends (`test/operations/*.graphql`, issue 7 item 3): every document
 * passes the query limits (depth, aliases, directives, tokens, cost) with its largest page sizes and runs on the
 * demo data without an error. A limit tuned too tight fails here; a new screen adds its document here.
 */

const DIR = join(__dirname, '..', 'operations');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort();

describe('the operations a frontend needs', () => {
  let app: TestApp;
  let seeded: SeedResult;
  let who: Record<string, { token: string; variables: Record<string, unknown> }>;

  beforeAll(async () => {
    app = await TestApp.start();
    seeded = await seedRegion(app.db, 300, undefined, '2027-12-10');
    app.clock.set('2027-12-10T02:00:00Z');
    const hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    const analyst = await app.token('dashboard-bi', { roles: [Role.ANALYST] });
    const head = await app.token(seeded.landmarks.headOfPuskesmasWalesi);
    const nurse = await app.token(seeded.landmarks.nurseAtPuskesmasWalesi);
    const q = (sql: string, params: unknown[] = []) =>
      app.db.manager.query(sql, params) as Promise<Array<Record<string, number | string>>>;
    const [root] = await q("SELECT id FROM unit WHERE code = 'JWY'");
    const [pkm] = await q("SELECT id FROM unit WHERE code = 'JWY-PKM-WALESI'");
    const [mine] = await q(
      `SELECT r.indicator_id AS indicator, r.version AS version FROM realization r JOIN appraisal a ON a.id = r.appraisal_id JOIN employee e ON e.id = a.employee_id
        WHERE e.nip = ? AND r.sub_period = 11 ORDER BY r.id LIMIT 1`,
      [seeded.landmarks.nurseAtPuskesmasWalesi],
    );
    const period = toGlobalId('PerformancePeriod', 1);
    who = {
      'TeamDashboard.graphql': { token: head, variables: { first: 50 } },
      'MyAppraisal.graphql': { token: nurse, variables: {} },
      'RegionAnalytics.graphql': {
        token: analyst,
        variables: { unitId: toGlobalId('Unit', Number(root!.id)), periodId: period },
      },
      'RecordRealization.graphql': {
        token: nurse,
        variables: {
          input: {
            indicatorId: toGlobalId('Indicator', Number(mine!.indicator)),
            subPeriod: 11,
            expectedVersion: Number(mine!.version),
            value: 91,
            narrative: 'Koreksi November.',
            evidence: [{ title: 'Register November', url: 'https://portal.jayawijayakab.go.id/bukti/11.pdf' }],
          },
        },
      },
      'EmployeeNode.graphql': { token: head, variables: { id: toGlobalId('Employee', 1) } },
      'TeamActivities.graphql': { token: head, variables: { from: '2027-11-01', to: '2027-11-30', first: 100 } },
      'UnitDirectory.graphql': { token: hr, variables: { code: 'JWY-DINKES' } },
      'TeamCompetencies.graphql': { token: head, variables: { periodId: period } },
      'UnitTalent.graphql': { token: hr, variables: { unitId: toGlobalId('Unit', Number(pkm!.id)), periodId: period } },
      'EmployeeSearch.graphql': { token: hr, variables: { search: 'a' } },
      'FeedbackReceived.graphql': { token: nurse, variables: {} },
      'MyReminders.graphql': { token: nurse, variables: { first: 100 } },
    };
  });

  afterAll(() => app?.stop());

  it('lists only documents that have a principal and variables here', () => {
    expect(FILES.filter((f) => !(f in who))).toEqual([]);
    expect(FILES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(FILES)('%s passes every limit, with room to spare on cost', async (file) => {
    const schema = await buildAppSchema();
    const document = parse(readFileSync(join(DIR, file), 'utf8'), { maxTokens: QUERY_LIMITS.maxTokens });
    expect(validate(schema, document, [...specifiedRules, ...armorProtection().validationRules])).toEqual([]);
    const { cost, problem } = estimateQuery(schema, document, undefined, who[file]!.variables);
    expect(problem).toBeUndefined();
    expect(cost).toBeLessThanOrEqual(QUERY_LIMITS.maxCost / 2);
  });

  it('the team dashboard passes at the largest page (100) too', async () => {
    const schema = await buildAppSchema();
    const document = parse(readFileSync(join(DIR, 'TeamDashboard.graphql'), 'utf8'));
    expect(estimateQuery(schema, document, undefined, { first: 100 }).problem).toBeUndefined();
    const res = await app.gql(
      readFileSync(join(DIR, 'TeamDashboard.graphql'), 'utf8'),
      { first: 100 },
      who['TeamDashboard.graphql']!.token,
    );
    expect(res.body.errors).toBeUndefined();
  });

  it.each(FILES.filter((f) => !f.startsWith('FeedbackReceived')))(
    '%s runs on the demo data without an error',
    async (file) => {
      const { token, variables } = who[file]!;
      const res = await app.gql(readFileSync(join(DIR, file), 'utf8'), variables, token);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const data = res.body.data as Record<string, unknown>;
      expect(Object.values(data).every((v) => v !== null)).toBe(true);
    },
  );

  // The service executes with graphql-jit (GRAPHQL_EXECUTOR=jit); graphql-js stays the reference it must agree with.
  it('every read answers byte for byte as graphql-js answers it, bad variables included', async () => {
    const reference = await createServer({
      config: { ...app.config, graphqlExecutor: 'graphql-js' },
      db: app.db,
      log: createLogger('silent'),
      clock: app.clock.now,
    });
    const server = await reference.listen(0, '127.0.0.1');
    const post = async (url: string, query: string, variables: Record<string, unknown>, token: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return `${response.status} ${await response.text()}`;
    };
    try {
      const reads = FILES.filter((f) => !f.startsWith('FeedbackReceived') && !f.startsWith('RecordRealization'));
      for (const file of reads) {
        const { token, variables } = who[file]!;
        const query = readFileSync(join(DIR, file), 'utf8');
        const expected = await post(server.url, query, variables, token);
        // Twice: the second run is the compiled one whatever ran before (an operation compiles after
        // GRAPHQL_JIT_COMPILE_AFTER runs, 1 by default).
        for (let i = 0; i < 2; i++)
          expect([file, i, await post(app.url, query, variables, token)]).toEqual([file, i, expected]);
      }
      const dashboard = readFileSync(join(DIR, 'TeamDashboard.graphql'), 'utf8');
      const token = who['TeamDashboard.graphql']!.token;
      const bad = await post(app.url, dashboard, { first: 'fifty' }, token);
      expect(bad).toMatch(/^400 .*BAD_USER_INPUT/);
      expect(bad).toEqual(await post(server.url, dashboard, { first: 'fifty' }, token));
    } finally {
      await server.stop();
    }
  });

  it('FeedbackReceived.graphql is accepted over WebSocket', async () => {
    const client = app.subscriptionClient(who['FeedbackReceived.graphql']!.token);
    const before = app.server.activeSubscriptions();
    const sub = client.subscribe(readFileSync(join(DIR, 'FeedbackReceived.graphql'), 'utf8'));
    await app.subscriptionsListening(before + 1);
    expect(sub.received).toEqual([]);
  });
});
