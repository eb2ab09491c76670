import { randomUUID } from 'node:crypto';
import { type Logger } from 'pino';
import { In } from 'typeorm';
import { type WebhookSettings } from '../../core/config/config';
import { type Database } from '../../core/database/database';
import { toGlobalId } from '../../core/graphql/global-id';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { Unit } from '../unit/unit.entity';
import { eventsForEndpoint, ownerActive } from './webhook-audience';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { postWebhook, type SendOutcome } from './webhook-sender';
import { signWebhook } from './webhook-signature';
import { type Resolve } from './webhook-target';

/** Endpoints fanned out per transaction, and outbox events read per endpoint at a time. */
const ENDPOINTS_PER_ROUND = 50;
const EVENTS_PER_ENDPOINT = 500;
/** How old an event must be before an endpoint's cursor passes it (a transaction still open commits later). */
const SETTLE_SECONDS = 60;
/** Deliveries claimed (and then sent at once) per round. */
const CLAIM_BATCH = 20;
/** The first retry's delay; each next one doubles, up to the cap, then jitter takes up to half off. */
const FIRST_RETRY_SECONDS = 10;
const MAX_RETRY_SECONDS = 3600;

export interface WebhookWorkerOptions {
  db: Database;
  settings: WebhookSettings;
  log: Logger;
  /** The worker's clock (tests move it); the system clock by default. */
  clock?: () => Date;
  /** DNS for the delivery-time address check (tests give a fake one). */
  resolve?: Resolve;
  /** The jitter's source, 0 ≤ x < 1. */
  random?: () => number;
}

/** Deliveries a worker holds, with what it needs to send them. */
export interface Claim {
  token: string;
  deliveries: WebhookDelivery[];
}

export interface RoundResult {
  queued: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers the outbox to webhook endpoints, at least once, from any number of instances:
 * 1. fan-out: each enabled endpoint's cursor (`last_event_id`) is advanced under a row lock, and the events its
 *    owner may read become deliveries (unique per endpoint and event, inserted with IGNORE: never twice);
 * 2. claim: due PENDING deliveries are taken with `FOR UPDATE SKIP LOCKED` (MariaDB; SQLite has one writer) and
 *    leased: `next_attempt_at` moves past the send's timeout and the claim's token is written. A worker killed
 *    mid-send leaves them to be claimed again when the lease ends (a duplicate, with the same `webhook-id`);
 * 3. send and record: only the claim still holding the row records its outcome.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private readonly clock: () => Date;
  private readonly random: () => number;

