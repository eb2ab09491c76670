/**
 * Whether type-graphql runs something of ours around a field or field resolver before its value: an `@Allow`
 * (an auth checker role) or a middleware. Such a field must keep type-graphql's resolver; the schema rewrites
 * (`plain-fields.ts`, `direct-field-resolvers.ts`) leave it alone.
 */
export function isGuarded(metadata: { roles?: readonly unknown[]; middlewares?: readonly unknown[] }): boolean {
  return (metadata.roles?.length ?? 0) > 0 || (metadata.middlewares?.length ?? 0) > 0;
}
