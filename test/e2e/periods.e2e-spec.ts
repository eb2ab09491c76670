import { Role } from '../../src/core/auth/role';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import { codes, employeeId, type PlanOut, Planning, unitId } from './planning-helpers';

/**
 * Performance years (`docs/domain.md`, The cycle): opening one with its defaults and validation, the sub-periods
 * derived from the cadence, changing the deadlines and (while PLANNING) the cadence, moving the status forward
 * only, the current period by the clock in WIT, and a CLOSED year refusing every change to its plans.
 */

interface PeriodOut {
  id: string;
  year: number;
  cadence: string;
  status: string;
  startDate: string;
  endDate: string;
  planningDeadline: string;
  periodicEvaluationDays: number;
  annualEvaluationDeadline: string;
  version: number;
  subPeriods: Array<{ index: number; label: string; startDate: string; endDate: string; evaluationDueDate: string }>;
}

const PERIOD =
  'id year cadence status startDate endDate planningDeadline periodicEvaluationDays annualEvaluationDeadline version subPeriods { index label startDate endDate evaluationDueDate }';

describe('performance periods', () => {
  let app: TestApp;
  let p: Planning;

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    app.clock.set('2027-01-10T01:00:00Z');
  });
  afterAll(() => app?.stop());

  const open = (input: Record<string, unknown>, who: string = p.hr) =>
    p.mutate<{ period: PeriodOut | null }>('openPeriod', input, who, `period { ${PERIOD} }`);
  const update = (input: Record<string, unknown>) =>
    p.mutate<{ period: PeriodOut | null }>('updatePeriod', input, p.hr, `period { ${PERIOD} }`);
  const move = (input: Record<string, unknown>) =>
    p.mutate<{ period: PeriodOut | null }>('changePeriodStatus', input, p.hr, `period { ${PERIOD} }`);
  const auditOf = (periodGlobalId: string, action: string) =>
    p.count('audit_entry', "entity_type = 'PerformancePeriod' AND entity_id = ? AND action = ?", [
      Buffer.from(periodGlobalId, 'base64url').toString().split(':')[1],
      action,
    ]);

  describe('openPeriod', () => {
    it('opens a year in PLANNING with the defaults: quarterly, plans due 31 January, the annual evaluation due 31 January of the next year', async () => {
      app.clock.set('2027-01-02T00:00:00Z');
      const opened = await open({ year: 2027 });
      expect(opened.userErrors).toEqual([]);
      expect(opened.period).toMatchObject({
        year: 2027,
        cadence: 'QUARTERLY',
        status: 'PLANNING',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        planningDeadline: '2027-01-31',
        periodicEvaluationDays: 10,
        annualEvaluationDeadline: '2028-01-31',
        version: 1,
      });
      expect(await auditOf(opened.period!.id, 'PERIOD_OPENED')).toBe(1);
      const listed = await app.data<{ periods: Array<{ year: number }> }>('{ periods { year } }', {}, p.hr);
      expect(listed.periods.map((x) => x.year)).toContain(2027);
    });

    it('keeps explicit cadence, deadlines and evaluation days', async () => {
      const opened = await open({
        year: 2028,
        cadence: 'MONTHLY',
        planningDeadline: '2028-02-15',
        annualEvaluationDeadline: '2029-02-28',
        periodicEvaluationDays: 15,
      });
      expect(opened.userErrors).toEqual([]);
      expect(opened.period).toMatchObject({
        year: 2028,
        cadence: 'MONTHLY',
        planningDeadline: '2028-02-15',
        annualEvaluationDeadline: '2029-02-28',
        periodicEvaluationDays: 15,
      });
    });

    it('accepts the edges of the ranges: deadlines from 1 January of the year to 31 December of the next, 0 and 90 days', async () => {
      const first = await open({
        year: 2040,
        planningDeadline: '2040-01-01',
        annualEvaluationDeadline: '2041-12-31',
        periodicEvaluationDays: 0,
      });
      expect(first.userErrors).toEqual([]);
      expect(first.period).toMatchObject({
        planningDeadline: '2040-01-01',
        annualEvaluationDeadline: '2041-12-31',
        periodicEvaluationDays: 0,
      });
      const second = await open({ year: 2041, periodicEvaluationDays: 90 });
      expect(second.userErrors).toEqual([]);
      expect(second.period!.periodicEvaluationDays).toBe(90);
    });

    it('refuses a second period for the same year with DUPLICATE, writing nothing', async () => {
      await open({ year: 2030 });
      const again = await p.unchanged(() => open({ year: 2030, cadence: 'MONTHLY' }));
      expect(codes(again)).toEqual([['DUPLICATE', ['input', 'year']]]);
      expect(again.period).toBeNull();
    });

    it.each([2019, 2101, 1900, 0, -2027])('refuses the year %i with INVALID, writing nothing', async (year) => {
      const refused = await p.unchanged(() => open({ year }));
      expect(refused.userErrors.length).toBeGreaterThan(0);
      expect(refused.userErrors.every((e) => e.code === 'INVALID')).toBe(true);
      expect(refused.userErrors[0]!.field).toEqual(['input', 'year']);
      expect(refused.period).toBeNull();
    });

    it.each([0, 99999])(
      'refuses the year %i with one error, on the year only (not on deadlines the caller did not give)',
      async (year) => {
        const refused = await p.unchanged(() => open({ year }));
        expect(codes(refused)).toEqual([['INVALID', ['input', 'year']]]);
      },
    );

    it.each([
      ['planningDeadline', '2032-12-31'],
      ['planningDeadline', '2035-01-01'],
      ['planningDeadline', '1999-01-31'],
      ['annualEvaluationDeadline', '2032-06-30'],
      ['annualEvaluationDeadline', '2035-01-31'],
    ])('refuses %s %s (outside the year and the next) with INVALID, writing nothing', async (field, value) => {
      const refused = await p.unchanged(() => open({ year: 2033, [field]: value }));
      expect(codes(refused)).toEqual([['INVALID', ['input', field]]]);
    });

    it.each([-1, 91, 365])(
      'refuses %i days for the periodic evaluation with INVALID, writing nothing',
      async (days) => {
        const refused = await p.unchanged(() => open({ year: 2033, periodicEvaluationDays: days }));
        expect(codes(refused)).toEqual([['INVALID', ['input', 'periodicEvaluationDays']]]);
      },
    );

    it('lists every problem of the input at once', async () => {
      const refused = await p.unchanged(() =>
        open({
          year: 2033,
          planningDeadline: '2031-01-31',
          annualEvaluationDeadline: '2036-01-31',
          periodicEvaluationDays: 100,
        }),
      );
      expect(codes(refused)).toEqual([
        ['INVALID', ['input', 'planningDeadline']],
        ['INVALID', ['input', 'annualEvaluationDeadline']],
        ['INVALID', ['input', 'periodicEvaluationDays']],
      ]);
    });

    it.each(['2033-02-30', '2033-02-29', '2033-13-01', '2033-1-31', '31/01/2033', '2033-01-31T00:00:00Z'])(
      'refuses the malformed date %s before the service runs (LocalDate scalar), writing nothing',
      async (value) => {
        const refused = await p.unchanged(() =>
          p.raw('openPeriod', { year: 2033, planningDeadline: value }, p.hr, 'period { id }'),
        );
        // Variable coercion fails in graphql-js: a request error, not a userErrors entry.
        expect(refused.status).toBe(400);
        expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(refused.body)).not.toMatch(/SELECT|INSERT|\/work\/|at .*\.ts/);
      },
    );

    it('is for region-wide HR admins only: a unit-scoped HR admin gets OUT_OF_SCOPE, an employee FORBIDDEN, nothing written', async () => {
      const unit = await app.fixtures.unit({ code: 'PER-SCOPE', kind: UnitKind.AGENCY });
      const person = await app.fixtures.employee({ unit });
      const scoped = await app.token('dinkes-hr', { roles: [Role.HR_ADMIN], unit: unit.code });
      const byScoped = await p.unchanged(() => open({ year: 2034 }, scoped));
      expect(byScoped.userErrors.map((e) => e.code)).toEqual(['OUT_OF_SCOPE']);
      const byEmployee = await p.unchanged(() => p.raw('openPeriod', { year: 2034 }, person, 'period { id }'));
      expect(byEmployee.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(byEmployee.body.data ?? null).toBeNull();
    });
  });

  describe('sub-periods', () => {
    it('a quarterly year has four quarters (triwulan), each evaluation due the configured days after it ends', async () => {
      const opened = (await open({ year: 2035 })).period!;
      expect(opened.subPeriods).toEqual([
        {
          index: 1,
          label: 'Triwulan I 2035',
          startDate: '2035-01-01',
          endDate: '2035-03-31',
          evaluationDueDate: '2035-04-10',
        },
        {
          index: 2,
          label: 'Triwulan II 2035',
          startDate: '2035-04-01',
          endDate: '2035-06-30',
          evaluationDueDate: '2035-07-10',
        },
        {
          index: 3,
          label: 'Triwulan III 2035',
          startDate: '2035-07-01',
          endDate: '2035-09-30',
          evaluationDueDate: '2035-10-10',
        },
        {
          index: 4,
          label: 'Triwulan IV 2035',
          startDate: '2035-10-01',
          endDate: '2035-12-31',
          evaluationDueDate: '2036-01-10',
        },
      ]);
    });

    it('a monthly year has twelve months with their Indonesian names; a leap February ends on the 29th', async () => {
      const opened = (await open({ year: 2036, cadence: 'MONTHLY', periodicEvaluationDays: 15 })).period!;
      const months = [
        'Januari',
        'Februari',
        'Maret',
        'April',
        'Mei',
        'Juni',
        'Juli',
        'Agustus',
        'September',
        'Oktober',
        'November',
        'Desember',
      ];
      expect(opened.subPeriods.map((s) => s.label)).toEqual(months.map((m) => `${m} 2036`));
      expect(opened.subPeriods.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(opened.subPeriods[0]).toEqual({
        index: 1,
        label: 'Januari 2036',
        startDate: '2036-01-01',
        endDate: '2036-01-31',
        evaluationDueDate: '2036-02-15',
      });
      expect(opened.subPeriods[1]).toEqual({
        index: 2,
        label: 'Februari 2036',
        startDate: '2036-02-01',
        endDate: '2036-02-29',
        evaluationDueDate: '2036-03-15',
      });
      expect(opened.subPeriods[3]!.endDate).toBe('2036-04-30');
      expect(opened.subPeriods[11]).toEqual({
        index: 12,
        label: 'Desember 2036',
        startDate: '2036-12-01',
        endDate: '2036-12-31',
        evaluationDueDate: '2037-01-15',
      });
      // Consecutive, without gaps or overlaps.
      for (let i = 1; i < 12; i++)
        expect(
          new Date(opened.subPeriods[i]!.startDate).getTime() - new Date(opened.subPeriods[i - 1]!.endDate).getTime(),
        ).toBe(86_400_000);
    });

    it('a common-year February ends on the 28th', async () => {
      const opened = (await open({ year: 2037, cadence: 'MONTHLY' })).period!;
      expect(opened.subPeriods[1]).toMatchObject({
        label: 'Februari 2037',
        endDate: '2037-02-28',
        evaluationDueDate: '2037-03-10',
      });
    });
  });

  describe('updatePeriod', () => {
    it('changes the cadence while PLANNING (the sub-periods follow), and refuses a stale version with CONFLICT', async () => {
      const opened = (await open({ year: 2038 })).period!;
      const changed = await update({
        id: opened.id,
        expectedVersion: 1,
        cadence: 'MONTHLY',
        planningDeadline: '2038-02-28',
      });
      expect(changed.userErrors).toEqual([]);
      expect(changed.period).toMatchObject({ cadence: 'MONTHLY', planningDeadline: '2038-02-28', version: 2 });
      expect(changed.period!.subPeriods).toHaveLength(12);
      expect(await auditOf(opened.id, 'PERIOD_UPDATED')).toBe(1);
      const stale = await p.unchanged(() => update({ id: opened.id, expectedVersion: 1, cadence: 'QUARTERLY' }));
      expect(codes(stale)).toEqual([['CONFLICT', ['input', 'expectedVersion']]]);
      expect(stale.userErrors[0]!.currentVersion).toBe(2);
    });

    it('refuses a cadence change once RUNNING with INVALID_STATE, writing nothing; the deadlines still change', async () => {
      const opened = (await open({ year: 2039 })).period!;
      const version = await p.movePeriodTo(opened, 'RUNNING');
      const refused = await p.unchanged(() => update({ id: opened.id, expectedVersion: version, cadence: 'MONTHLY' }));
      expect(codes(refused)).toEqual([['INVALID_STATE', ['input', 'cadence']]]);
      // Refused as a whole: a valid deadline in the same input is not written either.
      const mixed = await p.unchanged(() =>
        update({ id: opened.id, expectedVersion: version, cadence: 'MONTHLY', planningDeadline: '2039-03-31' }),
      );
      expect(codes(mixed)).toEqual([['INVALID_STATE', ['input', 'cadence']]]);
      // The same cadence is no change.
      const same = await update({ id: opened.id, expectedVersion: version, cadence: 'QUARTERLY' });
      expect(same.userErrors).toEqual([]);
      expect(same.period).toMatchObject({ cadence: 'QUARTERLY', version });
      const deadline = await update({
        id: opened.id,
        expectedVersion: version,
        planningDeadline: '2039-03-31',
        periodicEvaluationDays: 20,
      });
      expect(deadline.userErrors).toEqual([]);
      expect(deadline.period).toMatchObject({
        status: 'RUNNING',
        planningDeadline: '2039-03-31',
        periodicEvaluationDays: 20,
        version: version + 1,
      });
      expect(deadline.period!.subPeriods[0]!.evaluationDueDate).toBe('2039-04-20');
      const badDate = await p.unchanged(() =>
        update({ id: opened.id, expectedVersion: version + 1, annualEvaluationDeadline: '2041-01-01' }),
      );
      expect(codes(badDate)).toEqual([['INVALID', ['input', 'annualEvaluationDeadline']]]);
      const badDays = await p.unchanged(() =>
        update({ id: opened.id, expectedVersion: version + 1, periodicEvaluationDays: 91 }),
      );
      expect(codes(badDays)).toEqual([['INVALID', ['input', 'periodicEvaluationDays']]]);
    });
  });

  describe('changePeriodStatus', () => {
    it('moves forward one step at a time; skipping, standing still or going back is INVALID_STATE and writes nothing', async () => {
      const period = (await open({ year: 2042 })).period!;
      let version = 1;
      const refuse = async (status: string, code = 'INVALID_STATE') => {
        const refused = await p.unchanged(() => move({ id: period.id, expectedVersion: version, status }));
        expect({ status, codes: refused.userErrors.map((e) => e.code) }).toEqual({ status, codes: [code] });
        expect(refused.period).toBeNull();
      };
      const advance = async (status: string) => {
        const moved = await move({ id: period.id, expectedVersion: version, status });
        expect(moved.userErrors).toEqual([]);
        expect(moved.period).toMatchObject({ status, version: version + 1 });
        version++;
      };

      await refuse('PLANNING');
      await refuse('EVALUATING');
      await refuse('CLOSED');
      await advance('RUNNING');
      await refuse('PLANNING');
      await refuse('RUNNING');
      await refuse('CLOSED');
      await advance('EVALUATING');
      await refuse('PLANNING');
      await refuse('RUNNING');
      await advance('CLOSED');
      // A closed year refuses every change, going back included.
      for (const status of ['PLANNING', 'RUNNING', 'EVALUATING', 'CLOSED']) await refuse(status, 'PERIOD_CLOSED');
      const closedUpdate = await p.unchanged(() =>
        update({ id: period.id, expectedVersion: version, planningDeadline: '2042-03-01' }),
      );
      expect(closedUpdate.userErrors.map((e) => e.code)).toEqual(['PERIOD_CLOSED']);
      expect(await auditOf(period.id, 'PERIOD_STATUS_CHANGED')).toBe(3);
    });

    it('refuses a stale version with CONFLICT and the current version', async () => {
      const period = (await open({ year: 2043 })).period!;
      await p.movePeriodTo(period, 'RUNNING');
      const stale = await p.unchanged(() => move({ id: period.id, expectedVersion: 1, status: 'EVALUATING' }));
      expect(codes(stale)).toEqual([['CONFLICT', ['input', 'expectedVersion']]]);
      expect(stale.userErrors[0]!.currentVersion).toBe(2);
    });

    it('answers NOT_FOUND for an id that is not a period', async () => {
      const refused = await p.unchanged(() =>
        move({ id: unitId({ rowId: 1 } as Unit), expectedVersion: 1, status: 'RUNNING' }),
      );
      expect(refused.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    });
  });

  describe('currentPeriod', () => {
    const current = async (instant: string) => {
      app.clock.set(instant);
      const data = await app.data<{ currentPeriod: { year: number; status: string } | null }>(
        '{ currentPeriod { year status } }',
        {},
        p.hr,
      );
      return data.currentPeriod;
    };

    it('is the year containing today in WIT (UTC+9), else the latest year not closed', async () => {
      const y2097 = (await open({ year: 2097 })).period!;
      await open({ year: 2098 });
      const y2099 = (await open({ year: 2099 })).period!;
      await p.movePeriodTo(y2097, 'RUNNING');

      expect(await current('2097-06-15T03:00:00Z')).toEqual({ year: 2097, status: 'RUNNING' });
      // 31 December 2097, 23:59:59 WIT.
      expect(await current('2097-12-31T14:59:59Z')).toEqual({ year: 2097, status: 'RUNNING' });
      // 1 January 2098, 00:00 WIT, while it is still 31 December in UTC.
      expect(await current('2097-12-31T15:00:00Z')).toEqual({ year: 2098, status: 'PLANNING' });
      // A year with no period: the latest not closed.
      expect(await current('2100-03-01T00:00:00Z')).toEqual({ year: 2099, status: 'PLANNING' });
      await p.movePeriodTo(y2099, 'CLOSED');
      expect(await current('2100-03-01T00:00:00Z')).toEqual({ year: 2098, status: 'PLANNING' });
      // The year containing today is current even when closed.
      expect(await current('2099-05-01T00:00:00Z')).toEqual({ year: 2099, status: 'CLOSED' });
    });

    it('is readable by every signed-in employee, and by no one without a token', async () => {
      const unit = await app.fixtures.unit({ code: 'PER-READ', kind: UnitKind.AGENCY });
      const person = await app.fixtures.employee({ unit });
      app.clock.set('2027-03-01T00:00:00Z');
      const asEmployee = await app.data<{ currentPeriod: { year: number } | null }>(
        '{ currentPeriod { year } }',
        {},
        await p.token(person),
      );
      expect(asEmployee.currentPeriod).toEqual({ year: 2027 });
      const anonymous = await app.gql('{ currentPeriod { year } }');
      expect(anonymous.body.data?.currentPeriod ?? null).toBeNull();
    });
  });

  describe('a CLOSED period refuses every change to its plans (PERIOD_CLOSED), writing nothing', () => {
    let head: Employee;
    let nurse: Employee;
    let submitter: Employee;
    let approvedOwner: Employee;
    let newcomer: Employee;
    let acting: Employee;
    let pkm: Unit;
    let district: Unit;
    let periodId: string;
    let headPlan: PlanOut;
    let draft: PlanOut;
    let submitted: PlanOut;
    let approved: PlanOut;

    beforeAll(async () => {
      const f = app.fixtures;
      app.clock.set('2031-01-05T01:00:00Z');
      const dinkes = await f.unit({ code: 'PER-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
      pkm = await f.unit({ code: 'PER-PKM', name: 'UPTD Puskesmas Walesi', parent: dinkes });
      district = await f.unit({ code: 'PER-DISTRIK', name: 'Kantor Distrik Walesi', kind: UnitKind.AGENCY });
      head = await f.employee({
        unit: pkm,
        positionKind: PositionKind.PENGAWAS,
        positionTitle: 'Kepala UPTD Puskesmas Walesi',
      });
      acting = await f.employee({
        unit: pkm,
        positionKind: PositionKind.PENGAWAS,
        positionTitle: 'Plt. Kepala Tata Usaha',
      });
      nurse = await f.employee({ unit: pkm, supervisor: head });
      submitter = await f.employee({ unit: pkm, supervisor: head });
      approvedOwner = await f.employee({ unit: pkm, supervisor: head });
      newcomer = await f.employee({ unit: pkm, supervisor: head });
      const period = await p.openPeriod(2031);
      periodId = period.id;

      headPlan = await p.readyPlan(head, null, { periodId });
      const headRhk = headPlan.workResultPlans[0]!.id;
      draft = await p.readyPlan(nurse, headRhk, { periodId });
      draft = (await p.addRhk(nurse, draft, { kind: 'ADDITIONAL', text: 'Membantu pendataan sasaran imunisasi' })).plan;
      await p.ok(
        'setBehaviorExpectation',
        {
          appraisalId: draft.id,
          expectedVersion: draft.version,
          coreValue: 'KOLABORATIF',
          expectation: 'Aktif di posyandu',
        },
        head,
        'appraisal { id }',
      );
      draft = await p.plan(draft.id);
      submitted = await p.bringTo(await p.readyPlan(submitter, headRhk, { periodId }), 'SUBMITTED', submitter, head);
      approved = await p.bringTo(
        await p.readyPlan(approvedOwner, headRhk, { periodId }),
        'APPROVED',
        approvedOwner,
        head,
      );
      await p.movePeriodTo(period, 'CLOSED');
    });

    const rhkOf = () => draft.workResultPlans[0]!;
    type Case = [string, string, () => Employee | string, () => Record<string, unknown>];
    const cases: Case[] = [
      ['createAppraisal', 'by the employee for themselves', () => newcomer, () => ({ periodId })],
      ['createAppraisal', 'by HR for the employee', () => p.hr, () => ({ periodId, employeeId: employeeId(newcomer) })],
      ['createAppraisalsForUnit', 'by HR for the unit', () => p.hr, () => ({ periodId, unitId: unitId(pkm) })],
      [
        'updateAppraisal',
        'the annex and approach of a DRAFT plan',
        () => nurse,
        () => ({
          id: draft.id,
          expectedVersion: draft.version,
          consequences: 'Teguran tertulis',
          approach: 'QUALITATIVE',
        }),
      ],
      [
        'addWorkResultPlan',
        'an RHK to a DRAFT plan',
        () => nurse,
        () => ({ appraisalId: draft.id, expectedVersion: draft.version, kind: 'ADDITIONAL', text: 'Tambahan' }),
      ],
      [
        'updateWorkResultPlan',
        'the text of an RHK',
        () => nurse,
        () => ({ id: rhkOf().id, expectedVersion: draft.version, text: 'Teks baru' }),
      ],
      [
        'removeWorkResultPlan',
        'an additional RHK',
        () => nurse,
        () => ({ id: draft.workResultPlans[1]!.id, expectedVersion: draft.version }),
      ],
      [
        'addIndicator',
        'an IKI to an RHK',
        () => nurse,
        () => ({
          workResultPlanId: rhkOf().id,
          expectedVersion: draft.version,
          text: 'IKI baru',
          aspect: 'TIME',
          targetValue: 12,
          targetUnit: 'bulan',
        }),
      ],
      [
        'updateIndicator',
        'the target of an IKI',
        () => nurse,
        () => ({ id: rhkOf().indicators[0]!.id, expectedVersion: draft.version, targetValue: 130 }),
      ],
      [
        'removeIndicator',
        'an IKI',
        () => nurse,
        () => ({ id: rhkOf().indicators[0]!.id, expectedVersion: draft.version }),
      ],
      [
        'submitAppraisal',
        'a complete DRAFT plan',
        () => nurse,
        () => ({ id: draft.id, expectedVersion: draft.version }),
      ],
      [
        'approveAppraisal',
        'a SUBMITTED plan, by its appraiser',
        () => head,
        () => ({ id: submitted.id, expectedVersion: submitted.version }),
      ],
      [
        'returnAppraisal',
        'a SUBMITTED plan, with a reason',
        () => head,
        () => ({ id: submitted.id, expectedVersion: submitted.version, reason: 'Perbaiki target' }),
      ],
      [
        'reopenAppraisal',
        'an APPROVED plan, with a reason',
        () => head,
        () => ({ id: approved.id, expectedVersion: approved.version, reason: 'Sasaran berubah' }),
      ],
      [
        'setBehaviorExpectation',
        'a new expectation on a SUBMITTED plan',
        () => head,
        () => ({
          appraisalId: submitted.id,
          expectedVersion: submitted.version,
          coreValue: 'ADAPTIF',
          expectation: 'Cepat beradaptasi',
        }),
      ],
      [
        'setBehaviorExpectation',
        'clearing an expectation on a DRAFT plan',
        () => head,
        () => ({ appraisalId: draft.id, expectedVersion: draft.version, coreValue: 'KOLABORATIF', expectation: null }),
      ],
      [
        'reassignAppraiser',
        'to an acting official',
        () => p.hr,
        () => ({ id: draft.id, expectedVersion: draft.version, appraiserId: employeeId(acting), reason: 'Plt' }),
      ],
      [
        'transferEmployee',
        'on 1 July, with an open plan in the closed year',
        () => p.hr,
        () => ({
          employeeId: employeeId(nurse),
          expectedVersion: nurse.version,
          effectiveDate: '2031-07-01',
          unitId: unitId(district),
          positionTitle: 'Pengelola Layanan Kesehatan',
        }),
      ],
    ];

    it.each(cases)('%s: %s', async (name, _label, who, input) => {
      app.clock.set('2031-03-01T01:00:00Z');
      const refused = await p.unchanged(() => p.raw(name, input(), who(), ''));
      expect(refused.body.errors).toBeUndefined();
      expect(refused.body.data!.r.userErrors.map((e) => e.code)).toEqual(['PERIOD_CLOSED']);
    });

    it('createAppraisal without a period, when the current year is the closed one', async () => {
      app.clock.set('2031-06-01T01:00:00Z');
      const refused = await p.unchanged(() => p.mutate('createAppraisal', {}, newcomer, 'appraisal { id }'));
      expect(refused.userErrors.map((e) => e.code)).toEqual(['PERIOD_CLOSED']);
    });

    it('the plans stay readable as they were', async () => {
      const plan = await p.plan(draft.id, nurse);
      expect(plan).toEqual(draft);
      expect((await p.plan(approved.id, head)).status).toBe('APPROVED');
    });
  });
});
