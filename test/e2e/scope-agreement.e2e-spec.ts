import { policyTable } from '../../src/app/policy-table';
import { Actor } from '../../src/core/auth/actor';
import { Role } from '../../src/core/auth/role';
import { RequestContext } from '../../src/core/context/request-context';
import { Permission } from '../../src/core/policy/permission';
import { createLogger } from '../../src/core/server/logger';
import { scopeActivitiesToReader } from '../../src/modules/activity/activity-scope';
import { ActivityStatus, DailyActivity } from '../../src/modules/activity/daily-activity.entity';
import { AppraisalForm, AppraisalStatus, PlanApproach } from '../../src/modules/appraisal/appraisal-enums';
import { Appraisal } from '../../src/modules/appraisal/appraisal.entity';
import { scopeAppraisalsToReader } from '../../src/modules/appraisal/appraisal-scope';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { EvaluationCadence, PeriodStatus } from '../../src/modules/period/period-enums';
import { PerformancePeriod } from '../../src/modules/period/performance-period.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { Fixtures } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Each list is scoped in SQL before paging and counting (`*-scope.ts`), and each row is decided by a rule
 * (`decide*` in `*.policy.ts`). The two say the same thing twice, so here they are asked the same question on one
 * fixture: for every actor, the rows the SQL scope returns must be exactly the rows the rule allows. A change to
 * either that the other does not follow fails here.
 *
 *   ROOT
 *   ├── A    kadinkes (appraised by the Bupati)
 *   │   └── A1   head ─┬─► self ─► sub
 *   │                 └─► peer
 *   ├── B    otherHead ─► bStaff
 *   └── HR   hrPerson
 *
 * Plans cover every relation: the owner's own, the appraiser of the snapshot who is also above (head → self), an
 * appraiser who is not above (self's plan from before a move to A1, appraised in B by otherHead, its appraiser's
 * supervisor bStaff), the appraiser's supervisor, an external appraiser, no appraiser; units in and out of each HR
 * scope (the plan's unit is a snapshot: self's old plan lies in B). Activities cover the entry's owner, the
 * plan's appraiser as reviewer, the direct supervisor as reviewer of an entry without a plan, everyone above, HR in
 * and out of scope (by the owner's unit now).
 */

/** A rule restated by a SQL scope: the rows it is asked about, and the ids each of the two lets an actor read. */
interface ScopeUnderTest {
  decide: string;
  scope: string;
  rowCount: () => number;
  answers: (actor: Actor) => Promise<{ sql: number[]; rule: number[] }>;
}

function scopeUnderTest<T extends { rowId: number }>(spec: {
  decide: string;
  scope: string;
  rows: () => T[];
  sql: (ctx: RequestContext, ids: number[]) => Promise<T[]>;
  rule: (ctx: RequestContext, rows: T[]) => Promise<(T | null)[]>;
}): ScopeUnderTest {
  return {
    decide: spec.decide,
    scope: spec.scope,
    rowCount: () => spec.rows().length,
    // A fresh context per question: the rule's loaders must not answer from what the SQL read.
    answers: async (actor) => ({
      sql: ids(await spec.sql(contextOf(actor), ids(spec.rows()))),
      rule: ids(await spec.rule(contextOf(actor), spec.rows())),
    }),
  };
}

let testDb: TestDatabase;
let org: {
  root: Unit;
  a: Unit;
  a1: Unit;
  b: Unit;
  hr: Unit;
  bupati: ExternalOfficial;
  kadinkes: Employee;
  head: Employee;
  self: Employee;
  peer: Employee;
  sub: Employee;
  otherHead: Employee;
  bStaff: Employee;
  hrPerson: Employee;
};
let plans: Appraisal[];
let activities: DailyActivity[];
let actors: Array<[string, Actor]>;

const log = createLogger('silent');
const contextOf = (actor: Actor) =>
  new RequestContext({
    requestId: 'scope-agreement',
    actor,
    db: testDb.db,
    log,
    policyTable,
    timeZone: 'Asia/Jayapura',
  });
const ids = (rows: ReadonlyArray<{ rowId: number } | null>) =>
  rows.flatMap((r) => (r ? [r.rowId] : [])).sort((x, y) => x - y);

async function givenPeriod(): Promise<PerformancePeriod> {
  const repo = testDb.db.manager.getRepository(PerformancePeriod);
  const now = new Date('2031-01-05T00:00:00Z');
  const period = repo.create({
    year: 2031,
    cadence: EvaluationCadence.QUARTERLY,
    status: PeriodStatus.RUNNING,
    startDate: '2031-01-01',
    endDate: '2031-12-31',
    planningDeadline: '2031-01-31',
    periodicEvaluationDays: 10,
    annualEvaluationDeadline: '2032-01-31',
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await repo.insert(period);
  return period;
}

async function givenPlan(
  period: PerformancePeriod,
  owner: Employee,
  unit: Unit,
  appraiser: { employee?: Employee; external?: ExternalOfficial },
  supervisor: { employee?: Employee; external?: ExternalOfficial },
): Promise<Appraisal> {
  const repo = testDb.db.manager.getRepository(Appraisal);
  const now = new Date('2031-01-05T00:00:00Z');
  const plan = repo.create({
    employeeId: owner.rowId,
    periodId: period.rowId,
    // Several plans of one person in one period (before and after a move): none of them open.
    openPeriodId: null,
    status: AppraisalStatus.SUBMITTED,
    form: AppraisalForm.JA_JF,
    approach: PlanApproach.QUANTITATIVE,
    startDate: period.startDate,
    endDate: period.endDate,
    positionTitle: owner.positionTitle,
    positionKind: owner.positionKind,
    grade: owner.grade,
    unitId: unit.rowId,
    appraiserEmployeeId: appraiser.employee?.rowId ?? null,
    appraiserExternalId: appraiser.external?.rowId ?? null,
    appraiserName: appraiser.employee?.name ?? appraiser.external?.name ?? null,
    appraiserPositionTitle: null,
    appraiserSupervisorEmployeeId: supervisor.employee?.rowId ?? null,
    appraiserSupervisorExternalId: supervisor.external?.rowId ?? null,
    appraiserSupervisorName: null,
    appraiserSupervisorPositionTitle: null,
    resourceSupport: null,
    accountabilityScheme: null,
    consequences: null,
    submittedAt: now,
    approvedAt: null,
    approvedLate: false,
    deliveredAt: null,
    closedAt: null,
    version: 1,
    progressVersion: 0,
    createdAt: now,
    updatedAt: now,
  });
  await repo.insert(plan);
  return plan;
}

async function givenActivity(owner: Employee, plan: Appraisal | null): Promise<DailyActivity> {
  const repo = testDb.db.manager.getRepository(DailyActivity);
  const now = new Date('2031-02-02T00:00:00Z');
  const activity = repo.create({
    employeeId: owner.rowId,
    appraisalId: plan?.rowId ?? null,
    indicatorId: null,
    activityDate: '2031-02-02',
    description: 'Pelayanan posyandu',
    durationMinutes: 60,
    evidenceUrl: null,
    status: ActivityStatus.SUBMITTED,
    reviewComment: null,
    reviewerEmployeeId: null,
    reviewedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await repo.insert(activity);
  return activity;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const fx = new Fixtures(testDb.db);
  const root = await fx.unit({ code: 'SA-ROOT', kind: UnitKind.GOVERNMENT });
  const a = await fx.unit({ code: 'SA-A', kind: UnitKind.AGENCY, parent: root });
  const a1 = await fx.unit({ code: 'SA-A1', kind: UnitKind.HEALTH_CENTRE, parent: a });
  const b = await fx.unit({ code: 'SA-B', kind: UnitKind.AGENCY, parent: root });
  const hr = await fx.unit({ code: 'SA-HR', kind: UnitKind.AGENCY, parent: root });
  const bupati = await fx.official();
  const kadinkes = await fx.employee({
    unit: a,
    externalSupervisor: bupati,
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas',
  });
  const head = await fx.employee({
    unit: a1,
    supervisor: kadinkes,
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala UPTD',
  });
  const self = await fx.employee({ unit: a1, supervisor: head });
  const peer = await fx.employee({ unit: a1, supervisor: head });
  const sub = await fx.employee({ unit: a1, supervisor: self, positionKind: PositionKind.PELAKSANA });
  const otherHead = await fx.employee({
    unit: b,
    externalSupervisor: bupati,
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas',
  });
  const bStaff = await fx.employee({ unit: b, supervisor: otherHead });
  const hrPerson = await fx.employee({ unit: hr });
  org = { root, a, a1, b, hr, bupati, kadinkes, head, self, peer, sub, otherHead, bStaff, hrPerson };

  const period = await givenPeriod();
  plans = [
    await givenPlan(period, self, a1, { employee: head }, { employee: kadinkes }),
    // self's plan from before moving to A1: appraised in B, by someone who is not above self now
    await givenPlan(period, self, b, { employee: otherHead }, { employee: bStaff }),
    await givenPlan(period, head, a1, { employee: kadinkes }, { external: bupati }),
    await givenPlan(period, kadinkes, a, { external: bupati }, {}),
    await givenPlan(period, sub, a1, { employee: self }, { employee: head }),
    await givenPlan(period, peer, a1, { employee: head }, { employee: kadinkes }),
    await givenPlan(period, otherHead, b, { external: bupati }, {}),
    await givenPlan(period, bStaff, b, { employee: otherHead }, { external: bupati }),
    await givenPlan(period, hrPerson, hr, {}, {}),
  ];
  activities = [];
  for (const plan of plans) {
    const owner = Object.values(org).find((e) => 'nip' in e && e.rowId === plan.employeeId) as Employee;
    activities.push(await givenActivity(owner, plan));
  }
  // Entries without a plan: the direct supervisor reviews them.
  for (const owner of [self, sub, bStaff, hrPerson, kadinkes]) activities.push(await givenActivity(owner, null));

  const employee = (e: Employee, roles: Role[] = [], scope: Unit | null = null) =>
    Actor.employee(e.rowId, e.nip, roles, scope?.rowId ?? null);
  actors = [
    ['self', employee(self)],
    ['head (appraiser, above)', employee(head)],
    ['kadinkes (appraiser’s supervisor, above)', employee(kadinkes)],
    ['peer', employee(peer)],
    ['sub (subordinate)', employee(sub)],
    ['otherHead (appraiser of a plan from before a move)', employee(otherHead)],
    ['bStaff (appraiser’s supervisor, not above)', employee(bStaff)],
    ['hrPerson without the role', employee(hrPerson)],
    ['HR of the region', employee(hrPerson, [Role.HR_ADMIN])],
    ['HR of A (in scope of A1)', employee(hrPerson, [Role.HR_ADMIN], a)],
    ['HR of A1', employee(hrPerson, [Role.HR_ADMIN], a1)],
    ['HR of B (out of scope of A)', employee(hrPerson, [Role.HR_ADMIN], b)],
    ['HR of A who also heads B', employee(otherHead, [Role.HR_ADMIN], a)],
    ['HR client of B', Actor.client('hr-console', [Role.HR_ADMIN], b.rowId)],
    ['HR client of the region', Actor.client('hr-console', [Role.HR_ADMIN])],
    ['analyst', Actor.client('dasbor-kinerja', [Role.ANALYST])],
    ['integration', Actor.client('simpeg-bkn', [Role.INTEGRATION])],
    ['analyst who is an employee (peer)', employee(peer, [Role.ANALYST])],
    ['anonymous', Actor.anonymous()],
  ];
});

afterAll(async () => {
  await testDb?.drop();
});

/** Every SQL scope that restates a read rule. A new `*-scope.ts` belongs here. */
const scopes: ScopeUnderTest[] = [
  scopeUnderTest({
    decide: 'decideReadAppraisal (READ_APPRAISAL)',
    scope: 'scopeAppraisalsToReader',
    rows: () => plans,
    sql: (ctx, among) =>
      scopeAppraisalsToReader(ctx.em.getRepository(Appraisal).createQueryBuilder('appraisal'), ctx.actor)
        .andWhere('appraisal.id IN (:...among)', { among })
        .getMany(),
    rule: (ctx, rows) => ctx.policy.filter(Permission.READ_APPRAISAL, rows),
  }),
  scopeUnderTest({
    decide: 'decideReadActivity (READ_ACTIVITY)',
    scope: 'scopeActivitiesToReader',
    rows: () => activities,
    sql: (ctx, among) =>
      scopeActivitiesToReader(ctx.em.getRepository(DailyActivity).createQueryBuilder('activity'), ctx.actor)
        .andWhere('activity.id IN (:...among)', { among })
        .getMany(),
    rule: (ctx, rows) => ctx.policy.filter(Permission.READ_ACTIVITY, rows),
  }),
];

describe.each(scopes.map((s) => [s.scope, s.decide, s] as const))(
  '%s returns exactly the rows %s allows',
  (_scope, _decide, under) => {
    it('for every actor', async () => {
      const disagreements: Array<{ actor: string; sql: number[]; rule: number[] }> = [];
      const allowedCounts: number[] = [];
      for (const [name, actor] of actors) {
        const { sql, rule } = await under.answers(actor);
        if (sql.join() !== rule.join()) disagreements.push({ actor: name, sql, rule });
        allowedCounts.push(rule.length);
      }
      expect(disagreements).toEqual([]);
      // The fixture means something: some actors see nothing, some see part, someone sees everything.
      expect(allowedCounts).toContain(0);
      expect(allowedCounts).toContain(under.rowCount());
      expect(allowedCounts.some((n) => n > 0 && n < under.rowCount())).toBe(true);
    });
  },
);
