import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../core/graphql/order';
import { type Sort } from '../../core/graphql/pagination';
import { UnitKind } from './unit-kind';
import { type Unit } from './unit.entity';

export enum UnitOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
}

registerEnumType(UnitOrderField, {
  name: 'UnitOrderField',
  description: 'What to sort units by.',
  valuesConfig: { CODE: { description: 'Unit code.' }, NAME: { description: 'Unit name.' } },
});

@InputType({ description: 'Sort order of units.' })
export class UnitOrder {
  @Field(() => UnitOrderField, { defaultValue: UnitOrderField.CODE, description: 'What to sort by.' })
  field: UnitOrderField = UnitOrderField.CODE;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  direction: OrderDirection = OrderDirection.ASC;
}

export const DEFAULT_UNIT_ORDER: UnitOrder = { field: UnitOrderField.CODE, direction: OrderDirection.ASC };

export function unitSort(order: UnitOrder = DEFAULT_UNIT_ORDER, alias = 'unit'): Sort<Unit> {
  const byName = order.field === UnitOrderField.NAME;
  return {
    column: byName ? `${alias}.name` : `${alias}.code`,
    idColumn: `${alias}.id`,
    direction: order.direction,
    valueOf: (u) => (byName ? u.name : u.code),
    idOf: (u) => u.rowId,
  };
}

@InputType({ description: 'Which units to list. Filters combine with AND.' })
export class UnitFilter {
  @Field(() => ID, { nullable: true, description: 'Only the direct sub-units of this unit.' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only units without a parent (the tops of the tree).' })
  rootsOnly?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only this unit and everything below it (its subtree).' })
  withinUnitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Code or name contains this text (case-insensitive).' })
  search?: string | null;

  @Field(() => UnitKind, { nullable: true, description: 'Only units of this kind.' })
  kind?: UnitKind | null;
}

@InputType({ description: 'A new unit (HR admins; under a unit in their scope, or a root for region-wide admins).' })
export class CreateUnitInput {
  @Field({
    description: 'Unique code: letters, digits, ".", "_" or "-", at most 64. Case-insensitive; stored in upper case.',
  })
  code!: string;

  @Field({ description: 'Official name, at most 191 characters.' })
  name!: string;

  @Field(() => UnitKind, { description: 'Kind of unit.' })
  kind!: UnitKind;

  @Field(() => ID, { nullable: true, description: 'Parent unit; omit for a root unit.' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to a unit. Omitted fields stay as they are.' })
export class UpdateUnitInput {
  @Field(() => ID, { description: 'Global id of the unit.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'New unique code.' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'New official name.' })
  name?: string | null;

  @Field(() => UnitKind, { nullable: true, description: 'Kind of unit.' })
  kind?: UnitKind | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The head (kepala): an active employee of this unit. Pass null to clear.',
  })
  headId?: string | null;
}

@InputType({ description: 'Moves a unit (with its whole subtree) under another parent.' })
export class MoveUnitInput {
  @Field(() => ID, { description: 'Global id of the unit.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The new parent; null makes it a root (region-wide HR admins only).',
  })
  parentId?: string | null;
}
