import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { type RequestContext } from '../../core/context/request-context';
import { byKey, groupByKey, loadAll, type LoaderFactory } from '../../core/context/loader-registry';
import { PeekableLoader } from '../../core/context/peekable-loader';
import { placeholders, rawByIds, RawEntities } from '../../core/database/raw-entities';
import { Permission } from '../../core/policy/permission';
import { Feedback, FeedbackTarget } from './feedback.entity';

export const feedbackById: LoaderFactory<number, Feedback | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Feedback, ids), (f) => f.rowId));

/** Feedback on each target of one kind (realizations, activities, indicators…), oldest first. */
export const feedbackOn: LoaderFactory<number, Feedback[], { kind: FeedbackTarget }> = (ctx, { kind }) =>
  new DataLoader(async (targetIds) => {
    const f = RawEntities.of(ctx.em, Feedback, 'f');
    const rows = await f.query(
      ctx.em,
      `SELECT ${f.select()} FROM ${f.from()} WHERE f.target_kind = ? AND f.target_id IN (${placeholders(targetIds)}) ORDER BY f.id ASC`,
      [kind, ...targetIds],
    );
    return groupByKey(targetIds, rows, (f) => f.targetId!);
  });

/** Keeps, in each list, the feedback the caller may read (READ_FEEDBACK): one policy pass for all the lists. */
export async function readableFeedback(
  ctx: RequestContext,
  lists: readonly (readonly Feedback[])[],
): Promise<Feedback[][]> {
  const allowed = await ctx.policy.filter(Permission.READ_FEEDBACK, lists.flat());
  let n = 0;
  return lists.map((list) => list.filter(() => allowed[n++] !== null));
}

/** Feedback on each target of one kind that the caller may read, oldest first. */
const readableFeedbackOn =
  (kind: FeedbackTarget): LoaderFactory<number, Feedback[]> =>
  (ctx) =>
    new PeekableLoader(async (targetIds) =>
      readableFeedback(ctx, await loadAll(ctx.loaders.get(feedbackOn, { kind }), targetIds)),
    );

/** What the caller may read of the feedback on each realization; the progress batch primes it (`plan-progress.loaders.ts`). */
export const readableFeedbackOnRealization = readableFeedbackOn(FeedbackTarget.REALIZATION);

export const readableFeedbackOnIndicator = readableFeedbackOn(FeedbackTarget.INDICATOR);

export const readableFeedbackOnActivity = readableFeedbackOn(FeedbackTarget.ACTIVITY);

/** All feedback on each plan (whatever the target within it), newest first. */
export const feedbackOfAppraisal: LoaderFactory<number, Feedback[]> = (ctx) =>
  new DataLoader(async (appraisalIds) => {
    const rows = await ctx.em
      .getRepository(Feedback)
      .find({ where: { appraisalId: In([...appraisalIds]) }, order: { rowId: 'DESC' } });
    return groupByKey(appraisalIds, rows, (f) => f.appraisalId!);
  });
