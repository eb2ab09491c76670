import { type Employee } from '../../src/modules/employee/employee.entity';
import { TestApp } from '../support/test-app';
import {
  ABOVE,
  BELOW,
  Evaluating,
  MEETS,
  type Rating,
  type RatedPlanOut,
  unitGid,
  wit,
  type Year,
} from './evaluation-helpers';
import { dbId, type PlanOut, type UserErrorOut } from './planning-helpers';

/**
 * No lost update for ratings (`docs/reliability.md` item 2): 50 concurrent rateYear calls on one plan with the same
 * `expectedVersion` (a first rating and a re-rating), 50 concurrent objections and 50 concurrent decisions on one
 * objection, over real HTTP: exactly one wins, the others get CONFLICT with the current version, one stored row,
 * the version rises by one, and the audit holds exactly one entry, written by the winning request.
 */

const N = 50;
const RATINGS: Rating[] = [ABOVE, MEETS, BELOW];

interface Outcome {
  index: number;
  requestId: string;
  userErrors: UserErrorOut[];
  errors: Array<{ message: string; code?: string }>;
}

describe('concurrent ratings and objections over HTTP', () => {
  let app: TestApp;
  let e: Evaluating;
  let year: Year;
  let head: Employee;
  let kadinkes: Employee;
  let first: { owner: Employee; plan: PlanOut };
  let rerated: { owner: Employee; plan: PlanOut };
  let objecting: { owner: Employee; plan: PlanOut };
  let deciding: { owner: Employee; plan: PlanOut };

  beforeAll(async () => {
    app = await TestApp.start();
    e = new Evaluating(app);
    await e.init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
    year = await e.givenYear(2027);
    [first, rerated, objecting, deciding] = (await e.nursesWithPlans(4, year)) as [
      typeof first,
      typeof first,
      typeof first,
      typeof first,
    ];
    await e.movePeriodTo(year.period, 'EVALUATING');
    app.clock.set(wit('2028-01-04'));
  });
  afterAll(() => app?.stop());

  /** Sends `N` mutations at once as `who` and waits for every answer. */
  async function race(
    name: string,
    inputOf: (i: number) => Record<string, unknown>,
    who: Employee | string,
  ): Promise<Outcome[]> {
    const token = await e.as(who);
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        app.gql<{ r: { userErrors: UserErrorOut[] } }>(
          `mutation($input: ${type}!) { r: ${name}(input: $input) { userErrors { code field message currentVersion } } }`,
          { input: inputOf(i) },
          token,
        ),
      ),
    );
    return responses.map((r, index) => ({
      index,
      requestId: r.headers.get('x-request-id')!,
      userErrors: r.body.data?.r.userErrors ?? [],
      errors: (r.body.errors ?? []).map((x) => ({ message: x.message, code: x.extensions?.code })),
    }));
  }

  /** Winners, CONFLICTs and anything else, in a shape that prints well on failure. */
  function tally(outcomes: Outcome[]) {
    const winners = outcomes.filter((o) => o.errors.length === 0 && o.userErrors.length === 0);
    const conflicts = outcomes.filter(
      (o) => o.errors.length === 0 && o.userErrors.length === 1 && o.userErrors[0]!.code === 'CONFLICT',
    );
    const other = outcomes
      .filter((o) => !winners.includes(o) && !conflicts.includes(o))
      .map((o) => ({ userErrors: o.userErrors, errors: o.errors }));
    return {
      winners,
      summary: {
        winners: winners.length,
        conflicts: conflicts.length,
        conflictVersions: [...new Set(conflicts.map((o) => o.userErrors[0]!.currentVersion))],
        conflictFields: [...new Set(conflicts.map((o) => JSON.stringify(o.userErrors[0]!.field)))],
        other,
      },
    };
  }

  const pairOf = (i: number): [Rating, Rating] => [RATINGS[i % 3]!, RATINGS[Math.floor(i / 3) % 3]!];
  const transitions = (planId: string, action: string) =>
    e.count('appraisal_transition', 'appraisal_id = ? AND action = ?', [dbId(planId), action]);
  const auditRows = (action: string, entityType: string, entityId: number) => e.audit(entityType, entityId, action);

  async function expectOneRating(
    plan: { id: string; version: number },
    outcomes: Outcome[],
    evaluationVersion: number,
  ): Promise<RatedPlanOut> {
    const { winners, summary } = tally(outcomes);
    expect(summary).toEqual({
      winners: 1,
      conflicts: N - 1,
      conflictVersions: [plan.version + 1],
      conflictFields: ['["input","expectedVersion"]'],
      other: [],
    });
    const [resultRating, behaviorRating] = pairOf(winners[0]!.index);
    expect(await e.count('evaluation', 'appraisal_id = ?', [dbId(plan.id)])).toBe(1);
    const after = await e.ratedOrFail(plan.id);
    expect(after).toMatchObject({ status: 'EVALUATED', version: plan.version + 1 });
    expect(after.annualEvaluation).toMatchObject({
      resultRating,
      behaviorRating,
      resultJustification: `Penilaian ${winners[0]!.index}`,
      version: evaluationVersion,
    });
    const audit = await auditRows('EVALUATION_RECORDED', 'Evaluation', dbId(after.annualEvaluation!.id));
    expect(audit).toHaveLength(evaluationVersion);
    expect(audit.at(-1)!.request_id).toBe(winners[0]!.requestId);
    expect(JSON.parse(audit.at(-1)!.after!)).toMatchObject({
      resultRating,
      behaviorRating,
      resultJustification: `Penilaian ${winners[0]!.index}`,
    });
    return after;
  }

  const rateInput = (plan: { id: string; version: number }) => (i: number) => {
    const [resultRating, behaviorRating] = pairOf(i);
    return {
      appraisalId: plan.id,
      expectedVersion: plan.version,
      resultRating,
      behaviorRating,
      resultJustification: `Penilaian ${i}`,
      behaviors: [{ coreValue: 'LOYAL', feedback: `Umpan balik ${i}` }],
    };
  };

  it(`${N} first ratings of one plan at once: one evaluation, one EVALUATE step, ${N - 1} CONFLICT, the version rises by one`, async () => {
    const plan = first.plan;
    const outcomes = await race('rateYear', rateInput(plan), head);
    const after = await expectOneRating(plan, outcomes, 1);
    expect(await transitions(plan.id, 'EVALUATE')).toBe(1);
    expect(await e.count('evaluation_behavior', 'evaluation_id = ?', [dbId(after.annualEvaluation!.id)])).toBe(1);
    expect(
      await e.count('audit_entry', "action = 'APPRAISAL_TRANSITION' AND entity_id = ? AND after LIKE '%EVALUATE%'", [
        dbId(plan.id),
      ]),
    ).toBe(1);
  });

  it(`${N} re-ratings of one evaluated plan at once: one wins, the evaluation's version rises by one`, async () => {
    const rated = await e.rateInto(rerated.plan, 'BAIK');
    const outcomes = await race('rateYear', rateInput(rated), head);
    await expectOneRating(rated, outcomes, 2);
    expect(await transitions(rated.id, 'EVALUATE')).toBe(2);
  });

  describe('objections', () => {
    let filedOn: RatedPlanOut;
    let decidedOn: RatedPlanOut;

    beforeAll(async () => {
      await e.rateInto(objecting.plan, 'BUTUH_PERBAIKAN');
      await e.rateInto(deciding.plan, 'BUTUH_PERBAIKAN');
      await e.rateInto(first.plan, 'BAIK');
      await e.rateInto(rerated.plan, 'BAIK');
      await e.ok(
        'setUnitRating',
        { unitId: unitGid(e.org.pkm), periodId: year.period.id, rating: 'BAIK' },
        e.hr,
        'unitRating { id }',
      );
      await e.ok(
        'rateYear',
        {
          appraisalId: year.headPlan.id,
          expectedVersion: (await e.ratedOrFail(year.headPlan.id)).version,
          behaviorRating: MEETS,
        },
        kadinkes,
        'evaluation { id }',
      );
      app.clock.set(wit('2028-01-05'));
      const done = await e.finalize({ unitId: unitGid(e.org.pkm), periodId: year.period.id });
      expect(done.userErrors).toEqual([]);
      app.clock.set(wit('2028-01-10'));
      filedOn = await e.ratedOrFail(objecting.plan.id);
      decidedOn = await e.ratedOrFail(deciding.plan.id);
    });

    it(`${N} objections to one rating at once: one objection, ${N - 1} CONFLICT`, async () => {
      const outcomes = await race(
        'fileObjection',
        (i) => ({ appraisalId: filedOn.id, expectedVersion: filedOn.version, reason: `Keberatan ${i}` }),
        objecting.owner,
      );
      const { winners, summary } = tally(outcomes);
      expect(summary).toEqual({
        winners: 1,
        conflicts: N - 1,
        conflictVersions: [filedOn.version + 1],
        conflictFields: ['["input","expectedVersion"]'],
        other: [],
      });
      expect(await e.count('objection', 'appraisal_id = ?', [dbId(filedOn.id)])).toBe(1);
      const after = await e.ratedOrFail(filedOn.id);
      expect(after.objection).toMatchObject({ reason: `Keberatan ${winners[0]!.index}`, status: 'PENDING' });
      expect(await auditRows('OBJECTION_FILED', 'Objection', dbId(after.objection!.id))).toHaveLength(1);
    });

    it(`${N} decisions on one objection at once (accept and reject mixed): one decision, ${N - 1} CONFLICT, the rating changed at most once`, async () => {
      const filed = await e.fileObjection(
        { appraisalId: decidedOn.id, expectedVersion: decidedOn.version, reason: 'Data belum lengkap' },
        deciding.owner,
      );
      const objection = filed.objection!;
      const before = filed.appraisal!.annualEvaluation!;
      const outcomes = await race(
        'decideObjection',
        (i) =>
          i % 2
            ? { id: objection.id, expectedVersion: 1, accept: false, reason: `Ditolak ${i}` }
            : {
                id: objection.id,
                expectedVersion: 1,
                accept: true,
                resultRating: MEETS,
                behaviorRating: RATINGS[i % 3],
                reason: `Diterima ${i}`,
              },
        kadinkes,
      );
      const { winners, summary } = tally(outcomes);
      expect(summary).toEqual({
        winners: 1,
        conflicts: N - 1,
        conflictVersions: [2],
        conflictFields: ['["input","expectedVersion"]'],
        other: [],
      });
      const i = winners[0]!.index;
      const after = await e.ratedOrFail(decidedOn.id);
      expect(after.objection).toMatchObject({
        version: 2,
        status: i % 2 ? 'REJECTED' : 'ACCEPTED',
        decisionReason: i % 2 ? `Ditolak ${i}` : `Diterima ${i}`,
      });
      // Accepted: one decided evaluation in force, the original superseded once; rejected: the original alone, unchanged.
      // `before` was read by the employee, who does not see her appraiser's NIP (issue 15).
      const annualOf = (plan: RatedPlanOut) =>
        plan.evaluations.filter((x) => x.kind === 'ANNUAL').map((x) => ({ ...x, ratedBySubject: null }));
      if (i % 2) expect(annualOf(after)).toEqual([before]);
      else {
        expect(after.annualEvaluation).toMatchObject({
          resultRating: MEETS,
          behaviorRating: RATINGS[i % 3],
          resultJustification: `Diterima ${i}`,
          version: 1,
        });
        expect(annualOf(after)).toEqual([
          { ...before, version: before.version + 1 },
          { ...after.annualEvaluation!, ratedBySubject: null },
        ]);
      }
      expect(await e.count('evaluation', "appraisal_id = ? AND kind = 'ANNUAL'", [dbId(decidedOn.id)])).toBe(
        i % 2 ? 1 : 2,
      );
      const decisions = await auditRows('OBJECTION_DECIDED', 'Objection', dbId(objection.id));
      expect(decisions.map((a) => a.request_id)).toEqual([winners[0]!.requestId]);
      expect(await auditRows('EVALUATION_RECORDED', 'Evaluation', dbId(before.id))).toHaveLength(before.version);
      expect(await auditRows('EVALUATION_SUPERSEDED', 'Evaluation', dbId(before.id))).toHaveLength(i % 2 ? 0 : 1);
    });
  });
});
