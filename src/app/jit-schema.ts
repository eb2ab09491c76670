import { type GraphQLSchema, isObjectType } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { getMetadataStorage } from 'type-graphql';
import { isGuarded } from './field-guards';

/**
 * The schema graphql-jit compiles against: the same types, except that a renamed plain field (`id`, read from
 * the getter `nodeId`) is read as a property there too. graphql-jit reads a field without a resolver as
 * `parent[field.name]` and calls any other with a resolve info built for it (a path object per level, the info,
 * three closures); the dashboard's `id`s were a third of its resolver calls and a large share of its garbage
 * (`docs/adr/0003-graphql-jit-behind-the-gateway.md`). The copy keeps the field's schema name as its key
 * (documents and answers are unchanged) and carries the class property's name as `name`, the one thing
 * graphql-jit reads it by.
 *
 * A renamed field qualifies as `simplifyPlainFields` judges a field plain: no field resolver, no `@Allow`, no
 * middleware. The published schema, graphql-js and validation keep the original.
 *
 * The renamed names show wherever the copy itself is read: introspection therefore never runs on it
 * (`jitIneligibility`). The rewrite exists because an entity's `id` property is its numeric key (TypeORM's
 * primary column, read as `.id` throughout the services and tests), so the global id cannot be the plain
 * property graphql-jit would read for the field `id` without renaming that key on every entity.
 */
export function jitSchema(schema: GraphQLSchema): GraphQLSchema {
  const renamed = renamedPlainFields(schema);
  if (renamed.size === 0) return schema;
  const copy = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) =>
      renamed.has(`${typeName}.${fieldName}`) ? { ...config, resolve: undefined } : config,
  });
  for (const [key, property] of renamed) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = copy.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`The compiled schema lost ${key}.`);
    field.name = property;
  }
  return copy;
}

/**
 * `Type.field` → the getter it reads, for each renamed field that is nothing but a getter of its class: no
 * `@Allow`, no middleware, no `@FieldResolver` of another class. type-graphql would read the same getter (after
 * turning a plain object into an instance: every value of these types is one, an entity).
 */
export function renamedPlainFields(schema: GraphQLSchema): Map<string, string> {
  const storage = getMetadataStorage();
  const renamed = new Map<string, string>();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const graphqlFields = type.getFields();
    for (const field of objectType.fields ?? []) {
      if (field.name === field.schemaName || !graphqlFields[field.schemaName]?.resolve) continue;
      if (isGuarded(field)) continue;
      const resolvers = storage.fieldResolvers.filter(
        (r) => r.schemaName === field.schemaName && r.getObjectType?.() === objectType.target,
      );
      if (resolvers.some((r) => r.kind !== 'internal' || r.methodName !== field.name || isGuarded(r))) continue;
      if (!getterOf(objectType.target, field.name)) continue;
      renamed.set(`${objectType.name}.${field.schemaName}`, field.name);
    }
  }
  return renamed;
}

function getterOf(target: { readonly prototype: unknown }, property: string): (() => unknown) | undefined {
  for (
    let proto: object | null = target.prototype as object;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    if (descriptor) return descriptor.get;
  }
  return undefined;
}
