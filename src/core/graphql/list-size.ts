import { Extensions } from 'type-graphql';

/**
 * How long a plain (unpaged) list field gets at most in practice, for the query cost estimate: a plan has a
 * handful of RHK, an RHK a few indicators, there are seven core values. Unhinted lists count as a page of 20.
 */
export function ListSize(size: number): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Extensions({ listSize: size });
}
