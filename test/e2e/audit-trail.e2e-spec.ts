import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { eachCase } from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';
import { Evaluating, type Year } from './evaluation-helpers';
import { type PlanOut } from './planning-helpers';

/**
 * `auditTrail(subjectId:)` (`docs/api.md`, Audit trail): who changed a record, what and when, newest first; for the
 * person the record is about and HR admins whose scope covers its unit, empty for everyone else. Actors' names and
 * NIPs follow the rule of `Employee.nip`; statements do not grow with `first`.
 */

interface EntryOut {
  id: string;
  occurredAt: string;
  action: string;
  actorKind: string;
  actorName: string | null;
  actorSubject: string | null;
  versionBefore: number | null;
  versionAfter: number | null;
  changedFields: string[];
  changes: Array<{ field: string; before: string | null; after: string | null }> | null;
}
interface TrailOut {
  auditTrail: {
    totalCount: number;
    edges: Array<{ cursor: string; node: EntryOut }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const TRAIL = `query($id: ID!, $first: Int, $after: String) {
  auditTrail(subjectId: $id, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id occurredAt action actorKind actorName actorSubject versionBefore versionAfter changedFields
      changes { field before after }
    } }
  }
}`;

describe('the audit trail', () => {
  let app: TestApp;
  let c: Evaluating;
  let year: Year;
  let nurse: Employee;
  let peer: Employee;
  let hrPerson: Employee;
  let plan: PlanOut;
  const tokens: Record<string, string | null> = {};
  const subjects: Record<string, { id: string; type: string; rowId: number }> = {};

  const actions = async (type: string, rowId: number) =>
    (
      await app.db.manager
        .getRepository(AuditEntry)
        .find({ where: { entityType: type, entityId: rowId }, order: { id: 'DESC' } })
    ).map((e) => e.action);

  const trail = async (subject: string, who: string | null, first?: number, after?: string) =>
    app.gql<TrailOut>(TRAIL, { id: subject, first, after }, who);

  beforeAll(async () => {
    app = await TestApp.start();
    c = new Evaluating(app);
    await c.init();
    app.clock.set('2027-01-04T01:00:00Z');
    await c.givenOrg();
    const bkpsdm = await app.fixtures.unit({ code: 'AT-BKPSDM', name: 'BKPSDM', kind: UnitKind.AGENCY });
    const disdik = await app.fixtures.unit({ code: 'AT-DISDIK', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY });
    hrPerson = await app.fixtures.employee({
      unit: bkpsdm,
      name: 'Ruth Wetipo',
      positionKind: PositionKind.PELAKSANA,
      positionTitle: 'Analis SDM Aparatur',
    });
    nurse = await c.nurse({ name: 'Hana Itlay' });
    peer = await c.nurse({ name: 'Lince Mabel' });
    year = await c.givenYear(2027);
    plan = await c.approvedPlan(nurse, c.org.head, year.headRhk, year.period.id);

    tokens.nurse = await c.token(nurse);
    tokens.peer = await c.token(peer);
    tokens.appraiser = await c.token(c.org.head);
    tokens.hrRegion = c.hr;
    // An HR admin who is an employee (of BKPSDM, outside Dinas Kesehatan), scoped to Dinas Kesehatan.
    tokens.hrPerson = await app.token(hrPerson.nip, { roles: [Role.HR_ADMIN], unit: c.org.dinkes.code });
    tokens.hrElsewhere = await app.token('disdik-hr', { roles: [Role.HR_ADMIN], unit: disdik.code });
    tokens.analyst = await app.token('bi-dashboard', { roles: [Role.ANALYST] });
    tokens.anonymous = null;

    // The HR person corrects the nurse's record: an entry by an employee, on top of the fixture's creation.
    await c.ok(
      'updateEmployee',
      { id: toGlobalId('Employee', nurse.rowId), expectedVersion: nurse.version, titleSuffix: 'S.Kep.' },
      tokens.hrPerson,
      'employee { id }',
    );

    const appraisalId = Number(Buffer.from(plan.id, 'base64url').toString().split(':')[1]);
    subjects["the nurse's employee record"] = {
      id: toGlobalId('Employee', nurse.rowId),
      type: 'Employee',
      rowId: nurse.rowId,
    };
    subjects["the nurse's plan"] = { id: plan.id, type: 'Appraisal', rowId: appraisalId };
    subjects['her Puskesmas'] = { id: toGlobalId('Unit', c.org.pkm.rowId), type: 'Unit', rowId: c.org.pkm.rowId };
  });
  afterAll(() => app?.stop());

  type Actor = 'nurse' | 'peer' | 'appraiser' | 'hrRegion' | 'hrPerson' | 'hrElsewhere' | 'analyst' | 'anonymous';
  type Subject = "the nurse's employee record" | "the nurse's plan" | 'her Puskesmas';
  type Outcome = 'TRAIL' | 'EMPTY' | 'UNAUTHENTICATED';

  /** The person reads her own records' trails; HR admins covering the unit read every trail in it; nobody else. */
  eachCase<Actor, Subject, Outcome>({
    actors: ['nurse', 'peer', 'appraiser', 'hrRegion', 'hrPerson', 'hrElsewhere', 'analyst', 'anonymous'],
    rows: [
      ["the nurse's employee record", "the nurse's employee record"],
      ["the nurse's plan", "the nurse's plan"],
      ['her Puskesmas', 'her Puskesmas'],
    ],
    outcome: (subject, actor) => {
      if (actor === 'anonymous') return 'UNAUTHENTICATED';
      if (actor === 'hrRegion' || actor === 'hrPerson') return 'TRAIL';
      return actor === 'nurse' && subject !== 'her Puskesmas' ? 'TRAIL' : 'EMPTY';
    },
    check: async ({ row, actor, outcome }) => {
      const subject = subjects[row]!;
      const res = await trail(subject.id, tokens[actor]!, 100);
      if (outcome === 'UNAUTHENTICATED') {
        expect(res.status).toBe(401);
        expect(res.body.data ?? null).toBeNull();
        return;
      }
      expect(res.body.errors).toBeUndefined();
      const expected = outcome === 'TRAIL' ? await actions(subject.type, subject.rowId) : [];
      if (outcome === 'TRAIL') expect(expected.length).toBeGreaterThan(0);
      expect(res.body.data!.auditTrail.edges.map((e) => e.node.action)).toEqual(expected);
      expect(res.body.data!.auditTrail.totalCount).toBe(expected.length);
    },
  });

  it('answers an unknown, malformed or unaudited id with an empty trail', async () => {
    for (const id of [toGlobalId('Employee', 999_999), 'not-an-id', toGlobalId('PerformancePeriod', 1)]) {
      const res = await trail(id, c.hr);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.auditTrail).toMatchObject({ totalCount: 0, edges: [] });
    }
  });

  it('names an employee actor under the rule of Employee.nip, a client by its id', async () => {
    const id = subjects["the nurse's employee record"]!.id;
    const entries = async (who: string) => (await trail(id, who)).body.data!.auditTrail.edges.map((e) => e.node);
    const [update, creation] = await entries(c.hr);
    expect(update).toMatchObject({
      action: 'EMPLOYEE_UPDATED',
      actorKind: 'EMPLOYEE',
      actorName: 'Ruth Wetipo',
      actorSubject: hrPerson.nip,
      changedFields: ['titleSuffix'],
      changes: [{ field: 'titleSuffix', before: 'null', after: '"S.Kep."' }],
    });
    expect(update!.versionAfter).toBe(update!.versionBefore! + 1);
    expect(creation).toMatchObject({
      action: 'EMPLOYEE_CREATED',
      actorKind: 'CLIENT',
      actorName: 'test-fixtures',
      actorSubject: 'test-fixtures',
      versionBefore: null,
    });
    expect(creation!.changedFields).toEqual(expect.arrayContaining(['nip', 'name', 'unitId']));
    // The nurse may not read the HR person's personal fields: neither her NIP nor her name shows.
    const [seenByNurse] = await entries(tokens.nurse!);
    expect(seenByNurse).toMatchObject({ actorKind: 'EMPLOYEE', actorName: null, actorSubject: null });
    expect(seenByNurse!.changes).toEqual(update!.changes);
    // Nor may an HR admin scoped to Dinas Kesehatan (the HR person works at BKPSDM): she reads her own name.
    const [seenByHrPerson] = await entries(tokens.hrPerson!);
    expect(seenByHrPerson).toMatchObject({ actorName: 'Ruth Wetipo', actorSubject: hrPerson.nip });
  });

  it('shows the plan’s steps newest first: the nurse sees her own name, not her appraiser’s', async () => {
    const id = subjects["the nurse's plan"]!.id;
    const nodes = (await trail(id, tokens.nurse!)).body.data!.auditTrail.edges.map((e) => e.node);
    const approval = nodes[0]!;
    expect(approval).toMatchObject({ action: 'APPRAISAL_TRANSITION', actorName: null, actorSubject: null });
    expect(approval.changes?.find((ch) => ch.field === 'status')?.after).toBe('"APPROVED"');
    // Her name as on documents, with the title the HR person added.
    const mine = nodes.filter((n) => n.actorName === 'Hana Itlay, S.Kep.');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((n) => n.actorSubject === nurse.nip)).toBe(true);
    const byHr = (await trail(id, c.hr)).body.data!.auditTrail.edges.map((e) => e.node);
    expect(byHr[0]).toMatchObject({ actorName: 'Agustina Wenda', actorSubject: c.org.head.nip });
  });

  it('pages newest first with stable cursors', async () => {
    const id = subjects["the nurse's plan"]!.id;
    const all = (await trail(id, c.hr, 100)).body.data!.auditTrail.edges.map((e) => e.node.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = (await trail(id, c.hr, 2)).body.data!.auditTrail;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await trail(id, c.hr, 100, first.pageInfo.endCursor!)).body.data!.auditTrail;
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(all);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const times = (await trail(id, c.hr, 100)).body.data!.auditTrail.edges.map((e) => e.node.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('runs the same number of statements for first: 1 and first: 100', async () => {
    const id = subjects["the nurse's plan"]!.id;
    const one = await trail(id, c.hr, 1);
    const many = await trail(id, c.hr, 100);
    expect(many.body.data!.auditTrail.edges.length).toBeGreaterThan(2);
    expect(one.statements).toBeDefined();
    expect(many.statements).toBe(one.statements);
  });

  // Last: it moves the nurse out of Dinas Kesehatan.
  it('gives the values only to readers of the person’s personal fields: not to HR of a unit she has left', async () => {
    const id = subjects["the nurse's plan"]!.id;
    const current = await app.db.manager.getRepository('Employee').findOneByOrFail({ rowId: nurse.rowId });
    await c.ok(
      'updateEmployee',
      {
        id: toGlobalId('Employee', nurse.rowId),
        expectedVersion: (current as Employee).version,
        unitId: toGlobalId('Unit', (await app.fixtures.unit({ code: 'AT-ELSEWHERE', kind: UnitKind.AGENCY })).rowId),
      },
      c.hr,
      'employee { id }',
    );
    // The HR person still covers the plan's unit (the Puskesmas), not the nurse any more.
    const byHrPerson = (await trail(id, tokens.hrPerson!)).body.data!.auditTrail.edges.map((e) => e.node);
    expect(byHrPerson.length).toBeGreaterThan(0);
    expect(byHrPerson.every((n) => n.changes === null && n.changedFields.length > 0)).toBe(true);
    const byNurse = (await trail(id, tokens.nurse!)).body.data!.auditTrail.edges.map((e) => e.node);
    expect(byNurse.every((n) => n.changes !== null)).toBe(true);
  });
});