  constructor(private readonly options: WebhookWorkerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /** Polls every `pollSeconds` until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      this.running = this.deliverDue().catch((error: unknown) =>
        this.options.log.error({ err: error }, 'webhook delivery round failed'),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.options.settings.pollSeconds * 1000);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops polling and waits for the round in progress (its POSTs are bounded by the timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: fan out new events, then send what is due until nothing is left (a test calls this directly). */
  async deliverDue(): Promise<RoundResult> {
    const result: RoundResult = { queued: await this.fanOut(), delivered: 0, retrying: 0, failed: 0 };
    for (let round = 0; round < 50; round++) {
      const claim = await this.claim();
      if (claim.deliveries.length === 0) break;
      for (const status of await this.send(claim)) {
        if (status === WebhookDeliveryStatus.DELIVERED) result.delivered++;
        else if (status === WebhookDeliveryStatus.FAILED) result.failed++;
        else result.retrying++;
      }
    }
    return result;
  }

  /**
   * Turns outbox events into deliveries for each enabled endpoint whose owner may read them. An endpoint's cursor
   * passes an event only once the event is `SETTLE_SECONDS` old: an id is taken when a transaction inserts, so a
   * transaction still open may commit a lower id than one already seen; it is picked up on a later round.
   */
  async fanOut(): Promise<number> {
    const { db } = this.options;
    let queued = 0;
    for (let round = 0; round < 20; round++) {
      const { count, backlog } = await db.transaction(async (em) => {
        const last = await em
          .getRepository(OutboxEvent)
          .createQueryBuilder('e')
          .select('MAX(e.id)', 'max')
          .getRawOne<{ max: number | string | null }>();
        const max = Number(last?.max ?? 0);
        const pick = em
          .getRepository(WebhookEndpoint)
          .createQueryBuilder('w')
          .where('w.enabled = 1 AND w.lastEventId < :max', { max })
          .orderBy('w.rowId', 'ASC')
          .limit(ENDPOINTS_PER_ROUND);
        // Another instance fanning out an endpoint holds its row: this one takes the others.
        if (db.kind === 'mysql') pick.setLock('pessimistic_write').setOnLocked('skip_locked');
        const picked = max === 0 ? [] : await pick.getMany();
        const now = this.now();
        const settled = now.getTime() - SETTLE_SECONDS * 1000;
        let inserted = 0;
        let more = false;
        for (const endpoint of picked) {
          const scanned = await em
            .getRepository(OutboxEvent)
            .createQueryBuilder('e')
            .select(['e.id', 'e.occurredAt'])
            .where('e.id > :after', { after: endpoint.lastEventId })
            .orderBy('e.id', 'ASC')
            .limit(EVENTS_PER_ENDPOINT)
            .getMany();
          if (scanned.length === 0) continue;
          more ||= scanned.length === EVENTS_PER_ENDPOINT;
          const upTo = scanned[scanned.length - 1]!.id;
          const events = (await ownerActive(em, endpoint))
            ? await eventsForEndpoint(em, endpoint, endpoint.lastEventId, upTo)
                .select(['e.id', 'e.eventId', 'e.type'])
                .orderBy('e.id', 'ASC')
                .getMany()
            : [];
          if (events.length > 0) {
            // Seen before (a young event, or another instance's round): the unique key keeps one delivery.
            await em
              .createQueryBuilder()
              .insert()
              .into(WebhookDelivery)
              .values(
                events.map((e) => ({
                  endpointId: endpoint.rowId,
                  outboxEventId: e.id,
                  eventId: e.eventId,
                  eventType: e.type,
                  status: WebhookDeliveryStatus.PENDING,
                  attempts: 0,
                  nextAttemptAt: now,
                  createdAt: now,
                })),
              )
              .orIgnore()
              .updateEntity(false)
              .execute();
            inserted += events.length;
          }
          const young = scanned.findIndex((e) => e.occurredAt.getTime() > settled);
          const cursor = young === -1 ? upTo : young === 0 ? endpoint.lastEventId : scanned[young - 1]!.id;
          if (cursor > endpoint.lastEventId)
            await em
              .createQueryBuilder()
              .update(WebhookEndpoint)
              .set({ lastEventId: cursor })
              .where('id = :id AND last_event_id < :cursor', { id: endpoint.rowId, cursor })
              .execute();
        }
        return { count: inserted, backlog: more };
      });
      queued += count;
      if (!backlog) break;
    }
    return queued;
  }

  /** Takes up to `limit` due deliveries for this worker and leases them. */
  async claim(limit = CLAIM_BATCH): Promise<Claim> {
    const { db, settings } = this.options;
    const token = randomUUID();
    const now = this.now();
    const leaseEnd = new Date(now.getTime() + (settings.timeoutSeconds + 30) * 1000);
    const ids = await db.transaction(async (em) => {
      const due = em
        .getRepository(WebhookDelivery)
        .createQueryBuilder('d')
        .select('d.id', 'id')
        .where('d.status = :pending AND d.nextAttemptAt <= :now', { pending: WebhookDeliveryStatus.PENDING, now })
        .orderBy('d.nextAttemptAt', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .limit(limit);
      if (db.kind === 'mysql') due.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await due.getRawMany<{ id: number | string }>();
      const claimed = rows.map((r) => Number(r.id));
      if (claimed.length > 0)
        await em
          .createQueryBuilder()
          .update(WebhookDelivery)
          .set({ claimToken: token, nextAttemptAt: leaseEnd, attempts: () => 'attempts + 1' })
          .where({ rowId: In(claimed) })
          .execute();
      return claimed;
    });
    const deliveries =
      ids.length === 0 ? [] : await db.manager.getRepository(WebhookDelivery).findBy({ rowId: In(ids) });
    return { token, deliveries: deliveries.filter((d) => d.claimToken === token) };
  }

  /** Sends a claim's deliveries at once and records each outcome; returns each delivery's new status. */
  async send(claim: Claim): Promise<WebhookDeliveryStatus[]> {
    if (claim.deliveries.length === 0) return [];
    const { db } = this.options;
    const endpointIds = [...new Set(claim.deliveries.map((d) => d.endpointId))];
    const eventIds = claim.deliveries.map((d) => d.outboxEventId);
    const [endpoints, events] = await Promise.all([
      db.manager.getRepository(WebhookEndpoint).findBy({ rowId: In(endpointIds) }),
      db.manager.getRepository(OutboxEvent).findBy({ id: In(eventIds) }),
    ]);
    const endpointById = new Map(endpoints.map((e) => [e.rowId, e]));
    const eventById = new Map(events.map((e) => [e.id, e]));
    return Promise.all(
      claim.deliveries.map(async (delivery) => {
        const endpoint = endpointById.get(delivery.endpointId);
        const event = eventById.get(delivery.outboxEventId);
        if (!endpoint?.enabled || !event)
          return this.record(delivery, claim.token, { error: 'endpoint disabled' }, true);
        return this.record(delivery, claim.token, await this.post(endpoint, event));
      }),
    );
  }

  /** The request Standard Webhooks describes: the event's id, this attempt's time, the signature over both and the body. */
  private post(endpoint: WebhookEndpoint, event: OutboxEvent): Promise<SendOutcome> {
    const { settings } = this.options;
    const body = webhookBody(event);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    return postWebhook(
      endpoint.url,
      {
        'content-type': 'application/json',
        'user-agent': 'kinerja-walesi-webhooks',
        'webhook-id': event.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(endpoint.secret, event.eventId, timestamp, body),
      },
      body,
      {
        allowedHosts: settings.allowedHosts,
        requireHttps: settings.requireHttps,
        timeoutMs: settings.timeoutSeconds * 1000,
        resolve: this.options.resolve,
      },
    );
  }

  private async record(
    delivery: WebhookDelivery,
    token: string,
    outcome: SendOutcome,
    giveUp = false,
  ): Promise<WebhookDeliveryStatus> {
    const now = this.now();
    const common = { claimToken: null, lastStatusCode: outcome.status ?? null, lastError: outcome.error ?? null };
    let changes: Partial<WebhookDelivery>;
    if (outcome.error === undefined) {
      changes = { ...common, status: WebhookDeliveryStatus.DELIVERED, deliveredAt: now, nextAttemptAt: now };
    } else {
      const next = new Date(now.getTime() + this.backoffSeconds(delivery.attempts) * 1000);
      const deadline = delivery.createdAt.getTime() + this.options.settings.retryHours * 3600 * 1000;
      changes =
        giveUp || next.getTime() > deadline
          ? { ...common, status: WebhookDeliveryStatus.FAILED, nextAttemptAt: now }
          : { ...common, status: WebhookDeliveryStatus.PENDING, nextAttemptAt: next };
      this.options.log.info(
        { delivery: delivery.rowId, endpoint: delivery.endpointId, attempts: delivery.attempts, error: outcome.error },
        'webhook delivery failed',
      );
    }
    // A claim whose lease ended (another worker took the row) records nothing.
    await this.options.db.manager
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set(changes)
      .where('id = :id AND claim_token = :token', { id: delivery.rowId, token })
      .execute();
    return changes.status!;
  }

  /** Exponential: 10 s, 20 s, 40 s, … up to an hour, with up to half taken off at random (instances spread out). */
  private backoffSeconds(attempts: number): number {
    const full = Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
    return Math.max(1, Math.round(full / 2 + (this.random() * full) / 2));
  }

  private now(): Date {
    const now = new Date(this.clock().getTime());
    now.setUTCMilliseconds(0);
    return now;
  }
}

/** `{ type, timestamp, data: { subjectId, unitId, …payload } }`: ids and states only, as the outbox holds them. */
export function webhookBody(event: OutboxEvent): string {
  const payload = JSON.parse(event.payload) as Record<string, unknown>;
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      subjectId: event.subjectId,
      unitId: event.unitId === null ? null : toGlobalId(Unit.typeName, event.unitId),
      ...payload,
    },
  });
}
