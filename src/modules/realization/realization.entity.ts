import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { decimalTransformer } from '../../core/database/decimal.transformer';
import { Appraisal } from '../appraisal/appraisal.entity';
import { Indicator } from '../work-plan/indicator.entity';

@Entity('realization')
@Index('IDX_realization_indicator_sub_period', ['indicatorId', 'subPeriod'], { unique: true })
@ObjectType('Realization', {
  implements: Node,
  description:
    'What was achieved on an indicator in one month or quarter (realisasi), with its narrative and evidence (bukti dukung).',
})
export class Realization {
  static readonly typeName = 'Realization';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Realization.typeName, this.rowId);
  }

  @Column({ name: 'indicator_id', type: 'integer' })
  indicatorId!: number;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'FK_realization_indicator' })
  indicator?: Relation<Indicator>;

  /** The plan, kept here so that reads are scoped without a join through the RHK. */
  @Index('IDX_realization_appraisal')
  @Column({ name: 'appraisal_id', type: 'integer' })
  appraisalId!: number;

  @ManyToOne(() => Appraisal, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_realization_appraisal' })
  appraisal?: Relation<Appraisal>;

  @Column({ name: 'sub_period', type: 'integer' })
  @Field(() => Int, { description: 'The month (1–12) or quarter (1–4) of the period.' })
  subPeriod!: number;

  @Column({ type: 'decimal', precision: 18, scale: 4, nullable: true, transformer: decimalTransformer })
  @Field(() => Float, {
    nullable: true,
    description: 'The achieved value (quantitative plans), in the unit of the target.',
  })
  value!: number | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  @Field(() => String, { nullable: true, description: 'What was achieved, as a statement (qualitative plans).' })
  statement!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The employee’s account of the work behind it.' })
  narrative!: string | null;

  /** JSON list of `{ title, url }`: files stay with the portal; the service keeps references. */
  @Column({ name: 'evidence', type: 'text' })
  evidenceJson!: string;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was first recorded (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
