import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Logger } from 'pino';
import { type AppraisalSettings, type ReminderSettings } from '../../core/config/config';
import { type Database } from '../../core/database/database';
import { type EventBus, Topic } from '../../core/events/event-bus';
import { localDateOf } from '../../core/time/local-date';
import { EvaluationCadence } from '../period/period-enums';
import { deliveriesClosingSoon, reviewCutoffDay, subPeriodEnding } from './reminder-calendar';
import { REMINDER_TYPES } from './reminder-kind';
import {
  activityReviewPending,
  lastOutboxId,
  objectionWindowClosing,
  planApprovalPending,
  planningDeadline,
  realizationMissing,
  remindersWrittenAfter,
  type RunScope,
  runningPeriods,
} from './reminder-queries';
import { releaseLease, takeLease } from './scheduler-lease';

export const REMINDER_LEASE = 'reminders';

/** Recipients announced per event on the bus: a run for a whole region stays a few hundred messages. */
const ANNOUNCE_CHUNK = 1000;

export interface ReminderSchedulerOptions {
  db: Database;
  settings: ReminderSettings;
  appraisal: AppraisalSettings;
  timeZone: string;
  log: Logger;
  /** Where written reminders are announced (`reminderReceived`); none: they are only in the outbox. */
  events?: EventBus;
  clock?: () => Date;
  /** This instance's name in the lease; a random one by default. */
  holder?: string;
}

export interface ReminderRun {
  /** Whether this instance held the lease and so ran the kinds. */
  leader: boolean;
  /** Reminders written by this run (those already written today are not written again). */
  written: number;
}

/**
 * Writes reminders to the outbox (`docs/reminders.md`): every `intervalMs` while started, or when `runOnce` is called.
 * One instance of many runs the kinds, the holder of the `reminders` lease; each kind is one set-based statement, and
 * a reminder exists once per kind, subject, recipient and day, so repeated runs (or a second instance) add nothing.
 */
export class ReminderScheduler {
  readonly holder: string;
  private timer?: NodeJS.Timeout;
  private firstRun?: NodeJS.Immediate;
  /** Whether this instance has held the lease: only then is there one to give up. */
  private everLeader = false;
  /** Set by `stop`: a run under way finishes the kind it is writing and skips the rest, so shutdown is bounded. */
  private stopping = false;
  private running?: Promise<ReminderRun>;
  private readonly clock: () => Date;

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.holder = options.holder ?? `${hostname().slice(0, 50)}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Runs now and then every interval, until `stop`. */
  start(): void {
    if (this.timer) return;
    this.stopping = false;
    const tick = () => {
      void this.runOnce().catch((error: unknown) => this.options.log.error({ err: error }, 'reminder run failed'));
    };
    this.timer = setInterval(tick, this.options.settings.intervalMs);
    this.timer.unref();
    this.firstRun = setImmediate(tick);
  }

  /**
   * Stops for good: no further run starts, a run under way finishes the kind it is writing and skips the rest, and
   * the lease is given up once it has finished.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    clearImmediate(this.firstRun);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    if (!this.everLeader) return;
    await this.options.db
      .transaction((em) => releaseLease(em, REMINDER_LEASE, this.holder, this.clock()))
      .catch((error: unknown) => this.options.log.warn({ err: error }, 'could not release the reminder lease'));
  }

  /** One run at `now` (tests pass a fixed instant); a run already under way is waited for instead. */
  runOnce(now: Date = this.clock()): Promise<ReminderRun> {
    this.running ??= this.run(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(now: Date): Promise<ReminderRun> {
    if (this.stopping) return { leader: false, written: 0 };
    const { db, settings, appraisal, timeZone } = this.options;
    // Every write goes through db.transaction: on SQLite's one connection a bare statement would join (and roll
    // back with) whatever request transaction is open at that moment.
    // Held for two intervals: renewed every run, and taken over by another instance after a missed one or two.
    const leader = await db.transaction((em) =>
      takeLease(em, REMINDER_LEASE, this.holder, now, 2 * settings.intervalMs),
    );
    if (!leader) return { leader: false, written: 0 };
    this.everLeader = true;
    const today = localDateOf(now, timeZone);
    // Each kind's rows are stamped when that kind is written (the run's instant plus the time since it began, to the
    // second), not when the run began: the changes feed serves an event once it is a few seconds old, and a kind
    // written late in a long run must not look older than it is.
    const began = Date.now();
    const scope = (em = db.manager): RunScope => ({
      em,
      kind: db.kind,
      now: new Date(Math.floor((now.getTime() + Date.now() - began) / 1000) * 1000),
      today,
      timeZone,
    });
    const kinds: Array<(scope: RunScope) => Promise<void>> = [(s) => planningDeadline(s, settings.planningDays)];
    for (const period of await runningPeriods(scope())) {
      const cadence = period.cadence === 'MONTHLY' ? EvaluationCadence.MONTHLY : EvaluationCadence.QUARTERLY;
      const ending = subPeriodEnding(today, period.year, cadence, settings.realizationDays);
      if (ending)
        kinds.push((s) => realizationMissing(s, { periodId: period.id, index: ending.index, endDate: ending.endDate }));
    }
    const deliveries = deliveriesClosingSoon(
      today,
      settings.objectionDays,
      appraisal.objectionWindowDays,
      appraisal.objectionDayCounting,
    );
    kinds.push(
      (s) => activityReviewPending(s, reviewCutoffDay(today, settings.reviewWorkingDays)),
      (s) => planApprovalPending(s),
      (s) => objectionWindowClosing(s, deliveries),
    );
    const before = await lastOutboxId(scope());
    // A transaction per kind: each statement stands alone (the deduplication key makes a retry safe), and a
    // region's run is not one huge write set to certify on a Galera cluster.
    for (const write of kinds) {
      if (this.stopping) break;
      await db.transaction((em) => write(scope(em)));
    }
    const written = await remindersWrittenAfter(scope(), before, REMINDER_TYPES);
    // After the commits: a subscriber reads the reminder from the outbox.
    for (let i = 0; i < written.length; i += ANNOUNCE_CHUNK)
      this.options.events?.publish(Topic.REMINDERS_WRITTEN, { reminders: written.slice(i, i + ANNOUNCE_CHUNK) });
    this.options.log.info({ day: today, written: written.length }, 'reminders written');
    return { leader: true, written: written.length };
  }
}
