import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Evaluation } from '../evaluation/evaluation.entity';

/**
 * That an evaluation was sent to SIASN (`docs/siasn.md`): its SIASN id and the version sent. A later version of the
 * evaluation is pending again; an evaluation that replaces it (an accepted objection) is pending under its own id.
 */
@Entity('siasn_sync')
export class SiasnSync {
  @PrimaryColumn({ name: 'evaluation_id', type: 'integer' })
  evaluationId!: number;

  @ManyToOne(() => Evaluation, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'FK_siasn_sync_evaluation' })
  evaluation?: Relation<Evaluation>;

  @Column({ name: 'siasn_id', type: 'varchar', length: 64 })
  siasnId!: string;

  @Column({ name: 'evaluation_version', type: 'integer' })
  evaluationVersion!: number;

  @Column({ name: 'synced_at', type: 'datetime' })
  syncedAt!: Date;

  @Column({ name: 'synced_by_subject', type: 'varchar', length: 191 })
  syncedBySubject!: string;
}
