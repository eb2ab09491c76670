import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { PERSONAL_DATA_PAGE, PERSONAL_DATA_SECTIONS } from '../../src/modules/personal-data/personal-data.sections';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type RecordSize, writeLongRecord } from '../support/personal-record';
import { eachActor } from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';
import { Competent, egid } from './competency-helpers';
import { type Year } from './evaluation-helpers';

/**
 * Issue 21, item 2: a person's own data on request (Law 27/2022). `GET /exports/me.json` and GraphQL `myData` for
 * the person; `GET /exports/employees/<id>/data.json` for HR admins covering them, audited before the first byte;
 * everyone else refused without learning whether the employee exists. Another person's NIP shows only where
 * `Employee.nip` would. At a realistic size (four years of plans, a year of daily logs) each statement reads a
 * bounded page of rows, and the file parses.
 */

type Section = Array<Record<string, unknown>>;
type PersonalFile = Record<string, unknown> & {
  format: string;
  version: number;
  subject: { id: string; name: string; nip: string | null };
  counts: Record<string, number>;
};

interface Fetched {
  status: number;
  headers: Headers;
  text: string;
  json?: PersonalFile;
}

async function fetchFile(app: TestApp, path: string, token: string | null): Promise<Fetched> {
  const base = app.url.replace(/\/graphql$/, '');
  const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  const json = res.status === 200 ? (JSON.parse(text) as PersonalFile) : undefined;
  return { status: res.status, headers: res.headers, text, json };
}

const sectionOf = (file: PersonalFile, name: string): Section => file[name] as Section;
const employeeFile = (e: { rowId: number }) => `/exports/employees/${encodeURIComponent(egid(e))}/data.json`;

const MY_DATA = '{ myData { url format version sections { name count } } }';

