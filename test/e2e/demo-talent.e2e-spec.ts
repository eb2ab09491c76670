import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { seedRegion, type SeedResult } from '../../src/seed/seed-region';
import { TestApp } from '../support/test-app';

/**
 * Issue 5's "done when", on the demo data: the teacher's curriculum-development gap and the nurse's
 * immunisation-management gap with their required and current levels; a unit's aggregated gaps and its talent
 * matrix in one request each with a constant number of statements; the wrong actors see nothing.
 */

interface Profile {
  matchPercentage: number | null;
  band: string | null;
  gaps: Array<{ requiredLevel: number; currentLevel: number; gap: number; competency: { code: string } }>;
}

const PROFILE =
  '{ viewer { employee { competencyProfile { matchPercentage band gaps { requiredLevel currentLevel gap competency { code } } } } } }';

describe('competencies and talent on the demo data', () => {
  let app: TestApp;
  let seeded: SeedResult;
  let hr: string;

  beforeAll(async () => {
    app = await TestApp.start();
    seeded = await seedRegion(app.db, 300, undefined, '2027-12-10');
    app.clock.set('2027-12-10T02:00:00Z');
    hr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
  });

  afterAll(() => app?.stop());

  it.each([
    ['nurse at Puskesmas Walesi', 'nurseAtPuskesmasWalesi', 'T-KES-IMUN'],
    ['teacher at SD Negeri Walesi', 'teacherAtSdWalesi', 'T-DIK-KUR'],
  ] as const)('shows the %s their technical gap with required and current levels', async (_who, landmark, code) => {
    const data = await app.data<{ viewer: { employee: { competencyProfile: Profile } } }>(
      PROFILE,
      {},
      await app.token(seeded.landmarks[landmark]),
    );
    const profile = data.viewer.employee.competencyProfile;
    const gap = profile.gaps.find((g) => g.competency.code === code);
    expect(gap).toEqual({ requiredLevel: 3, currentLevel: 2, gap: 1, competency: { code } });
    expect(profile.matchPercentage).not.toBeNull();
    // Largest first.
    expect(profile.gaps.map((g) => g.gap)).toEqual([...profile.gaps.map((g) => g.gap)].sort((a, b) => b - a));
  });

  it('answers a unit’s aggregated gaps and its talent matrix in one request each, with the same statements for a small and a large unit', async () => {
    const units = (await app.db.manager.query(
      "SELECT id, code FROM unit WHERE code IN ('JWY-PKM-WALESI', 'JWY-DINKES')",
    )) as Array<{ id: number; code: string }>;
    const period = toGlobalId('PerformancePeriod', 1);
    const query = `query($unit: ID!, $period: ID!) {
      unit(id: $unit) { competencyGaps { employees withGap averageRequired averageCurrent averageGap competency { code name } } }
      talentMatrix(unitId: $unit, periodId: $period) { employees unplaced boxes { box count } placements(first: 100) { box performance potential employee { name positionTitle } } }
    }`;
    const statements: number[] = [];
    for (const code of ['JWY-PKM-WALESI', 'JWY-DINKES']) {
      const unit = units.find((u) => u.code === code)!;
      const res = await app.gql<{
        unit: { competencyGaps: Array<{ employees: number; competency: { code: string } }> };
        talentMatrix: { employees: number; boxes: unknown[] };
      }>(query, { unit: toGlobalId('Unit', Number(unit.id)), period }, hr);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.unit.competencyGaps.length).toBeGreaterThan(0);
      expect(res.body.data!.talentMatrix.boxes).toHaveLength(9);
      statements.push(res.statements);
    }
    expect(statements[0]).toBe(statements[1]);
    expect(statements[0]).toBeLessThanOrEqual(12);
  });

  it('shows nothing of it to a peer or an analyst', async () => {
    const rows = (await app.db.manager.query(
      `SELECT e.nip AS nip, e.id AS id FROM employee e JOIN employee h ON h.id = e.supervisor_id WHERE h.nip = ? AND e.nip <> ? ORDER BY e.id`,
      [seeded.landmarks.headOfPuskesmasWalesi, seeded.landmarks.nurseAtPuskesmasWalesi],
    )) as Array<{ nip: string; id: number }>;
    const [nurse] = (await app.db.manager.query('SELECT id FROM employee WHERE nip = ?', [
      seeded.landmarks.nurseAtPuskesmasWalesi,
    ])) as Array<{ id: number }>;
    const nurseId = toGlobalId('Employee', Number(nurse!.id));
    const query =
      'query($id: ID!) { employee(id: $id) { competencyProfile { matchPercentage } competencyAssessments { id } talentPlacement(periodId: "' +
      toGlobalId('PerformancePeriod', 1) +
      '") { box } } }';
    const peer = await app.data<{
      employee: { competencyProfile: unknown; competencyAssessments: unknown; talentPlacement: unknown } | null;
    }>(query, { id: nurseId }, await app.token(rows[0]!.nip));
    expect(peer.employee?.competencyProfile ?? null).toBeNull();
    expect(peer.employee?.competencyAssessments ?? null).toBeNull();
    expect(peer.employee?.talentPlacement ?? null).toBeNull();
    const head = await app.data<{ employee: { competencyProfile: { matchPercentage: number } } }>(
      query,
      { id: nurseId },
      await app.token(seeded.landmarks.headOfPuskesmasWalesi),
    );
    expect(head.employee.competencyProfile.matchPercentage).not.toBeNull();

    const analyst = await app.token('dashboard-bi', { roles: [Role.ANALYST] });
    const [pkm] = (await app.db.manager.query("SELECT id FROM unit WHERE code = 'JWY-PKM-WALESI'")) as Array<{
      id: number;
    }>;
    const seen = await app.data<{ talentMatrix: unknown; unit: { competencyGaps: unknown } }>(
      'query($unit: ID!, $period: ID!) { talentMatrix(unitId: $unit, periodId: $period) { boxes { count } placements { box } } unit(id: $unit) { competencyGaps { employees } } }',
      { unit: toGlobalId('Unit', Number(pkm!.id)), period: toGlobalId('PerformancePeriod', 1) },
      analyst,
    );
    expect(seen).toEqual({ talentMatrix: null, unit: { competencyGaps: null } });
  });
});
