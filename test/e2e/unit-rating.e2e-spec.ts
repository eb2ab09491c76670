import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import {
  ABOVE,
  Evaluating,
  MEETS,
  type OrganisationRatingName,
  type PredikatName,
  unitGid,
  wit,
  type Year,
} from './evaluation-helpers';
import { codes, dbId, type PlanOut } from './planning-helpers';

/**
 * A unit's own rating and the distribution curve over HTTP (`docs/domain.md`, The ratings; scenario 7): HR in scope
 * sets the rating; the summary reports every bound the unit's predikat break; finalizing delivers the ratings,
 * warning in 'warn' mode and refusing in 'block' mode unless an HR admin writes a justification.
 */

interface Staffed {
  unit: Unit;
  supervisor: Employee;
  staff: Array<{ owner: Employee; plan: PlanOut }>;
}

/** A spread of predikat over a unit's staff, in order: `{ SANGAT_BAIK: 2, BAIK: 8 }`. */
type Spread = Partial<Record<PredikatName, number>>;

const flatten = (spread: Spread): PredikatName[] =>
  Object.entries(spread).flatMap(([p, n]) => Array.from({ length: n }, () => p as PredikatName));

let unitSequence = 0;

/**
 * An organisation with Dinas Pendidikan (its head appraised by the Bupati) and the year 2027 open: `units(n)`
 * builds a school under it whose n teachers are appraised by the head of the Dinas, each with an approved plan.
 */
async function givenRegion(
  app: TestApp,
): Promise<{ e: Evaluating; year: Year; dinas: Unit; kadis: Employee; school: (size: number) => Promise<Staffed> }> {
  const e = new Evaluating(app);
  await e.init();
  app.clock.set('2027-01-04T01:00:00Z');
  await e.givenOrg();
  const dinas = await app.fixtures.unit({
    code: `UR-DISDIK-${++unitSequence}`,
    name: 'Dinas Pendidikan',
    kind: UnitKind.AGENCY,
  });
  const kadis = await app.fixtures.employee({
    unit: dinas,
    externalSupervisor: e.org.bupati,
    positionKind: PositionKind.ADMINISTRATOR,
    positionTitle: 'Kepala Dinas Pendidikan',
  });
  const period = await e.openPeriod(2027);
  const kadisPlan = await e.createPlan(kadis, { periodId: period.id });
  const kadisRhk = (await e.addRhk(kadis, kadisPlan, { text: 'Meningkatnya mutu pendidikan dasar' })).rhk.id;
  const year: Year = { period, headRhk: kadisRhk, headPlan: kadisPlan, kadinkesRhk: kadisRhk };
  const school = async (size: number): Promise<Staffed> => {
    const unit = await app.fixtures.unit({
      code: `UR-SD-${++unitSequence}`,
      name: `SD Negeri ${unitSequence} Walesi`,
      parent: dinas,
    });
    const staff = await e.nursesWithPlans(size, year, {
      unit,
      supervisor: kadis,
      supportsId: kadisRhk,
      positionTitle: 'Guru Ahli Pertama',
    });
    return { unit, supervisor: kadis, staff };
  };
  return { e, year, dinas, kadis, school };
}

