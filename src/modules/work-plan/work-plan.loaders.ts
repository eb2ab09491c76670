import DataLoader from 'dataloader';
import { type RequestContext } from '../../core/context/request-context';
import { In, Not } from 'typeorm';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { PeekableLoader } from '../../core/context/peekable-loader';
import { placeholders, rawByIds, RawEntities } from '../../core/database/raw-entities';
import { Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalStatus } from '../appraisal/appraisal-enums';
import { BehaviorExpectation } from './behavior-expectation.entity';
import { Indicator } from './indicator.entity';
import { WorkResultPlan } from './work-result-plan.entity';

// The loaders of plan content are peekable: the plan content batch (`plan-content.loaders.ts`) primes them with
// what it read or took from the cache, and fields read them without a promise (`LoaderRegistry.peekOrLoad`).

/** RHK by id, without policy: callers go through `workPlanService`. */
export const workResultPlanById: LoaderFactory<number, WorkResultPlan | null> = (ctx) =>
  new PeekableLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, WorkResultPlan, ids), (r) => r.rowId));

export const indicatorById: LoaderFactory<number, Indicator | null> = (ctx) =>
  new PeekableLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Indicator, ids), (i) => i.rowId));

/** Each plan's RHK and, in the same order, each RHK's indicators. */
export interface RhkWithIndicators {
  rhk: WorkResultPlan;
  indicators: Indicator[];
}

/**
 * The RHK of each plan (main before additional, then in order) with their indicators, in one statement: whoever
 * reads a plan's RHK nearly always reads their indicators next.
 */
export async function readPlanContent(
  ctx: RequestContext,
  appraisalIds: readonly number[],
): Promise<RhkWithIndicators[][]> {
  const r = RawEntities.of(ctx.em, WorkResultPlan, 'rhk');
  const i = RawEntities.of(ctx.em, Indicator, 'indicator');
  const joined: Array<Record<string, unknown>> = await ctx.em.query(
    `SELECT ${r.select()}, ${i.select()} FROM ${r.from()} LEFT JOIN ${i.from()} ON indicator.work_result_plan_id = rhk.id
      WHERE rhk.appraisal_id IN (${placeholders(appraisalIds)})
      ORDER BY rhk.kind DESC, rhk.position ASC, rhk.id ASC, indicator.position ASC, indicator.id ASC`,
    [...appraisalIds],
  );
  const rows: RhkWithIndicators[] = [];
  for (const row of joined) {
    if (rows.at(-1)?.rhk.rowId !== Number(row.rhk__id)) rows.push({ rhk: r.entity(row)!, indicators: [] });
    const indicator = i.entity(row);
    if (indicator) rows.at(-1)!.indicators.push(indicator);
  }
  return groupByKey(appraisalIds, rows, (row) => row.rhk.appraisalId);
}

/** Each plan's RHK (main before additional, then in order), without policy; their indicators come primed. */
export const workResultPlansOf: LoaderFactory<number, WorkResultPlan[]> = (ctx) =>
  new PeekableLoader(async (appraisalIds) =>
    (await readPlanContent(ctx, appraisalIds)).map((content) => {
      for (const { rhk, indicators } of content) primeRhk(ctx, rhk, indicators);
      return content.map((c) => c.rhk);
    }),
  );

/**
 * Puts an RHK and its indicators where a read of them by id would look, replacing what the request read
 * before (these are at least as new).
 */
export function primeRhk(ctx: RequestContext, rhk: WorkResultPlan, indicators: Indicator[]): void {
  ctx.loaders.get(indicatorsOf).clear(rhk.rowId).prime(rhk.rowId, indicators);
  ctx.loaders.get(workResultPlanById).clear(rhk.rowId).prime(rhk.rowId, rhk);
  const byId = ctx.loaders.get(indicatorById);
  for (const indicator of indicators) byId.clear(indicator.rowId).prime(indicator.rowId, indicator);
}

/** Each RHK's indicators, in order. */
export const indicatorsOf: LoaderFactory<number, Indicator[]> = (ctx) =>
  new PeekableLoader(async (rhkIds) => {
    const rows = await ctx.em
      .getRepository(Indicator)
      .find({ where: { workResultPlanId: In([...rhkIds]) }, order: { position: 'ASC', rowId: 'ASC' } });
    return groupByKey(rhkIds, rows, (i) => i.workResultPlanId);
  });

/** The RHK of other plans that support each RHK (its children in the cascade), closed plans excluded. */
export const supportersOf: LoaderFactory<number, WorkResultPlan[]> = (ctx) =>
  new DataLoader(async (rhkIds) => {
    const rows = await ctx.em
      .getRepository(WorkResultPlan)
      .createQueryBuilder('rhk')
      .innerJoin(Appraisal, 'plan', 'plan.id = rhk.appraisal_id AND plan.status <> :closed', {
        closed: AppraisalStatus.CLOSED,
      })
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
    byKey(
      employeeIds,
      await ctx.em
        .getRepository(Appraisal)
        .findBy({ periodId, employeeId: In([...employeeIds]), status: Not(AppraisalStatus.CLOSED) }),
      (a) => a.employeeId,
    ),
  );
