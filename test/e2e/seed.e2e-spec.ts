import { nipProblems } from '../../src/modules/employee/nip';
import { isValidGrade } from '../../src/modules/employee/grade';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { planRegion } from '../../src/seed/region-plan';
import { seedRegion } from '../../src/seed/seed-region';
import { clearOrganisation, isOrganisationEmpty } from '../../src/seed/seed-writer';
import { TestApp } from '../support/test-app';

describe('the demo and scale seed (npm run seed)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app?.stop());

  it('plans the same region for the same size, with valid and unique NIPs', () => {
    const a = planRegion(1200);
    const b = planRegion(1200);
    expect(a.employees.map((e) => e.nip)).toEqual(b.employees.map((e) => e.nip));
    expect(a.employees).toHaveLength(1200);
    expect(new Set(a.employees.map((e) => e.nip)).size).toBe(1200);
    expect(a.employees.filter((e) => nipProblems(e.nip, e.employmentType).length > 0)).toEqual([]);
    expect(a.employees.filter((e) => !isValidGrade(e.grade, e.employmentType))).toEqual([]);
    expect(new Set(a.employees.map((e) => e.positionKind))).toEqual(new Set(Object.values(PositionKind)));
    // Supervisors always come first: the writer relies on it for foreign keys and the closure table.
    expect(a.employees.every((e) => e.supervisorId === null || e.supervisorId < e.id)).toBe(true);
  });

  it('keeps a large region organised: nobody supervises more people than a unit head does, at any size', () => {
    const spans = (employeeTarget: number) => {
      const plan = planRegion(employeeTarget);
      const reports = new Map<number, number>();
      for (const e of plan.employees)
        if (e.supervisorId !== null) reports.set(e.supervisorId, (reports.get(e.supervisorId) ?? 0) + 1);
      const units = new Map(plan.units.map((u) => [u.id, u]));
      const employees = new Map(plan.employees.map((e) => [e.id, e]));
      // A later round's unit head answers to the head of the unit's parent division.
      const misplaced = plan.units.filter((u) => {
        const head = u.headId === null ? undefined : employees.get(u.headId);
        const parent = u.parentId === null ? undefined : units.get(u.parentId);
        return parent?.kind === 'DIVISION' && head?.supervisorId !== parent.headId;
      });
      return { largest: Math.max(...reports.values()), units: plan.units.length, misplaced: misplaced.length };
    };
    // Up to one round of generated units (a regency), the region is what it always was.
    expect(spans(12_000)).toEqual({ largest: 99, units: 135, misplaced: 0 });
    const province = spans(150_000);
    expect(province.largest).toBe(99);
    expect(province.misplaced).toBe(0);
    expect(province.units).toBeGreaterThan(1_500);
  });

  it('writes the Walesi organisation with consistent trees, heads appraised by the Bupati at the top', async () => {
    const result = await seedRegion(app.db, 400, undefined, '2026-11-28');
    expect(result.employees).toBe(400);
    const codes = (await app.db.manager.query('SELECT code FROM unit')).map((r: { code: string }) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'JWY',
        'JWY-DINKES',
        'JWY-PKM-WALESI',
        'JWY-DISDIK',
        'JWY-SDN-WALESI',
        'JWY-DISTRIK-WALESI',
      ]),
    );

    const closure = async (table: string, parentSql: string) => {
      const parents = new Map<number, number | null>(
        (await app.db.manager.query(parentSql)).map((r: { id: number | string; parent: number | string | null }) => [
          Number(r.id),
          r.parent === null ? null : Number(r.parent),
        ]),
      );
      const expected: string[] = [];
      for (const id of parents.keys()) {
        let depth = 0;
        for (let at: number | null = id; at !== null; at = parents.get(at) ?? null)
          expected.push(`${at}>${id}@${depth++}`);
      }
      const rows = await app.db.manager.query(`SELECT ancestor_id AS a, descendant_id AS d, depth FROM ${table}`);
      const actual = rows.map(
        (r: { a: number; d: number; depth: number }) => `${Number(r.a)}>${Number(r.d)}@${Number(r.depth)}`,
      );
      expect(actual.sort()).toEqual(expected.sort());
    };
    await closure('unit_closure', 'SELECT id, parent_id AS parent FROM unit');
    await closure('employee_closure', 'SELECT id, supervisor_id AS parent FROM employee');

    const tops = await app.db.manager.query(
      'SELECT e.position_kind AS kind, o.position_title AS appraiser FROM employee e JOIN external_official o ON o.id = e.external_supervisor_id',
    );
    expect(tops.length).toBeGreaterThanOrEqual(3);
    expect(
      tops.every((t: { kind: string; appraiser: string }) => t.kind === 'JPT' && t.appraiser === 'Bupati Jayawijaya'),
    ).toBe(true);

    const token = await app.token(result.landmarks.headOfPuskesmasWalesi);
    const data = await app.data<{ viewer: { employee: { unit: { code: string } }; team: { totalCount: number } } }>(
      '{ viewer { employee { unit { code } } team { totalCount } } }',
      {},
      token,
    );
    expect(data.viewer.employee.unit.code).toBe('JWY-PKM-WALESI');
    expect(data.viewer.team.totalCount).toBeGreaterThanOrEqual(5);
  });

  it('gives everyone a plan for the year, cascaded from their appraiser’s, five indicators each', async () => {
    const q = (sql: string) => app.db.manager.query(sql);
    const [{ n: employees }] = await q('SELECT COUNT(*) AS n FROM employee');
    // One open plan each in the running year (period 1); last year's (period 2) are delivered, and open too.
    const [{ n: open }] = await q('SELECT COUNT(*) AS n FROM appraisal WHERE open_period_id = 1');
    expect(Number(open)).toBe(Number(employees));
    const [{ n: lastYear }] = await q("SELECT COUNT(*) AS n FROM appraisal WHERE period_id = 2 AND status = 'FINAL'");
    expect(Number(lastYear)).toBe(Number(employees));
    const perPlan = await q(
      'SELECT a.id AS id, COUNT(i.id) AS n FROM appraisal a JOIN work_result_plan r ON r.appraisal_id = a.id JOIN indicator i ON i.work_result_plan_id = r.id GROUP BY a.id',
    );
    expect(perPlan.every((r: { n: number | string }) => Number(r.n) === 5)).toBe(true);
    // Every main RHK of a staff plan supports an RHK of the plan of its appraiser (the snapshot), in the same period.
    const broken = await q(`
      SELECT r.id FROM work_result_plan r
        JOIN appraisal a ON a.id = r.appraisal_id
        LEFT JOIN work_result_plan parent ON parent.id = r.supports_id
        LEFT JOIN appraisal pa ON pa.id = parent.appraisal_id
       WHERE r.kind = 'MAIN' AND a.form = 'JA_JF' AND a.appraiser_employee_id IS NOT NULL
         AND (pa.id IS NULL OR pa.employee_id <> a.appraiser_employee_id OR pa.period_id <> a.period_id)`);
    expect(broken).toEqual([]);
    const jptWithoutPerspective = await q(`
      SELECT i.id FROM indicator i JOIN work_result_plan r ON r.id = i.work_result_plan_id JOIN appraisal a ON a.id = r.appraisal_id
       WHERE a.form = 'JPT' AND i.perspective IS NULL`);
    expect(jptWithoutPerspective).toEqual([]);
    const statuses = (await q('SELECT status, COUNT(*) AS n FROM appraisal GROUP BY status')).map(
      (r: { status: string }) => r.status,
    );
    expect(statuses).toEqual(expect.arrayContaining(['APPROVED', 'SUBMITTED']));
    const approvals = await q(
      "SELECT approved_late AS late, approved_at AS at FROM appraisal WHERE status = 'APPROVED'",
    );
    for (const a of approvals as Array<{ late: number | boolean; at: string | Date }>) {
      const at = new Date(a.at instanceof Date ? a.at : `${String(a.at).replace(' ', 'T')}Z`);
      expect(Boolean(Number(a.late))).toBe(at.getUTCMonth() > 0);
    }
  });

  it('writes the year so far on approved plans: monthly realizations with evidence, feedback on a third, a month of daily logs', async () => {
    const q = (sql: string) => app.db.manager.query(sql);
    // As of 28 November: January to November are reported (December is not yet).
    const perIndicator = await q(`
      SELECT i.id AS id, COUNT(r.id) AS n, MIN(r.sub_period) AS first, MAX(r.sub_period) AS last
        FROM indicator i JOIN work_result_plan w ON w.id = i.work_result_plan_id JOIN appraisal a ON a.id = w.appraisal_id
        LEFT JOIN realization r ON r.indicator_id = i.id
       WHERE a.status = 'APPROVED' GROUP BY i.id`);
    expect(perIndicator.length).toBeGreaterThan(0);
    expect(
      perIndicator.every(
        (r: { n: number | string; first: number; last: number }) =>
          Number(r.n) === 11 && Number(r.first) === 1 && Number(r.last) === 11,
      ),
    ).toBe(true);
    const [{ n: unapproved }] = await q(
      "SELECT COUNT(*) AS n FROM realization r JOIN appraisal a ON a.id = r.appraisal_id WHERE a.status <> 'APPROVED' AND a.period_id = 1",
    );
    expect(Number(unapproved)).toBe(0);
    const [{ n: realizations }] = await q('SELECT COUNT(*) AS n FROM realization');
    const [{ n: feedback }] = await q("SELECT COUNT(*) AS n FROM feedback WHERE target_kind = 'REALIZATION'");
    expect(Number(feedback) / Number(realizations)).toBeGreaterThan(0.25);
    expect(Number(feedback) / Number(realizations)).toBeLessThan(0.4);
    // Feedback comes from the plan's appraiser, about a realization of that plan.
    const [{ n: stray }] = await q(`
      SELECT COUNT(*) AS n FROM feedback f JOIN realization r ON r.id = f.target_id JOIN appraisal a ON a.id = r.appraisal_id
       WHERE f.appraisal_id <> a.id OR f.author_employee_id <> a.appraiser_employee_id OR f.recipient_employee_id <> a.employee_id`);
    expect(Number(stray)).toBe(0);
    const days = await q(
      'SELECT MIN(activity_date) AS first, MAX(activity_date) AS last, COUNT(DISTINCT activity_date) AS n FROM daily_activity',
    );
    expect(String(days[0].first).slice(0, 10) >= '2026-10-30').toBe(true);
    expect(String(days[0].last).slice(0, 10) <= '2026-11-28').toBe(true);
    expect(Number(days[0].n)).toBe(21);

    // Through the API, the nurse of Puskesmas Walesi reads the feedback her seeded realizations received.
    const nurse = planRegion(400).landmarks.nurseAtPuskesmasWalesi;
    const [{ n: hers }] = await app.db.manager.query(
      'SELECT COUNT(*) AS n FROM feedback f JOIN employee e ON e.id = f.recipient_employee_id WHERE e.nip = ?',
      [nurse],
    );
    const mine = await app.data<{ viewer: { feedbackReceived: { totalCount: number } } }>(
      '{ viewer { feedbackReceived { totalCount } } }',
      {},
      await app.token(nurse),
    );
    expect(mine.viewer.feedbackReceived.totalCount).toBe(Number(hers));
  });

  it('can be cleared for a reseed, and what the process kept of the old rows is not served after it', async () => {
    // The reseed writes the same ids and plan versions with more of the year recorded: a dashboard read before
    // it must not answer from what it kept (plan content and progress are kept by those versions).
    const token = await app.token(planRegion(400).landmarks.headOfPuskesmasWalesi);
    const dashboard = (plan: string) =>
      `query { viewer { team(first: 50) { nodes { id ${plan} { id version workResultPlans { indicators { id text latestRealization { id subPeriod value feedback { text } } } } } } } } }`;
    const before = await app.data(dashboard('currentAppraisal'), {}, token);
    expect(await isOrganisationEmpty(app.db)).toBe(false);
    await clearOrganisation(app.db);
    expect(await isOrganisationEmpty(app.db)).toBe(true);
    await seedRegion(app.db, 400, undefined, '2026-12-20');
    expect(await isOrganisationEmpty(app.db)).toBe(false);
    const after = await app.data(dashboard('currentAppraisal'), {}, token);
    // The same selection with an argument is answered by the resolvers alone.
    const resolved = await app.data(dashboard('currentAppraisal: currentAppraisal(periodId: null)'), {}, token);
    expect(after).toEqual(resolved);
    expect(after).not.toEqual(before);
  });
});
