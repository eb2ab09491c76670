import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Appraisal } from '../appraisal/appraisal.entity';
import { type CoreValue } from './core-values';

/** The appraiser's specific expectation for one core value of one plan (ekspektasi khusus pimpinan). */
@Entity('behavior_expectation')
@Index('IDX_behavior_expectation_value', ['appraisalId', 'coreValue'], { unique: true })
export class BehaviorExpectation {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'appraisal_id', type: 'integer' })
  appraisalId!: number;

  @ManyToOne(() => Appraisal, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'appraisal_id', foreignKeyConstraintName: 'FK_behavior_expectation_appraisal' })
  appraisal?: Relation<Appraisal>;

  @Column({ name: 'core_value', type: 'varchar', length: 32 })
  coreValue!: CoreValue;

  @Column({ type: 'varchar', length: 2000 })
  expectation!: string;

  @Column({ name: 'author_subject', type: 'varchar', length: 191 })
  authorSubject!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
