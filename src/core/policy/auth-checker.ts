import { type AuthChecker } from 'type-graphql';
import { type RequestContext } from '../context/request-context';
import { type Permission } from './permission';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * type-graphql's hook for `@Allow`. Schema is built with `authMode: "null"`, so returning false makes a field
 * read as null; operations (root fields) throw instead, so a caller learns to sign in or that they may not.
 */
export const authChecker: AuthChecker<RequestContext, Permission> = async ({ context, root, info }, permissions) => {
  const isOperation = ROOT_TYPES.has(info.parentType.name);
  for (const permission of permissions) {
    if (isOperation) await context.policy.assertOperation(permission);
    else if (!(await context.policy.canOnField(permission, root))) return false;
  }
  return true;
};
