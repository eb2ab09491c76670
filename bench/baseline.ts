import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import mysql, { type ResultSetHeader } from 'mysql2';
import { type Pool, type PoolConnection } from 'mysql2/promise';
import { jwtVerify } from 'jose';
import { parseDatabaseUrl } from '../src/core/database/database-url';
import { localDateOf } from '../src/core/time/local-date';
import { CoreValue } from '../src/modules/work-plan/core-values';
import { Predikat } from '../src/modules/evaluation/evaluation-enums';
import { type OrganisationRating } from '../src/modules/evaluation/evaluation-enums';
import { curveViolations } from '../src/modules/evaluation/distribution-curve';
import { globalId, type OperationName } from './operations';

/**
 * The baseline of `docs/performance.md`: a plain `node:http` server that answers O1–O5 with hand-written, batched SQL
 * on `mysql2` — the same statements the service issues (same tables, predicates and batching, one per loader),
 * narrowed to the columns the answer needs — and builds the same JSON by hand. No GraphQL, no ORM, no policy
 * engine: only the token check and the scoping a correct answer needs. It is the physical limit the service's
 * throughput is quoted against. Pure domain functions (the distribution curve) are shared with
 * the service: they are arithmetic, not framework.
 */

type Row = Record<string, unknown>;
type Json = unknown;

export interface BaselineOptions {
  databaseUrl: string;
  jwtSecret: string;
  timeZone: string;
  poolSize?: number;
  /** Called when a response has been sent (the host counts requests with it). */
  onRequestFinished?: () => void;
}

