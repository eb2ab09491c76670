import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { type TestApp } from '../support/test-app';
import { PAIR_FOR, type PredikatName, wit, type Year } from './evaluation-helpers';
import { firstIndicator, FollowThrough } from './follow-through-helpers';
import { type PlanOut } from './planning-helpers';

/**
 * The hand-built fixture of the analytics e2e files (issue 6), and the queries they send. Not a test file itself.
 *
 * Dinas Kesehatan (DINKES: its head, JPT IV/c, plan DRAFT)
 *  └ UPTD Puskesmas Walesi (PKM: head Agustina, PENGAWAS III/a, plan APPROVED, unrated; unit rated BAIK)
 *     n1 FUNG III/a '%' 95  → Q1 80, Q2 95   (1.0)     annual BAIK   Q1 BAIK  Q2 BAIK          2026: SANGAT_BAIK
 *     n2 FUNG III/a '%' 80  → Q1 90, Q2 60   (0.75)    annual BAIK   Q1 BAIK  Q2 SANGAT_KURANG 2026: BAIK
 *     n3 FUNG III/b 120 bayi → Q1 60, Q2 70  (1.0833)  annual BAIK   Q1 SANGAT_BAIK            2026: BAIK
 *     n4 FUNG III/b 120 bayi → nothing                 annual BAIK                             2026: BAIK
 *     n5 FUNG III/b 120 bayi → Q1 30         (0.25)    annual BAIK   Q1 BUTUH_PERBAIKAN        2026: BUTUH_PERBAIKAN
 *     n6 PELAKSANA II/c 100 dokumen → Q1 100 (1.0)     annual SANGAT_KURANG  Q1 BAIK
 *     n7 FUNG III/b plan DRAFT;  n8 FUNG III/a plan SUBMITTED
 *     head: 120 bayi → Q1 30, Q2 40 (0.5833)
 *     └ Pustu Walesi (PUSTU: unit rated BUTUH_PERBAIKAN, finalized)
 *        lead PENGAWAS III/c (under the head) 'persen' 90 → Q1 45 (0.5)  annual KURANG_MISCONDUCT
 *        b1 FUNG III/a 120 bayi → Q1 120 (1.0)  annual SANGAT_BAIK;  b2 FUNG III/a → Q1 60 (0.5)  annual SANGAT_BAIK
 *        b3 FUNG III/a plan RETURNED
 * Feedback on realizations (hours after the realization): head's Q1 2h (by the kadinkes), n1 Q1 4h (and a later
 * one at 5h), n2 Q1 10h, n3 Q1 30h, b1 Q1 6h. Daily log: n1 three entries (acknowledged after 1h, returned after
 * 5h, open), n2 two (acknowledged after 24h, open).
 */

export interface Member {
  owner: Employee;
  plan: PlanOut;
}

export interface AnalyticsFixture {
  e: FollowThrough;
  year: Year;
  y2026: Year;
  dinkes: Unit;
  pkm: Unit;
  pustu: Unit;
  kadinkes: Employee;
  head: Employee;
  lead: Employee;
  leadRhk: string;
  n: Member[];
  b: Member[];
  /** Plan ids by name, for the overdue list and the results rows. */
  plans: Record<string, string>;
  tokens: { hr: string; analyst: string; client: string; integration: string; scopedHr: string };
}

export const gid = (type: string, id: number): string => toGlobalId(type, id);
export const unitGid = (u: Unit): string => toGlobalId('Unit', u.rowId);

let fixtureSequence = 0;