describe('unit ratings and the distribution curve', () => {
  describe("in 'warn' mode (the default)", () => {
    let app: TestApp;
    let e: Evaluating;
    let year: Year;
    let dinas: Unit;
    let kadis: Employee;
    let curve: Staffed;
    let warned: Staffed;
    let partial: Staffed;
    let unrated: Staffed;
    let scoped: Staffed;
    let headed: { unit: Unit; head: Employee; plan: PlanOut };
    let otherHr: string;
    let dinasHr: string;

    beforeAll(async () => {
      app = await TestApp.start();
      let school: (size: number) => Promise<Staffed>;
      ({ e, year, dinas, kadis, school } = await givenRegion(app));
      curve = await school(10);
      warned = await school(10);
      partial = await school(3);
      unrated = await school(1);
      scoped = await school(2);
      // A school whose head has a plan: her result rating follows the school's own rating.
      const unit = await app.fixtures.unit({ code: 'UR-SD-HEADED', name: 'SD Inpres Walesi', parent: dinas });
      const head = await app.fixtures.employee({
        unit,
        supervisor: kadis,
        positionKind: PositionKind.PENGAWAS,
        positionTitle: 'Kepala SD Inpres Walesi',
      });
      await app.fixtures.setHead(unit, head);
      headed = { unit, head, plan: await e.approvedPlan(head, kadis, year.headRhk, year.period.id) };
      const other = await app.fixtures.unit({ code: 'UR-BAPPEDA', name: 'Bappeda', kind: UnitKind.AGENCY });
      otherHr = await app.token('bappeda-hr', { roles: [Role.HR_ADMIN], unit: other.code });
      dinasHr = await app.token('disdik-hr', { roles: [Role.HR_ADMIN], unit: dinas.code });
      await e.movePeriodTo(year.period, 'EVALUATING');
      app.clock.set(wit('2028-01-05', '10:00'));
    });
    afterAll(() => app?.stop());

    /** Re-rates the unit's staff (their appraiser) into the spread, in order. */
    async function rateSpread(unit: Staffed, spread: Spread): Promise<void> {
      const wanted = flatten(spread);
      expect(wanted).toHaveLength(unit.staff.length);
      for (const [i, predikat] of wanted.entries()) await e.rateInto(unit.staff[i]!.plan, predikat, unit.supervisor);
    }

    const setRating = (
      unit: Unit,
      rating: OrganisationRatingName,
      extra: Record<string, unknown> = {},
      who: string = e.hr,
    ) => e.setUnitRating({ unitId: unitGid(unit), periodId: year.period.id, rating, ...extra }, who);

    it('HR sets a unit’s own rating; changing it needs the version read; both audited', async () => {
      const set = await setRating(scoped.unit, 'BAIK', {}, dinasHr);
      expect(set.userErrors).toEqual([]);
      expect(set.unitRating).toMatchObject({
        rating: 'BAIK',
        version: 1,
        finalizedAt: null,
        overrideJustification: null,
        setBySubject: 'disdik-hr',
      });
      const again = await e.unchanged(() => setRating(scoped.unit, 'ISTIMEWA'));
      expect(codes(again)).toEqual([['CONFLICT', ['input', 'expectedVersion']]]);
      const stale = await e.unchanged(() => setRating(scoped.unit, 'ISTIMEWA', { expectedVersion: 2 }));
      expect(stale.userErrors.map((x) => [x.code, x.currentVersion])).toEqual([['CONFLICT', 1]]);
      const changed = await setRating(scoped.unit, 'ISTIMEWA', { expectedVersion: 1 });
      expect(changed.unitRating).toMatchObject({
        id: set.unitRating!.id,
        rating: 'ISTIMEWA',
        version: 2,
        setBySubject: 'bkpsdm-portal',
      });
      const read = await app.data<{ unit: { rating: { rating: string; version: number } | null } }>(
        'query($id: ID!, $p: ID!) { unit(id: $id) { rating(periodId: $p) { rating version } } }',
        { id: unitGid(scoped.unit), p: year.period.id },
        e.hr,
      );
      expect(read.unit.rating).toEqual({ rating: 'ISTIMEWA', version: 2 });
      expect(
        (await e.audit('UnitRating', dbId(set.unitRating!.id), 'UNIT_RATING_SET')).map((a) => a.actor_subject),
      ).toEqual(['disdik-hr', 'bkpsdm-portal']);
    });

    it('an HR admin of another subtree gets OUT_OF_SCOPE, an employee FORBIDDEN, an unknown unit NOT_FOUND; nothing written', async () => {
      for (const [name, input] of [
        ['setUnitRating', { unitId: unitGid(unrated.unit), periodId: year.period.id, rating: 'BAIK' }],
        ['finalizeUnitEvaluations', { unitId: unitGid(unrated.unit), periodId: year.period.id }],
      ] as const) {
        const out = await e.unchanged(() => e.mutate(name, input, otherHr));
        expect({ name, errors: codes(out) }).toEqual({ name, errors: [['OUT_OF_SCOPE', ['input', 'unitId']]] });
        const employee = await e.unchanged(() => e.raw(name, input, kadis));
        expect(employee.body.errors?.map((x) => x.extensions?.code)).toEqual(['FORBIDDEN']);
        const unknown = await e.unchanged(() => e.mutate(name, { ...input, unitId: year.period.id }, e.hr));
        expect(codes(unknown)).toEqual([['NOT_FOUND', ['input', 'unitId']]]);
      }
    });

    it('finalizing a unit without its own rating is refused (UNIT_RATING_MISSING), writing nothing', async () => {
      await e.rateInto(unrated.staff[0]!.plan, 'BAIK', kadis);
      const refused = await e.unchanged(() => e.finalize({ unitId: unitGid(unrated.unit), periodId: year.period.id }));
      expect(codes(refused)).toEqual([['UNIT_RATING_MISSING', ['input', 'unitId']]]);
    });

    describe('scenario 7: the curve each unit rating allows, through the API', () => {
      const rows: Array<[OrganisationRatingName, Spread, string[]]> = [
        [
          'BAIK',
          { SANGAT_BAIK: 2, BAIK: 8 },
          ['BAIK at most 70%', 'at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT'],
        ],
        ['BAIK', { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 1 }, []],
        ['ISTIMEWA', { SANGAT_BAIK: 8, BAIK: 2 }, ['SANGAT_BAIK at most 70%']],
        ['ISTIMEWA', { SANGAT_BAIK: 7, BAIK: 3 }, []],
        ['SANGAT_KURANG', { SANGAT_BAIK: 1, SANGAT_KURANG: 7, KURANG_MISCONDUCT: 2 }, ['no SANGAT_BAIK']],
        ['SANGAT_KURANG', { SANGAT_KURANG: 7, KURANG_MISCONDUCT: 2, BUTUH_PERBAIKAN: 1 }, []],
        [
          'BUTUH_PERBAIKAN',
          { SANGAT_BAIK: 2, BAIK: 3, BUTUH_PERBAIKAN: 5 },
          ['BUTUH_PERBAIKAN at least 60%', 'SANGAT_BAIK at most 10%'],
        ],
        ['BUTUH_PERBAIKAN', { SANGAT_BAIK: 1, BAIK: 3, BUTUH_PERBAIKAN: 6 }, []],
        [
          'KURANG',
          { SANGAT_BAIK: 2, BAIK: 3, KURANG_MISCONDUCT: 5 },
          ['KURANG_MISCONDUCT at least 60%', 'BUTUH_PERBAIKAN at least 10%', 'SANGAT_BAIK at most 10%'],
        ],
        ['KURANG', { BAIK: 3, KURANG_MISCONDUCT: 6, BUTUH_PERBAIKAN: 1 }, []],
      ];
      let ratingVersion = 0;

      it.each(rows)('unit rated %s, staff %j → violations %j', async (rating, spread, expected) => {
        const set = await setRating(curve.unit, rating, ratingVersion ? { expectedVersion: ratingVersion } : {});
        expect(set.userErrors).toEqual([]);
        ratingVersion = set.unitRating!.version;
        await rateSpread(curve, spread);
        const summary = await e.summary(curve.unit, year.period.id);
        const wanted = flatten(spread);
        expect(summary).toMatchObject({ rating, pending: 0 });
        expect(
          summary!.counts
            .filter((c) => c.count > 0)
            .map((c) => [c.predikat, c.count])
            .sort(),
        ).toEqual(Object.entries(spread).sort());
        expect(summary!.violations).toEqual(
          expected.map((rule) => ({ rule, count: expect.any(Number), total: wanted.length })),
        );
      });

      it('the summary is for HR admins in scope and the unit’s head: others read null', async () => {
        expect(await e.summary(curve.unit, year.period.id, dinasHr)).not.toBeNull();
        expect(await e.summary(curve.unit, year.period.id, otherHr)).toBeNull();
        expect(await e.summary(curve.unit, year.period.id, curve.staff[0]!.owner)).toBeNull();
        expect(await e.summary(headed.unit, year.period.id, headed.head)).not.toBeNull();
      });
    });

    it('finalizes with warnings: every rated plan FINAL and delivered, the violations reported and audited; then the rating is locked', async () => {
      await e.ok(
        'setUnitRating',
        { unitId: unitGid(warned.unit), periodId: year.period.id, rating: 'BAIK' },
        e.hr,
        'unitRating { id }',
      );
      await rateSpread(warned, { SANGAT_BAIK: 2, BAIK: 8 });
      app.clock.set(wit('2028-01-05', '09:30'));
      const done = await e.finalize({ unitId: unitGid(warned.unit), periodId: year.period.id });
      expect(done.userErrors).toEqual([]);
      expect(done).toMatchObject({ finalized: 10, pending: 0 });
      expect(done.violations).toEqual([
        { rule: 'BAIK at most 70%', count: 8, total: 10 },
        { rule: 'at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT', count: 0, total: 10 },
      ]);
      expect(done.unitRating).toMatchObject({
        rating: 'BAIK',
        finalizedAt: wit('2028-01-05', '09:30'),
        overrideJustification: null,
      });
      for (const { plan } of warned.staff) {
        const read = await e.ratedOrFail(plan.id);
        expect(read).toMatchObject({
          status: 'FINAL',
          deliveredAt: wit('2028-01-05', '09:30'),
          objectionDeadline: '2028-01-19',
        });
        expect(read.history.at(-1)).toEqual({
          action: 'FINALIZE',
          fromStatus: 'EVALUATED',
          toStatus: 'FINAL',
          actorSubject: 'bkpsdm-portal',
        });
      }
      const audit = await e.audit('UnitRating', dbId(done.unitRating!.id), 'UNIT_EVALUATIONS_FINALIZED');
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.after!)).toMatchObject({
        finalized: 10,
        violations: ['BAIK at most 70%', 'at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT'],
      });

      const locked = await e.unchanged(() =>
        e.setUnitRating({
          unitId: unitGid(warned.unit),
          periodId: year.period.id,
          rating: 'ISTIMEWA',
          expectedVersion: done.unitRating!.version,
        }),
      );
      expect(codes(locked)).toEqual([['LOCKED', ['input', 'unitId']]]);
      const plan = await e.ratedOrFail(warned.staff[0]!.plan.id);
      const rerate = await e.unchanged(() =>
        e.rateYear(
          { appraisalId: plan.id, expectedVersion: plan.version, resultRating: ABOVE, behaviorRating: ABOVE },
          kadis,
        ),
      );
      expect(codes(rerate)).toEqual([['ALREADY_FINAL', ['input', 'appraisalId']]]);
    });

    it('plans not yet rated are left as they are and counted as pending', async () => {
      await e.ok(
        'setUnitRating',
        { unitId: unitGid(partial.unit), periodId: year.period.id, rating: 'ISTIMEWA' },
        e.hr,
        'unitRating { id }',
      );
      await e.rateInto(partial.staff[0]!.plan, 'BAIK', kadis);
      await e.rateInto(partial.staff[1]!.plan, 'SANGAT_BAIK', kadis);
      expect(await e.summary(partial.unit, year.period.id)).toMatchObject({ pending: 1 });
      const done = await e.finalize({ unitId: unitGid(partial.unit), periodId: year.period.id });
      expect(done).toMatchObject({ userErrors: [], finalized: 2, pending: 1 });
      expect((await e.ratedOrFail(partial.staff[2]!.plan.id)).status).toBe('APPROVED');
    });

    it('the head’s delivered result rating follows the unit’s rating even when HR changed it after the head was rated', async () => {
      const set = await setRating(headed.unit, 'BAIK');
      const plan = await e.ratedOrFail(headed.plan.id);
      const rated = await e.rateYear(
        { appraisalId: plan.id, expectedVersion: plan.version, behaviorRating: MEETS },
        kadis,
      );
      expect(rated.evaluation).toMatchObject({ resultRating: MEETS, unitRating: 'BAIK' });
      await e.ok(
        'setUnitRating',
        {
          unitId: unitGid(headed.unit),
          periodId: year.period.id,
          rating: 'ISTIMEWA',
          expectedVersion: set.unitRating!.version,
        },
        e.hr,
        'unitRating { id }',
      );
      const done = await e.finalize({ unitId: unitGid(headed.unit), periodId: year.period.id });
      const after = await e.ratedOrFail(headed.plan.id);
      // Either finalizing is refused until the head is re-rated, or what is delivered follows the final unit rating.
      if (done.userErrors.length === 0) {
        expect(after.status).toBe('FINAL');
        expect(after.annualEvaluation).toMatchObject({ unitRating: 'ISTIMEWA', resultRating: ABOVE });
      } else {
        expect(after.status).toBe('EVALUATED');
      }
    });

    it('finalizing needs the period EVALUATING', async () => {
      const next = await e.openPeriod(2028);
      await e.ok(
        'setUnitRating',
        { unitId: unitGid(unrated.unit), periodId: next.id, rating: 'BAIK' },
        e.hr,
        'unitRating { id }',
      );
      const refused = await e.unchanged(() => e.finalize({ unitId: unitGid(unrated.unit), periodId: next.id }));
      expect(codes(refused)).toEqual([['WRONG_PERIOD_PHASE', ['input', 'periodId']]]);
    });
  });

  describe("in 'block' mode", () => {
    let app: TestApp;
    let e: Evaluating;
    let year: Year;
    let kadis: Employee;
    let blocked: Staffed;
    let fitting: Staffed;

    beforeAll(async () => {
      app = await TestApp.start({
        appraisal: { distributionCurveMode: 'block', objectionWindowDays: 14, objectionDayCounting: 'calendar' },
      });
      let school: (size: number) => Promise<Staffed>;
      ({ e, year, kadis, school } = await givenRegion(app));
      blocked = await school(10);
      fitting = await school(10);
      await e.movePeriodTo(year.period, 'EVALUATING');
      app.clock.set(wit('2028-01-05', '10:00'));
      for (const [unit, spread] of [
        [blocked, { SANGAT_BAIK: 2, BAIK: 8 }],
        [fitting, { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 1 }],
      ] as Array<[Staffed, Spread]>) {
        await e.ok(
          'setUnitRating',
          { unitId: unitGid(unit.unit), periodId: year.period.id, rating: 'BAIK' },
          e.hr,
          'unitRating { id }',
        );
        for (const [i, predikat] of flatten(spread).entries()) await e.rateInto(unit.staff[i]!.plan, predikat, kadis);
      }
    });
    afterAll(() => app?.stop());

    it('refuses to finalize a spread outside the curve: one CURVE_VIOLATED per bound, nothing written', async () => {
      for (const overrideJustification of [undefined, null, '   ']) {
        const refused = await e.unchanged(() =>
          e.finalize({
            unitId: unitGid(blocked.unit),
            periodId: year.period.id,
            ...(overrideJustification === undefined ? {} : { overrideJustification }),
          }),
        );
        expect(codes(refused)).toEqual([
          ['CURVE_VIOLATED', ['input', 'unitId']],
          ['CURVE_VIOLATED', ['input', 'unitId']],
        ]);
        expect(refused.userErrors[0]!.message).toMatch(/BAIK at most 70% \(8 of 10\)/);
        expect(refused.userErrors[1]!.message).toMatch(/at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT \(0 of 10\)/);
      }
      const tooLong = await e.unchanged(() =>
        e.finalize({
          unitId: unitGid(blocked.unit),
          periodId: year.period.id,
          overrideJustification: 'x'.repeat(4001),
        }),
      );
      expect(codes(tooLong)).toEqual([['INVALID', ['input', 'overrideJustification']]]);
      expect((await e.ratedOrFail(blocked.staff[0]!.plan.id)).status).toBe('EVALUATED');
    });

    it('finalizes with an HR admin’s written justification, kept with the rating and the violations', async () => {
      const done = await e.finalize({
        unitId: unitGid(blocked.unit),
        periodId: year.period.id,
        overrideJustification: '  Unit kecil; semua guru memenuhi target akreditasi  ',
      });
      expect(done.userErrors).toEqual([]);
      expect(done).toMatchObject({ finalized: 10, pending: 0 });
      expect(done.violations!.map((v) => v.rule)).toEqual([
        'BAIK at most 70%',
        'at least one BUTUH_PERBAIKAN or KURANG_MISCONDUCT',
      ]);
      expect(done.unitRating).toMatchObject({
        overrideJustification: 'Unit kecil; semua guru memenuhi target akreditasi',
      });
      expect((await e.ratedOrFail(blocked.staff[9]!.plan.id)).status).toBe('FINAL');
    });

    it('a spread inside the curve finalizes without a justification', async () => {
      const done = await e.finalize({ unitId: unitGid(fitting.unit), periodId: year.period.id });
      expect(done).toMatchObject({ userErrors: [], finalized: 10, violations: [] });
      expect(done.unitRating!.overrideJustification).toBeNull();
    });
  });
});
