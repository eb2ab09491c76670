import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { CloseCode } from 'graphql-ws';
import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { map, pipe } from '@graphql-yoga/subscription';
import { type Logger } from 'pino';
import { type Authentication } from '../core/auth/authenticate';
import { type RequestContext } from '../core/context/request-context';
import { AppError, ErrorCode } from '../core/errors/app-error';
import { classifyError, formatError } from './format-error';
import { estimateQuery, QUERY_LIMITS } from './query-limits';

export interface SubscriptionServerOptions<E extends { id: number }> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The same validation rules as HTTP requests (depth, aliases, directives). */
  validationRules: ValidationRule[];
  log: Logger;
  authenticate(authorization: string | undefined): Promise<Authentication<E>>;
  createContext(auth: Authentication<E>, requestId: string, log: Logger): RequestContext;
}

export interface SubscriptionServer {
  /** Subscriptions listening right now (their event stream is set up), across all sockets. */
  activeCount(): number;
  /** Closes every socket (1001 Going away) and the WebSocket server. */
  dispose(): Promise<void>;
}

/** The longest a timer may wait in Node; a token valid for longer is checked again after that. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws) on the HTTP server's `/graphql`. The bearer token
 * comes in `connection_init` (`{ "authorization": "Bearer …" }`); without a valid one the socket is closed with
 * 4403. The socket is closed when the token expires. Every operation passes the same parse limits, validation
 * rules and cost estimate as over HTTP; every event is resolved with fresh loaders under the same policy.
 */
export function createSubscriptionServer<E extends { id: number }>(options: SubscriptionServerOptions<E>): SubscriptionServer {
  const { schema, log } = options;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const sessions = new WeakMap<WebSocket, { auth: Authentication<E>; connectionId: string }>();
  const listening = new Map<WebSocket, Set<string>>();

  const disposable = useServer(
    {
      schema,
      // Never put an error's detail in a close reason.
      isProd: true,
      onConnect: async ({ connectionParams, extra }) => {
        const raw = connectionParams?.authorization ?? connectionParams?.Authorization;
        if (typeof raw !== 'string' || raw === '') return false;
        let auth: Authentication<E>;
        try {
          auth = await options.authenticate(raw);
        } catch (error) {
          if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) return false;
          log.warn({ err: error }, 'could not authenticate a WebSocket connection');
          extra.socket.close(CloseCode.InternalServerError, 'Service unavailable; try again shortly');
          return false;
        }
        sessions.set(extra.socket, { auth, connectionId: randomUUID() });
        listening.set(extra.socket, new Set());
        extra.socket.once('close', () => listening.delete(extra.socket));
        closeWhenExpired(extra.socket, auth.expiresAt);
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const session = sessions.get(ctx.extra.socket);
        if (!session) return [new GraphQLError('Sign in first.', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
        let document;
        try {
          document = parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError) return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
          throw error;
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const invalid = validate(schema, document, [...specifiedRules, ...options.validationRules]);
        if (invalid.length > 0) return invalid.map((e) => new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const { problem } = estimateQuery(schema, document, payload.operationName ?? undefined, payload.variables ?? {});
        if (problem) return [problem];
        const requestId = `${session.connectionId}:${id}`;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: options.createContext(session.auth, requestId, log.child({ requestId })),
        };
      },
      subscribe: (args) => subscribeWithFreshContext(args),
      onOperation: (ctx, id, _payload, _args, result) => {
        if (Symbol.asyncIterator in result) listening.get(ctx.extra.socket)?.add(id);
        return undefined;
      },
      onComplete: (ctx, id) => {
        listening.get(ctx.extra.socket)?.delete(id);
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return undefined;
        const ctx = args.contextValue as RequestContext;
        for (const error of result.errors) {
          const classified = classifyError(error);
          if (classified.kind !== 'deliberate') ctx.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in a subscription');
        }
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
      },
    },
    wsServer,
  );
  return {
    activeCount: () => [...listening.values()].reduce((n, ids) => n + ids.size, 0),
    dispose: async () => disposable.dispose(),
  };
}

/** Closes the socket with 4403 when the token expires, so a revoked session does not live on. */
function closeWhenExpired(socket: WebSocket, expiresAt: Date | undefined): void {
  if (!expiresAt) return;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const remaining = expiresAt.getTime() - Date.now();
    if (remaining <= 0) {
      socket.close(CloseCode.Forbidden, 'Token expired');
      return;
    }
    timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.once('close', () => clearTimeout(timer));
}

/**
 * graphql-js's `subscribe`, except that each event is executed with a context of its own (fresh loaders), so that
 * nothing read for one event is served stale to the next.
 */
async function subscribeWithFreshContext(args: ExecutionArgs) {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const ctx = args.contextValue as RequestContext;
  return pipe(
    source,
    map((event: unknown) => execute({ ...args, rootValue: event, contextValue: ctx.withFreshLoaders() })),
  );
}
