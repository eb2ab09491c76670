import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/graphql/connection';
import { UserError } from '../../core/errors/user-error';
import { Unit } from './unit.entity';

export const UnitConnection = ConnectionType(Unit, 'Unit', 'A page of units.');
export type UnitConnection = InstanceType<typeof UnitConnection>;

@ObjectType({ description: 'Result of createUnit.' })
export class CreateUnitPayload {
  @Field(() => Unit, { nullable: true, description: 'The new unit; null when userErrors is not empty.' })
  unit?: Unit | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateUnit.' })
export class UpdateUnitPayload {
  @Field(() => Unit, { nullable: true, description: 'The unit as changed; null when userErrors is not empty.' })
  unit?: Unit | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of moveUnit.' })
export class MoveUnitPayload {
  @Field(() => Unit, { nullable: true, description: 'The unit in its new place; null when userErrors is not empty.' })
  unit?: Unit | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}
