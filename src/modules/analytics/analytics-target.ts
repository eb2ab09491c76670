import { type Text } from '../../core/i18n/text';
import { type RequestContext } from '../../core/context/request-context';
import { idOfType } from '../../core/graphql/global-id';
import { PerformancePeriod } from '../period/performance-period.entity';
import { periodService } from '../period/period.service';
import { Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { analyticsMessages } from './analytics.messages';

/**
 * The unit and period of analytics and its exports, named either by global ids (what the API hands out) or by a
 * unit code and a year (what analysts type into a spreadsheet): exactly one of each pair.
 */
export interface AnalyticsTarget {
  unitId?: string | null;
  unitCode?: string | null;
  periodId?: string | null;
  year?: number | null;
}

/** Which argument is wrong and why, when a pair is named twice or not at all; null when the target is well formed. */
export function targetProblem(t: AnalyticsTarget): { argument: string; message: Text } | null {
  if ((t.unitId == null) === (t.unitCode == null))
    return { argument: t.unitId == null ? 'unitId' : 'unitCode', message: analyticsMessages.unitChoice };
  if ((t.periodId == null) === (t.year == null))
    return { argument: t.periodId == null ? 'periodId' : 'year', message: analyticsMessages.periodChoice };
  return null;
}

/**
 * The unit and period named, each read through the same service (and policy) as when named by id: a code or a
 * year only stands for the id, so an unknown code answers exactly as an unknown id or a unit out of reach does.
 */
export async function targetOf(
  ctx: RequestContext,
  t: AnalyticsTarget,
): Promise<{ unit: Unit | null; period: PerformancePeriod | null }> {
  const uid =
    t.unitCode != null
      ? ((await unitService.getByCode(ctx, t.unitCode))?.rowId ?? null)
      : idOfType(t.unitId ?? '', Unit.typeName);
  const pid =
    t.year != null
      ? ((await ctx.em.getRepository(PerformancePeriod).findOne({ select: { rowId: true }, where: { year: t.year } }))
          ?.rowId ?? null)
      : idOfType(t.periodId ?? '', PerformancePeriod.typeName);
  const [unit] = uid === null ? [null] : await unitService.getMany(ctx, [uid]);
  const [period] = pid === null ? [null] : await periodService.getMany(ctx, [pid]);
  return { unit: unit ?? null, period: period ?? null };
}
