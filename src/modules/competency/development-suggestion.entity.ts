import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PERSON_SUBJECT_RULE, PersonSubject } from '../employee/person-subject';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { type LocalDate } from '../../core/time/local-date';
import { Employee } from '../employee/employee.entity';
import { Competency } from './competency.entity';
import { DevelopmentKind, DevelopmentStatus } from './competency-enums';

@Entity('development_suggestion')
@ObjectType('DevelopmentSuggestion', {
  implements: Node,
  description:
    'A development step a supervisor suggests to close a gap: training, mentoring or an assignment, with its status.',
})
export class DevelopmentSuggestion {
  static readonly typeName = 'DevelopmentSuggestion';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(DevelopmentSuggestion.typeName, this.rowId);
  }

  @Index('IDX_development_suggestion_employee')
  @Column({ name: 'employee_id', type: 'integer' })
  employeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'employee_id', foreignKeyConstraintName: 'FK_development_suggestion_employee' })
  employee?: Relation<Employee>;

  @Column({ name: 'competency_id', type: 'integer', nullable: true })
  competencyId!: number | null;

  @ManyToOne(() => Competency, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'competency_id', foreignKeyConstraintName: 'FK_development_suggestion_competency' })
  competency?: Relation<Competency>;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => DevelopmentKind, { description: 'Training, mentoring or an assignment.' })
  kind!: DevelopmentKind;

  @Column({ type: 'varchar', length: 2000 })
  @Field({ description: 'What to do.' })
  description!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => DevelopmentStatus, { description: 'Where it stands.' })
  status!: DevelopmentStatus;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  @Field(() => LocalDateResolver, { nullable: true, description: 'When it should be done.' })
  dueDate!: LocalDate | null;

  @Column({ name: 'author_subject', type: 'varchar', length: 191 })
  @PersonSubject()
  @Field(() => String, {
    nullable: true,
    description: `Who suggested it: a NIP or an HR client id. ${PERSON_SUBJECT_RULE}`,
  })
  authorSubject!: string;

  @Column({ name: 'author_employee_id', type: 'integer', nullable: true })
  authorEmployeeId!: number | null;

  @ManyToOne(() => Employee, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'author_employee_id', foreignKeyConstraintName: 'FK_development_suggestion_author' })
  author?: Relation<Employee>;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was suggested (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
