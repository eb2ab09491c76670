import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { placeholders, rawByIds, RawEntities } from '../../core/database/raw-entities';
import { Feedback, type FeedbackTarget } from './feedback.entity';

export const feedbackById: LoaderFactory<number, Feedback | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Feedback, ids), (f) => f.id));

/** Feedback on each target of one kind (realizations, activities, indicators…), oldest first. */
export const feedbackOn: LoaderFactory<number, Feedback[], { kind: FeedbackTarget }> = (ctx, { kind }) =>
  new DataLoader(async (targetIds) => {
    const f = RawEntities.of(ctx.em, Feedback, 'f');
    const rows = await f.query(ctx.em, `SELECT ${f.select()} FROM ${f.from()} WHERE f.target_kind = ? AND f.target_id IN (${placeholders(targetIds)}) ORDER BY f.id ASC`, [kind, ...targetIds]);
    return groupByKey(targetIds, rows, (f) => f.targetId!);
  });

/** All feedback on each plan (whatever the target within it), newest first. */
export const feedbackOfAppraisal: LoaderFactory<number, Feedback[]> = (ctx) =>
  new DataLoader(async (appraisalIds) => {
    const rows = await ctx.em.getRepository(Feedback).find({ where: { appraisalId: In([...appraisalIds]) }, order: { id: 'DESC' } });
    return groupByKey(appraisalIds, rows, (f) => f.appraisalId!);
  });
