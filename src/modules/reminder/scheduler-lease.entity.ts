import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who runs a periodic job for now: one row per job, renewed by its holder, taken over once it has expired. */
@Entity('scheduler_lease')
export class SchedulerLease {
  /** The job, e.g. `reminders`. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  /** The instance holding it (a random id per process). */
  @Column({ type: 'varchar', length: 100 })
  holder!: string;

  /** Until when; after this any instance may take it. */
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;
}
