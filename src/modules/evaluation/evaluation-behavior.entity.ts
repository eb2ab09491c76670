import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { type CoreValue } from '../work-plan/core-values';
import { Evaluation } from './evaluation.entity';

/** The appraiser's feedback (and optional rating) on one core value within an evaluation. */
@Entity('evaluation_behavior')
@Index('IDX_evaluation_behavior_value', ['evaluationId', 'coreValue'], { unique: true })
export class EvaluationBehavior {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'evaluation_id', type: 'integer' })
  evaluationId!: number;

  @ManyToOne(() => Evaluation, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'FK_evaluation_behavior_evaluation' })
  evaluation?: Relation<Evaluation>;

  @Column({ name: 'core_value', type: 'varchar', length: 32 })
  coreValue!: CoreValue;

  @Column({ type: 'varchar', length: 32, nullable: true })
  rating!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  feedback!: string | null;
}
