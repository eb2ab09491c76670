import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PERSON_SUBJECT_RULE, PersonSubject } from '../employee/person-subject';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { type LocalDate } from '../../core/time/local-date';
import { Employee } from '../employee/employee.entity';
import { Competency } from './competency.entity';
import { AssessmentMethod } from './competency-enums';

@Entity('competency_assessment')
@Index('IDX_competency_assessment_employee', ['employeeId', 'competencyId', 'authority', 'assessedOn'])
@ObjectType('CompetencyAssessment', {
  implements: Node,
  description:
    'An assessed level of one competency for one employee, by a method, on a date, with evidence. Never changed: a new assessment supersedes it.',
})
export class CompetencyAssessment {
  static readonly typeName = 'CompetencyAssessment';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(CompetencyAssessment.typeName, this.rowId);
  }

  @Column({ name: 'employee_id', type: 'integer' })
  employeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'employee_id', foreignKeyConstraintName: 'FK_competency_assessment_employee' })
  employee?: Relation<Employee>;

  @Index('IDX_competency_assessment_competency')
  @Column({ name: 'competency_id', type: 'integer' })
  competencyId!: number;

  @ManyToOne(() => Competency, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'competency_id', foreignKeyConstraintName: 'FK_competency_assessment_competency' })
  competency?: Relation<Competency>;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'The assessed level, 1–5.' })
  level!: number;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => AssessmentMethod, { description: 'How it was assessed.' })
  method!: AssessmentMethod;

  /** The method's rank (`METHOD_AUTHORITY`), stored so that the current level is one indexed query. */
  @Column({ type: 'integer' })
  authority!: number;

  @Column({ name: 'assessor_subject', type: 'varchar', length: 191 })
  @PersonSubject()
  @Field(() => String, {
    nullable: true,
    description: `Who recorded it: a NIP or an HR client id. ${PERSON_SUBJECT_RULE}`,
  })
  assessorSubject!: string;

  @Column({ name: 'assessor_employee_id', type: 'integer', nullable: true })
  assessorEmployeeId!: number | null;

  @ManyToOne(() => Employee, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'assessor_employee_id', foreignKeyConstraintName: 'FK_competency_assessment_assessor' })
  assessor?: Relation<Employee>;

  @Column({ name: 'assessed_on', type: 'date' })
  @Field(() => LocalDateResolver, { description: 'The day of the assessment.' })
  assessedOn!: LocalDate;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'Last day it counts (e.g. an assessment centre result is valid for a few years); open-ended when null.',
  })
  validUntil!: LocalDate | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Evidence or a reference to the report.' })
  evidence!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was recorded (UTC).' })
  createdAt!: Date;
}
