import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';

@Entity('external_official')
@ObjectType('ExternalOfficial', {
  implements: Node,
  description:
    'An official who is not a civil servant but supervises and appraises top officials: for a regency the Bupati ' +
    '(kepala daerah), who appraises the JPT Pratama (`docs/domain.md`). Recorded by name and title, not as an employee.',
})
export class ExternalOfficial {
  static readonly typeName = 'ExternalOfficial';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(ExternalOfficial.typeName, this.rowId);
  }

  @Column({ type: 'varchar', length: 191 })
  @Field({ description: 'Name with titles, as written on official documents.' })
  name!: string;

  @Column({ name: 'position_title', type: 'varchar', length: 191 })
  @Field({ description: 'Office held, e.g. "Bupati Jayawijaya".' })
  positionTitle!: string;

  @Column({ type: 'boolean' })
  @Field({ description: 'False once the official has left office.' })
  active!: boolean;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the official was recorded (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the record last changed (UTC).' })
  updatedAt!: Date;
}
