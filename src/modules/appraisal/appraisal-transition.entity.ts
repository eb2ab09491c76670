import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { PERSON_SUBJECT_RULE, PersonSubject } from '../employee/person-subject';
import { Appraisal } from './appraisal.entity';
import { AppraisalStatus, TransitionAction } from './appraisal-enums';

/** One step of a plan's workflow: who, when, from, to and why. Never changed once written. */
@Entity('appraisal_transition')
@ObjectType('AppraisalTransition', {
  description: 'One step in the history of a plan (riwayat SKP): who, when, from, to and why.',
})
export class AppraisalTransition {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index('IDX_appraisal_transition_appraisal')
  @Column({ name: 'appraisal_id', type: 'integer' })
  appraisalId!: number;

  @ManyToOne(() => Appraisal, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_appraisal_transition_appraisal' })
  appraisal?: Relation<Appraisal>;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TransitionAction, { description: 'The step taken.' })
  action!: TransitionAction;

  @Column({ name: 'from_status', type: 'varchar', length: 16 })
  @Field(() => AppraisalStatus, { description: 'Status before.' })
  fromStatus!: AppraisalStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  @Field(() => AppraisalStatus, { description: 'Status after.' })
  toStatus!: AppraisalStatus;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: string;

  @Column({ name: 'actor_employee_id', type: 'integer', nullable: true })
  actorEmployeeId!: number | null;

  @Column({ name: 'actor_subject', type: 'varchar', length: 191 })
  @PersonSubject()
  @Field(() => String, {
    nullable: true,
    description: `Who took the step: a NIP, an HR client id, or "system". ${PERSON_SUBJECT_RULE}`,
  })
  actorSubject!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why (required to return or reopen a plan).' })
  reason!: string | null;

  @Column({ name: 'occurred_at', type: 'datetime' })
  @Field(() => Date, { description: 'When (UTC).' })
  occurredAt!: Date;
}
