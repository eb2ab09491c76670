import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { TestApp } from '../support/test-app';
import { errorCodes } from '../support/authorization-matrix';
import { type PlanOut, Planning } from './planning-helpers';

/**
 * The refusal rule (`docs/api.md`, Refusals): a top-level FORBIDDEN is decided on the caller alone; a refusal about
 * a record is a userError, NOT_FOUND alike for a record that does not exist and one the caller may not read (so the
 * answer does not tell them apart), NOT_ALLOWED only for a record the caller reads.
 */
describe('the refusal rule', () => {
  let app: TestApp;
  let p: Planning;
  let head: Employee;
  let nurse: Employee;
  let outsider: Employee;
  let plan: PlanOut;
  const unknownPlan = toGlobalId('Appraisal', 987654);

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const f = app.fixtures;
    const dinkes = await f.unit({ code: 'RR-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    const pkm = await f.unit({ code: 'RR-PKM', name: 'UPTD Puskesmas Walesi', parent: dinkes });
    const other = await f.unit({ code: 'RR-DISTRIK', name: 'Kantor Distrik Walesi', kind: UnitKind.AGENCY });
    head = await f.employee({ unit: pkm, positionKind: PositionKind.PENGAWAS, positionTitle: 'Kepala Puskesmas' });
    nurse = await f.employee({ unit: pkm, supervisor: head, positionTitle: 'Perawat Terampil' });
    outsider = await f.employee({ unit: other, positionTitle: 'Staf Distrik' });
    await p.openPeriod(2027);
    plan = await p.createPlan(nurse);
  });
  afterAll(() => app?.stop());

  const submit = (id: string, who: Employee) =>
    p.raw('submitAppraisal', { id, expectedVersion: 1 }, who, 'appraisal { id }');

  it('a plan you may not read answers exactly as one that does not exist: NOT_FOUND, same field and message', async () => {
    const hidden = await p.unchanged(() => submit(plan.id, outsider));
    const absent = await p.unchanged(() => submit(unknownPlan, outsider));
    expect(hidden.body.errors).toBeUndefined();
    expect(hidden.body.data!.r.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String), currentVersion: null },
    ]);
    expect(absent.body).toEqual(hidden.body);
  });

  it('a plan you read but may not act on is NOT_ALLOWED, a userError on its field; nothing written', async () => {
    const refused = await p.unchanged(() => submit(plan.id, head));
    expect(refused.body.errors).toBeUndefined();
    expect(refused.body.data!.r).toEqual({
      appraisal: null,
      userErrors: [{ code: 'NOT_ALLOWED', field: ['input', 'id'], message: expect.any(String), currentVersion: null }],
    });
  });

  it('an operation your role never allows is a top-level FORBIDDEN whatever the id, before any record is read', async () => {
    const reassign = (id: string) =>
      p.unchanged(() =>
        p.raw('reassignAppraiser', { id, expectedVersion: 1, appraiserId: toGlobalId('Employee', 1) }, nurse),
      );
    const real = await reassign(plan.id);
    const absent = await reassign(unknownPlan);
    expect(errorCodes(real)).toEqual(['FORBIDDEN']);
    expect(real.body.data ?? null).toBeNull();
    expect(absent.body).toEqual(real.body);
  });
});
