import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One answered create-type mutation sent with an `Idempotency-Key`: which caller, which key, a hash of the
 * mutation and its input, and enough of the result to answer a resend. Written in the mutation's own transaction,
 * so the record exists exactly when the write does; the primary key makes a concurrent duplicate fail.
 */
@Entity('idempotency_key')
@Index('IDX_idempotency_key_created', ['createdAt'])
export class IdempotencyRecord {
  /** `employee:<id>` or `client:<client id>`: keys of different callers never meet. */
  @PrimaryColumn({ type: 'varchar', length: 120 })
  principal!: string;

  @PrimaryColumn({ name: 'idem_key', type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'varchar', length: 64 })
  operation!: string;

  /** SHA-256 (hex) of the operation and its canonical input. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  /** The result as references to the records it created (re-read on a resend) and plain values. */
  @Column({ type: 'text' })
  result!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
