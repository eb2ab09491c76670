import { type RequestContext } from '../../core/context/request-context';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the unit an event falls in, never shown to the caller
import { employeeById } from '../employee/employee.loaders';

/** The unit an employee belongs to now: where an event about them without a plan falls for HR scope. */
export async function currentUnitOf(ctx: RequestContext, employeeId: number): Promise<number | null> {
  return (await ctx.loaders.get(employeeById).load(employeeId))?.unitId ?? null;
}
