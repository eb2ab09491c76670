import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PERSON_SUBJECT_RULE, PersonSubject } from '../employee/person-subject';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { decimalTransformer } from '../../core/database/decimal.transformer';
import { Appraisal } from '../appraisal/appraisal.entity';
import { EvaluationKind, ExpectationRating, OrganisationRating, Predikat } from './evaluation-enums';
import { Objection } from './objection.entity';

/** Annual evaluations use sub-period 0, so one unique index covers both kinds. */
export const ANNUAL_SUB_PERIOD = 0;

/**
 * SQL condition for the evaluations in force (`alias.sub_period IS NOT NULL`): a rating superseded on objection
 * leaves its slot. Queries that name the slot (`sub_period = 0`) need no more.
 */
export const inForce = (alias: string): string => `${alias}.sub_period IS NOT NULL`;

@Entity('evaluation')
@Index('IDX_evaluation_slot', ['appraisalId', 'kind', 'subPeriod'], { unique: true })
@ObjectType('Evaluation', {
  implements: Node,
  description:
    'The appraiser’s rating of a sub-period or of the year (evaluasi periodik / tahunan): work results and behaviour, and the predikat the ' +
    'matrix gives, stored with the inputs it came from. An accepted objection leaves the appraiser’s annual evaluation as it was, superseded ' +
    '(`supersededBy`) by a new one with the decided rating and the decider’s justification (`objection`).',
})
export class Evaluation {
  static readonly typeName = 'Evaluation';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Evaluation.typeName, this.rowId);
  }

  @Column({ name: 'appraisal_id', type: 'integer' })
  appraisalId!: number;

  @ManyToOne(() => Appraisal, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_evaluation_appraisal' })
  appraisal?: Relation<Appraisal>;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => EvaluationKind, { description: 'Periodic or annual.' })
  kind!: EvaluationKind;

  /**
   * The month or quarter, `ANNUAL_SUB_PERIOD` for the year; null once superseded. The slot (plan, kind,
   * sub-period) is unique among the evaluations in force only: a unique index never finds two NULLs equal, on
   * SQLite and MariaDB alike, and every reader of "the" rating of a slot names the slot.
   */
  @Column({ name: 'sub_period', type: 'integer', nullable: true })
  subPeriod!: number | null;

  @Field(() => Int, {
    name: 'subPeriod',
    nullable: true,
    description: 'The month or quarter of a periodic evaluation; null for the annual one.',
  })
  get subPeriodNumber(): number | null {
    return this.kind === EvaluationKind.ANNUAL ? null : this.subPeriod;
  }

  /** The evaluation that replaced this one when an objection to it was accepted; null while this one is in force. */
  @Column({ name: 'superseded_by_id', type: 'integer', nullable: true })
  supersededById!: number | null;

  @ManyToOne(() => Evaluation, { onDelete: 'SET NULL', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'superseded_by_id', foreignKeyConstraintName: 'FK_evaluation_superseded_by' })
  supersededBy?: Relation<Evaluation> | null;

  /** The accepted objection whose decision this evaluation records; null for the appraiser’s own ratings. */
  @Column({ name: 'objection_id', type: 'integer', nullable: true })
  objectionId!: number | null;

  @ManyToOne(() => Objection, { onDelete: 'SET NULL', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'objection_id', foreignKeyConstraintName: 'FK_evaluation_objection' })
  objection?: Relation<Objection> | null;

  @Column({ name: 'result_rating', type: 'varchar', length: 32 })
  @Field(() => ExpectationRating, { description: 'Rating of the work results (rating hasil kerja).' })
  resultRating!: ExpectationRating;

  @Column({ name: 'result_justification', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why the appraiser chose this result rating; on a rating decided on objection, the decider’s reason.',
  })
  resultJustification!: string | null;

  @Column({ name: 'suggested_result_rating', type: 'varchar', length: 32, nullable: true })
  @Field(() => ExpectationRating, {
    nullable: true,
    description: 'What the realizations against the targets suggested when it was rated.',
  })
  suggestedResultRating!: ExpectationRating | null;

  @Column({ name: 'unit_rating', type: 'varchar', length: 32, nullable: true })
  @Field(() => OrganisationRating, {
    nullable: true,
    description: 'For the head of a unit: the unit’s own rating the result rating followed.',
  })
  unitRating!: OrganisationRating | null;

  @Column({ name: 'behavior_rating', type: 'varchar', length: 32 })
  @Field(() => ExpectationRating, { description: 'Overall rating of the work behaviour (rating perilaku kerja).' })
  behaviorRating!: ExpectationRating;

  @Column({ type: 'varchar', length: 32 })
  @Field(() => Predikat, { description: 'The predikat from the matrix of the two ratings.' })
  predikat!: Predikat;

  @Column({
    name: 'credit_points',
    type: 'decimal',
    precision: 10,
    scale: 4,
    nullable: true,
    transformer: decimalTransformer,
  })
  @Field(() => Float, {
    nullable: true,
    description:
      'Annual credit points (angka kredit) for functional positions: predikat percentage × the level’s coefficient.',
  })
  creditPoints!: number | null;

  @Column({ name: 'rated_by_employee_id', type: 'integer', nullable: true })
  ratedByEmployeeId!: number | null;

  @Column({ name: 'rated_by_subject', type: 'varchar', length: 191 })
  @PersonSubject()
  @Field(() => String, {
    nullable: true,
    description: `Who rated (on objection, who decided): a NIP, or an HR client recording an external appraiser’s decision. ${PERSON_SUBJECT_RULE}`,
  })
  ratedBySubject!: string;

  @Column({ name: 'rated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was last rated (UTC).' })
  ratedAt!: Date;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to re-rate.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was first rated (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
