import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, getNamedType, getNullableType, GraphQLError, type GraphQLSchema, isListType, type ValidationRule } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../core/graphql/connection';

/** The limits of `api.md` (Limits). Tuned in the benchmark issue; every refusal is an HTTP 400. */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 3000,
  /** Estimated fields resolved, where a list multiplies its children by its page size (or its `listSize` hint). */
  maxCost: 50_000,
} as const;

/** Depth, aliases and directives by graphql-armor (validation rules, so each refusal is a 400). */
export function armorProtection(): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: true, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: true },
    // Tokens: graphql-js's own `maxTokens` parse option makes it a syntax error (400); armor's plugin gives a 500.
    maxTokens: { enabled: false },
    // Cost: our estimate below multiplies by page size, which armor's does not.
    costLimit: { enabled: false },
    // Apollo's `hideSchemaDetailsFromClientErrors` already removes suggestions.
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules, plugins } = armor.protect();
  return { validationRules, plugins };
}

/** Checks `first`/`last` of every field against the page limit, collecting what is wrong. */
function pageArgumentProblems(args: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (typeof value === 'number' && (value < 0 || value > MAX_PAGE_SIZE)) problems.push(`\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  if (typeof args.first === 'number' && typeof args.last === 'number') problems.push('Pass either `first` or `last`, not both.');
  return problems;
}

/** A list field costs its children times the page it asks for (`first`/`last`, default 20; `ids` for nodes). */
const pageSizeEstimator: ComplexityEstimator = ({ args, field, type: parent, childComplexity }) => {
  // A connection's `edges`/`nodes` are its page, already counted on the connection field.
  if (parent.name.endsWith('Connection')) return undefined;
  const type = getNamedType(field.type);
  const isConnection = type.name.endsWith('Connection');
  const isList = isListType(getNullableType(field.type));
  if (!isConnection && !isList) return undefined;
  const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : Array.isArray(args.ids) ? args.ids.length : undefined;
  // A list bounded by the domain (a plan's RHK, the seven values) says how long it gets with `@ListSize`.
  const hint = typeof field.extensions?.listSize === 'number' ? field.extensions.listSize : undefined;
  return 1 + childComplexity * Math.max(asked ?? hint ?? DEFAULT_PAGE_SIZE, 1);
};

/**
 * Refuses page sizes over the limit (BAD_USER_INPUT) and operations whose estimated cost exceeds the limit
 * (QUERY_TOO_COSTLY), before anything is resolved. Returns the error, or undefined when the operation may run.
 */
export function queryCostProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  maxCost: number = QUERY_LIMITS.maxCost,
): GraphQLError | undefined {
  const problems: string[] = [];
  const checkPages: ComplexityEstimator = ({ args }) => {
    problems.push(...pageArgumentProblems(args));
    return undefined;
  };
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, operationName, variables, estimators: [checkPages, pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })] });
  } catch (error) {
    // Variables that do not coerce: execution refuses them with BAD_USER_INPUT (400) before any resolver.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (problems.length > 0) return new GraphQLError(problems[0]!, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  if (cost > maxCost) {
    return new GraphQLError(`The query is too costly (estimated ${cost}, limit ${maxCost}). Ask for smaller pages or fewer fields.`, {
      extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } },
    });
  }
  return undefined;
}

/** `queryCostProblem` for every HTTP operation, each refusal a 400. */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number = QUERY_LIMITS.maxCost): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = queryCostProblem(schema, document, request.operationName ?? undefined, request.variables ?? {}, maxCost);
          if (problem) throw problem;
        },
      };
    },
  };
}