export interface RunningBaseline {
  url: string;
  /** SQL statements sent since start, counted by this server (a cross-check of MariaDB's `Questions`). */
  statements(): number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const displayName = (r: Row): string => {
  const core = r.title_prefix ? `${String(r.title_prefix)} ${String(r.name)}` : String(r.name);
  return r.title_suffix ? `${core}, ${String(r.title_suffix)}` : core;
};
/** Rows grouped by a key column, keeping their order. */
function groupBy(rows: Row[], key: string): Map<number, Row[]> {
  const map = new Map<number, Row[]>();
  for (const r of rows) {
    const k = Number(r[key]);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

export async function startBaseline(options: BaselineOptions): Promise<RunningBaseline> {
  const target = parseDatabaseUrl(options.databaseUrl);
  if (target.kind !== 'mysql') throw new Error('The baseline runs on MySQL/MariaDB only.');
  const poolSize = options.poolSize ?? 10;
  const core = mysql.createPool({
    host: target.host,
    port: target.port,
    user: target.username,
    password: target.password,
    database: target.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    connectionLimit: poolSize,
    maxIdle: poolSize,
    enableKeepAlive: true,
  });
  // The same session setup as the service's pool (every connection pinned to UTC).
  core.on('connection', (connection) => connection.query("SET time_zone = '+00:00'"));
  const pool: Pool = core.promise();
  const secret = new TextEncoder().encode(options.jwtSecret);
  let statements = 0;

  const q = async (sql: string, params: unknown[] = [], on: Pool | PoolConnection = pool): Promise<Row[]> => {
    statements += 1;
    const [result] = await on.query(sql, params);
    return result as Row[];
  };
  const today = () => localDateOf(new Date(), options.timeZone);

  /** The token's subject, then the principal's row: the service's authentication, one statement. */
  async function principal(authorization: string | undefined): Promise<Row> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (!token) throw new HttpError(401, 'no token');
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    const [me] = await q('SELECT id, nip FROM employee WHERE nip = ? AND active = 1 LIMIT 1', [payload.sub]);
    if (!me) throw new HttpError(401, 'unknown principal');
    return me;
  }

  /** The period containing today (region time), as `currentPeriod` resolves it: read once per 30 s, as the service does. */
  let periodCache: { day: string; id: number | null; at: number } | undefined;
  async function currentPeriodId(): Promise<number | null> {
    const day = today();
    if (periodCache && periodCache.day === day && Date.now() - periodCache.at < 30_000) return periodCache.id;
    const [period] = await q('SELECT id FROM performance_period WHERE start_date <= ? AND end_date >= ?', [day, day]);
    periodCache = { day, id: period ? Number(period.id) : null, at: Date.now() };
    return periodCache.id;
  }

  const contentCache = new Map<number, { version: number; rhks: Row[]; indicators: Row[] }>();
  const progressCache = new Map<
    number,
    { stamp: string; latestOf: Map<number, Row | null>; feedbackOn: Map<number, Row[]> }
  >();

  async function o1(me: Row, variables: Row): Promise<Json> {
    const n = Number(variables.n ?? 20);
    // The service's statements: the page with its total (window functions), the plans, the RHK with their
    // indicators, the latest realization per indicator, its feedback.
    const page = await q(
      `SELECT e.id, e.name, e.title_prefix, e.title_suffix, e.position_title, g._total AS total FROM employee e
         JOIN (SELECT m.id AS _id, ROW_NUMBER() OVER (ORDER BY m.name, m.id) AS _rn, COUNT(*) OVER () AS _total
                 FROM employee m JOIN employee_closure below ON below.descendant_id = m.id AND below.depth = 1
                WHERE below.ancestor_id = ? AND m.active = 1) g ON g._id = e.id
        WHERE g._rn <= ? ORDER BY g._rn`,
      [me.id, n + 1],
    );
    const count = { total: page[0]?.total ?? 0 };
    const people = page.slice(0, n);
    const periodId = await currentPeriodId();
    const plans =
      periodId === null || people.length === 0
        ? []
        : await q(
            'SELECT id, employee_id, status, version, progress_version FROM appraisal WHERE open_period_id = ? AND employee_id IN (?)',
            [periodId, people.map((p) => p.id)],
          );
    const planOf = new Map(plans.map((a) => [Number(a.employee_id), a]));
    // The service's plan content cache (`plan-content-cache.ts`): RHK and IKI read once per plan version.
    const missed = plans.filter((a) => contentCache.get(Number(a.id))?.version !== Number(a.version));
    const joined = missed.length
      ? await q(
          `SELECT rhk.id AS rid, rhk.appraisal_id, rhk.kind, i.id, i.work_result_plan_id, i.text, i.target_value, i.target_unit
             FROM work_result_plan rhk LEFT JOIN indicator i ON i.work_result_plan_id = rhk.id
            WHERE rhk.appraisal_id IN (?) ORDER BY rhk.kind DESC, rhk.position, rhk.id, i.position, i.id`,
          [missed.map((a) => a.id)],
        )
      : [];
    const read = new Map<number, { rhks: Row[]; indicators: Row[] }>(
      missed.map((a) => [Number(a.id), { rhks: [], indicators: [] }]),
    );
    for (const row of joined) {
      const content = read.get(Number(row.appraisal_id))!;
      if (content.rhks.at(-1)?.id !== row.rid)
        content.rhks.push({ id: row.rid, appraisal_id: row.appraisal_id, kind: row.kind });
      if (row.id !== null) content.indicators.push(row);
    }
    for (const a of missed) contentCache.set(Number(a.id), { version: Number(a.version), ...read.get(Number(a.id))! });
    const rhks = plans.flatMap((a) => contentCache.get(Number(a.id))!.rhks);
    const indicators = plans.flatMap((a) => contentCache.get(Number(a.id))!.indicators);
    // The service's plan progress cache (`plan-progress-cache.ts`): latest realizations and their feedback read
    // once per (plan version, progress version).
    const stampOf = (a: Row) => `${a.version}:${a.progress_version}`;
    const stalePlans = new Set(
      plans.filter((a) => progressCache.get(Number(a.id))?.stamp !== stampOf(a)).map((a) => Number(a.id)),
    );
    const rhkPlan = new Map(rhks.map((w) => [Number(w.id), Number(w.appraisal_id)]));
    const staleIndicators = indicators.filter((i) => stalePlans.has(rhkPlan.get(Number(i.work_result_plan_id))!));
    const realizations = staleIndicators.length
      ? await q(
          `SELECT r.id, r.indicator_id, r.sub_period, r.value FROM realization r
             JOIN (SELECT x.indicator_id AS iid, MAX(x.sub_period) AS sp FROM realization x WHERE x.indicator_id IN (?) GROUP BY x.indicator_id) latest
               ON latest.iid = r.indicator_id AND latest.sp = r.sub_period`,
          [staleIndicators.map((i) => i.id)],
        )
      : [];
    const feedback = realizations.length
      ? await q(
          "SELECT target_id, text FROM feedback WHERE target_kind = 'REALIZATION' AND target_id IN (?) ORDER BY id",
          [realizations.map((r) => r.id)],
        )
      : [];
    const readLatest = new Map(realizations.map((r) => [Number(r.indicator_id), r]));
    const readFeedback = groupBy(feedback, 'target_id');
    for (const a of plans) {
      if (!stalePlans.has(Number(a.id))) continue;
      const mine = staleIndicators.filter((i) => rhkPlan.get(Number(i.work_result_plan_id)) === Number(a.id));
      const latestOf = new Map(mine.map((i) => [Number(i.id), readLatest.get(Number(i.id)) ?? null]));
      const feedbackOn = new Map(
        [...latestOf.values()]
          .filter((r): r is Row => r !== null)
          .map((r) => [Number(r.id), readFeedback.get(Number(r.id)) ?? []]),
      );
      progressCache.set(Number(a.id), { stamp: stampOf(a), latestOf, feedbackOn });
    }
    const latest = new Map<number, Row>();
    const feedbackOn = new Map<number, Row[]>();
    for (const a of plans) {
      const progress = progressCache.get(Number(a.id))!;
      for (const [indicatorId, r] of progress.latestOf) if (r) latest.set(indicatorId, r);
      for (const [realizationId, list] of progress.feedbackOn) feedbackOn.set(realizationId, list);
    }
    const rhksOf = groupBy(rhks, 'appraisal_id');
    const indicatorsOf = groupBy(indicators, 'work_result_plan_id');
    return {
      viewer: {
        team: {
          totalCount: Number(count?.total ?? 0),
          nodes: people.map((p) => {
            const plan = planOf.get(Number(p.id));
            return {
              id: globalId('Employee', Number(p.id)),
              displayName: displayName(p),
              positionTitle: p.position_title,
              currentAppraisal: plan
                ? {
                    id: globalId('Appraisal', Number(plan.id)),
                    status: plan.status,
                    workResultPlans: (rhksOf.get(Number(plan.id)) ?? []).map((w) => ({
                      kind: w.kind,
                      indicators: (indicatorsOf.get(Number(w.id)) ?? []).map((i) => {
                        const r = latest.get(Number(i.id));
                        return {
                          id: globalId('Indicator', Number(i.id)),
                          text: i.text,
                          targetValue: num(i.target_value),
                          targetUnit: i.target_unit,
                          latestRealization: r
                            ? {
                                subPeriod: Number(r.sub_period),
                                value: num(r.value),
                                feedback: (feedbackOn.get(Number(r.id)) ?? []).map((f) => ({ text: f.text })),
                              }
                            : null,
                        };
                      }),
                    })),
                  }
                : null,
            };
          }),
        },
      },
    };
  }

  const ownContentCache = new Map<number, { version: number; rhks: Row[]; indicators: Row[] }>();

  async function o2(me: Row): Promise<Json> {
    const periodId = await currentPeriodId();
    const [plan] =
      periodId === null
        ? []
        : await q('SELECT id, status, version FROM appraisal WHERE open_period_id = ? AND employee_id IN (?)', [
            periodId,
            [me.id],
          ]);
    if (!plan) return { viewer: { currentAppraisal: null } };
    const cached = ownContentCache.get(Number(plan.id));
    const known = cached?.version === Number(plan.version) ? cached : undefined;
    const [feedback, expectations, evaluations, rhks] = await Promise.all([
      q('SELECT id, text, target_kind, reply FROM feedback WHERE appraisal_id IN (?) ORDER BY id DESC', [[plan.id]]),
      q('SELECT core_value, expectation FROM behavior_expectation WHERE appraisal_id IN (?)', [[plan.id]]),
      q(
        'SELECT id, kind, sub_period, result_rating, behavior_rating, predikat FROM evaluation WHERE appraisal_id IN (?) ORDER BY kind DESC, sub_period',
        [[plan.id]],
      ),
      // The service's plan content cache, as in O1: RHK and IKI read once per plan version.
      known
        ? Promise.resolve(known.rhks)
        : q('SELECT id, kind, text FROM work_result_plan WHERE appraisal_id IN (?) ORDER BY kind DESC, position, id', [
            [plan.id],
          ]),
    ]);
    const indicators = known
      ? known.indicators
      : rhks.length
        ? await q(
            'SELECT id, work_result_plan_id, text, target_value, target_unit FROM indicator WHERE work_result_plan_id IN (?) ORDER BY position, id',
            [rhks.map((r) => r.id)],
          )
        : [];
    if (!known) ownContentCache.set(Number(plan.id), { version: Number(plan.version), rhks, indicators });
    const realizations = indicators.length
      ? await q(
          'SELECT id, indicator_id, sub_period, value, statement, narrative, version FROM realization WHERE indicator_id IN (?) ORDER BY sub_period',
          [indicators.map((i) => i.id)],
        )
      : [];
    const indicatorsOf = groupBy(indicators, 'work_result_plan_id');
    const realizationsOf = groupBy(realizations, 'indicator_id');
    const expectation = new Map(expectations.map((e) => [String(e.core_value), e.expectation]));
    return {
      viewer: {
        currentAppraisal: {
          id: globalId('Appraisal', Number(plan.id)),
          status: plan.status,
          version: Number(plan.version),
          workResultPlans: rhks.map((w) => ({
            id: globalId('WorkResultPlan', Number(w.id)),
            kind: w.kind,
            text: w.text,
            indicators: (indicatorsOf.get(Number(w.id)) ?? []).map((i) => ({
              id: globalId('Indicator', Number(i.id)),
              text: i.text,
              targetValue: num(i.target_value),
              targetUnit: i.target_unit,
              realizations: (realizationsOf.get(Number(i.id)) ?? []).map((r) => ({
                id: globalId('Realization', Number(r.id)),
                subPeriod: Number(r.sub_period),
                value: num(r.value),
                statement: r.statement,
                narrative: r.narrative,
                version: Number(r.version),
              })),
            })),
          })),
          feedback: feedback.map((f) => ({
            id: globalId('Feedback', Number(f.id)),
            text: f.text,
            targetKind: f.target_kind,
            reply: f.reply,
          })),
          behaviors: Object.values(CoreValue).map((v) => ({
            coreValue: v,
            specificExpectation: expectation.get(v) ?? null,
          })),
          evaluations: evaluations.map((e) => ({
            id: globalId('Evaluation', Number(e.id)),
            kind: e.kind,
            subPeriod: Number(e.sub_period),
            resultRating: e.result_rating,
            behaviorRating: e.behavior_rating,
            predikat: e.predikat,
          })),
        },
      },
    };
  }

  /**
   * O3 (`O3_DOCUMENT`): `analytics(breakdown: UNIT) { distribution completion }` for a region-wide HR admin, with
   * the statements `analytics.service.ts` issues: the unit, the period, the two aggregates over the scoped plans
   * (`scopedPlans` of `analytics-scope.ts`, no HR-scope join: the admin's token has no unit), run side by side as
   * the two field resolvers run, then one read of the group units' names for the labels.
   */
  async function baselineO3(variables: Row): Promise<Json> {
    const unitId = idOf(variables.unitId, 'Unit');
    const periodId = idOf(variables.periodId, 'PerformancePeriod');
    const [unit] = await q('SELECT id FROM unit WHERE id IN (?)', [[unitId]]);
    const [period] = await q('SELECT id FROM performance_period WHERE id IN (?)', [[periodId]]);
    if (!unit || !period) return { analytics: null };
    const scoped = `FROM appraisal plan
    JOIN unit_closure within ON within.descendant_id = plan.unit_id AND within.ancestor_id = ?
    JOIN performance_period period ON period.id = plan.period_id WHERE plan.status <> 'CLOSED' AND plan.period_id = ?`;
    const day = today();
    const [distributionRows, completionRows] = await Promise.all([
      q(
        `SELECT plan.unit_id AS k, ev.predikat AS predikat, COUNT(*) AS n, MAX(ur.rating) AS \`unitRating\`
           ${scoped.replace(
             'FROM appraisal plan',
             `FROM appraisal plan
           LEFT JOIN evaluation ev ON ev.appraisal_id = plan.id AND ev.kind = 'ANNUAL' AND ev.sub_period = 0
           LEFT JOIN unit_rating ur ON ur.unit_id = plan.unit_id AND ur.period_id = plan.period_id`,
           )}
          GROUP BY plan.unit_id, ev.predikat
          ORDER BY plan.unit_id`,
        [unitId, periodId],
      ),
      q(
        `SELECT plan.unit_id AS k, plan.status AS status, COUNT(*) AS n,
                SUM(CASE WHEN plan.status IN ('DRAFT', 'SUBMITTED', 'RETURNED') AND period.planning_deadline < ? THEN 1 ELSE 0 END) AS po,
                SUM(CASE WHEN plan.status NOT IN ('EVALUATED', 'FINAL') AND period.annual_evaluation_deadline < ? THEN 1 ELSE 0 END) AS eo
           ${scoped}
          GROUP BY plan.unit_id, plan.status
          ORDER BY plan.unit_id`,
        [day, day, unitId, periodId],
      ),
    ]);

    const predikats = Object.values(Predikat);
    const distribution = new Map<
      number,
      { counts: Record<Predikat, number>; pending: number; unitRating: OrganisationRating | null }
    >();
    for (const row of distributionRows) {
      const k = Number(row.k);
      let g = distribution.get(k);
      if (!g)
        distribution.set(
          k,
          (g = {
            counts: Object.fromEntries(predikats.map((p) => [p, 0])) as Record<Predikat, number>,
            pending: 0,
            unitRating: null,
          }),
        );
      if (row.predikat === null) g.pending += Number(row.n);
      else g.counts[row.predikat as Predikat] = Number(row.n);
      g.unitRating = g.unitRating ?? (row.unitRating as OrganisationRating | null);
    }
    const completion = new Map<number, Record<string, number>>();
    for (const row of completionRows) {
      const k = Number(row.k);
      let g = completion.get(k);
      if (!g) completion.set(k, (g = { total: 0, po: 0, eo: 0 }));
      g[String(row.status)] = Number(row.n);
      g.total! += Number(row.n);
      g.po! += Number(row.po ?? 0);
      g.eo! += Number(row.eo ?? 0);
    }
    const keys = [...new Set([...distribution.keys(), ...completion.keys()])];
    const names = new Map(
      (keys.length ? await q('SELECT id, name FROM unit WHERE id IN (?)', [keys]) : []).map((u) => [
        Number(u.id),
        String(u.name),
      ]),
    );
    const label = (k: number) => ({ key: globalId('Unit', k), label: names.get(k) ?? String(k) });

    return {
      analytics: {
        distribution: [...distribution].map(([k, g]) => {
          const rated = predikats.reduce((s, p) => s + g.counts[p], 0);
          return {
            ...label(k),
            employees: rated + g.pending,
            pending: g.pending,
            counts: predikats.map((predikat) => ({
              predikat,
              count: g.counts[predikat],
              share: rated === 0 ? null : Math.round((g.counts[predikat] / rated) * 10_000) / 10_000,
            })),
            unitRating: g.unitRating,
            violations: g.unitRating
              ? curveViolations(g.unitRating, g.counts).map((v) => ({
                  rule: v.bound.description,
                  count: v.count,
                  total: v.total,
                }))
              : [],
          };
        }),
        completion: [...completion].map(([k, g]) => ({
          ...label(k),
          employees: g.total!,
          draft: g.DRAFT ?? 0,
          submitted: g.SUBMITTED ?? 0,
          returned: g.RETURNED ?? 0,
          approved: g.APPROVED ?? 0,
          revising: g.REVISING ?? 0,
          evaluated: g.EVALUATED ?? 0,
          final: g.FINAL ?? 0,
          planningOverdue: g.po!,
          evaluationOverdue: g.eo!,
        })),
      },
    };
  }

  async function o4(me: Row, variables: Row): Promise<Json> {
    const input = (variables.input ?? {}) as Row;
    const indicatorId = idOf(input.indicatorId, 'Indicator');
    const subPeriod = Number(input.subPeriod);
    const failure = (code: string, field: string, message: string, currentVersion: number | null = null) => ({
      recordRealization: {
        realization: null,
        userErrors: [{ code, field: ['input', field], message, currentVersion }],
      },
    });
    const connection = await pool.getConnection();
    try {
      statements += 1;
      await connection.query('START TRANSACTION');
      const outcome = await (async () => {
        const [indicator] = await q(
          'SELECT id, work_result_plan_id FROM indicator WHERE id IN (?)',
          [[indicatorId]],
          connection,
        );
        const [rhk] = indicator
          ? await q(
              'SELECT id, appraisal_id FROM work_result_plan WHERE id IN (?)',
              [[indicator.work_result_plan_id]],
              connection,
            )
          : [];
        if (!indicator || !rhk) return failure('NOT_FOUND', 'indicatorId', 'No such indicator.');
        const [plan] = await q(
          'SELECT id, employee_id, period_id, status, start_date, end_date FROM appraisal WHERE id = ? FOR UPDATE',
          [rhk.appraisal_id],
          connection,
        );
        if (!plan || Number(plan.employee_id) !== Number(me.id))
          return failure('NOT_FOUND', 'indicatorId', 'No such plan (SKP).');
        const [period] = await q(
          'SELECT id, status, start_date FROM performance_period WHERE id IN (?)',
          [[plan.period_id]],
          connection,
        );
        if (!period || period.status === 'CLOSED' || (plan.status !== 'APPROVED' && plan.status !== 'REVISING'))
          return failure('INVALID_STATE', 'indicatorId', 'The plan is not open.');
        const start = `${String(period.start_date).slice(0, 4)}-${String(subPeriod).padStart(2, '0')}-01`;
        if (!(subPeriod >= 1 && subPeriod <= 12) || start > today())
          return failure('INVALID', 'subPeriod', 'No such month, or not started.');
        const [evaluated] = await q(
          "SELECT 1 AS hit FROM evaluation WHERE appraisal_id = ? AND kind = 'PERIODIC' AND sub_period = ? LIMIT 1",
          [plan.id, subPeriod],
          connection,
        );
        if (evaluated) return failure('INVALID_STATE', 'subPeriod', 'That month is rated.');
        const [existing] = await q(
          'SELECT * FROM realization WHERE indicator_id = ? AND sub_period = ? LIMIT 1',
          [indicator.id, subPeriod],
          connection,
        );
        if (!existing) return failure('NOT_FOUND', 'subPeriod', 'Nothing recorded to correct.');
        const version = Number(existing.version);
        if (input.expectedVersion !== version)
          return failure('CONFLICT', 'expectedVersion', 'The realization changed since you read it.', version);
        const value = input.value === undefined ? null : Number(input.value);
        const now = new Date(Math.floor(Date.now() / 1000) * 1000);
        // As the service's changePlanProgress: the dashboard's cached progress of this plan is now stale.
        await q('UPDATE appraisal SET progress_version = progress_version + 1 WHERE id = ?', [plan.id], connection);
        statements += 1;
        const [update] = await connection.query<ResultSetHeader>(
          'UPDATE realization SET value = ?, statement = ?, narrative = ?, evidence = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?',
          [value, input.statement ?? null, input.narrative ?? null, existing.evidence, now, existing.id, version],
        );
        if (update.affectedRows !== 1)
          return failure('CONFLICT', 'expectedVersion', 'The realization changed since you read it.', version);
        const snapshot = (v: unknown, ver: number) =>
          JSON.stringify({
            id: existing.id,
            indicatorId: indicator.id,
            appraisalId: plan.id,
            subPeriod,
            value: v,
            version: ver,
          });
        await q(
          'INSERT INTO audit_entry (occurred_at, actor_kind, actor_employee_id, actor_subject, action, entity_type, entity_id, `before`, `after`, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            now,
            'employee',
            me.id,
            me.nip,
            'REALIZATION_UPDATED',
            'Realization',
            existing.id,
            snapshot(num(existing.value), version),
            snapshot(value, version + 1),
            randomUUID(),
          ],
          connection,
        );
        return {
          recordRealization: {
            realization: { id: globalId('Realization', Number(existing.id)), subPeriod, value, version: version + 1 },
            userErrors: [],
          },
        };
      })();
      statements += 1;
      await connection.query(outcome.recordRealization.userErrors.length ? 'ROLLBACK' : 'COMMIT');
      return outcome;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  async function o5(me: Row, variables: Row): Promise<Json> {
    const id = idOf(variables.id, 'Employee');
    const [employee] = await q(
      'SELECT id, name, title_prefix, title_suffix, position_title, unit_id FROM employee WHERE id IN (?)',
      [[id]],
    );
    // Directory fields are for every signed-in employee: no relation to look up (personal fields would need one).
    if (!employee || !me) return { node: null };
    const [unit] = await q('SELECT name FROM unit WHERE id IN (?)', [[employee.unit_id]]);
    return {
      node: {
        id: globalId('Employee', Number(employee.id)),
        displayName: displayName(employee),
        positionTitle: employee.position_title,
        unit: unit ? { name: unit.name } : null,
      },
    };
  }

  async function answer(operation: OperationName, authorization: string | undefined, variables: Row): Promise<Json> {
    const me = await principal(authorization);
    switch (operation) {
      case 'O1':
        return o1(me, variables);
      case 'O2':
        return o2(me);
      case 'O3':
        return baselineO3(variables);
      case 'O4':
        return o4(me, variables);
      case 'O5':
        return o5(me, variables);
    }
  }

  const server = http.createServer((req, res) => {
    res.on('finish', () => options.onRequestFinished?.());
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          if (req.method !== 'POST') throw new HttpError(405, 'POST only');
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            operationName?: OperationName;
            variables?: Row;
          };
          const data = await answer(
            body.operationName ?? ('?' as OperationName),
            req.headers.authorization,
            body.variables ?? {},
          );
          if (data === undefined) throw new HttpError(400, `unknown operation ${String(body.operationName)}`);
          const text = JSON.stringify({ data });
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        } catch (error) {
          const status = error instanceof HttpError ? error.status : 500;
          const text = JSON.stringify({
            errors: [{ message: error instanceof Error ? error.message : String(error) }],
          });
          res.writeHead(status, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    statements: () => statements,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

/** A global id of the given type, or -1 (matches nothing) for anything else. */
function idOf(value: unknown, typeName: string): number {
  if (typeof value !== 'string') return -1;
  const match = /^([A-Za-z]+):(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  return match && match[1] === typeName ? Number(match[2]) : -1;
}
