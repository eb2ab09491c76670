import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import { expectSameStatements, StatementRuns } from '../support/statement-runs';
import { Competent, ugid } from './competency-helpers';

/**
 * SQL statements per request do not grow with the size of the organisation on the competency reads (issue 5,
 * "done when"): a unit subtree's aggregated gaps, its talent matrix with the placements and their
 * employees, and a supervisor's team with each member's profile. Small: 2 units × 3 employees (and their heads);
 * large: 6 units × 10 employees. The counts are printed.
 */

const GAPS = `query($u: ID!) { unit(id: $u) { name competencyGaps { employees withGap averageRequired averageCurrent averageGap suppressed competency { code name } } } }`;

const MATRIX = `query($u: ID!, $p: ID!) { talentMatrix(unitId: $u, periodId: $p) { employees unplaced unit { name } period { year }
  boxes { box count suppressed }
  placements(first: 100) { box performance potential matchPercentage matchBand potentialRating { rating }
    employee { id displayName positionTitle unit { name } supervisor { displayName } } } } }`;

const TEAM = `query($n: Int!) { viewer { team(first: $n) { nodes { displayName competencyProfile { matchPercentage band gaps { gap competency { code } } } } } } }`;

async function inBatches<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit)
    await Promise.all(items.slice(i, i + limit).map((item, j) => work(item, i + j)));
}

type Size = 'small' | 'large';

