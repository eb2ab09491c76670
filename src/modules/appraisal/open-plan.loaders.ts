import DataLoader from 'dataloader';
import { loadAll, type LoaderFactory } from '../../core/context/loader-registry';
import { Permission } from '../../core/policy/permission';
import { periodService } from '../period/period.service';
import { type Appraisal } from './appraisal.entity';
import { openAppraisalOf } from './appraisal.loaders';

/**
 * Each employee's open plan in a period (the current one for null), as the caller may read it: null when there
 * is none or READ_APPRAISAL refuses it. A team page asks for all its people in one batch: one statement.
 */
export const readableOpenPlanOf: LoaderFactory<number, Appraisal | null, { periodId: number | null }> = (
  ctx,
  { periodId },
) =>
  new DataLoader(async (employeeIds) => {
    const period = periodId !== null ? await periodService.get(ctx, periodId) : await periodService.current(ctx);
    if (!period) return employeeIds.map(() => null);
    return ctx.policy.filter(
      Permission.READ_APPRAISAL,
      await loadAll(ctx.loaders.get(openAppraisalOf, { periodId: period.rowId }), employeeIds),
    );
  });
