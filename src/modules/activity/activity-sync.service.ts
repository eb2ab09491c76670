import { type RequestContext } from '../../core/context/request-context';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { forbidden } from '../../core/errors/app-error';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { IDEMPOTENCY_KEY } from '../../core/idempotency/idempotency';
import { localDateOf } from '../../core/time/local-date';
import { activityError, ActivityProblem } from './activity.errors';
import { activityService } from './activity.service';
import {
  MAX_SYNC_ENTRIES,
  type SyncActivitiesInput,
  type SyncActivitiesPayload,
  type SyncActivityEntry,
  type SyncActivityResult,
  SyncActivityStatus,
} from './activity-sync.types';
import { DailyActivity } from './daily-activity.entity';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';

/** How far ahead of the server's clock a device's `writtenAt` may be (clocks drift; a day ahead is an error). */
export const WRITTEN_AT_SKEW_MS = 5 * 60 * 1000;

const outcome = (
  entry: SyncActivityEntry,
  status: SyncActivityStatus,
  activity: DailyActivity,
): SyncActivityResult => ({
  clientId: entry.clientId,
  status,
  activity,
  userErrors: [],
});

/**
 * `syncActivities`: daily-log entries written offline, each recorded in a transaction of its own (with its audit
 * row), so that one bad entry, or one the employee wrote twice, does not cost the others; the client id makes a
 * resend of the whole batch, after a lost answer, write only what is missing.
 */
export class ActivitySyncService {
  async sync(ctx: RequestContext, input: SyncActivitiesInput): Promise<SyncActivitiesPayload> {
    // Exactly as recordActivity: a client (analyst, integration) keeps no daily log.
    if (ctx.actor.employeeId === undefined) throw forbidden(ERROR_MESSAGES.noDailyLog);
    if (input.entries.length < 1 || input.entries.length > MAX_SYNC_ENTRIES)
      return { results: null, userErrors: [activityError(ActivityProblem.SYNC_BATCH_SIZE, ['input', 'entries'])] };
    const results: SyncActivityResult[] = [];
    // In order, one after the other: a batch naming one client id twice finds the first on the second.
    for (const [index, entry] of input.entries.entries())
      results.push(await this.syncEntry(ctx, entry, (field) => ['input', 'entries', String(index), field]));
    return { results, userErrors: [] };
  }

  private async syncEntry(
    ctx: RequestContext,
    entry: SyncActivityEntry,
    path: (field: string) => string[],
  ): Promise<SyncActivityResult> {
    const attempt = () =>
      ctx.transaction(async (tx) => {
        const writtenAt = this.checkOffline(tx, entry, path);
        const existing = await tx.em
          .getRepository(DailyActivity)
          .findOneBy({ employeeId: tx.actor.employeeId, clientId: entry.clientId });
        if (existing) {
          // Its text may have been corrected since (updateActivity): the day and the time written identify it.
          if (existing.activityDate !== entry.date || existing.writtenAt?.getTime() !== writtenAt.getTime())
            throw new UserErrorsException([activityError(ActivityProblem.CLIENT_ID_REUSED, path('clientId'))]);
          return outcome(entry, SyncActivityStatus.ALREADY_RECORDED, existing);
        }
        const { activity } = await activityService.recordEntry(tx, entry, path, {
          clientId: entry.clientId,
          writtenAt,
        });
        return outcome(entry, SyncActivityStatus.CREATED, activity);
      });
    try {
      try {
        return await attempt();
      } catch (error) {
        // The same entry arrived by a concurrent send and committed first: answer from it.
        if (!isUniqueViolation(error)) throw error;
        return await attempt();
      }
    } catch (error) {
      if (!(error instanceof UserErrorsException)) throw error;
      return { clientId: entry.clientId, status: SyncActivityStatus.REFUSED, activity: null, userErrors: error.errors };
    }
  }

  /** The entry's client id and time written, checked; the time to the second (what a `datetime` keeps). */
  private checkOffline(ctx: RequestContext, entry: SyncActivityEntry, path: (field: string) => string[]): Date {
    const errors = new UserErrorList();
    if (!IDEMPOTENCY_KEY.test(entry.clientId))
      errors.addError(activityError(ActivityProblem.CLIENT_ID_INVALID, path('clientId')));
    const writtenAt = new Date(Math.floor(entry.writtenAt.getTime() / 1000) * 1000);
    if (writtenAt.getTime() > ctx.now().getTime() + WRITTEN_AT_SKEW_MS)
      errors.addError(activityError(ActivityProblem.WRITTEN_IN_FUTURE, path('writtenAt')));
    else if (entry.date > localDateOf(writtenAt, ctx.timeZone))
      errors.addError(activityError(ActivityProblem.DATE_AFTER_WRITTEN, path('date')));
    errors.throwIfAny();
    return writtenAt;
  }
}

export const activitySyncService = new ActivitySyncService();