/** Builds the fixture above over HTTP (plans, realizations, feedback, the daily log, ratings, unit ratings). */
export async function buildAnalyticsFixture(app: TestApp): Promise<AnalyticsFixture> {
  const n0 = ++fixtureSequence;
  const e = await new FollowThrough(app).init();
  const f = app.fixtures;
  app.clock.set('2026-01-05T01:00:00Z');
  const { dinkes, pkm, kadinkes, head } = await e.givenOrg();
  const pustu = await f.unit({ code: `AN${n0}-PUSTU`, name: 'Pustu Walesi', parent: pkm });

  const staff = async (
    name: string,
    grade: string,
    kind: PositionKind = PositionKind.FUNGSIONAL,
    unit: Unit = pkm,
    supervisor: Employee = head,
  ) =>
    f.employee({
      unit,
      supervisor,
      name,
      grade,
      positionKind: kind,
      positionTitle: kind === PositionKind.PELAKSANA ? 'Pengadministrasi Umum' : 'Perawat Ahli Pertama',
    });
  const nurses = [
    await staff('Nurse One', 'III/a'),
    await staff('Nurse Two', 'III/a'),
    await staff('Nurse Three', 'III/b'),
    await staff('Nurse Four', 'III/b'),
    await staff('Nurse Five', 'III/b'),
    await staff('Clerk Six', 'II/c', PositionKind.PELAKSANA),
    await staff('Nurse Seven', 'III/b'),
    await staff('Nurse Eight', 'III/a'),
  ];
  const lead = await staff('Lead Pustu', 'III/c', PositionKind.PENGAWAS, pustu);
  const bidan = [
    await staff('Bidan One', 'III/a', PositionKind.FUNGSIONAL, pustu, lead),
    await staff('Bidan Two', 'III/a', PositionKind.FUNGSIONAL, pustu, lead),
    await staff('Bidan Three', 'III/a', PositionKind.FUNGSIONAL, pustu, lead),
  ];

  // 2026: five nurses rated for the year (the trend across years); the year is then closed.
  const y2026 = await e.givenYear(2026);
  const plans2026: PlanOut[] = [];
  for (const owner of nurses.slice(0, 5))
    plans2026.push(await e.approvedPlan(owner, head, y2026.headRhk, y2026.period.id));
  await e.movePeriodTo(y2026.period, 'EVALUATING');
  app.clock.set('2027-01-03T01:00:00Z');
  const spread2026: PredikatName[] = ['SANGAT_BAIK', 'BAIK', 'BAIK', 'BAIK', 'BUTUH_PERBAIKAN'];
  for (const [i, plan] of plans2026.entries()) await e.rateInto(plan, spread2026[i]!);
  await e.movePeriodTo(y2026.period, 'CLOSED');

  // 2027: the plans.
  app.clock.set('2027-01-04T01:00:00Z');
  const year = await e.givenYear(2027);
  const pid = year.period.id;
  const indicators: Array<Record<string, unknown>> = [
    { targetValue: 95, targetUnit: '%' },
    { targetValue: 80, targetUnit: '%' },
    {},
    {},
    {},
    { targetValue: 100, targetUnit: 'dokumen' },
  ];
  const n: Member[] = [];
  for (const [i, values] of indicators.entries())
    n.push({ owner: nurses[i]!, plan: await e.approvedPlan(nurses[i]!, head, year.headRhk, pid, values) });
  n.push({ owner: nurses[6]!, plan: await e.readyPlan(nurses[6]!, year.headRhk, { periodId: pid }) });
  n.push({
    owner: nurses[7]!,
    plan: await e.step('submitAppraisal', await e.readyPlan(nurses[7]!, year.headRhk, { periodId: pid }), nurses[7]!),
  });
  const leadPlan = await e.approvedPlan(lead, head, year.headRhk, pid, { targetValue: 90, targetUnit: 'persen' });
  const leadRhk = leadPlan.workResultPlans[0]!.id;
  const b: Member[] = [];
  for (const owner of bidan.slice(0, 2)) b.push({ owner, plan: await e.approvedPlan(owner, lead, leadRhk, pid) });
  const b3ready = await e.readyPlan(bidan[2]!, leadRhk, { periodId: pid });
  b.push({ owner: bidan[2]!, plan: await e.bringTo(b3ready, 'RETURNED', bidan[2]!, lead) });
  await e.movePeriodTo(year.period, 'RUNNING');

  // Realizations, each at a known instant, and feedback a known number of hours later.
  const realize = async (m: { owner: Employee; plan: PlanOut }, sub: number, value: number, at: string) => {
    app.clock.set(at);
    return e.recordOk({ indicatorId: firstIndicator(m.plan), subPeriod: sub, value }, m.owner);
  };
  const feedback = async (realizationId: string, by: Employee, at: string) => {
    app.clock.set(at);
    await e.give({ target: 'REALIZATION', targetId: realizationId, text: 'Terima kasih, lanjutkan.' }, by);
  };
  const headM = { owner: head, plan: year.headPlan };
  const leadM = { owner: lead, plan: leadPlan };
  const rHead = await realize(headM, 1, 30, wit('2027-04-10', '08:00'));
  await realize(headM, 2, 40, wit('2027-04-10', '08:05'));
  const rN1 = await realize(n[0]!, 1, 80, wit('2027-04-10', '09:00'));
  await realize(n[0]!, 2, 95, wit('2027-04-10', '09:05'));
  const rN2 = await realize(n[1]!, 1, 90, wit('2027-04-11', '08:00'));
  await realize(n[1]!, 2, 60, wit('2027-04-11', '08:05'));
  const rN3 = await realize(n[2]!, 1, 60, wit('2027-04-12', '08:00'));
  await realize(n[2]!, 2, 70, wit('2027-04-12', '08:05'));
  await realize(n[4]!, 1, 30, wit('2027-04-12', '09:00'));
  await realize(n[5]!, 1, 100, wit('2027-04-12', '09:30'));
  await realize(leadM, 1, 45, wit('2027-04-14', '07:00'));
  const rB1 = await realize(b[0]!, 1, 120, wit('2027-04-14', '08:00'));
  await realize(b[1]!, 1, 60, wit('2027-04-14', '08:30'));
  await feedback(rHead.id, kadinkes, wit('2027-04-10', '10:00'));
  await feedback(rN1.id, head, wit('2027-04-10', '13:00'));
  await feedback(rN1.id, kadinkes, wit('2027-04-10', '14:00'));
  await feedback(rN2.id, head, wit('2027-04-11', '18:00'));
  await feedback(rN3.id, head, wit('2027-04-13', '14:00'));
  await feedback(rB1.id, lead, wit('2027-04-14', '14:00'));

  // The daily log.
  const log = async (who: Employee, date: string, time: string) => {
    app.clock.set(wit(date, time));
    return e.logDay(who, { date });
  };
  const review = async (id: string, decision: 'ACKNOWLEDGE' | 'RETURN', at: string) => {
    app.clock.set(at);
    await e.activityOk(
      'reviewActivity',
      { id, expectedVersion: 1, decision, comment: decision === 'RETURN' ? 'Lengkapi jumlah pasien' : null },
      head,
    );
  };
  const a1 = await log(n[0]!.owner, '2027-04-15', '08:00');
  const a2 = await log(n[0]!.owner, '2027-04-16', '08:00');
  await log(n[0]!.owner, '2027-04-17', '08:00');
  const a4 = await log(n[1]!.owner, '2027-04-18', '08:00');
  await log(n[1]!.owner, '2027-04-18', '10:00');
  await review(a1.id, 'ACKNOWLEDGE', wit('2027-04-15', '09:00'));
  await review(a2.id, 'RETURN', wit('2027-04-16', '13:00'));
  await review(a4.id, 'ACKNOWLEDGE', wit('2027-04-19', '08:00'));

  // Periodic ratings (the quarters of the trend): Q1 five nurses, Q2 two.
  const ratePeriod = async (m: Member, sub: number, predikat: PredikatName) => {
    const current = await e.ratedOrFail(m.plan.id);
    const [resultRating, behaviorRating] = PAIR_FOR[predikat];
    await e.ok(
      'ratePeriod',
      { appraisalId: m.plan.id, expectedVersion: current.version, subPeriod: sub, resultRating, behaviorRating },
      head,
      'evaluation { id }',
    );
  };
  app.clock.set(wit('2027-04-20'));
  for (const [i, p] of [
    [0, 'BAIK'],
    [1, 'BAIK'],
    [2, 'SANGAT_BAIK'],
    [4, 'BUTUH_PERBAIKAN'],
    [5, 'BAIK'],
  ] as const) {
    await ratePeriod(n[i]!, 1, p);
  }
  app.clock.set(wit('2027-07-05'));
  await ratePeriod(n[0]!, 2, 'BAIK');
  await ratePeriod(n[1]!, 2, 'SANGAT_KURANG');

  // The annual ratings, the units' own ratings, and the Pustu finalized (its three rated plans FINAL).
  app.clock.set('2028-01-04T01:00:00Z');
  await e.movePeriodTo(year.period, 'EVALUATING');
  for (const i of [0, 1, 2, 3, 4]) await e.rateInto(n[i]!.plan, 'BAIK');
  await e.rateInto(n[5]!.plan, 'SANGAT_KURANG');
  await e.rateInto(leadPlan, 'KURANG_MISCONDUCT');
  for (const m of b.slice(0, 2)) await e.rateInto(m.plan, 'SANGAT_BAIK', lead);
  const rated = async (input: Record<string, unknown>) => {
    const payload = await e.setUnitRating(input);
    if (payload.userErrors.length) throw new Error(`setUnitRating: ${JSON.stringify(payload.userErrors)}`);
  };
  await rated({ unitId: unitGid(pkm), periodId: pid, rating: 'BAIK' });
  await rated({ unitId: unitGid(pustu), periodId: pid, rating: 'BUTUH_PERBAIKAN' });
  app.clock.set('2028-01-05T01:00:00Z');
  const finalized = await e.finalize({ unitId: unitGid(pustu), periodId: pid });
  if (finalized.userErrors.length) throw new Error(`finalize: ${JSON.stringify(finalized.userErrors)}`);

  const plans: Record<string, string> = { head: year.headPlan.id, lead: leadPlan.id };
  const kadinkesPlan: Array<{ id: number | string }> = await app.db.manager.query(
    "SELECT id FROM appraisal WHERE employee_id = ? AND period_id = ? AND status <> 'CLOSED'",
    [kadinkes.rowId, dbIdOf(pid)],
  );
  plans.kadinkes = gid('Appraisal', Number(kadinkesPlan[0]!.id));
  n.forEach((m, i) => (plans[`n${i + 1}`] = m.plan.id));
  b.forEach((m, i) => (plans[`b${i + 1}`] = m.plan.id));

  const tokens = {
    hr: e.hr,
    analyst: await app.token('bps-analytics', { roles: [Role.ANALYST] }),
    client: await app.token('some-portal'),
    integration: await app.token('siasn-sync', { roles: [Role.INTEGRATION] }),
    scopedHr: await app.token('pustu-hr', { roles: [Role.HR_ADMIN], unit: pustu.code }),
  };
  return { e, year, y2026, dinkes, pkm, pustu, kadinkes, head, lead, leadRhk, n, b, plans, tokens };
}