describe('a person’s own data on request', () => {
  let app: TestApp;
  let c: Competent;
  let year: Year;
  let nurse: Employee;
  let peer: Employee;
  let hrPerson: Employee;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = await TestApp.start();
    c = new Competent(app);
    await c.init();
    app.clock.set('2027-01-04T01:00:00Z');
    await c.givenOrg();
    const bkpsdm = await app.fixtures.unit({ code: 'PD-BKPSDM', name: 'BKPSDM', kind: UnitKind.AGENCY });
    const dik = await app.fixtures.unit({ code: 'PD-DIK', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY });
    hrPerson = await app.fixtures.employee({
      unit: bkpsdm,
      name: 'Ruth Wetipo',
      positionKind: PositionKind.PELAKSANA,
      positionTitle: 'Analis SDM Aparatur',
    });
    nurse = await c.nurse({ name: 'Hana Itlay' });
    peer = await c.nurse({ name: 'Lince Mabel' });
    await c.loadDictionary();
    year = await c.givenYear(2027);
    const plan = await c.approvedPlan(nurse, c.org.head, year.headRhk, year.period.id);
    await c.realize(nurse, plan, 1, 10);
    const indicatorId = plan.workResultPlans[0]!.indicators[0]!.id;
    const logged = await c.ok<{ activity: { id: string; version: number } }>(
      'recordActivity',
      { date: '2027-01-04', description: 'Imunisasi dasar di Posyandu Walesi', durationMinutes: 240, indicatorId },
      nurse,
      'activity { id version }',
    );
    await c.ok(
      'reviewActivity',
      { id: logged.activity.id, expectedVersion: logged.activity.version, decision: 'ACKNOWLEDGE' },
      c.org.head,
      'activity { id }',
    );
    const given = await c.ok<{ feedback: { id: string; version: number } }>(
      'giveFeedback',
      { target: 'APPRAISAL', targetId: plan.id, text: 'Rencana yang jelas.' },
      c.org.head,
      'feedback { id version }',
    );
    await c.ok(
      'replyToFeedback',
      { id: given.feedback.id, expectedVersion: given.feedback.version, reply: 'Terima kasih, Bu.' },
      nurse,
      'feedback { id }',
    );
    await c.assess(nurse, 'M-KOM', 3, 'SELF', nurse, '2027-01-03');
    await c.assess(nurse, 'M-KOM', 2, 'SUPERVISOR', c.org.head, '2027-01-03');
    await c.ok(
      'suggestDevelopment',
      {
        employeeId: egid(nurse),
        competencyId: c.ids['M-KOM'],
        kind: 'TRAINING',
        description: 'Pelatihan komunikasi efektif',
      },
      c.org.head,
      'suggestion { id }',
    );
    // Not visible to the nurse herself (TALENT_VISIBLE_TO_SELF is off): the file leaves it out, like GraphQL does.
    await c.ok(
      'ratePotential',
      { employeeId: egid(nurse), periodId: year.period.id, rating: 'HIGH' },
      c.org.kadinkes,
      'potentialRating { id }',
    );

    tokens.nurse = await c.token(nurse);
    tokens.peer = await c.token(peer);
    tokens.head = await c.token(c.org.head);
    tokens.hrPerson = await app.token(hrPerson.nip, { roles: [Role.HR_ADMIN], unit: c.org.dinkes.code });
    tokens.hrOutOfScope = await app.token('hr-dik', { roles: [Role.HR_ADMIN], unit: dik.code });
    tokens.analyst = await app.token('dasbor-bi', { roles: [Role.ANALYST] });
  }, 120_000);
  afterAll(() => app?.stop());

  const exportAudits = async (): Promise<
    Array<{ actor_subject: string; entity_type: string; entity_id: number | string; after: string | null }>
  > =>
    app.db.manager.query(
      "SELECT actor_subject, entity_type, entity_id, after FROM audit_entry WHERE action = 'PERSONAL_DATA_EXPORTED' ORDER BY id",
    );

  it('the employee gets every section of their own file as a JSON attachment, never cached, with the counts myData gives', async () => {
    const res = await fetchFile(app, '/exports/me.json', tokens.nurse!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="data-pribadi-${nurse.nip}-2027-01-04.json"`,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const file = res.json!;
    expect(file.format).toBe('kinerja-walesi/personal-data');
    expect(file.subject).toEqual({ id: egid(nurse), name: nurse.displayName, nip: nurse.nip });
    const names = PERSONAL_DATA_SECTIONS.map((s) => s.name);
    for (const name of names) expect(file.counts[name]).toBe(sectionOf(file, name).length);
    expect(file.counts).toEqual({
      employee: 1,
      appraisals: 1,
      realizations: 1,
      dailyActivities: 1,
      feedbackReceived: 1,
      feedbackGiven: 0,
      evaluations: 0,
      objections: 0,
      competencyAssessments: 2,
      developmentSuggestions: 1,
      potentialRatings: 0,
      talentPlacements: 0,
      auditEntries: file.counts.auditEntries,
    });
    const [me] = sectionOf(file, 'employee');
    expect(me).toMatchObject({
      id: egid(nurse),
      nip: nurse.nip,
      name: nurse.name,
      supervisor: { id: egid(c.org.head), name: c.org.head.displayName, nip: null },
    });
    const [plan] = sectionOf(file, 'appraisals');
    expect(plan).toMatchObject({
      status: 'APPROVED',
      appraiser: { name: c.org.head.displayName, employee: { id: egid(c.org.head), nip: null } },
    });
    expect((plan!.workResultPlans as Section)[0]!.indicators).toHaveLength(1);
    expect((plan!.transitions as Section).map((t) => t.action)).toEqual(['SUBMIT', 'APPROVE']);
    expect(sectionOf(file, 'feedbackReceived')[0]).toMatchObject({
      text: 'Rencana yang jelas.',
      reply: 'Terima kasih, Bu.',
      author: { name: c.org.head.displayName, nip: null },
    });
    expect(sectionOf(file, 'dailyActivities')[0]).toMatchObject({
      status: 'ACKNOWLEDGED',
      reviewer: { id: egid(c.org.head), nip: null },
    });
    // The audit entries of her records: the plan's creation and steps, the realization, the log, the feedback, the assessments.
    const actions = new Set(sectionOf(file, 'auditEntries').map((e) => e.action));
    for (const a of [
      'APPRAISAL_CREATED',
      'APPRAISAL_TRANSITION',
      'REALIZATION_RECORDED',
      'ACTIVITY_RECORDED',
      'ACTIVITY_REVIEWED',
      'FEEDBACK_GIVEN',
      'FEEDBACK_REPLIED',
      'COMPETENCY_ASSESSED',
      'DEVELOPMENT_SUGGESTED',
    ]) {
      expect(actions).toContain(a);
    }
    expect(actions).not.toContain('POTENTIAL_RATED');

    const graph = await app.data<{
      myData: { url: string; format: string; version: number; sections: Array<{ name: string; count: number }> };
    }>(MY_DATA, {}, tokens.nurse);
    expect(graph.myData.url).toBe('/exports/me.json');
    expect(graph.myData.format).toBe(file.format);
    expect(graph.myData.sections).toEqual(names.map((name) => ({ name, count: file.counts[name] })));
  });

  it('another person’s NIP never appears in her file: appraiser, his supervisor, the HR person; hers does', async () => {
    const { text } = await fetchFile(app, '/exports/me.json', tokens.nurse!);
    expect(text).toContain(nurse.nip);
    for (const other of [c.org.head, c.org.kadinkes, hrPerson, peer]) expect(text).not.toContain(other.nip);
    // The appraiser's NIP is stored on her records (transitions, assessments, audit rows): the file hides it.
    const stored: Array<{ n: number | string }> = await app.db.manager.query(
      'SELECT COUNT(*) AS n FROM audit_entry WHERE actor_subject = ?',
      [c.org.head.nip],
    );
    expect(Number(stored[0]!.n)).toBeGreaterThan(0);
  });

  it('an HR admin covering her gets her file, with NIPs they may read, and the export is audited before it streams', async () => {
    const before = (await exportAudits()).length;
    const res = await fetchFile(app, employeeFile(nurse), tokens.hrPerson!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="data-pribadi-${nurse.nip}-2027-01-04.json"`,
    );
    const file = res.json!;
    expect(file.subject.nip).toBe(nurse.nip);
    // HR in scope reads the appraiser's NIP, and the potential rating and talent box the nurse does not see.
    expect(sectionOf(file, 'appraisals')[0]).toMatchObject({ appraiser: { employee: { nip: c.org.head.nip } } });
    expect(file.counts.potentialRatings).toBe(1);
    expect(file.counts.talentPlacements).toBe(1);
    const audits = await exportAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({ actor_subject: hrPerson.nip, entity_type: 'Employee' });
    expect(Number(audits.at(-1)!.entity_id)).toBe(nurse.rowId);
    expect(JSON.parse(audits.at(-1)!.after!)).toMatchObject({ file: `data-pribadi-${nurse.nip}-2027-01-04.json` });

    // She sees that it happened in her own next file, without the HR person's NIP; her own export is not audited.
    const mine = await fetchFile(app, '/exports/me.json', tokens.nurse!);
    const seen = sectionOf(mine.json!, 'auditEntries').filter((e) => e.action === 'PERSONAL_DATA_EXPORTED');
    expect(seen).toEqual([
      expect.objectContaining({ entityId: egid(nurse), actorKind: 'employee', actorSubject: null }),
    ]);
    expect(await exportAudits()).toHaveLength(before + 1);
  });

  const REFUSED = {
    hrOutOfScope: 'an HR admin out of scope',
    peer: 'a peer',
    head: 'her supervisor (above her, not HR)',
    analyst: 'an analyst',
    anonymous: 'an anonymous caller',
  };

  eachActor({
    actors: Object.keys(REFUSED) as Array<keyof typeof REFUSED>,
    outcome: (actor) => (actor === 'anonymous' ? 401 : 404),
    title: (actor) =>
      `${REFUSED[actor]} is refused her file (${actor === 'anonymous' ? null : actor}), and nothing is audited`,
    check: async (actor, status) => {
      const token = actor === 'anonymous' ? null : tokens[actor]!;
      const before = (await exportAudits()).length;
      const res = await fetchFile(app, employeeFile(nurse), token);
      expect(res.status).toBe(status);
      expect(res.text).not.toContain(nurse.nip);
      // An unknown employee reads exactly the same: the answer does not tell whether she exists.
      const unknown = await fetchFile(
        app,
        `/exports/employees/${encodeURIComponent(toGlobalId('Employee', 999_999))}/data.json`,
        token,
      );
      expect([unknown.status, unknown.text]).toEqual([res.status, res.text]);
      expect(await exportAudits()).toHaveLength(before);
    },
  });

  it('a client without an employee record has no file of its own; an anonymous caller is asked to sign in', async () => {
    expect((await fetchFile(app, '/exports/me.json', tokens.analyst!)).status).toBe(404);
    expect((await fetchFile(app, '/exports/me.json', c.hr)).status).toBe(404);
    expect((await fetchFile(app, '/exports/me.json', null)).status).toBe(401);
    expect((await fetchFile(app, '/exports/me.json', 'not-a-token')).status).toBe(401);
    expect((await app.data<{ myData: null }>(MY_DATA, {}, tokens.analyst)).myData).toBeNull();
    const anonymous = await app.gql(MY_DATA);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

// ---- A realistic size ------------------------------------------------------------------------------------------

/** Four years of monthly plans of ten indicators, a year of daily logs, feedback both ways. */
const SIZE: RecordSize = {
  years: 4,
  rhks: 5,
  indicatorsPerRhk: 2,
  activities: 250,
  feedbackReceived: 60,
  feedbackGiven: 20,
};

describe('a personal data file at a realistic size', () => {
  let app: TestApp;
  let c: Competent;
  let nurse: Employee;
  let subordinate: Employee;
  let expected: Record<string, number>;

  beforeAll(async () => {
    app = await TestApp.start();
    c = new Competent(app);
    await c.init();
    app.clock.set('2028-01-20T01:00:00Z');
    await c.givenOrg();
    nurse = await c.nurse({
      name: 'Hana Itlay',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala Ruang Rawat Inap',
    });
    subordinate = await c.nurse({ name: 'Lince Mabel', supervisor: nurse });
    const {
      realizations,
      evaluations,
      audits: written,
    } = await writeLongRecord(
      app.db,
      { nurse, subordinate, head: c.org.head, kadinkes: c.org.kadinkes, unitId: c.org.pkm.rowId },
      SIZE,
    );
    let audits = written;
    // Her record's own entries (created through the service by the fixtures) are about her too.
    const own: Array<{ n: number | string }> = await app.db.manager.query(
      "SELECT COUNT(*) AS n FROM audit_entry WHERE entity_type = 'Employee' AND entity_id = ?",
      [nurse.rowId],
    );
    audits += Number(own[0]!.n);
    expected = {
      employee: 1,
      appraisals: SIZE.years,
      realizations,
      dailyActivities: SIZE.activities,
      feedbackReceived: SIZE.feedbackReceived,
      feedbackGiven: SIZE.feedbackGiven,
      evaluations,
      objections: 1,
      competencyAssessments: 5,
      developmentSuggestions: 3,
      // Hidden from the person herself by default (TALENT_VISIBLE_TO_SELF off), as over GraphQL.
      potentialRatings: 0,
      talentPlacements: 0,
      auditEntries: audits,
    };
    expect(realizations).toBe(SIZE.years * SIZE.rhks * SIZE.indicatorsPerRhk * 12);
  }, 180_000);
  afterAll(() => app?.stop());

  /** Rows each statement returned while `work` ran, with the statement (the server runs in this process). */
  async function rowsPerStatement<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; reads: Array<{ rows: number; sql: string }> }> {
    const runner = app.db.dataSource.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
    await runner.release();
    const original = proto.query;
    const reads: Array<{ rows: number; sql: string }> = [];
    proto.query = async function (this: unknown, ...args: unknown[]) {
      const result = await original.apply(this, args);
      const records = Array.isArray(result)
        ? result
        : Array.isArray((result as { records?: unknown[] } | undefined)?.records)
          ? (result as { records: unknown[] }).records
          : [];
      reads.push({ rows: records.length, sql: String(args[0]).replace(/\s+/g, ' ').slice(0, 160) });
      return result;
    };
    try {
      return { result: await work(), reads };
    } finally {
      proto.query = original;
    }
  }

  it('streams four years of plans, a year of daily logs and the feedback in pages of bounded size; the JSON parses with every row', async () => {
    const token = await c.token(nurse);
    const { result: res, reads } = await rowsPerStatement(() => fetchFile(app, '/exports/me.json', token));
    expect(res.status).toBe(200);
    const file = res.json!;
    expect(file.counts).toEqual(expected);
    for (const [name, count] of Object.entries(expected)) expect(sectionOf(file, name)).toHaveLength(count);
    // Nothing is lost or repeated across page boundaries.
    for (const name of ['realizations', 'dailyActivities', 'auditEntries'])
      expect(new Set(sectionOf(file, name).map((r) => JSON.stringify([r.id, r.entityType]))).size).toBe(expected[name]);
    expect(
      sectionOf(file, 'evaluations')
        .filter((e) => e.kind === 'ANNUAL')
        .every((e) => (e.behaviors as Section).length === 7),
    ).toBe(true);
    // Her appraiser's and his supervisor's NIPs are on hundreds of her rows; she may read neither.
    for (const other of [c.org.head, c.org.kadinkes]) expect(res.text).not.toContain(other.nip);
    // The one she supervises she may read, as everyone above a person reads their NIP.
    expect(sectionOf(file, 'feedbackGiven')[0]).toMatchObject({
      recipient: { id: egid(subordinate), nip: subordinate.nip },
    });
    expect(sectionOf(file, 'evaluations')[0]).toMatchObject({ ratedBySubject: null });
    expect(sectionOf(file, 'auditEntries').find((e) => e.action === 'EVALUATION_RECORDED')).toMatchObject({
      actorSubject: null,
      after: { ratedBySubject: null, predikat: 'BAIK' },
    });

    // Flat memory, structurally: no statement read more than a page, however many rows the file has.
    const largest = reads.reduce((a, b) => (b.rows > a.rows ? b : a), { rows: 0, sql: '' });
    expect(largest.rows).toBeLessThanOrEqual(PERSONAL_DATA_PAGE);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(4 * PERSONAL_DATA_PAGE);
    // Several pages were read per large section (the file is not one statement per section).
    expect(reads.filter((r) => /FROM daily_activity x/.test(r.sql)).length).toBeGreaterThan(1);
    process.stdout.write(
      `\npersonal data file: ${total} rows, ${(res.text.length / 1024).toFixed(0)} KiB, ${reads.length} statements, at most ${largest.rows} rows per statement\n`,
    );
  }, 120_000);
});
