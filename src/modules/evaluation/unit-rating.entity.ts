import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PERSON_SUBJECT_RULE, PersonSubject } from '../employee/person-subject';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { PerformancePeriod } from '../period/performance-period.entity';
import { Unit } from '../unit/unit.entity';
import { OrganisationRating } from './evaluation-enums';

@Entity('unit_rating')
@Index('IDX_unit_rating_unit_period', ['unitId', 'periodId'], { unique: true })
@ObjectType('UnitRating', {
  implements: Node,
  description:
    'A unit’s own rating for a year (capaian kinerja organisasi), set by HR: the head’s result rating follows it and it bounds the spread of its employees’ predikat.',
})
export class UnitRating {
  static readonly typeName = 'UnitRating';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(UnitRating.typeName, this.rowId);
  }

  @Column({ name: 'unit_id', type: 'integer' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_unit_rating_unit' })
  unit?: Relation<Unit>;

  @Index('IDX_unit_rating_period')
  @Column({ name: 'period_id', type: 'integer' })
  periodId!: number;

  @ManyToOne(() => PerformancePeriod, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'FK_unit_rating_period' })
  period?: Relation<PerformancePeriod>;

  @Column({ type: 'varchar', length: 32 })
  @Field(() => OrganisationRating, { description: 'The rating.' })
  rating!: OrganisationRating;

  @Column({ name: 'finalized_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When HR finalized the unit’s evaluations for the year (UTC).' })
  finalizedAt!: Date | null;

  @Column({ name: 'override_justification', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why HR finalized despite the distribution curve, if it did.' })
  overrideJustification!: string | null;

  @Column({ name: 'set_by_subject', type: 'varchar', length: 191 })
  @PersonSubject()
  @Field(() => String, { nullable: true, description: `Who set it: a NIP or an HR client id. ${PERSON_SUBJECT_RULE}` })
  setBySubject!: string;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to change it.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it was set (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When it last changed (UTC).' })
  updatedAt!: Date;
}
