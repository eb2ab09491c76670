import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { isGuarded } from './field-guards';
import { type RequestContext } from '../core/context/request-context';

/**
 * Lets the fields a list resolver may load ahead (`Prefetched`) answer from there: when the call has no
 * arguments and a value was prefetched for its parent, that value is the answer; otherwise the field's own
 * resolver runs as before. Only fields without `@Allow` or middleware qualify (the value skips type-graphql's
 * wrapper, so a guard there would be skipped too): a field that gains one fails the start, not the check.
 */
export function answerPrefetchedFields(schema: GraphQLSchema, fields: ReadonlyArray<readonly [typeName: string, field: string]>): void {
  const storage = getMetadataStorage();
  for (const [typeName, fieldName] of fields) {
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    const original = field?.resolve;
    if (!field || !original) throw new Error(`Prefetched field ${typeName}.${fieldName} has no resolver in the schema.`);
    const objectType = storage.objectTypes.find((o) => o.name === typeName);
    const guarded =
      (objectType?.fields ?? []).some((f) => f.schemaName === fieldName && isGuarded(f)) ||
      storage.fieldResolvers.some((r) => r.schemaName === fieldName && r.getObjectType?.() === objectType?.target && isGuarded(r));
    if (guarded) throw new Error(`Prefetched field ${typeName}.${fieldName} has a guard or middleware: it cannot answer from a prefetched value.`);
    const resolve: GraphQLFieldResolver<object, RequestContext> = (parent, args, ctx, info) => {
      const value = info.fieldNodes[0]!.arguments?.length === 0 ? ctx.prefetched.get(parent, fieldName) : undefined;
      return value !== undefined ? value : original(parent, args, ctx, info);
    };
    field.resolve = resolve;
  }
}
