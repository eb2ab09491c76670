import { type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { isGuarded } from './field-guards';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * type-graphql wraps every object field in a resolver that builds a context object and runs an empty middleware
 * chain just to read `root[name]`; on a dashboard of thousands of fields that wrapper (and its garbage) is a
 * measurable share of the CPU. A field with no field resolver (a getter of its own class aside), no `@Allow`, no
 * middleware and the same name in the schema as on the class is handed to graphql-js's default resolver instead:
 * type-graphql's own `simpleResolvers`, applied where it cannot change an answer (every value of these types is an
 * instance of its class, so a getter is there to read). graphql-jit reads such a field as a property: the global
 * ids (`id`, a getter of each Node entity) cost no resolver call. Returns how many fields it simplified.
 */
export function simplifyPlainFields(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  let simplified = 0;
  for (const objectType of storage.objectTypes) {
    if (ROOT_TYPES.has(objectType.name)) continue;
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const graphqlFields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const target = graphqlFields[field.schemaName];
      if (!target?.resolve || field.name !== field.schemaName) continue;
      if (isGuarded(field)) continue;
      const resolvers = storage.fieldResolvers.filter(
        (r) => r.methodName === field.name && r.getObjectType?.() === field.target,
      );
      // A getter is registered as an internal field resolver; reading the property calls it all the same.
      if (resolvers.some((r) => r.kind !== 'internal' || isGuarded(r) || !isGetter(field.target, field.name))) continue;
      target.resolve = undefined;
      simplified += 1;
    }
  }
  return simplified;
}

function isGetter(target: { readonly prototype: unknown }, property: string): boolean {
  for (
    let proto: object | null = target.prototype as object;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    if (descriptor) return descriptor.get !== undefined;
  }
  return false;
}
