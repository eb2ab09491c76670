import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PERSON_SUBJECT_RULE, PersonSubject } from '../employee/person-subject';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { Employee } from '../employee/employee.entity';
import { PerformancePeriod } from '../period/performance-period.entity';
import { PotentialLevel } from './competency-enums';

@Entity('potential_rating')
@Index('IDX_potential_rating_employee_period', ['employeeId', 'periodId'], { unique: true })
@ObjectType('PotentialRating', {
  implements: Node,
  description:
    'The supervisor’s rating of an employee’s potential for a year; with the job-person match it places them on the talent matrix.',
})
export class PotentialRating {
  static readonly typeName = 'PotentialRating';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(PotentialRating.typeName, this.rowId);
  }

  @Column({ name: 'employee_id', type: 'integer' })
  employeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'employee_id', foreignKeyConstraintName: 'FK_potential_rating_employee' })
  employee?: Relation<Employee>;

  @Index('IDX_potential_rating_period')
  @Column({ name: 'period_id', type: 'integer' })
  periodId!: number;

  @ManyToOne(() => PerformancePeriod, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'FK_potential_rating_period' })
  period?: Relation<PerformancePeriod>;

  @Column({ type: 'varchar', length: 8 })
  @Field(() => PotentialLevel, { description: 'Low, medium or high.' })
  rating!: PotentialLevel;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why.' })
  note!: string | null;

  @Column({ name: 'rater_subject', type: 'varchar', length: 191 })
  @PersonSubject()
  @Field(() => String, { nullable: true, description: `Who rated: a NIP or an HR client id. ${PERSON_SUBJECT_RULE}` })
  raterSubject!: string;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was first set (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
