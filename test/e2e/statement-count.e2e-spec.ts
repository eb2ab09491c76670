import { TestApp } from '../support/test-app';
import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';

/**
 * SQL statements per request do not grow with the page size (`docs/performance.md`, Counting SQL): a
 * list of 10 and a list of 100 employees, each with their unit, supervisor and personal fields, cost the same
 * number of statements, and few of them. `app.gql` reports the statements the server ran for the request.
 */

/** Few statements a request, whatever the page: the bar is ≤ 6 for the O1 dashboard, this is a list. */
const MAX_STATEMENTS = 8;

const EMPLOYEE_FIELDS = `
  id displayName positionTitle nip email grade gender
  supervisor { displayName nip }
  unit { name parent { name } }`;

const QUERIES = {
  employees: `query($n: Int!) { employees(first: $n) { totalCount pageInfo { hasNextPage endCursor } nodes { ${EMPLOYEE_FIELDS} } } }`,
  team: `query($n: Int!) { viewer { team(first: $n) { totalCount pageInfo { hasNextPage } nodes { ${EMPLOYEE_FIELDS} } } } }`,
  teamAll: `query($n: Int!) { viewer { team(first: $n, depth: ALL) { totalCount nodes { ${EMPLOYEE_FIELDS} } } } }`,
  // The shape of the brief, as written: units (default page) → employees(first: N) → supervisor and unit.
  unitsPlain: `query($n: Int!) { units { nodes { employees(first: $n) { nodes { supervisor { displayName } unit { name } } } } } }`,
  units: `query($n: Int!) { units(first: 10) { nodes { name employees(first: $n) { totalCount nodes { displayName nip email grade gender supervisor { displayName } unit { name } } } } } }`,
} as const;

type QueryName = keyof typeof QUERIES;

interface PersonView {
  nip: string | null;
  email: string | null;
  grade: string | null;
  gender: string | null;
  supervisor: { displayName: string } | null;
  unit: { name: string } | null;
}

/** Every employee node of a response, wherever the query put them. */
function nodesOf(name: QueryName, data: unknown): PersonView[] {
  const d = data as {
    employees?: { nodes: PersonView[] };
    viewer?: { team: { nodes: PersonView[] } };
    units?: { nodes: Array<{ employees: { nodes: PersonView[] } }> };
  };
  switch (name) {
    case 'employees':
      return d.employees!.nodes;
    case 'team':
    case 'teamAll':
      return d.viewer!.team.nodes;
    case 'unitsPlain':
    case 'units':
      return d.units!.nodes.flatMap((u) => u.employees.nodes);
  }
}

