import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A named lock that is taken by writing it (`takeLock`): one row per tree (`tree:unit_closure`) and per locked
 * record (`employee:17`). A write is what a Galera cluster orders across its nodes (`docs/cluster.md`).
 */
@Entity('lock_row')
export class LockRow {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  /** How many times the lock was taken: the column the write changes. */
  @Column({ type: 'integer', default: 0 })
  generation!: number;
}
