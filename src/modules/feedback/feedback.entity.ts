import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { Employee } from '../employee/employee.entity';
import { Appraisal } from '../appraisal/appraisal.entity';
import { CoreValue } from '../work-plan/core-values';

export enum FeedbackTarget {
  APPRAISAL = 'APPRAISAL',
  INDICATOR = 'INDICATOR',
  REALIZATION = 'REALIZATION',
  ACTIVITY = 'ACTIVITY',
  BEHAVIOR = 'BEHAVIOR',
}

registerEnumType(FeedbackTarget, {
  name: 'FeedbackTarget',
  description: 'What a piece of feedback is about.',
  valuesConfig: {
    APPRAISAL: { description: 'The plan as a whole.' },
    INDICATOR: { description: 'One indicator (IKI).' },
    REALIZATION: { description: 'One realization of an indicator.' },
    ACTIVITY: { description: 'One daily activity entry.' },
    BEHAVIOR: { description: 'One BerAKHLAK core value.' },
  },
});

@Entity('feedback')
@Index('IDX_feedback_recipient', ['recipientEmployeeId', 'rowId'])
@Index('IDX_feedback_target', ['targetKind', 'targetId'])
@ObjectType('Feedback', {
  implements: Node,
  description:
    'Continuous feedback (umpan balik berkelanjutan) from the appraiser or anyone above the employee, on the plan, an indicator, a ' +
    'realization, an activity or a core value, with the employee’s optional reply. Read by the employee, its author, and those who read the employee’s plan.',
})
export class Feedback {
  static readonly typeName = 'Feedback';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Feedback.typeName, this.rowId);
  }

  @Column({ name: 'recipient_employee_id', type: 'integer' })
  recipientEmployeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'recipient_employee_id', foreignKeyConstraintName: 'FK_feedback_recipient' })
  recipient?: Relation<Employee>;

  @Index('IDX_feedback_appraisal')
  @Column({ name: 'appraisal_id', type: 'integer', nullable: true })
  appraisalId!: number | null;

  @ManyToOne(() => Appraisal, { onDelete: 'CASCADE', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_feedback_appraisal' })
  appraisal?: Relation<Appraisal> | null;

  @Index('IDX_feedback_author')
  @Column({ name: 'author_employee_id', type: 'integer' })
  authorEmployeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'author_employee_id', foreignKeyConstraintName: 'FK_feedback_author' })
  author?: Relation<Employee>;

  @Column({ name: 'target_kind', type: 'varchar', length: 16 })
  @Field(() => FeedbackTarget, { description: 'What it is about.' })
  targetKind!: FeedbackTarget;

  @Column({ name: 'target_id', type: 'integer', nullable: true })
  targetId!: number | null;

  @Column({ name: 'core_value', type: 'varchar', length: 32, nullable: true })
  @Field(() => CoreValue, { nullable: true, description: 'The core value, for feedback on behaviour.' })
  coreValue!: CoreValue | null;

  @Column({ type: 'varchar', length: 2000 })
  @Field({ description: 'The feedback.' })
  text!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'The employee’s reply, if any.' })
  reply!: string | null;

  @Column({ name: 'replied_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the employee replied (UTC).' })
  repliedAt!: Date | null;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to reply.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was given (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
