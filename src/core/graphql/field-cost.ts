import { Extensions } from 'type-graphql';

/**
 * What resolving a field costs by itself in the query cost estimate, where an ordinary field counts 1: for fields
 * that do far more than read a value, such as an aggregate over a whole unit subtree. Its children still count
 * on top, and a list's page (or `@ListSize`) still multiplies them.
 */
export function FieldCost(units: number): MethodDecorator & PropertyDecorator {
  return Extensions({ cost: units });
}
