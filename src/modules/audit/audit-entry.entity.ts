import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change, written in the same transaction as the change itself: who, what, before and
 * after (JSON), when, and the request it came from.
 */
@Entity('audit_entry')
@Index('IDX_audit_entry_entity', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt!: Date;

  /** `employee`, `client`, or `system` (seed, migrations). */
  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: string;

  @Column({ name: 'actor_employee_id', type: 'integer', nullable: true })
  actorEmployeeId!: number | null;

  /** NIP of a person, client id of an integration, or `system`. */
  @Column({ name: 'actor_subject', type: 'varchar', length: 191 })
  actorSubject!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'integer' })
  entityId!: number;

  @Column({ type: 'text', nullable: true })
  before!: string | null;

  @Column({ type: 'text', nullable: true })
  after!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
