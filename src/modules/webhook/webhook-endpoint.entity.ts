import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../core/graphql/global-id';
import { Unit } from '../unit/unit.entity';

/** Who registered an endpoint: a signed-in person (an HR admin) or a client (an integration). */
export type WebhookOwnerKind = 'employee' | 'client';

/**
 * A URL that receives the outbox's events of the types it names, signed with its own secret (Standard Webhooks).
 * Its owner's reach is kept with it (`scopeUnitId`), because delivery happens without the owner's token.
 */
@Entity('webhook_endpoint')
@Index('IDX_webhook_endpoint_owner', ['ownerSubject'])
@Index('IDX_webhook_endpoint_scope', ['scopeUnitId'])
@ObjectType('WebhookEndpoint', {
  description: 'A URL that receives events as signed POST requests (`docs/webhooks.md`).',
})
export class WebhookEndpoint {
  static readonly typeName = 'WebhookEndpoint';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(WebhookEndpoint.typeName, this.rowId);
  }

  @Column({ name: 'owner_kind', type: 'varchar', length: 16 })
  ownerKind!: WebhookOwnerKind;

  /** The owner's NIP or client id (`Actor.subject`). */
  @Column({ name: 'owner_subject', type: 'varchar', length: 191 })
  ownerSubject!: string;

  /** The owning person, when a person registered it: their deactivation stops its deliveries. */
  @Column({ name: 'owner_employee_id', type: 'integer', nullable: true })
  ownerEmployeeId!: number | null;

  /** The owner's HR scope when registered: the root of the unit subtree it may receive; null for the whole region. */
  @Column({ name: 'scope_unit_id', type: 'integer', nullable: true })
  scopeUnitId!: number | null;

  @Column({ type: 'varchar', length: 2048 })
  @Field({ description: 'Where events are posted (http or https).' })
  url!: string;

  /** JSON array of event type names. */
  @Column({ name: 'event_types', type: 'text' })
  eventTypesJson!: string;

  @Field(() => [String], { description: 'The event types it receives (`docs/webhooks.md`, Events).' })
  get eventTypes(): string[] {
    return JSON.parse(this.eventTypesJson) as string[];
  }

  /** `whsec_` and the base64 of the key: kept to sign, shown only when created or rotated. */
  @Column({ type: 'varchar', length: 64 })
  secret!: string;

  @Column({ type: 'boolean' })
  @Field({ description: 'False once disabled: nothing new is delivered to it.' })
  enabled!: boolean;

  /** The last outbox event already fanned out to this endpoint (events after it become its deliveries). */
  @Column({ name: 'last_event_id', type: 'integer' })
  lastEventId!: number;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was registered (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;

  @Field(() => ID, {
    name: 'scopeUnitId',
    nullable: true,
    description: 'The unit subtree whose events it may receive (its owner’s HR scope); null: the whole region.',
  })
  get scopeUnitGlobalId(): string | null {
    return this.scopeUnitId === null ? null : toGlobalId(Unit.typeName, this.scopeUnitId);
  }
}
