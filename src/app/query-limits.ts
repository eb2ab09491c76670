import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  getNamedType,
  getOperationAST,
  getNullableType,
  GraphQLError,
  type GraphQLSchema,
  isListType,
  type ValidationRule,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../core/graphql/connection';
import { type Actor } from '../core/auth/actor';
import { type RequestContext } from '../core/context/request-context';
import { type CostRateLimiter } from './rate-limit';

/** The limits of `docs/api.md` (Limits). Tuned in the benchmark issue; every refusal is an HTTP 400. */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 3000,
  /** Estimated fields resolved, where a list multiplies its children by its page size (or its `listSize` hint). */
  maxCost: 100_000,
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
    if (typeof value === 'number' && (value < 0 || value > MAX_PAGE_SIZE))
      problems.push(`\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  if (typeof args.first === 'number' && typeof args.last === 'number')
    problems.push('Pass either `first` or `last`, not both.');
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
  const asked =
    typeof args.first === 'number'
      ? args.first
      : typeof args.last === 'number'
        ? args.last
        : Array.isArray(args.ids)
          ? args.ids.length
          : undefined;
  // A list bounded by the domain (a plan's RHK, the seven values) says how long it gets with `@ListSize`.
  const hint = typeof field.extensions?.listSize === 'number' ? field.extensions.listSize : undefined;
  return 1 + childComplexity * Math.max(asked ?? hint ?? DEFAULT_PAGE_SIZE, 1);
};

/** A field with `@FieldCost` counts its own weight instead of 1, plus its children as any field's. */
const fieldCostEstimator: ComplexityEstimator = (options) => {
  const weight = options.field.extensions?.cost;
  if (typeof weight !== 'number') return undefined;
  const asList = pageSizeEstimator(options);
  return weight + (asList === undefined ? options.childComplexity : asList - 1);
};

/**
 * The estimated cost of an operation, and what is wrong with it: page sizes over the limit (BAD_USER_INPUT) or a
 * cost over the limit (QUERY_TOO_COSTLY), found before anything is resolved.
 */
export function estimateQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  maxCost: number = QUERY_LIMITS.maxCost,
): { cost: number; problem?: GraphQLError } {
  // No operation by that name: execution answers 400 OPERATION_RESOLUTION_FAILURE. graphql-query-complexity would
  // throw a TypeError on an anonymous operation asked for by name (a 500).
  if (!getOperationAST(document, operationName)) return { cost: 0 };
  const problems: string[] = [];
  const checkPages: ComplexityEstimator = ({ args }) => {
    problems.push(...pageArgumentProblems(args));
    return undefined;
  };
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [checkPages, fieldCostEstimator, pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // Variables that do not coerce: execution refuses them with BAD_USER_INPUT (400) before any resolver.
    if (error instanceof GraphQLError) return { cost: 0 };
    throw error;
  }
  if (problems.length > 0)
    return {
      cost,
      problem: new GraphQLError(problems[0]!, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }),
    };
  if (cost > maxCost) {
    return {
      cost,
      problem: new GraphQLError(
        `The query is too costly (estimated ${cost}, limit ${maxCost}). Ask for smaller pages or fewer fields.`,
        {
          extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } },
        },
      ),
    };
  }
  return { cost };
}

/** Who pays for an operation: the signed-in principal (employee NIP or client id), or all anonymous callers together. */
export const principalKey = (actor: Actor) =>
  actor.isAuthenticated ? `${actor.principal.kind}:${actor.subject}` : 'anonymous';
const principalOf = (ctx: RequestContext) => principalKey(ctx.actor);

/**
 * For every HTTP operation: the limits of `estimateQuery` (each refusal a 400), then the principal's budget of cost
 * per minute (refused with 429 RATE_LIMITED and `retry-after`). The cost and what is left of the budget go back in
 * `extensions.cost`, so that a client can pace itself.
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  options: { maxCost?: number; limiter?: CostRateLimiter } = {},
): ApolloServerPlugin<RequestContext> {
  const maxCost = options.maxCost ?? QUERY_LIMITS.maxCost;
  // Apollo hands the same parsed document for the same query text: estimate each (document, variables) once.
  const estimates = new WeakMap<DocumentNode, Map<string, ReturnType<typeof estimateQuery>>>();
  const estimate = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) => {
    let byVariables = estimates.get(document);
    if (!byVariables) estimates.set(document, (byVariables = new Map()));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let found = byVariables.get(key);
    if (!found) {
      found = estimateQuery(schema, document, operationName, variables, maxCost);
      // Refusals are not kept (each gets its own error object); a bounded memory for the rest.
      if (found.problem) return found;
      if (byVariables.size >= 256) byVariables.clear();
      byVariables.set(key, found);
    }
    return found;
  };
  return {
    async requestDidStart() {
      let spent: { estimated: number; remaining?: number; budget?: number } | undefined;
      return {
        async didResolveOperation({ request, document, contextValue }) {
          const { cost, problem } = estimate(document, request.operationName ?? undefined, request.variables ?? {});
          if (problem) throw problem;
          if (!options.limiter) return;
          const decision = options.limiter.take(principalOf(contextValue), cost);
          spent = { estimated: cost, remaining: decision.remaining, budget: options.limiter.budget };
          if (!decision.allowed) {
            const seconds = Math.ceil(decision.retryAfterMs / 1000);
            throw new GraphQLError(
              `Rate limit: this operation costs ${cost} and ${decision.remaining} of your ${options.limiter.budget} per minute are left. Retry in ${seconds} s.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  cost,
                  remaining: decision.remaining,
                  retryAfterSeconds: seconds,
                  http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (spent && response.body.kind === 'single')
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: spent };
        },
      };
    },
  };
}
