import { getMetadataStorage } from 'type-graphql';
import { Role } from '../../src/core/auth/role';
import { DEFAULT_APPRAISAL_SETTINGS } from '../../src/core/config/config';
import { buildAppSchema } from '../../src/app/schema';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { eachActor } from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';
import { Competent, egid } from './competency-helpers';
import { type Year } from './evaluation-helpers';

/**
 * Issue 15, item 6: the `*Subject` fields (who took a step, assessed, suggested, rated) carry a person's NIP. A
 * nurse could not read her appraiser's `nip` but read it from `history { actorSubject }`. Each subject now reads
 * exactly as that person's `Employee.nip` reads for the same caller; a client id reads as itself.
 */
describe('actor subjects follow the rule of Employee.nip', () => {
  let app: TestApp;
  let c: Competent;
  let year: Year;
  let nurse: Employee;
  let peer: Employee;
  /** An HR admin who is an employee (of BKPSDM, outside Dinas Kesehatan), scoped to Dinas Kesehatan. */
  let hrPerson: Employee;
  let hrPersonToken: string;
  let planId: string;
  const readers: Record<string, () => Promise<string>> = {};

  beforeAll(async () => {
    // The nurse sees her own talent box here, so that she reads a potential rating whose rater she may not know.
    app = await TestApp.start({ appraisal: { ...DEFAULT_APPRAISAL_SETTINGS, talentVisibleToSelf: true } });
    c = new Competent(app);
    await c.init();
    app.clock.set('2027-01-04T01:00:00Z');
    await c.givenOrg();
    const bkpsdm = await app.fixtures.unit({ code: 'PS-BKPSDM', name: 'BKPSDM', kind: UnitKind.AGENCY });
    const dik = await app.fixtures.unit({ code: 'PS-DIK', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY });
    hrPerson = await app.fixtures.employee({
      unit: bkpsdm,
      name: 'Ruth Wetipo',
      positionKind: PositionKind.PELAKSANA,
      positionTitle: 'Analis SDM Aparatur',
    });
    hrPersonToken = await app.token(hrPerson.nip, { roles: [Role.HR_ADMIN], unit: c.org.dinkes.code });
    nurse = await c.nurse({ name: 'Hana Itlay' });
    peer = await c.nurse({ name: 'Lince Mabel' });
    await c.loadDictionary();
    year = await c.givenYear(2027);
    const plan = await c.approvedPlan(nurse, c.org.head, year.headRhk, year.period.id);
    planId = plan.id;

    // Assessments by the nurse, her appraiser, the HR person and the region-wide HR client.
    await c.assess(nurse, 'M-KOM', 3, 'SELF', nurse, '2027-01-03');
    await c.assess(nurse, 'M-KOM', 2, 'SUPERVISOR', c.org.head, '2027-01-03');
    await c.assess(nurse, 'M-PK', 3, 'TEST', hrPersonToken, '2027-01-03');
    await c.assess(nurse, 'M-PK', 3, 'ASSESSMENT_CENTRE', c.hr, '2027-01-03');
    for (const who of [c.org.head, hrPersonToken]) {
      await c.ok(
        'suggestDevelopment',
        {
          employeeId: egid(nurse),
          competencyId: c.ids['M-KOM'],
          kind: 'TRAINING',
          description: 'Pelatihan komunikasi efektif',
        },
        who,
        'suggestion { id }',
      );
    }
    await c.ok(
      'ratePotential',
      { employeeId: egid(nurse), periodId: year.period.id, rating: 'HIGH' },
      c.org.kadinkes,
      'potentialRating { id }',
    );

    readers.nurse = () => c.token(nurse);
    readers.appraiser = () => c.token(c.org.head);
    readers["appraiser's supervisor"] = () => c.token(c.org.kadinkes);
    readers['HR person in scope'] = async () => hrPersonToken;
    readers['HR client in scope'] = () => app.token('hr-dinkes', { roles: [Role.HR_ADMIN], unit: c.org.dinkes.code });
    readers['HR client out of scope'] = () => app.token('hr-dik', { roles: [Role.HR_ADMIN], unit: dik.code });
    readers['region-wide HR client'] = async () => c.hr;
    readers.analyst = () => app.token('dasbor-bi', { roles: [Role.ANALYST] });
    readers.peer = () => c.token(peer);
  });
  afterAll(() => app?.stop());

  const SUBJECTS = `query($n: ID!, $p: ID!, $plan: ID!) {
    appraisal(id: $plan) { history { actorSubject } }
    employee(id: $n) {
      competencyAssessments { assessorSubject }
      developmentSuggestions { authorSubject }
      talentPlacement(periodId: $p) { potentialRating { raterSubject } }
    }
  }`;
  interface Subjects {
    appraisal: { history: Array<{ actorSubject: string | null }> } | null;
    employee: {
      competencyAssessments: Array<{ assessorSubject: string | null }> | null;
      developmentSuggestions: Array<{ authorSubject: string | null }> | null;
      talentPlacement: { potentialRating: { raterSubject: string | null } | null } | null;
    } | null;
  }

  /** What `Employee.nip` reads as for this caller, for every person who acted. */
  async function nipsAsSeenBy(token: string): Promise<Map<string, string | null>> {
    const seen = new Map<string, string | null>();
    for (const person of [nurse, c.org.head, c.org.kadinkes, hrPerson, peer]) {
      const data = await app.data<{ employee: { nip: string | null } | null }>(
        'query($id: ID!) { employee(id: $id) { nip } }',
        { id: egid(person) },
        token,
      );
      seen.set(person.nip, data.employee?.nip ?? null);
    }
    return seen;
  }

  /** The stored subjects, in the order the API lists them. */
  async function stored(): Promise<{ history: string[]; assessments: string[]; suggestions: string[]; rater: string }> {
    const q = (sql: string, params: unknown[]) => app.db.manager.query(sql, params) as Promise<Array<{ s: string }>>;
    const id = (e: Employee) => e.rowId;
    const hr = await c.app.data<Subjects>(SUBJECTS, { n: egid(nurse), p: year.period.id, plan: planId }, c.hr);
    // Orders follow the API's (as the region-wide HR admin, who may read every NIP here).
    const history = hr.appraisal!.history.map((h) => h.actorSubject!);
    const assessments = hr.employee!.competencyAssessments!.map((a) => a.assessorSubject!);
    const suggestions = hr.employee!.developmentSuggestions!.map((s) => s.authorSubject!);
    // The stored rows agree with what the region-wide HR admin was shown.
    expect([...history].sort()).toEqual(
      (
        await q(
          'SELECT actor_subject AS s FROM appraisal_transition t JOIN appraisal a ON a.id = t.appraisal_id WHERE a.employee_id = ? AND a.period_id = ?',
          [id(nurse), Number(Buffer.from(year.period.id, 'base64url').toString().split(':')[1])],
        )
      )
        .map((r) => r.s)
        .sort(),
    );
    expect([...assessments].sort()).toEqual(
      (await q('SELECT assessor_subject AS s FROM competency_assessment WHERE employee_id = ?', [id(nurse)]))
        .map((r) => r.s)
        .sort(),
    );
    expect([...suggestions].sort()).toEqual(
      (await q('SELECT author_subject AS s FROM development_suggestion WHERE employee_id = ?', [id(nurse)]))
        .map((r) => r.s)
        .sort(),
    );
    return { history, assessments, suggestions, rater: hr.employee!.talentPlacement!.potentialRating!.raterSubject! };
  }

  it('the data covers people and a client: the nurse, her appraiser, his supervisor, an HR person and the HR client', async () => {
    const s = await stored();
    expect(new Set(s.history)).toEqual(new Set([nurse.nip, c.org.head.nip]));
    expect(new Set(s.assessments)).toEqual(new Set([nurse.nip, c.org.head.nip, hrPerson.nip, 'bkpsdm-portal']));
    expect(new Set(s.suggestions)).toEqual(new Set([c.org.head.nip, hrPerson.nip]));
    expect(s.rater).toBe(c.org.kadinkes.nip);
  });

  eachActor({
    actors: [
      'nurse',
      'appraiser',
      "appraiser's supervisor",
      'HR person in scope',
      'HR client in scope',
      'HR client out of scope',
      'region-wide HR client',
      'analyst',
      'peer',
    ],
    outcome: () => 'AS_THEIR_NIP_READS',
    title: (reader) => `${reader}: every subject reads as that person’s nip reads (a client id as itself)`,
    check: async (reader) => {
      const token = await readers[reader]!();
      const truth = await stored();
      const nips = await nipsAsSeenBy(token);
      const expected = (subject: string): string | null => (nips.has(subject) ? nips.get(subject)! : subject);
      const data = await app.data<Subjects>(SUBJECTS, { n: egid(nurse), p: year.period.id, plan: planId }, token);
      if (data.appraisal)
        expect(data.appraisal.history.map((h) => h.actorSubject)).toEqual(truth.history.map(expected));
      const e = data.employee;
      if (e?.competencyAssessments)
        expect(e.competencyAssessments.map((a) => a.assessorSubject)).toEqual(truth.assessments.map(expected));
      if (e?.developmentSuggestions)
        expect(e.developmentSuggestions.map((s) => s.authorSubject)).toEqual(truth.suggestions.map(expected));
      if (e?.talentPlacement?.potentialRating)
        expect(e.talentPlacement.potentialRating.raterSubject).toBe(expected(truth.rater));
    },
  });

  it('the nurse of the report sees her own NIP and the client id, never her appraiser’s, his supervisor’s or the HR person’s', async () => {
    const data = await app.data<Subjects>(
      SUBJECTS,
      { n: egid(nurse), p: year.period.id, plan: planId },
      await c.token(nurse),
    );
    const shown = [
      ...data.appraisal!.history.map((h) => h.actorSubject),
      ...data.employee!.competencyAssessments!.map((a) => a.assessorSubject),
      ...data.employee!.developmentSuggestions!.map((s) => s.authorSubject),
      data.employee!.talentPlacement!.potentialRating!.raterSubject,
    ];
    expect(new Set(shown)).toEqual(new Set([nurse.nip, 'bkpsdm-portal', null]));
    expect(JSON.stringify(data)).not.toMatch(new RegExp([c.org.head.nip, c.org.kadinkes.nip, hrPerson.nip].join('|')));
  });

  it('every *Subject field of the schema goes through the same rule', async () => {
    await buildAppSchema();
    const storage = getMetadataStorage();
    const subjectFields = storage.objectTypes.flatMap((t) =>
      (t.fields ?? [])
        .filter((f) => /Subject$/.test(f.schemaName))
        .map((f) => ({ name: `${t.name}.${f.schemaName}`, guarded: (f.middlewares?.length ?? 0) > 0 })),
    );
    expect(subjectFields.length).toBeGreaterThanOrEqual(7);
    expect(subjectFields.filter((f) => !f.guarded)).toEqual([]);
  });
});