describe('SQL statements per request on the competency reads, small and large organisations', () => {
  let app: TestApp;
  let c: Competent;
  let periodId: string;
  const parents = {} as Record<Size, Unit>;
  const parentHeads = {} as Record<Size, Employee>;
  const teamHeads = {} as Record<Size, Employee>;
  const teamSize = {} as Record<Size, number>;
  const tokens: Record<string, string> = {};
  let runs: StatementRuns;

  beforeAll(async () => {
    app = await TestApp.start();
    c = new Competent(app);
    await c.init();
    app.clock.set('2027-02-01T01:00:00Z');
    await c.loadDictionary();
    await c.technical('T-SC-IMUN');
    periodId = (await c.openPeriod(2027)).id;
    const f = app.fixtures;
    const agency = await f.unit({ code: 'SC-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    for (const [size, units, perUnit] of [
      ['small', 2, 3],
      ['large', 6, 10],
    ] as const) {
      const parent = await f.unit({
        code: `SC-${size}`,
        name: `Wilayah ${size}`,
        kind: UnitKind.DIVISION,
        parent: agency,
      });
      const parentHead = await f.employee({
        unit: parent,
        name: `Kepala Wilayah ${size}`,
        positionKind: PositionKind.ADMINISTRATOR,
        positionTitle: 'Kepala Wilayah',
      });
      await f.setHead(parent, parentHead);
      parents[size] = parent;
      parentHeads[size] = parentHead;
      teamSize[size] = perUnit;
      for (let u = 0; u < units; u++) {
        const unit = await f.unit({ code: `SC-${size}-${u}`, name: `UPTD Puskesmas ${size} ${u}`, parent });
        const head = await f.employee({
          unit,
          supervisor: parentHead,
          positionKind: PositionKind.PENGAWAS,
          positionTitle: 'Kepala Puskesmas',
        });
        await f.setHead(unit, head);
        if (u === 0) teamHeads[size] = head;
        await c.require(unit, 'Perawat Ahli Pertama', 'M-PP', 3);
        await c.require(unit, 'Perawat Ahli Pertama', 'T-SC-IMUN', 4);
        await c.require(unit, 'Kepala Puskesmas', 'M-PK', 4, c.hr, 'PENGAWAS');
        const { team } = await f.supervisorWithTeam(unit, perUnit, head);
        await inBatches([head, ...team], 10, async (e, i) => {
          await c.assess(e, i === 0 ? 'M-PK' : 'M-PP', 1 + (i % 4), 'TEST', c.hr, '2027-01-20');
          if (i % 2) await c.assess(e, 'T-SC-IMUN', 2 + (i % 3), 'SUPERVISOR', head, '2027-01-25');
          if (i % 3 !== 2)
            expect((await c.ratePotential(e, periodId, ['LOW', 'MEDIUM', 'HIGH'][i % 3]!, c.hr)).userErrors).toEqual(
              [],
            );
        });
      }
      tokens[`head-${size}`] = await c.token(parentHead);
      tokens[`team-${size}`] = await c.token(teamHeads[size]);
    }
    tokens.regionHr = c.hr;
    tokens.scopedHr = await app.token('hr-dinkes', { roles: [Role.HR_ADMIN], unit: 'SC-DINKES' });
    tokens.analyst = await app.token('dasbor-bi', { roles: [Role.ANALYST] });
    runs = new StatementRuns(app, 'competency reads');
    runs.record();
  });

  afterAll(async () => {
    runs?.print();
    await app?.stop();
  });

  const run = <T>(label: string, query: string, variables: Record<string, unknown>, token: string) =>
    runs.fewest<T>(label, query, variables, token);

  type GapsData = { unit: { competencyGaps: Array<{ employees: number; competency: { code: string } }> | null } };
  type MatrixData = {
    talentMatrix: {
      employees: number;
      placements: Array<{
        employee: { displayName: string; unit: { name: string } | null; supervisor: { displayName: string } | null };
      }>;
    } | null;
  };

  it.each([
    ['a region-wide HR admin', (_: Size) => tokens.regionHr!],
    ['an HR admin scoped to the agency', (_: Size) => tokens.scopedHr!],
    ['the head of the subtree', (size: Size) => tokens[`head-${size}`]!],
  ])('Unit.competencyGaps over 2 × 3 and 6 × 10 employees, read by %s: the same statements', async (label, tokenOf) => {
    const small = await run<GapsData>(
      `competencyGaps 2×3, ${label}`,
      GAPS,
      { u: ugid(parents.small) },
      tokenOf('small'),
    );
    const large = await run<GapsData>(
      `competencyGaps 6×10, ${label}`,
      GAPS,
      { u: ugid(parents.large) },
      tokenOf('large'),
    );
    const employees = (d: GapsData, code: string) =>
      d.unit.competencyGaps!.find((g) => g.competency.code === code)!.employees;
    expect(employees(small.data, 'M-PP')).toBe(6);
    expect(employees(large.data, 'M-PP')).toBe(60);
    expect(employees(large.data, 'M-PK')).toBe(6);
    expectSameStatements(small, large);
  });

  it.each([
    ['a region-wide HR admin', (_: Size) => tokens.regionHr!, true],
    ['an HR admin scoped to the agency', (_: Size) => tokens.scopedHr!, true],
    ['the head of the subtree', (size: Size) => tokens[`head-${size}`]!, true],
  ])(
    'talentMatrix with placements and their employees over 2 × 3 and 6 × 10, read by %s: the same statements',
    async (label, tokenOf, people) => {
      const small = await run<MatrixData>(
        `talentMatrix 2×3, ${label}`,
        MATRIX,
        { u: ugid(parents.small), p: periodId },
        tokenOf('small'),
      );
      const large = await run<MatrixData>(
        `talentMatrix 6×10, ${label}`,
        MATRIX,
        { u: ugid(parents.large), p: periodId },
        tokenOf('large'),
      );
      // The units' staff and heads, and the head of the subtree.
      expect(small.data.talentMatrix!.employees).toBe(2 * 4 + 1);
      expect(large.data.talentMatrix!.employees).toBe(6 * 11 + 1);
      if (people) {
        // Everyone but the caller (the head of the subtree does not see her own box).
        expect(large.data.talentMatrix!.placements.length).toBeGreaterThanOrEqual(66);
        expect(
          large.data.talentMatrix!.placements.every(
            (p) => p.employee.unit !== null && p.employee.displayName.length > 0,
          ),
        ).toBe(true);
        expect(
          large.data.talentMatrix!.placements.filter((p) => p.employee.supervisor !== null).length,
        ).toBeGreaterThanOrEqual(66);
      } else {
        expect(large.data.talentMatrix!.placements).toEqual([]);
      }
      expectSameStatements(small, large);
    },
  );

  it('a supervisor’s team with each member’s profile (match and gaps): the same statements for a team of 3 and of 10', async () => {
    type TeamData = {
      viewer: {
        team: {
          nodes: Array<{
            competencyProfile: { matchPercentage: number | null; gaps: Array<{ competency: { code: string } }> } | null;
          }>;
        };
      };
    };
    const small = await run<TeamData>('viewer.team profiles, team of 3', TEAM, { n: 20 }, tokens['team-small']!);
    const large = await run<TeamData>('viewer.team profiles, team of 10', TEAM, { n: 20 }, tokens['team-large']!);
    expect(small.data.viewer.team.nodes).toHaveLength(teamSize.small);
    expect(large.data.viewer.team.nodes).toHaveLength(teamSize.large);
    for (const node of [...small.data.viewer.team.nodes, ...large.data.viewer.team.nodes]) {
      expect(node.competencyProfile).not.toBeNull();
      expect(node.competencyProfile!.matchPercentage).not.toBeNull();
    }
    expect(
      large.data.viewer.team.nodes.some((n) =>
        n.competencyProfile!.gaps.some((g) => g.competency.code === 'T-SC-IMUN'),
      ),
    ).toBe(true);
    expectSameStatements(small, large);
  });

  it('the head of the subtree reads the team of teams (depth: ALL) with profiles: the same statements for 8 and 66 people', async () => {
    type TeamData = { viewer: { team: { nodes: Array<{ competencyProfile: unknown }> } } };
    const deep = `query($n: Int!) { viewer { team(first: $n, depth: ALL) { nodes { displayName competencyProfile { matchPercentage gaps { competency { code } } } } } } }`;
    const small = await run<TeamData>(
      'viewer.team(depth: ALL) profiles, 8 people',
      deep,
      { n: 100 },
      tokens['head-small']!,
    );
    const large = await run<TeamData>(
      'viewer.team(depth: ALL) profiles, 66 people',
      deep,
      { n: 100 },
      tokens['head-large']!,
    );
    expect(small.data.viewer.team.nodes).toHaveLength(8);
    expect(large.data.viewer.team.nodes).toHaveLength(66);
    expect(large.data.viewer.team.nodes.every((n) => n.competencyProfile !== null)).toBe(true);
    expectSameStatements(small, large);
  });
});
