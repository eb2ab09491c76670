import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { EvaluationBehavior } from './evaluation-behavior.entity';
import { Evaluation } from './evaluation.entity';
import { EvaluationKind } from './evaluation-enums';
import { Objection } from './objection.entity';
import { UnitRating } from './unit-rating.entity';

export const evaluationById: LoaderFactory<number, Evaluation | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Evaluation, ids), (e) => e.rowId));

/** Periodic ones by sub-period, then the annual ones oldest first (the appraiser's, then one decided on objection). */
const historyOrder = (a: Evaluation, b: Evaluation): number =>
  a.kind !== b.kind
    ? a.kind === EvaluationKind.PERIODIC
      ? -1
      : 1
    : a.kind === EvaluationKind.PERIODIC
      ? a.subPeriod! - b.subPeriod!
      : a.rowId - b.rowId;

/** Each plan's evaluations, superseded ones included, in `historyOrder`. */
export const evaluationsOf: LoaderFactory<number, Evaluation[]> = (ctx) =>
  new DataLoader(async (appraisalIds) => {
    const rows = await ctx.em.getRepository(Evaluation).find({ where: { appraisalId: In([...appraisalIds]) } });
    return groupByKey(appraisalIds, rows.sort(historyOrder), (e) => e.appraisalId);
  });

export const behaviorAssessmentsOf: LoaderFactory<number, EvaluationBehavior[]> = (ctx) =>
  new DataLoader(async (evaluationIds) =>
    groupByKey(
      evaluationIds,
      await ctx.em.getRepository(EvaluationBehavior).findBy({ evaluationId: In([...evaluationIds]) }),
      (b) => b.evaluationId,
    ),
  );

export const objectionOf: LoaderFactory<number, Objection | null> = (ctx) =>
  new DataLoader(async (appraisalIds) =>
    byKey(
      appraisalIds,
      await ctx.em.getRepository(Objection).findBy({ appraisalId: In([...appraisalIds]) }),
      (o) => o.appraisalId,
    ),
  );

export const objectionById: LoaderFactory<number, Objection | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Objection, ids), (o) => o.rowId));

/** Unit ratings by id (node lookups), without policy: callers go through `evaluationService.getUnitRatings`. */
export const unitRatingById: LoaderFactory<number, UnitRating | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, UnitRating, ids), (r) => r.rowId));
