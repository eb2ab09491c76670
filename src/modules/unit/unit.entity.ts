import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { UnitKind } from './unit-kind';
import { Employee } from '../employee/employee.entity';

export const UNIT_CODE_MAX = 64;
export const UNIT_NAME_MAX = 191;

@Entity('unit')
@ObjectType('Unit', {
  implements: Node,
  description:
    'Organisational unit (unit kerja / perangkat daerah): a tree of any depth, from the regency down to sections.',
})
export class Unit {
  static readonly typeName = 'Unit';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Unit.typeName, this.rowId);
  }

  @Index('IDX_unit_code', { unique: true })
  @Column({ type: 'varchar', length: UNIT_CODE_MAX })
  @Field({ description: 'Unique unit code (kode unit kerja), the natural key for imports; upper case.' })
  code!: string;

  @Column({ type: 'varchar', length: UNIT_NAME_MAX })
  @Field({ description: 'Official name (nama unit kerja).' })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  @Field(() => UnitKind, { description: 'Kind of unit.' })
  kind!: UnitKind;

  @Index('IDX_unit_parent')
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_unit_parent' })
  parent?: Relation<Unit> | null;

  /** The head of the unit (kepala unit kerja); set by HR, always an employee of the unit. */
  @Index('IDX_unit_head')
  @Column({ name: 'head_id', type: 'integer', nullable: true })
  headId!: number | null;

  @ManyToOne(() => Employee, { onDelete: 'SET NULL', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'head_id', foreignKeyConstraintName: 'FK_unit_head' })
  head?: Relation<Employee> | null;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the unit was recorded (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the unit last changed (UTC).' })
  updatedAt!: Date;
}
