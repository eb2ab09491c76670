import { type DocumentNode, execute, GraphQLError, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { withInputDefaults } from './input-defaults';
import { cloneDocument, jitIneligibility } from './jit-eligible';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { type ApolloServerOptionsWithGateway, type BaseContext } from '@apollo/server';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** How many compiled operations are kept (least recently used first out); generated code is not small. */
export const COMPILED_LIMIT = 100;

/** How many times an operation runs on graphql-js before it is compiled (`GRAPHQL_JIT_COMPILE_AFTER`). */
export const COMPILE_AFTER = 1;

/** One operation of one parsed document: how often it ran, and its compiled form once it has one. */
interface Entry {
  runs: number;
  /** Why graphql-js runs it (`jitIneligibility`, or graphql-jit refused to compile), or null. */
  ineligible: string | null;
  compiled?: CompiledQuery;
}

/** A parsed document: whether graphql-jit may run it (judged once), and its operations by name. */
interface DocumentEntries {
  ineligible: string | null;
  operations: Map<string, Entry>;
}

/**
 * Runs operations with graphql-jit instead of graphql-js's interpreter, behind Apollo's gateway interface (the
 * one hook Apollo offers for its executor; parsing, validation, armor, cost and plugins stay Apollo's).
 * Measured on the team dashboard (thousands of fields): graphql-js's per-field walk, its promise bookkeeping and
 * their garbage were the largest share of a request's CPU; a compiled operation resolves the same fields with
 * plain generated code.
 *
 * graphql-js still runs: an operation's first `compileAfter` requests (1: a one-off query is not worth compiling,
 * and a client sending many distinct ones costs no generated code; 0 in the test run that checks graphql-jit
 * against the whole suite), documents graphql-jit would answer differently
 * (`jit-eligible.ts`), and requests whose defaults cannot be written out. At most `limit` compiled operations are
 * kept. Apollo hands back the same parsed document for the same query text, so runs are counted weakly on it.
 */
export function compiledExecutor(
  schema: GraphQLSchema,
  options: { limit?: number; compileAfter?: number } = {},
): Gateway {
  const limit = options.limit ?? COMPILED_LIMIT;
  const compileAfter = options.compileAfter ?? COMPILE_AFTER;
  const documents = new WeakMap<DocumentNode, DocumentEntries>();
  // Insertion order is recency: a use moves an entry to the end, the first is the least recently used.
  const compiled = new Map<Entry, true>();

  const entryOf = (document: DocumentNode, operationName: string | null): Entry => {
    let known = documents.get(document);
    if (!known)
      documents.set(document, (known = { ineligible: jitIneligibility(schema, document), operations: new Map() }));
    const key = operationName ?? '';
    let entry = known.operations.get(key);
    if (!entry) known.operations.set(key, (entry = { runs: 0, ineligible: known.ineligible }));
    return entry;
  };

  const compiledFor = (
    entry: Entry,
    document: DocumentNode,
    operationName: string | null,
  ): CompiledQuery | undefined => {
    entry.runs += 1;
    if (entry.ineligible !== null) return undefined;
    if (entry.compiled) {
      compiled.delete(entry);
      compiled.set(entry, true);
      return entry.compiled;
    }
    if (entry.runs <= compileAfter) return undefined;
    const result = compileQuery(schema, cloneDocument(document), operationName ?? undefined);
    if (!isCompiledQuery(result)) {
      entry.ineligible = 'graphql-jit refused it';
      return undefined;
    }
    entry.compiled = result;
    compiled.set(entry, true);
    if (compiled.size > limit) {
      const oldest = compiled.keys().next().value!;
      compiled.delete(oldest);
      oldest.compiled = undefined;
      oldest.runs = 0;
    }
    return result;
  };

  return {
    async load() {
      return {
        schema,
        executor: async ({ document, operation, operationName, request, context }) => {
          const interpreted = () =>
            execute({ schema, document, operationName, variableValues: request.variables, contextValue: context });
          // No operation by the requested name (or several and no name): Apollo then hands us `operationName` null,
          // and graphql-js ran the document's only operation, which Apollo took for its own bug (a 500). With the
          // name the client asked for, graphql-js says there is none, and Apollo answers 400
          // OPERATION_RESOLUTION_FAILURE, as without this executor.
          if (!operation)
            return execute({
              schema,
              document,
              operationName: request.operationName,
              variableValues: request.variables,
              contextValue: context,
            });
          const query = compiledFor(entryOf(document, operationName), document, operationName);
          if (!query) return interpreted();
          const definitions = operation.variableDefinitions ?? [];
          const raw = request.variables ?? {};
          // graphql-js judges the variables first, so that a bad one reads exactly as before (Apollo turns these
          // errors into 400 BAD_USER_INPUT by their wording and nodes).
          const checked = getVariableValues(schema, definitions, raw, { maxErrors: 50 });
          if (checked.errors) return { errors: checked.errors };
          // graphql-jit leaves an omitted variable or input field without its default (a non-null one then fails):
          // send it the variables as a client spelling out every default would have.
          const variables = withInputDefaults(schema, definitions, raw);
          if (!variables) return interpreted();
          const result = await query.query(undefined, context, variables);
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
  const real = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit computed the locations; graphql-js would from nodes it does not have.
  if (error.locations) Object.defineProperty(real, 'locations', { value: error.locations, enumerable: true });
  return real;
}