/** The database id inside a global id. */
export function dbIdOf(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);
}

// ---- The figures, as the API returns them -------------------------------------------------------------------

export interface Share {
  predikat: PredikatName;
  count: number | null;
  share: number | null;
}
export interface DistributionOut {
  key: string;
  label: string;
  employees: number;
  suppressed: boolean;
  pending: number | null;
  counts: Share[];
  unitRating: string | null;
  violations: Array<{ rule: string; count: number; total: number }>;
}
export interface CompletionOut {
  key: string;
  label: string;
  employees: number;
  suppressed: boolean;
  draft: number | null;
  submitted: number | null;
  returned: number | null;
  approved: number | null;
  revising: number | null;
  evaluated: number | null;
  final: number | null;
  planningOverdue: number | null;
  evaluationOverdue: number | null;
}
export interface AchievementOut {
  key: string;
  label: string;
  employees: number;
  suppressed: boolean;
  indicators: number | null;
  averageAchievement: number | null;
  met: number | null;
}
export interface ResponsivenessOut {
  key: string;
  label: string;
  employees: number;
  suppressed: boolean;
  realizations: number | null;
  realizationFeedbackShare: number | null;
  medianHoursToFeedback: number | null;
  activities: number | null;
  activityReviewShare: number | null;
  medianHoursToReview: number | null;
}
export interface TrendOut {
  year: number;
  subPeriod: number | null;
  rated: number;
  suppressed: boolean;
  counts: Share[];
}
export interface CascadeOut {
  indicators: number;
  averageAchievement: number | null;
  rows: Array<{ indicators: number | null; averageAchievement: number | null; workResultPlan: { id: string } | null }>;
}
export interface AnalyticsOut {
  mode: string;
  breakdown: string;
  floor: number;
  distribution: DistributionOut[];
  completion: CompletionOut[];
  achievement: AchievementOut[];
  responsiveness: ResponsivenessOut[];
  trend: TrendOut[];
  overdue: Array<{ id: string }>;
}

