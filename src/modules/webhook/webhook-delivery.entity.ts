import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../../core/graphql/global-id';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one event stands for one endpoint.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: it is (re)tried at `nextAttemptAt`.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Retried for WEBHOOK_RETRY_HOURS without success; `retryWebhookDelivery` tries again.' },
  },
});

/**
 * One event for one endpoint: created once (the unique key), then claimed by one worker at a time (a lease in
 * `next_attempt_at` and `claim_token`) until the endpoint answers 2xx or the retry time is over.
 */
@Entity('webhook_delivery')
@Index('IDX_webhook_delivery_endpoint_event', ['endpointId', 'outboxEventId'], { unique: true })
@Index('IDX_webhook_delivery_due', ['status', 'nextAttemptAt'])
@ObjectType('WebhookDelivery', { description: 'One event sent (or being sent) to one endpoint.' })
export class WebhookDelivery {
  static readonly typeName = 'WebhookDelivery';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(WebhookDelivery.typeName, this.rowId);
  }

  @Column({ name: 'endpoint_id', type: 'integer' })
  endpointId!: number;

  @Column({ name: 'outbox_event_id', type: 'integer' })
  outboxEventId!: number;

  /** The event's stable id, sent as `webhook-id` on every attempt. */
  @Column({ name: 'event_id', type: 'varchar', length: 40 })
  @Field({ description: 'The event’s id, sent as the `webhook-id` header on every attempt.' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  @Field({ description: 'The event’s type.' })
  eventType!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => WebhookDeliveryStatus, { description: 'Pending, delivered or failed.' })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'POST requests made so far.' })
  attempts!: number;

  /** When it is next due; while a worker holds it, the end of that worker's lease. */
  @Column({ name: 'next_attempt_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it is next tried (while PENDING).' })
  nextAttemptAt!: Date;

  /** The worker claim holding it: only that claim records the outcome. */
  @Column({ name: 'claim_token', type: 'varchar', length: 40, nullable: true })
  claimToken!: string | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt, if it got an answer.' })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (status, timeout, refused target).',
  })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the endpoint answered 2xx.' })
  deliveredAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was queued (or retried by hand); retries end WEBHOOK_RETRY_HOURS later.' })
  createdAt!: Date;

  @Field(() => ID, { name: 'endpointId', description: 'Global id of the endpoint.' })
  get endpointGlobalId(): string {
    return toGlobalId('WebhookEndpoint', this.endpointId);
  }
}
