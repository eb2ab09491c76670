import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { authChecker } from '../core/policy/auth-checker';
import { EmployeeResolver } from '../modules/employee/employee.resolver';
import { ImportResolver } from '../modules/import/import.resolver';
import { ExternalOfficialResolver } from '../modules/official/external-official.resolver';
import { ServerInfoResolver } from '../modules/server-info/server-info.resolver';
import { UnitResolver } from '../modules/unit/unit.resolver';
import { ViewerResolver } from '../modules/viewer/viewer.resolver';
import { NodeResolver } from './node.resolver';

export const resolvers = [NodeResolver, ServerInfoResolver, ViewerResolver, UnitResolver, EmployeeResolver, ExternalOfficialResolver, ImportResolver] as const;

/**
 * Default deny, enforced when the schema is built: every query, mutation and subscription must declare its
 * permission with `@Allow`, or the service refuses to start. Returns the unguarded operations.
 */
export function unguardedOperations(): string[] {
  const storage = getMetadataStorage();
  const guarded = new Set(storage.authorizedFields.map((a) => `${a.target.name}.${a.fieldName}`));
  return [...storage.queries, ...storage.mutations, ...storage.subscriptions]
    .filter((op) => resolvers.some((r) => r === op.target))
    .filter((op) => !guarded.has(`${op.target.name}.${op.methodName}`))
    .map((op) => `${op.target.name}.${op.methodName}`);
}

let built: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once per process from the decorated classes. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= (async () => {
    const schema = await buildSchema({
      resolvers: [...resolvers],
      authChecker,
      // A denied object field reads as null (as if absent); denied operations throw in the auth checker.
      authMode: 'null',
      scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
      validate: false,
    });
    const unguarded = unguardedOperations();
    if (unguarded.length > 0) throw new Error(`Operations without a policy declaration (@Allow): ${unguarded.join(', ')}`);
    return schema;
  })();
  return built;
}

/** The published contract, as checked in at `schema.graphql`. */
export async function printAppSchema(): Promise<string> {
  const sdl = printSchema(lexicographicSortSchema(await buildAppSchema()));
  return `# Generated from the code by \`npm run schema\`. Do not edit: a test fails when this file and the code differ.\n\n${sdl}\n`;
}
