import { type EntityManager } from 'typeorm';
import { type Logger } from 'pino';
import { type Actor } from '../auth/actor';
import { type Database } from '../database/database';
import { Policy, type PolicyTable } from '../policy/policy';
import { LoaderRegistry } from './loader-registry';
import { localDateOf, type LocalDate } from '../time/local-date';
import { type AppraisalSettings, DEFAULT_APPRAISAL_SETTINGS, type WebhookSettings } from '../config/config';
import { type Locale } from '../i18n/locale';
import { type EventBus, type Topic, type TopicPayloads } from '../events/event-bus';
import { type IdempotencyClaim } from '../idempotency/idempotency';

export interface RequestContextInit {
  requestId: string;
  actor: Actor;
  db: Database;
  log: Logger;
  policyTable: PolicyTable;
  timeZone: string;
  em?: EntityManager;
  /** The clock of the request (tests set it); defaults to the system clock. */
  clock?: () => Date;
  /** Where committed changes are announced to subscribers. */
  events?: EventBus;
  settings?: AppraisalSettings;
  /** Where webhook endpoints may point (`WEBHOOK_ALLOWED_HOSTS`); without it, no exception to the SSRF rule. */
  webhooks?: Pick<WebhookSettings, 'allowedHosts' | 'requireHttps'>;
  /** The language of the texts the caller reads (`Accept-Language`); Indonesian when not given. */
  locale?: Locale;
  /** Events waiting for the transaction to commit (set inside a transaction). */
  pendingEvents?: Array<() => void>;
}

/**
 * Passed first to every service method (Vendure's RequestContext): who is asking, the request's loaders and
 * policy engine, the entity manager to use (the transaction's, inside a mutation) and the request id.
 */
export class RequestContext {
  readonly requestId: string;
  readonly actor: Actor;
  readonly db: Database;
  readonly log: Logger;
  readonly em: EntityManager;
  readonly timeZone: string;
  readonly loaders: LoaderRegistry;
  readonly policy: Policy;
  readonly inTransaction: boolean;
  private readonly policyTable: PolicyTable;
  private readonly clock: () => Date;
  readonly settings: AppraisalSettings;
  readonly webhooks: Pick<WebhookSettings, 'allowedHosts' | 'requireHttps'>;
  readonly locale: Locale;
  private readonly events?: EventBus;
  private readonly pendingEvents?: Array<() => void>;
  /** The request's `Idempotency-Key`, checked and tied to its one mutation (`idempotencyPlugin`, `@Idempotent()`). */
  idempotency?: IdempotencyClaim;

  constructor(init: RequestContextInit, inTransaction = false) {
    this.requestId = init.requestId;
    this.actor = init.actor;
    this.db = init.db;
    this.log = init.log;
    this.em = init.em ?? init.db.manager;
    this.timeZone = init.timeZone;
    this.policyTable = init.policyTable;
    this.clock = init.clock ?? (() => new Date());
    this.settings = init.settings ?? DEFAULT_APPRAISAL_SETTINGS;
    this.webhooks = init.webhooks ?? { allowedHosts: [], requireHttps: false };
    this.locale = init.locale ?? 'id';
    this.events = init.events;
    this.pendingEvents = init.pendingEvents;
    this.inTransaction = inTransaction;
    this.loaders = new LoaderRegistry(this);
    this.policy = new Policy(this, this.policyTable);
  }

  /**
   * Runs `work` in one database transaction with a context bound to it: its own loaders (so nothing read
   * outside leaks in), the transaction's entity manager, the same actor. Nested calls join the outer one.
   */
  async transaction<T>(work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    let pending: Array<() => void> = [];
    const result = await this.db.transaction((em) => {
      // A retried attempt starts over: only the events of the attempt that committed go out.
      pending = [];
      return work(new RequestContext({ ...this.init(), em, pendingEvents: pending }, true));
    });
    // The payload is read through this context's loaders: a later mutation of the same document must not be
    // answered from what an earlier one read before this write.
    this.loaders.forget();
    for (const publish of pending) publish();
    return result;
  }

  /** The stream of a topic's events, for subscriptions (the server always has a bus; a bare context has none). */
  subscribe<T extends Topic>(topic: T): AsyncIterable<TopicPayloads[T]> {
    if (!this.events) throw new Error('No event bus: subscriptions need the server to be started with one');
    return this.events.subscribe(topic);
  }

  /** Announces a change to subscribers: at once outside a transaction, after the commit inside one (never on rollback). */
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): void {
    const events = this.events;
    if (!events) return;
    const send = () => events.publish(topic, payload);
    if (this.pendingEvents) this.pendingEvents.push(send);
    else send();
  }

  /** Now, to the second (what a MySQL `datetime` keeps, so a returned object equals a re-read one). */
  now(): Date {
    const now = new Date(this.clock().getTime());
    now.setUTCMilliseconds(0);
    return now;
  }

  /** Today's calendar day in the region's time zone. */
  today(): LocalDate {
    return localDateOf(this.clock(), this.timeZone);
  }

  /** The same request and transaction with empty loaders: for work that may roll back to a savepoint. */
  withFreshLoaders(): RequestContext {
    return new RequestContext({ ...this.init(), em: this.em, pendingEvents: this.pendingEvents }, this.inTransaction);
  }

  private init(): RequestContextInit {
    return {
      requestId: this.requestId,
      actor: this.actor,
      db: this.db,
      log: this.log,
      policyTable: this.policyTable,
      timeZone: this.timeZone,
      clock: this.clock,
      events: this.events,
      settings: this.settings,
      webhooks: this.webhooks,
      locale: this.locale,
    };
  }
}