describe('SQL statements per request, at page sizes 10 and 100', () => {
  let app: TestApp;
  let agency: Unit;
  let kadis: Employee;
  let heads: Employee[];
  let staffOfA: Employee[];
  const tokens: Record<string, string> = {};
  const table: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    const f = app.fixtures;
    agency = await f.unit({ code: 'SC-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    kadis = await f.employee({
      unit: agency,
      name: 'Kepala Dinas',
      positionKind: PositionKind.JPT,
      positionTitle: 'Kepala Dinas Kesehatan',
    });
    await f.setHead(agency, kadis);
    // Three health centres of different sizes, each headed by someone reporting to the head of the agency.
    const sizes = [105, 25, 15];
    heads = [];
    for (const [i, size] of sizes.entries()) {
      const pkm = await f.unit({
        code: `SC-PKM-${i}`,
        name: `UPTD Puskesmas ${i}`,
        kind: UnitKind.HEALTH_CENTRE,
        parent: agency,
      });
      const head = await f.employee({
        unit: pkm,
        supervisor: kadis,
        name: `Kepala Puskesmas ${i}`,
        positionKind: PositionKind.PENGAWAS,
      });
      await f.setHead(pkm, head);
      const { team } = await f.supervisorWithTeam(pkm, size, head);
      heads.push(head);
      if (i === 0) staffOfA = team;
    }
    tokens.kadis = await app.token(kadis.nip);
    tokens.headA = await app.token(heads[0]!.nip);
    tokens.peer = await app.token(staffOfA[0]!.nip);
    tokens.headAsScopedHr = await app.token(heads[1]!.nip, { roles: [Role.HR_ADMIN], unit: 'SC-DINKES' });
    tokens.scopedHr = await app.token('dinkes-hr', { roles: [Role.HR_ADMIN], unit: 'SC-DINKES' });
    tokens.regionHr = await app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
  });

  /**
   * The text of every statement, recorded by wrapping the DataSource's logger (the same hook that counts them),
   * so that a failure shows which statements ran. Tests run one request at a time, so no request interleaves.
   */
  const recorded: string[] = [];
  beforeAll(() => {
    const logger = app.db.dataSource.logger;
    const count = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      recorded.push(query.replace(/\s+/g, ' ').slice(0, 160));
      return count(query, parameters, queryRunner);
    };
  });

  afterAll(async () => {
    if (table.length) process.stdout.write(`\nSQL statements per request (N=10 → N=100):\n${table.join('\n')}\n\n`);
    await app?.stop();
  });

  /** Runs the query at N=10 and N=100 and returns both statement counts and node lists. */
  async function atBothSizes(name: QueryName, actor: string) {
    const run = async (n: number) => {
      recorded.length = 0;
      const result = await app.gql(QUERIES[name], { n }, tokens[actor]!);
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      return { statements: result.statements, sql: [...recorded], nodes: nodesOf(name, result.body.data) };
    };
    const small = await run(10);
    const large = await run(100);
    table.push(
      `  ${name.padEnd(10)} as ${actor.padEnd(15)} ${String(small.statements).padStart(3)} → ${String(large.statements).padStart(3)}   (${small.nodes.length} → ${large.nodes.length} employees)`,
    );
    return { small, large };
  }

  const cases: Array<[QueryName, string, 'all' | 'others-hidden']> = [
    ['employees', 'kadis', 'all'],
    ['employees', 'headAsScopedHr', 'all'],
    ['employees', 'scopedHr', 'all'],
    ['employees', 'regionHr', 'all'],
    ['employees', 'peer', 'others-hidden'],
    ['team', 'headA', 'all'],
    ['team', 'headAsScopedHr', 'all'],
    ['teamAll', 'kadis', 'all'],
    ['unitsPlain', 'kadis', 'all'],
    ['unitsPlain', 'scopedHr', 'all'],
    ['units', 'kadis', 'all'],
    ['units', 'headAsScopedHr', 'all'],
    ['units', 'scopedHr', 'all'],
    ['units', 'regionHr', 'all'],
    ['units', 'peer', 'others-hidden'],
  ];

  it.each(cases)(
    `%s as %s: the same statements at N=10 and N=100, at most ${MAX_STATEMENTS}`,
    async (name, actor, personal) => {
      const { small, large } = await atBothSizes(name, actor);
      // The larger page really is larger, so a per-row statement would show.
      expect(large.nodes.length).toBeGreaterThan(small.nodes.length);
      expect(large.nodes.length).toBeGreaterThanOrEqual(name === 'team' && actor === 'headAsScopedHr' ? 25 : 100);
      // Units and supervisors are loaded for every row (only the top official has no supervisor).
      expect(large.nodes.filter((e) => e.unit === null)).toEqual([]);
      expect(large.nodes.filter((e) => e.supervisor === null).length).toBeLessThanOrEqual(1);
      if (name !== 'unitsPlain') {
        const shown = large.nodes.filter(
          (e) => e.nip !== null && e.email !== null && e.grade !== null && e.gender !== null,
        ).length;
        if (personal === 'all') expect(shown).toBe(large.nodes.length);
        else expect(shown).toBeLessThanOrEqual(1);
      }
      expect({ query: name, actor, statementsAt10: small.statements, statementsAt100: large.statements }).toEqual({
        query: name,
        actor,
        statementsAt10: small.statements,
        statementsAt100: small.statements,
      });
      expect(large.statements).toBeGreaterThan(0);
      // On failure the message lists the statements that ran.
      expect({
        query: name,
        actor,
        withinBound: large.statements <= MAX_STATEMENTS,
        statements: large.statements,
        sql: large.sql,
      }).toEqual({
        query: name,
        actor,
        withinBound: true,
        statements: large.statements,
        sql: large.sql,
      });
    },
  );
});
