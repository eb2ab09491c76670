import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { Appraisal } from '../appraisal/appraisal.entity';
import { WorkResultKind } from './work-plan-enums';

export const PLAN_TEXT_MAX = 1000;

@Entity('work_result_plan')
@ObjectType('WorkResultPlan', {
  implements: Node,
  description:
    'Work-result plan (Rencana Hasil Kerja, RHK), main or additional, with its indicators. A staff member’s main RHK ' +
    'supports ("intervenes") one of their appraiser’s RHK, so targets cascade down the tree. Readable by whoever ' +
    'reads the plan, and by everyone below its owner (the cascade is how staff choose what they support).',
})
export class WorkResultPlan {
  static readonly typeName = 'WorkResultPlan';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(WorkResultPlan.typeName, this.rowId);
  }

  @Index('IDX_work_result_plan_appraisal')
  @Column({ name: 'appraisal_id', type: 'integer' })
  appraisalId!: number;

  @ManyToOne(() => Appraisal, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_work_result_plan_appraisal' })
  appraisal?: Relation<Appraisal>;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => WorkResultKind, { description: 'Main or additional (utama / tambahan).' })
  kind!: WorkResultKind;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Order within the plan, from 1.' })
  position!: number;

  @Column({ type: 'varchar', length: PLAN_TEXT_MAX })
  @Field({ description: 'The planned result, e.g. "Tercapainya cakupan imunisasi dasar lengkap".' })
  text!: string;

  /** The appraiser's RHK this one supports (RHK pimpinan yang diintervensi). */
  @Index('IDX_work_result_plan_supports')
  @Column({ name: 'supports_id', type: 'integer', nullable: true })
  supportsId!: number | null;

  @ManyToOne(() => WorkResultPlan, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'supports_id', foreignKeyConstraintName: 'FK_work_result_plan_supports' })
  supports?: Relation<WorkResultPlan> | null;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was added (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
