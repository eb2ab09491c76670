import { Authorized } from 'type-graphql';
import { type Permission } from './permission';

/**
 * Declares the permission a GraphQL operation or field needs. On Query/Mutation/Subscription fields a denial is
 * an UNAUTHENTICATED/FORBIDDEN error; on object fields it reads as `null`, as if absent (`docs/api.md`, Shape).
 */
export function Allow(permission: Permission): MethodDecorator & PropertyDecorator {
  return Authorized(permission);
}
