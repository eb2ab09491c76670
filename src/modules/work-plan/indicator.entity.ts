import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { decimalTransformer } from '../../core/database/decimal.transformer';
import { IndicatorAspect, Perspective } from './work-plan-enums';
import { PLAN_TEXT_MAX, WorkResultPlan } from './work-result-plan.entity';

@Entity('indicator')
@ObjectType('Indicator', {
  implements: Node,
  description: 'Individual performance indicator (Indikator Kinerja Individu, IKI) of an RHK, with its target.',
})
export class Indicator {
  static readonly typeName = 'Indicator';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Indicator.typeName, this.rowId);
  }

  @Index('IDX_indicator_work_result_plan')
  @Column({ name: 'work_result_plan_id', type: 'integer' })
  workResultPlanId!: number;

  @ManyToOne(() => WorkResultPlan, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'work_result_plan_id', foreignKeyConstraintName: 'FK_indicator_work_result_plan' })
  workResultPlan?: Relation<WorkResultPlan>;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Order within the RHK, from 1.' })
  position!: number;

  @Column({ type: 'varchar', length: PLAN_TEXT_MAX })
  @Field({
    description: 'The indicator, e.g. "Persentase bayi usia 0-11 bulan yang mendapat imunisasi dasar lengkap".',
  })
  text!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  @Field(() => IndicatorAspect, {
    nullable: true,
    description: 'Quantity, quality, time or cost (quantitative approach).',
  })
  aspect!: IndicatorAspect | null;

  @Column({
    name: 'target_value',
    type: 'decimal',
    precision: 18,
    scale: 4,
    nullable: true,
    transformer: decimalTransformer,
  })
  @Field(() => Float, { nullable: true, description: 'Numeric target (quantitative approach), e.g. 95.' })
  targetValue!: number | null;

  @Column({ name: 'target_unit', type: 'varchar', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'Unit of the target, e.g. "%", "anak", "dokumen", "hari".' })
  targetUnit!: string | null;

  @Column({ name: 'target_text', type: 'varchar', length: PLAN_TEXT_MAX, nullable: true })
  @Field(() => String, { nullable: true, description: 'Target as a statement (qualitative approach).' })
  targetText!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  @Field(() => Perspective, { nullable: true, description: 'Perspective (JPT form only, where it is required).' })
  perspective!: Perspective | null;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was added (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
