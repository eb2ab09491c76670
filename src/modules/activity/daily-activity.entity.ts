import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { type LocalDate } from '../../core/time/local-date';
import { Employee } from '../employee/employee.entity';
import { Appraisal } from '../appraisal/appraisal.entity';
import { Indicator } from '../work-plan/indicator.entity';

export enum ActivityStatus {
  SUBMITTED = 'SUBMITTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RETURNED = 'RETURNED',
}

registerEnumType(ActivityStatus, {
  name: 'ActivityStatus',
  description: 'Where a daily activity entry stands with the supervisor.',
  valuesConfig: {
    SUBMITTED: { description: 'Recorded by the employee, waiting for the supervisor.' },
    ACKNOWLEDGED: { description: 'Acknowledged (divalidasi) by the supervisor.' },
    RETURNED: { description: 'Returned by the supervisor with a comment; the employee corrects it.' },
  },
});

@Entity('daily_activity')
@Index('IDX_daily_activity_employee_date', ['employeeId', 'activityDate'])
@Index('UQ_daily_activity_client', ['employeeId', 'clientId'], { unique: true })
// The reminder of entries waiting for review reads the waiting ones by age, not the whole log (`docs/reminders.md`).
@Index('IDX_daily_activity_status_updated', ['status', 'updatedAt'])
@ObjectType('DailyActivity', {
  implements: Node,
  description:
    'One entry of the daily work log (aktivitas / laporan kinerja harian), acknowledged or returned by the supervisor.',
})
export class DailyActivity {
  static readonly typeName = 'DailyActivity';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(DailyActivity.typeName, this.rowId);
  }

  @Column({ name: 'employee_id', type: 'integer' })
  employeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'employee_id', foreignKeyConstraintName: 'FK_daily_activity_employee' })
  employee?: Relation<Employee>;

  /** The plan the day belonged to, if any: its appraiser reviews the entry. */
  @Index('IDX_daily_activity_appraisal')
  @Column({ name: 'appraisal_id', type: 'integer', nullable: true })
  appraisalId!: number | null;

  @ManyToOne(() => Appraisal, { onDelete: 'SET NULL', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_daily_activity_appraisal' })
  appraisal?: Relation<Appraisal> | null;

  @Column({ name: 'indicator_id', type: 'integer', nullable: true })
  indicatorId!: number | null;

  @ManyToOne(() => Indicator, { onDelete: 'SET NULL', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'FK_daily_activity_indicator' })
  indicator?: Relation<Indicator> | null;

  @Column({ name: 'activity_date', type: 'date' })
  @Field(() => LocalDateResolver, { description: 'The day of the work (region time).' })
  activityDate!: LocalDate;

  @Column({ type: 'varchar', length: 2000 })
  @Field({ description: 'What was done.' })
  description!: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  @Field(() => Int, { description: 'How long it took, in minutes.' })
  durationMinutes!: number;

  @Column({ name: 'evidence_url', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'A link to evidence kept by the portal.' })
  evidenceUrl!: string | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ActivityStatus, { description: 'Where the entry stands with the supervisor.' })
  status!: ActivityStatus;

  @Column({ name: 'review_comment', type: 'varchar', length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'The supervisor’s comment (required to return an entry).' })
  reviewComment!: string | null;

  @Column({ name: 'reviewer_employee_id', type: 'integer', nullable: true })
  reviewerEmployeeId!: number | null;

  @Column({ name: 'reviewed_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was last reviewed (UTC).' })
  reviewedAt!: Date | null;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  /** The entry's id on the device that wrote it offline (`syncActivities`): a resend finds it by this. */
  @Column({ name: 'client_id', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The id your device gave the entry when it was written offline (syncActivities); null otherwise.',
  })
  clientId!: string | null;

  @Column({ name: 'written_at', type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the entry was written on the device, for entries sent by syncActivities (UTC).',
  })
  writtenAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was recorded (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
