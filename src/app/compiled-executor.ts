import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { withInputDefaults } from './input-defaults';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { type ApolloServerOptionsWithGateway, type BaseContext } from '@apollo/server';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** A compiled operation, or the errors graphql-jit gave instead of compiling it. */
type Compiled = CompiledQuery | ExecutionResult;

/**
 * Runs operations with graphql-jit instead of graphql-js's interpreter, behind Apollo's gateway interface (the
 * one hook Apollo offers for its executor; parsing, validation, armor, cost and plugins stay Apollo's).
 * Measured on the team dashboard (thousands of fields): graphql-js's per-field walk, its promise bookkeeping and
 * their garbage were the largest share of a request's CPU; a compiled operation resolves the same fields with
 * plain generated code. Each (document, operation) is compiled once: Apollo hands back the same parsed document
 * for the same query text, so the cache is weak on the document and leaves with it.
 */
export function compiledExecutor(schema: GraphQLSchema): Gateway {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compile = (document: DocumentNode, operationName: string | null): Compiled => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let entry = byName.get(key);
    if (!entry) {
      entry = compileQuery(schema, document, operationName ?? undefined);
      byName.set(key, entry);
    }
    return entry;
  };

  return {
    async load() {
      return {
        schema,
        executor: async ({ document, operation, operationName, request, context }) => {
          const entry = compile(document, operationName);
          if (!isCompiledQuery(entry)) return { ...entry, errors: entry.errors?.map(asGraphQLError) };
          const definitions = operation.variableDefinitions ?? [];
          const raw = request.variables ?? {};
          // graphql-js judges the variables first, so that a bad one reads exactly as before (Apollo turns these
          // errors into 400 BAD_USER_INPUT by their wording and nodes).
          const checked = getVariableValues(schema, definitions, raw, { maxErrors: 50 });
          if (checked.errors) return { errors: checked.errors };
          // graphql-jit leaves an omitted input field without its default (a non-null one then fails): send it the
          // variables as a client spelling out every default would have.
          const result = await entry.query(undefined, context, withInputDefaults(schema, definitions, raw));
          // Errors first, as graphql-js orders them, so that an answer reads byte for byte as before.
          return result.errors ? { errors: result.errors.map(asGraphQLError), data: result.data } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      // The schema never changes at run time; Apollo still wants to hear it once.
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors only look like graphql-js's: `extensions` is undefined unless the thrown error had some, and
 * Apollo reads `extensions.code` of every error, so a plain thrown error (a dropped database connection) failed
 * inside Apollo's formatting and came out as its bare "Internal server error" instead of going through ours.
 * A real GraphQLError with the same message, path, locations and original error.
 */
export function asGraphQLError(error: GraphQLError): GraphQLError {
  const real = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? undefined });
  // graphql-jit computed the locations; graphql-js would from nodes it does not have.
  if (error.locations) Object.defineProperty(real, 'locations', { value: error.locations, enumerable: true });
  return real;
}
