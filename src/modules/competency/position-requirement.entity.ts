import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { PositionKind } from '../employee/employee-enums';
import { Unit } from '../unit/unit.entity';
import { Competency } from './competency.entity';

@Entity('position_requirement')
@Index('IDX_position_requirement_position', ['unitId', 'positionTitle', 'competencyId'], { unique: true })
@ObjectType('PositionRequirement', {
  implements: Node,
  description: 'The level of one competency a position (a title in a unit) requires (standar kompetensi jabatan).',
})
export class PositionRequirement {
  static readonly typeName = 'PositionRequirement';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(PositionRequirement.typeName, this.rowId);
  }

  @Column({ name: 'unit_id', type: 'integer' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_position_requirement_unit' })
  unit?: Relation<Unit>;

  @Column({ name: 'position_title', type: 'varchar', length: 191 })
  @Field({ description: 'The position title, exactly as employees hold it (e.g. Perawat Terampil).' })
  positionTitle!: string;

  @Column({ name: 'position_kind', type: 'varchar', length: 16 })
  @Field(() => PositionKind, { description: 'The kind of position.' })
  positionKind!: PositionKind;

  @Index('IDX_position_requirement_competency')
  @Column({ name: 'competency_id', type: 'integer' })
  competencyId!: number;

  @ManyToOne(() => Competency, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'competency_id', foreignKeyConstraintName: 'FK_position_requirement_competency' })
  competency?: Relation<Competency>;

  @Column({ name: 'required_level', type: 'integer' })
  @Field(() => Int, { description: 'The required level, 1–5.' })
  requiredLevel!: number;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was set (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
