import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Employee } from './employee.entity';

/** The supervisor tree as a closure table (see `core/tree/closure-table.ts`). */
@Entity('employee_closure')
@Index('IDX_employee_closure_descendant', ['descendantId', 'depth'])
@Index('IDX_employee_closure_ancestor_depth', ['ancestorId', 'depth', 'descendantId'])
export class EmployeeClosure {
  @PrimaryColumn({ name: 'ancestor_id', type: 'integer' })
  ancestorId!: number;

  @PrimaryColumn({ name: 'descendant_id', type: 'integer' })
  descendantId!: number;

  @Column({ type: 'integer' })
  depth!: number;

  @ManyToOne(() => Employee, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'ancestor_id', foreignKeyConstraintName: 'FK_employee_closure_ancestor' })
  ancestor?: Employee;

  @ManyToOne(() => Employee, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'descendant_id', foreignKeyConstraintName: 'FK_employee_closure_descendant' })
  descendant?: Employee;
}
