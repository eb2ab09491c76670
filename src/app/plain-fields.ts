import { type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { isGuarded } from './field-guards';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * type-graphql wraps every object field in a resolver that builds a context object and runs an empty middleware
 * chain just to read `root[name]`; on a dashboard of thousands of fields that wrapper (and its garbage) is a
 * measurable share of the CPU. A field with no field resolver, no `@Allow`, no middleware and the same name in the
 * schema as on the class is handed to graphql-js's default resolver instead: type-graphql's own `simpleResolvers`,
 * applied where it cannot change an answer. Returns how many fields it simplified.
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
      if (storage.fieldResolvers.some((r) => r.methodName === field.name && r.getObjectType?.() === field.target))
        continue;
      target.resolve = undefined;
      simplified += 1;
    }
  }
  return simplified;
}
