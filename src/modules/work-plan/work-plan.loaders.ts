import DataLoader from 'dataloader';
import { type RequestContext } from '../../core/context/request-context';
import { In, Not } from 'typeorm';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { offeringLoader } from '../../core/context/offered-cache';
import { placeholders, rawByIds, RawEntities } from '../../core/database/raw-entities';
import { Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalStatus } from '../appraisal/appraisal-enums';
import { BehaviorExpectation } from './behavior-expectation.entity';
import { Indicator } from './indicator.entity';
import { WorkResultPlan } from './work-result-plan.entity';

// The four loaders of plan content are offering loaders: content served from the cache is offered to them
// (`workPlanService.contentOfMany`) rather than primed key by key.

/** RHK by id, without policy: callers go through `workPlanService`. */
export const workResultPlanById: LoaderFactory<number, WorkResultPlan | null> = (ctx) =>
  offeringLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, WorkResultPlan, ids), (r) => r.id));

export const indicatorById: LoaderFactory<number, Indicator | null> = (ctx) =>
  offeringLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Indicator, ids), (i) => i.id));

/**
 * Each plan's RHK (main before additional, then in order), with their indicators in the same statement: whoever
 * reads a plan's RHK nearly always reads their indicators next, so `indicatorsOf` is primed rather than queried.
 */
export const workResultPlansOf: LoaderFactory<number, WorkResultPlan[]> = (ctx) =>
  offeringLoader(async (appraisalIds) => {
    const r = RawEntities.of(ctx.em, WorkResultPlan, 'rhk');
    const i = RawEntities.of(ctx.em, Indicator, 'indicator');
    const joined: Array<Record<string, unknown>> = await ctx.em.query(
      `SELECT ${r.select()}, ${i.select()} FROM ${r.from()} LEFT JOIN ${i.from()} ON indicator.work_result_plan_id = rhk.id
        WHERE rhk.appraisal_id IN (${placeholders(appraisalIds)})
        ORDER BY rhk.kind DESC, rhk.position ASC, rhk.id ASC, indicator.position ASC, indicator.id ASC`,
      [...appraisalIds],
    );
    const rows: WorkResultPlan[] = [];
    let indicators: Indicator[] = [];
    for (const row of joined) {
      const id = Number(row.rhk__id);
      if (rows.at(-1)?.id !== id) {
        const rhk = r.entity(row)!;
        rows.push(rhk);
        indicators = [];
        primeRhk(ctx, rhk, indicators);
      }
      const indicator = i.entity(row);
      if (indicator) {
        indicators.push(indicator);
        primeIndicator(ctx, indicator);
      }
    }
    return groupByKey(appraisalIds, rows, (r) => r.appraisalId);
  });

/**
 * Puts an RHK and its indicator list where a read of them by id would look, replacing what the request read
 * before (these are at least as new): for the batch above, and for plan content served from the cache.
 */
export function primeRhk(ctx: RequestContext, rhk: WorkResultPlan, indicators: Indicator[]): void {
  ctx.loaders.get(indicatorsOf).clear(rhk.id).prime(rhk.id, indicators);
  ctx.loaders.get(workResultPlanById).clear(rhk.id).prime(rhk.id, rhk);
}

export function primeIndicator(ctx: RequestContext, indicator: Indicator): void {
  ctx.loaders.get(indicatorById).clear(indicator.id).prime(indicator.id, indicator);
}

/** Each RHK's indicators, in order. */
export const indicatorsOf: LoaderFactory<number, Indicator[]> = (ctx) =>
  offeringLoader(async (rhkIds) => {
    const rows = await ctx.em.getRepository(Indicator).find({ where: { workResultPlanId: In([...rhkIds]) }, order: { position: 'ASC', id: 'ASC' } });
    return groupByKey(rhkIds, rows, (i) => i.workResultPlanId);
  });

/** The RHK of other plans that support each RHK (its children in the cascade), closed plans excluded. */
export const supportersOf: LoaderFactory<number, WorkResultPlan[]> = (ctx) =>
  new DataLoader(async (rhkIds) => {
    const rows = await ctx.em
      .getRepository(WorkResultPlan)
      .createQueryBuilder('rhk')
      .innerJoin(Appraisal, 'plan', 'plan.id = rhk.appraisal_id AND plan.status <> :closed', { closed: AppraisalStatus.CLOSED })
      .where('rhk.supports_id IN (:...ids)', { ids: [...rhkIds] })
      .orderBy('rhk.id')
      .getMany();
    return groupByKey(rhkIds, rows, (r) => r.supportsId!);
  });

/** Each plan's specific behaviour expectations. */
export const expectationsOf: LoaderFactory<number, BehaviorExpectation[]> = (ctx) =>
  new DataLoader(async (appraisalIds) => {
    const rows = await ctx.em.getRepository(BehaviorExpectation).findBy({ appraisalId: In([...appraisalIds]) });
    return groupByKey(appraisalIds, rows, (e) => e.appraisalId);
  });

/** The open plans of appraisers in a period, by the appraiser's employee id (for "what can I support?"). */
export const appraiserPlanOf: LoaderFactory<number, Appraisal | null, { periodId: number }> = (ctx, { periodId }) =>
  new DataLoader(async (employeeIds) =>
    byKey(employeeIds, await ctx.em.getRepository(Appraisal).findBy({ periodId, employeeId: In([...employeeIds]), status: Not(AppraisalStatus.CLOSED) }), (a) => a.employeeId),
  );
