import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from './unit.entity';

/** The unit tree as a closure table (see `core/tree/closure-table.ts`). */
@Entity('unit_closure')
@Index('IDX_unit_closure_descendant', ['descendantId', 'depth'])
export class UnitClosure {
  @PrimaryColumn({ name: 'ancestor_id', type: 'integer' })
  ancestorId!: number;

  @PrimaryColumn({ name: 'descendant_id', type: 'integer' })
  descendantId!: number;

  @Column({ type: 'integer' })
  depth!: number;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ancestor_id', foreignKeyConstraintName: 'FK_unit_closure_ancestor' })
  ancestor?: Unit;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'descendant_id', foreignKeyConstraintName: 'FK_unit_closure_descendant' })
  descendant?: Unit;
}