export const DISTRIBUTION =
  'distribution { key label employees suppressed pending counts { predikat count share } unitRating violations { rule count total } }';
export const COMPLETION =
  'completion { key label employees suppressed draft submitted returned approved revising evaluated final planningOverdue evaluationOverdue }';
export const ACHIEVEMENT = 'achievement { key label employees suppressed indicators averageAchievement met }';
export const RESPONSIVENESS =
  'responsiveness { key label employees suppressed realizations realizationFeedbackShare medianHoursToFeedback activities activityReviewShare medianHoursToReview }';
export const TREND = 'trend { year subPeriod rated suppressed counts { predikat count share } }';
export const ALL_FIELDS_WITHOUT_MODE = `${DISTRIBUTION} ${COMPLETION} ${ACHIEVEMENT} ${RESPONSIVENESS} ${TREND} overdue(first: 100) { id }`;
export const ALL_FIELDS = `mode breakdown floor ${ALL_FIELDS_WITHOUT_MODE}`;

export const ANALYTICS_QUERY = (select: string = ALL_FIELDS) =>
  `query($u: ID!, $p: ID!, $sub: Boolean! = true, $b: AnalyticsBreakdown! = UNIT) { analytics(unitId: $u, periodId: $p, includeSubunits: $sub, breakdown: $b) { ${select} } }`;

