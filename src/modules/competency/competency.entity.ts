import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { CompetencyType } from './competency-enums';

@ObjectType('CompetencyLevel', { description: 'One level (1–5) of a competency with its behaviour indicators.' })
export class CompetencyLevel {
  @Field(() => Int, { description: 'The level, 1 (basic) to 5 (highest).' })
  level!: number;

  @Field({ description: 'What the level means.' })
  description!: string;

  @Field(() => [String], { description: 'Behaviour indicators (indikator perilaku) of the level.' })
  indicators!: string[];
}

@Entity('competency')
@Index('IDX_competency_code', ['code'], { unique: true })
@ObjectType('Competency', {
  implements: Node,
  description:
    'A competency of the dictionary: managerial and socio-cultural from the national standard, technical ones added by HR.',
})
export class Competency {
  static readonly typeName = 'Competency';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Competency.typeName, this.rowId);
  }

  @Column({ type: 'varchar', length: 32 })
  @Field({ description: 'Unique code, e.g. `M-INT` (Integritas) or `T-KES-IMUN`.' })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field({ description: 'Name.' })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => CompetencyType, { description: 'Managerial, socio-cultural or technical.' })
  type!: CompetencyType;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The field of a technical competency (e.g. Kesehatan, Pendidikan).',
  })
  field!: string | null;

  @Column({ type: 'text' })
  @Field({ description: 'Definition.' })
  description!: string;

  /** JSON list of the five levels: `{ level, description, indicators[] }`. */
  @Column({ name: 'levels', type: 'text' })
  levelsJson!: string;

  @Column({ type: 'boolean' })
  @Field({ description: 'Part of the national standard (reference data of the migrations); HR cannot change it.' })
  reference!: boolean;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was added (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;

  @Field(() => [CompetencyLevel], { description: 'The five levels with their behaviour indicators.' })
  get levels(): CompetencyLevel[] {
    return JSON.parse(this.levelsJson) as CompetencyLevel[];
  }
}
