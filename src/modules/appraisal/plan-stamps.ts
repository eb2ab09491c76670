import { type RequestContext } from '../../core/context/request-context';
import { Appraisal } from './appraisal.entity';
import { appraisalById } from './appraisal.loaders';
import { touchPlan } from './plan-access';

/**
 * The one way to write what readers keep of a plan across requests by its stamps (`VersionedCache`): its content
 * (RHK and indicators) by the plan's `version`, its progress (realizations, and the feedback on anything in it)
 * by `version` and `progress_version`. The write and the bump of its stamp happen here together, in the
 * caller's transaction, so no writer can do one without the other; `plan-stamps.spec.ts` fails when a write of
 * those tables is made anywhere else (the seed and a restore write whole databases behind the service's back).
 */
export async function changePlanContent<T>(
  ctx: RequestContext,
  appraisal: Appraisal,
  expectedVersion: number,
  write: () => Promise<T>,
): Promise<{ plan: Appraisal; result: T }> {
  const result = await write();
  return { plan: await touchPlan(ctx, appraisal, expectedVersion), result };
}

/**
 * Writes a change to a plan's progress (nothing to bump when the change belongs to no plan). The plan row is
 * bumped, so locked, first, as every plan write locks it first.
 */
export async function changePlanProgress<T>(
  ctx: RequestContext,
  appraisalId: number | null,
  write: () => Promise<T>,
): Promise<T> {
  if (appraisalId !== null) {
    await ctx.em
      .createQueryBuilder()
      .update(Appraisal)
      .set({ progressVersion: () => 'progress_version + 1' })
      .where('id = :id', { id: appraisalId })
      .execute();
    ctx.loaders.get(appraisalById).clear(appraisalId);
  }
  return write();
}
