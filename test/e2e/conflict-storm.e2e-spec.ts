import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { seedRegion, type SeedResult } from '../../src/seed/seed-region';
import { TestApp } from '../support/test-app';

/**
 * `docs/reliability.md` item 2 for every versioned record of the follow-through, evaluation and competency parts (the
 * organisation, plan workflow, ratings and objections have theirs in concurrency, plan-workflow and
 * evaluation-concurrency): 50 concurrent changes with one `expectedVersion` on the demo data — exactly one wins,
 * 49 get CONFLICT, the version rises by one, one audit row. Also run by `npm run reliability:conflicts`.
 */

const STORM = 50;

interface Kind {
  name: string;
  /** The table and row the change lands on. */
  table: string;
  id: () => Promise<number>;
  token: () => Promise<string>;
  mutation: string;
  input: (version: number, i: number) => Record<string, unknown>;
  /** The audit entity type of the row. */
  entityType: string;
}

describe('50 concurrent conflicting changes on each kind of versioned record', () => {
  let app: TestApp;
  let seeded: SeedResult;
  const q = (sql: string, params: unknown[] = []) =>
    app.db.manager.query(sql, params) as Promise<Array<Record<string, number | string | null>>>;
  const one = async (sql: string, params: unknown[] = []) => Number((await q(sql, params))[0]!.id);
  let hr: string;
  let nurse: string;
  let head: string;

  beforeAll(async () => {
    app = await TestApp.start();
    seeded = await seedRegion(app.db, 300, undefined, '2027-12-10');
    app.clock.set('2027-12-10T02:00:00Z');
    hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    nurse = await app.token(seeded.landmarks.nurseAtPuskesmasWalesi);
    head = await app.token(seeded.landmarks.headOfPuskesmasWalesi);
  });
  afterAll(() => app?.stop());

  const nurseId = () => one('SELECT id FROM employee WHERE nip = ?', [seeded.landmarks.nurseAtPuskesmasWalesi]);
  const pkmId = () => one("SELECT id FROM unit WHERE code = 'JWY-PKM-WALESI'");

  const kinds: Kind[] = [
    {
      name: 'a realization corrected by its owner',
      table: 'realization',
      entityType: 'Realization',
      id: async () =>
        one(
          'SELECT r.id AS id FROM realization r JOIN appraisal a ON a.id = r.appraisal_id WHERE a.employee_id = ? AND r.sub_period = 11 ORDER BY r.id LIMIT 1',
          [await nurseId()],
        ),
      token: async () => nurse,
      mutation: 'recordRealization',
      input: (version, i) => ({
        indicatorId: toGlobalId('Indicator', 0),
        subPeriod: 11,
        expectedVersion: version,
        value: 80 + i,
      }),
    },
    {
      name: 'a daily-log entry corrected by its owner',
      table: 'daily_activity',
      entityType: 'DailyActivity',
      id: async () =>
        one("SELECT id FROM daily_activity WHERE employee_id = ? AND status = 'SUBMITTED' ORDER BY id DESC LIMIT 1", [
          await nurseId(),
        ]),
      token: async () => nurse,
      mutation: 'updateActivity',
      input: (version, i) => ({ id: '', expectedVersion: version, description: `Pelayanan imunisasi, versi ${i}` }),
    },
    {
      name: 'a daily-log entry reviewed by the supervisor',
      table: 'daily_activity',
      entityType: 'DailyActivity',
      id: async () =>
        one("SELECT id FROM daily_activity WHERE employee_id = ? AND status = 'SUBMITTED' ORDER BY id ASC LIMIT 1", [
          await nurseId(),
        ]),
      token: async () => head,
      mutation: 'reviewActivity',
      input: (version, i) => ({
        id: '',
        expectedVersion: version,
        decision: i % 2 ? 'ACKNOWLEDGE' : 'RETURN',
        comment: 'Lengkapi foto kegiatan.',
      }),
    },
    {
      name: 'a reply to feedback',
      table: 'feedback',
      entityType: 'Feedback',
      id: async () =>
        // In the running year (period 1): the seed's previous year is closed, and refuses replies.
        one(
          'SELECT f.id AS id FROM feedback f JOIN appraisal a ON a.id = f.appraisal_id AND a.period_id = 1 WHERE f.recipient_employee_id = ? AND f.reply IS NULL ORDER BY f.id LIMIT 1',
          [await nurseId()],
        ),
      token: async () => nurse,
      mutation: 'replyToFeedback',
      input: (version, i) => ({ id: '', expectedVersion: version, reply: `Terima kasih (${i}).` }),
    },
    {
      name: 'a period’s deadlines',
      table: 'performance_period',
      entityType: 'PerformancePeriod',
      id: async () => 1,
      token: async () => hr,
      mutation: 'updatePeriod',
      input: (version, i) => ({ id: '', expectedVersion: version, periodicEvaluationDays: 5 + (i % 20) }),
    },
    {
      name: 'a technical competency',
      table: 'competency',
      entityType: 'Competency',
      id: async () => one("SELECT id FROM competency WHERE code = 'T-KES-IMUN'"),
      token: async () => hr,
      mutation: 'updateCompetency',
      input: (version, i) => ({ id: '', expectedVersion: version, name: `Pengelolaan Program Imunisasi ${i}` }),
    },
    {
      name: 'a position requirement',
      table: 'position_requirement',
      entityType: 'PositionRequirement',
      id: async () => one('SELECT id FROM position_requirement WHERE unit_id = ? ORDER BY id LIMIT 1', [await pkmId()]),
      token: async () => hr,
      mutation: 'setPositionRequirement',
      input: (version, i) => ({
        unitId: '',
        positionTitle: '',
        positionKind: '',
        competencyId: '',
        requiredLevel: 1 + (i % 5),
        expectedVersion: version,
      }),
    },
    {
      name: 'a potential rating',
      table: 'potential_rating',
      entityType: 'PotentialRating',
      id: async () =>
        one(
          'SELECT p.id AS id FROM potential_rating p JOIN employee e ON e.id = p.employee_id JOIN employee h ON h.id = e.supervisor_id WHERE h.nip = ? ORDER BY p.id LIMIT 1',
          [seeded.landmarks.headOfPuskesmasWalesi],
        ),
      token: async () => head,
      mutation: 'ratePotential',
      input: (version, i) => ({
        employeeId: '',
        periodId: toGlobalId('PerformancePeriod', 1),
        rating: ['LOW', 'MEDIUM', 'HIGH'][i % 3],
        expectedVersion: version,
      }),
    },
  ];

  it.each(kinds.map((k) => [k.name, k] as const))('%s: one winner', async (_name, kind) => {
    const id = await kind.id();
    const row = (await q(`SELECT * FROM ${kind.table} WHERE id = ?`, [id]))[0]!;
    const version = Number(row.version);
    const token = await kind.token();
    const input = (i: number): Record<string, unknown> => {
      const base = kind.input(version, i);
      // Fill the ids each mutation addresses its row by, from the row itself.
      if ('id' in base) base.id = toGlobalId(kind.entityType, id);
      if (kind.mutation === 'recordRealization') base.indicatorId = toGlobalId('Indicator', Number(row.indicator_id));
      if (kind.mutation === 'setPositionRequirement') {
        Object.assign(base, {
          unitId: toGlobalId('Unit', Number(row.unit_id)),
          positionTitle: row.position_title,
          positionKind: row.position_kind,
          competencyId: toGlobalId('Competency', Number(row.competency_id)),
        });
      }
      if (kind.mutation === 'ratePotential') base.employeeId = toGlobalId('Employee', Number(row.employee_id));
      return base;
    };
    const type = `${kind.mutation[0]!.toUpperCase()}${kind.mutation.slice(1)}Input`;
    const [{ n: auditsBefore }] = (await q(
      'SELECT COUNT(*) AS n FROM audit_entry WHERE entity_type = ? AND entity_id = ?',
      [kind.entityType, id],
    )) as Array<{ n: number }>;
    const results = await Promise.all(
      Array.from({ length: STORM }, (_, i) =>
        app.gql<{ r: { userErrors: Array<{ code: string; currentVersion: number | null }> } }>(
          `mutation($input: ${type}!) { r: ${kind.mutation}(input: $input) { userErrors { code currentVersion } } }`,
          { input: input(i) },
          token,
        ),
      ),
    );
    expect(results.map((r) => r.body.errors)).toEqual(results.map(() => undefined));
    const codes = results.map((r) => r.body.data!.r.userErrors[0]?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(STORM - 1);
    const [after] = await q(`SELECT version FROM ${kind.table} WHERE id = ?`, [id]);
    expect(Number(after!.version)).toBe(version + 1);
    const [{ n: auditsAfter }] = (await q(
      'SELECT COUNT(*) AS n FROM audit_entry WHERE entity_type = ? AND entity_id = ?',
      [kind.entityType, id],
    )) as Array<{ n: number }>;
    expect(Number(auditsAfter) - Number(auditsBefore)).toBe(1);
  });
});
