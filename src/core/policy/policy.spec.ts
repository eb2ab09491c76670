import { type RequestContext } from '../context/request-context';
import { Appraisal } from '../../modules/appraisal/appraisal.entity';
import { Employee } from '../../modules/employee/employee.entity';
import { Permission } from './permission';
import { Policy, type PolicyTable } from './policy';

const plan = (id: number): Appraisal => Object.assign(new Appraisal(), { rowId: id });

describe('Policy.filter', () => {
  // A table where READ_APPRAISAL answers at once and READ_WORK_PLAN after a lookup; only `true` allows.
  const table = {
    [Permission.READ_APPRAISAL]: {
      description: 'even',
      subject: 'the plan',
      evaluate: (_ctx: RequestContext, p: Appraisal) => p.rowId % 2 === 0,
    },
    [Permission.READ_WORK_PLAN]: {
      description: 'odd, later',
      subject: 'the plan',
      evaluate: async (_ctx: RequestContext, p: Appraisal) => (p.rowId % 2 === 1 ? true : (1 as unknown as boolean)),
    },
  } as unknown as PolicyTable;
  const policy = new Policy({} as RequestContext, table);

  it('keeps what the rule allows, in order, whether the rule answers at once or later; null stays null', async () => {
    const [p1, p2, p3, p4] = [plan(1), plan(2), plan(3), plan(4)];
    expect(await policy.filter(Permission.READ_APPRAISAL, [p1, p2, null, p4, undefined])).toEqual([
      null,
      p2,
      null,
      p4,
      null,
    ]);
    expect(await policy.filter(Permission.READ_WORK_PLAN, [p1, p2, null, p3])).toEqual([p1, null, null, p3]);
    expect(await policy.filter(Permission.READ_APPRAISAL, [])).toEqual([]);
  });
});

describe('subjects are typed by permission', () => {
  const seen: unknown[] = [];
  const rule = {
    description: 'records',
    subject: 'x',
    evaluate: (_ctx: RequestContext, s: unknown) => (seen.push(s), true),
  };
  const table = {
    [Permission.SIGNED_IN]: { ...rule, subject: null },
    [Permission.READ_APPRAISAL]: rule,
    [Permission.READ_EMPLOYEE_PERSONAL]: { ...rule, fieldSubject: Employee },
    [Permission.ADMINISTER_UNIT]: rule,
    [Permission.IMPORT_INTO_UNIT]: rule,
  } as unknown as PolicyTable;
  const policy = new Policy({ actor: { isAuthenticated: true } } as RequestContext, table);

  it('takes the subject its rule declares, and refuses another at compile time', async () => {
    const employee = new Employee();
    await policy.can(Permission.READ_APPRAISAL, plan(1));
    await policy.can(Permission.ADMINISTER_UNIT, 8);
    await policy.can(Permission.IMPORT_INTO_UNIT, null);
    await policy.can(Permission.SIGNED_IN);
    // @ts-expect-error an employee is not a plan
    await policy.can(Permission.READ_APPRAISAL, employee);
    // @ts-expect-error a plan rule needs its plan
    await policy.can(Permission.READ_APPRAISAL);
    // @ts-expect-error ADMINISTER_UNIT decides on a unit id, not on a unit
    await policy.can(Permission.ADMINISTER_UNIT, { id: 8 });
    // @ts-expect-error only IMPORT_INTO_UNIT takes null (a new root unit)
    await policy.can(Permission.ADMINISTER_UNIT, null);
    // @ts-expect-error SIGNED_IN decides on the caller alone
    await policy.can(Permission.SIGNED_IN, employee);
    // @ts-expect-error a list of employees is not a list of plans
    await policy.filter(Permission.READ_APPRAISAL, [employee]);
    const anyPermission = Permission.READ_APPRAISAL as Permission;
    // @ts-expect-error a permission not known statically takes no subject at all
    await policy.can(anyPermission, plan(1));
    // @ts-expect-error …not even none
    await policy.can(anyPermission);
    const unitPermission = Permission.ADMINISTER_UNIT as Permission.ADMINISTER_UNIT | Permission.IMPORT_INTO_UNIT;
    await policy.can(unitPermission, 8);
    // @ts-expect-error null is a subject of only one of the two
    await policy.can(unitPermission, null);
    expect(seen.length).toBe(14);
  });

  it('an operation may only declare a permission that decides on the caller alone: anything else is a bug, said loudly', async () => {
    await expect(policy.assertOperation(Permission.SIGNED_IN)).resolves.toBeUndefined();
    await expect(policy.assertOperation(Permission.READ_APPRAISAL)).rejects.toThrow(
      'READ_APPRAISAL decides on x: it cannot guard an operation',
    );
  });

  it('a field permission reads its parent object, which must be of the class the rule declares', async () => {
    await expect(policy.canOnField(Permission.READ_EMPLOYEE_PERSONAL, new Employee())).resolves.toBe(true);
    await expect(policy.canOnField(Permission.READ_EMPLOYEE_PERSONAL, plan(1))).rejects.toThrow(
      'READ_EMPLOYEE_PERSONAL cannot guard a field of Appraisal',
    );
    await expect(policy.canOnField(Permission.READ_APPRAISAL, plan(1))).rejects.toThrow(
      'READ_APPRAISAL cannot guard a field of Appraisal',
    );
  });
});
