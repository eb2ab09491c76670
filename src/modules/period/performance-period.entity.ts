import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { type LocalDate } from '../../core/time/local-date';
import { EvaluationCadence, PeriodStatus } from './period-enums';

@Entity('performance_period')
@ObjectType('PerformancePeriod', {
  implements: Node,
  description:
    'A performance year (periode penilaian): its cadence of periodic evaluation, its deadlines and its status.',
})
export class PerformancePeriod {
  static readonly typeName = 'PerformancePeriod';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(PerformancePeriod.typeName, this.rowId);
  }

  @Index('IDX_performance_period_year', { unique: true })
  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'The calendar year.' })
  year!: number;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => EvaluationCadence, {
    description: 'Cadence of the periodic evaluation; the sub-periods follow from it.',
  })
  cadence!: EvaluationCadence;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => PeriodStatus, { description: 'Where the year stands.' })
  status!: PeriodStatus;

  @Column({ name: 'start_date', type: 'date' })
  @Field(() => LocalDateResolver, { description: 'First day (1 January).' })
  startDate!: LocalDate;

  @Column({ name: 'end_date', type: 'date' })
  @Field(() => LocalDateResolver, { description: 'Last day (31 December).' })
  endDate!: LocalDate;

  @Column({ name: 'planning_deadline', type: 'date' })
  @Field(() => LocalDateResolver, {
    description: 'Plans approved after this day (in the region’s time zone) are flagged late; 31 January by default.',
  })
  planningDeadline!: LocalDate;

  @Column({ name: 'periodic_evaluation_days', type: 'integer' })
  @Field(() => Int, { description: 'Days after a sub-period ends by which its periodic evaluation is due.' })
  periodicEvaluationDays!: number;

  @Column({ name: 'annual_evaluation_deadline', type: 'date' })
  @Field(() => LocalDateResolver, { description: 'The day by which the annual evaluation is due.' })
  annualEvaluationDeadline!: LocalDate;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the period was opened (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the period last changed (UTC).' })
  updatedAt!: Date;
}
