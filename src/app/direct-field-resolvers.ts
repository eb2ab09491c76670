import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { isGuarded } from './field-guards';

type Param = { kind: string; index: number; propertyName?: string; getType?: () => unknown };
type Instance = Record<string, (...args: unknown[]) => unknown>;
type AnyClass = abstract new (...args: never[]) => unknown;

/**
 * type-graphql calls a `@FieldResolver` method through a wrapper that, on every call, builds a resolver-data
 * object, looks the resolver's instance up in its container (a linear search), and sorts and maps the method's
 * parameter list: on a dashboard page of a thousand such calls, that and its garbage cost more than the
 * resolvers themselves (docs/adr/0002-dashboard-loaders.md). A field resolver whose parameters are only
 * `@Ctx()`, `@Root()` and `@Info()` (no arguments to convert or validate), with no `@Allow` and no middleware,
 * is called directly with the same values instead: the same method, the same answers. A root that is not an
 * instance of the declared class (type-graphql would convert it first) still goes through type-graphql's
 * wrapper. Returns how many fields it changed.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const instances = new Map<object, Instance>();
  let changed = 0;
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || isGuarded(resolver)) continue;
    const objectClass = resolver.getObjectType?.();
    const typeName = storage.objectTypes.find((o) => o.target === objectClass)?.name;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    const original = field?.resolve;
    if (!field || !original) continue;
    const params = [...((resolver.params ?? []) as Param[])].sort((a, b) => a.index - b.index);
    if (
      params.some(
        (p) => !(p.kind === 'context' || p.kind === 'root' || p.kind === 'info') || p.propertyName !== undefined,
      )
    )
      continue;
    let instance = instances.get(resolver.target);
    if (!instance) {
      // Resolver classes hold no state (their services are module singletons), as type-graphql's default container assumes.
      instance = new (resolver.target as new () => Instance)();
      instances.set(resolver.target, instance);
    }
    const method = instance[resolver.methodName]!.bind(instance);
    const rootClass = params.find((p) => p.kind === 'root')?.getType?.();
    const needsInstance = typeof rootClass === 'function' ? (rootClass as AnyClass) : undefined;
    const kinds = params.map((p) => p.kind);
    const call: (root: unknown, ctx: unknown, info: unknown) => unknown =
      kinds.join() === 'context,root'
        ? (root, ctx) => method(ctx, root)
        : (root, ctx, info) => method(...kinds.map((k) => (k === 'context' ? ctx : k === 'root' ? root : info)));
    const resolve: GraphQLFieldResolver<unknown, unknown> = (root, args, ctx, info) =>
      needsInstance !== undefined && root != null && !(root instanceof needsInstance)
        ? original(root, args, ctx, info)
        : call(root, ctx, info);
    field.resolve = resolve;
    changed += 1;
  }
  return changed;
}
