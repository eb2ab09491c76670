import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One domain event, written in the same transaction as the change it announces (the transactional outbox): what
 * leaves the service (webhooks, the changes feed) is read from here, so nothing is announced that did not commit.
 * The payload holds ids and states only, never personal text.
 */
@Entity('outbox_event')
@Index('IDX_outbox_event_type', ['type', 'id'])
@Index('IDX_outbox_event_unit', ['unitId', 'id'])
@Index('IDX_outbox_event_employee', ['employeeId', 'id'])
@Index('IDX_outbox_event_event_id', ['eventId'], { unique: true })
@Index('IDX_outbox_event_dedupe', ['dedupeKey'], { unique: true })
export class OutboxEvent {
  /** The order of the feed (a cursor is this id). */
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Stable and unique: the `webhook-id` of every delivery of this event, and what a consumer deduplicates on. */
  @Column({ name: 'event_id', type: 'varchar', length: 40 })
  eventId!: string;

  /** `plan.submitted`, `feedback.received`, … (`EventType`). */
  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt!: Date;

  /** The global id of the object the event is about. */
  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  /** The unit the subject belongs to: HR scope is applied on it when the event is delivered or read. */
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  /** The person the event concerns (an appraisal's employee, a reminder's recipient), when there is one. */
  @Column({ name: 'employee_id', type: 'integer', nullable: true })
  employeeId!: number | null;

  /** JSON: ids (global) and states only. */
  @Column({ type: 'text' })
  payload!: string;

  /** Set for events that must be written once only (a reminder's kind + subject + day); unique when set. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191, nullable: true })
  dedupeKey!: string | null;
}