export const PREDIKATS: PredikatName[] = [
  'SANGAT_BAIK',
  'BAIK',
  'BUTUH_PERBAIKAN',
  'KURANG_MISCONDUCT',
  'SANGAT_KURANG',
];

/** The counts and shares of a spread, as the API lists them (SANGAT_BAIK first; shares of the rated, 4 decimals). */
export function shares(spread: Partial<Record<PredikatName, number>>): Share[] {
  const rated = PREDIKATS.reduce((s, p) => s + (spread[p] ?? 0), 0);
  return PREDIKATS.map((predikat) => ({
    predikat,
    count: spread[predikat] ?? 0,
    share: rated === 0 ? null : Math.round(((spread[predikat] ?? 0) / rated) * 10_000) / 10_000,
  }));
}

/** The counts and shares of a withheld group. */
export const withheldShares = (): Share[] => PREDIKATS.map((predikat) => ({ predikat, count: null, share: null }));

/** Sorts groups by key, to compare lists regardless of order. */
export const byKey = <T extends { key: string }>(groups: T[]): T[] =>
  [...groups].sort((a, b) => a.key.localeCompare(b.key));

/** An export URL under /exports on the test server. */
export function exportUrl(app: TestApp, path: string, params: Record<string, string | undefined>): string {
  const url = new URL(app.url);
  url.pathname = `/exports/${path}`;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** One answer an analyst got: a measure's groups over a unit (with or without its subunits), each group with the people behind it. */
export interface Answer {
  measure: string;
  unitId: number;
  sub: boolean;
  groups: Array<{ key: string; employees: number; suppressed?: boolean }>;
}

/**
 * What an attacker gets by subtracting nested answers: for every two answers of the same measure where the second's
 * scope lies within the first's (a unit below it, or the same unit), each group key and their totals, a difference
 * of 1 to floor - 1 people exposes that small group's figures.
 */
export function exposures(
  answers: Answer[],
  floor: number,
  isAncestorOrSelf: (ancestor: number, unit: number) => boolean,
): string[] {
  const out: string[] = [];
  const name = (a: Answer) => `${a.measure} of unit ${a.unitId}${a.sub ? ' with subunits' : ''}`;
  const contains = (x: Answer, y: Answer) =>
    x.sub ? isAncestorOrSelf(x.unitId, y.unitId) : !y.sub && x.unitId === y.unitId;
  // A withheld group gives nothing to subtract.
  const shown = (a: Answer) => a.groups.filter((g) => !g.suppressed);
  const total = (a: Answer) => shown(a).reduce((s, g) => s + Number(g.employees ?? 0), 0);
  for (const x of answers) {
    for (const y of answers) {
      if (x === y || x.measure !== y.measure || !contains(x, y)) continue;
      for (const key of new Set([...shown(x), ...shown(y)].map((g) => String(g.key)))) {
        const d = Math.abs(
          Number(shown(x).find((g) => g.key === key)?.employees ?? 0) -
            Number(shown(y).find((g) => g.key === key)?.employees ?? 0),
        );
        if (d > 0 && d < floor) out.push(`${name(x)} − ${name(y)}, group ${key}: ${d}`);
      }
      const d = Math.abs(total(x) - total(y));
      if (d > 0 && d < floor) out.push(`${name(x)} − ${name(y)}, all groups: ${d}`);
    }
  }
  return out;
}
