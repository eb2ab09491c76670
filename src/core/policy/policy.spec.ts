import { type RequestContext } from '../context/request-context';
import { Permission } from './permission';
import { Policy, type PolicyTable } from './policy';

describe('Policy.filter', () => {
  // A table where READ_APPRAISAL answers at once and READ_WORK_PLAN after a lookup; only `true` allows.
  const table = {
    [Permission.READ_APPRAISAL]: { description: 'even', evaluate: (_ctx: RequestContext, n: unknown) => (n as number) % 2 === 0 },
    [Permission.READ_WORK_PLAN]: { description: 'odd, later', evaluate: async (_ctx: RequestContext, n: unknown) => ((n as number) % 2 === 1 ? true : (1 as unknown as boolean)) },
  } as unknown as PolicyTable;
  const policy = new Policy({} as RequestContext, table);

  it('keeps what the rule allows, in order, whether the rule answers at once or later; null stays null', async () => {
    expect(await policy.filter(Permission.READ_APPRAISAL, [1, 2, null, 4, undefined])).toEqual([null, 2, null, 4, null]);
    expect(await policy.filter(Permission.READ_WORK_PLAN, [1, 2, null, 3])).toEqual([1, null, null, 3]);
    expect(await policy.filter(Permission.READ_APPRAISAL, [])).toEqual([]);
  });
});
