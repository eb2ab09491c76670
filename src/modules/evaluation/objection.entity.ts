import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PERSON_SUBJECT_RULE, PersonSubject } from '../employee/person-subject';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { Appraisal } from '../appraisal/appraisal.entity';
import { ExpectationRating, Predikat } from './evaluation-enums';

export enum ObjectionStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: 'Where an objection (keberatan) stands.',
  valuesConfig: {
    PENDING: { description: 'Filed, waiting for the appraiser’s supervisor.' },
    ACCEPTED: { description: 'Accepted: the rating was changed; final.' },
    REJECTED: { description: 'Rejected with a reason; final.' },
  },
});

@Entity('objection')
@Index('IDX_objection_appraisal', ['appraisalId'], { unique: true })
@ObjectType('Objection', {
  implements: Node,
  description:
    'An objection to a final annual rating (keberatan, PP 30/2019 art. 59): filed by the employee within the window with reasons, decided by the appraiser’s ' +
    'supervisor, whose decision is final. It keeps the rating before and after.',
})
export class Objection {
  static readonly typeName = 'Objection';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Objection.typeName, this.rowId);
  }

  @Column({ name: 'appraisal_id', type: 'integer' })
  appraisalId!: number;

  @ManyToOne(() => Appraisal, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_objection_appraisal' })
  appraisal?: Relation<Appraisal>;

  @Column({ type: 'text' })
  @Field({ description: 'The employee’s reasons.' })
  reason!: string;

  @Column({ name: 'filed_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was filed (UTC).' })
  filedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ObjectionStatus, { description: 'Pending, accepted or rejected.' })
  status!: ObjectionStatus;

  @Column({ name: 'original_result_rating', type: 'varchar', length: 32 })
  @Field(() => ExpectationRating, { description: 'The result rating objected to.' })
  originalResultRating!: ExpectationRating;

  @Column({ name: 'original_behavior_rating', type: 'varchar', length: 32 })
  @Field(() => ExpectationRating, { description: 'The behaviour rating objected to.' })
  originalBehaviorRating!: ExpectationRating;

  @Column({ name: 'original_predikat', type: 'varchar', length: 32 })
  @Field(() => Predikat, { description: 'The predikat objected to.' })
  originalPredikat!: Predikat;

  @Column({ name: 'decided_result_rating', type: 'varchar', length: 32, nullable: true })
  @Field(() => ExpectationRating, { nullable: true, description: 'The result rating decided (accepted objections).' })
  decidedResultRating!: ExpectationRating | null;

  @Column({ name: 'decided_behavior_rating', type: 'varchar', length: 32, nullable: true })
  @Field(() => ExpectationRating, {
    nullable: true,
    description: 'The behaviour rating decided (accepted objections).',
  })
  decidedBehaviorRating!: ExpectationRating | null;

  @Column({ name: 'decided_predikat', type: 'varchar', length: 32, nullable: true })
  @Field(() => Predikat, { nullable: true, description: 'The predikat decided (accepted objections).' })
  decidedPredikat!: Predikat | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was accepted or rejected.' })
  decisionReason!: string | null;

  @Column({ name: 'decided_by_subject', type: 'varchar', length: 191, nullable: true })
  @PersonSubject()
  @Field(() => String, {
    nullable: true,
    description: `Who decided: a NIP or an HR client id; null while pending. ${PERSON_SUBJECT_RULE}`,
  })
  decidedBySubject!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was decided (UTC).' })
  decidedAt!: Date | null;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to decide.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
