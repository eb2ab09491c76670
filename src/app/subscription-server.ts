import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { CloseCode } from 'graphql-ws';
import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  getVariableValues,
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
import { type EventBus, Topic } from '../core/events/event-bus';
import { classifyError, formatError } from './format-error';
import { estimateQuery, principalKey, QUERY_LIMITS } from './query-limits';
import { type CostRateLimiter } from './rate-limit';

/** What one socket and one principal may hold, and how long a socket may take to sign in. */
export interface SubscriptionLimits {
  /** The largest message a client may send (the HTTP body limit): a larger frame closes the socket (1009) at its header. */
  maxPayloadBytes: number;
  /** A socket that sends no `connection_init` within this is closed (4408). */
  connectionInitTimeoutMs: number;
  /** Sockets open at once that have not signed in; a new one past this is refused (503) before the upgrade. */
  maxUnauthenticatedConnections: number;
  /** Subscriptions one socket may hold at once. */
  perConnection: number;
  /** Subscriptions one principal may hold at once over all their sockets on this instance. */
  perPrincipal: number;
  /** A socket with more unsent bytes than this is too slow: it is closed (1013) instead of buffered for. */
  maxBufferedBytes: number;
  /** How often every signed-in socket is authenticated again (its token, and that its employee is still active). */
  revalidateMs: number;
}

export interface SubscriptionServerOptions<E extends { rowId: number }> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The same validation rules as HTTP requests (depth, aliases, directives). */
  validationRules: ValidationRule[];
  log: Logger;
  authenticate(authorization: string | undefined): Promise<Authentication<E>>;
  createContext(auth: Authentication<E>, requestId: string, log: Logger): RequestContext;
  /** Where deactivations are announced, by this instance or (through Redis) any other. */
  events: EventBus;
  /** The per-principal cost budget that HTTP requests spend too; none means no budget. */
  limiter?: CostRateLimiter;
  limits: SubscriptionLimits;
}

export interface SubscriptionServer {
  /** Subscriptions listening right now (their event stream is set up), across all sockets. */
  activeCount(): number;
  /** Closes every socket (1001 Going away) and the WebSocket server. */
  dispose(): Promise<void>;
}

/** The longest a timer may wait in Node; a token valid for longer is checked again after that. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** "Try Again Later": the server will not keep buffering for this socket. */
const CLOSE_TOO_SLOW = 1013;

/** A signed-in socket: who it is, and the subscriptions it holds (admitted, and those whose stream is set up). */
interface Session<E> {
  /** The `Authorization` it signed in with, to authenticate it again. */
  authorization: string;
  auth: Authentication<E>;
  connectionId: string;
  principal: string;
  admitted: Set<string>;
  listening: Set<string>;
}

/** What each event of one subscription must pass before it is executed. */
export interface EventGate {
  socket: Pick<WebSocket, 'readyState' | 'OPEN' | 'bufferedAmount' | 'close'>;
  principal: string;
  cost: number;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws) on the HTTP server's `/graphql`. The bearer token
 * comes in `connection_init` (`{ "authorization": "Bearer …" }`); without a valid one the socket is closed with
 * 4403. The socket is closed when the token expires, and when its employee is deactivated (on any instance).
 * Every operation passes the same parse limits, validation rules, cost estimate and per-principal cost budget as
 * over HTTP; every event is resolved with fresh loaders under the same policy, and charged to the same budget.
 *
 * One event runs once per subscription listening to its topic, so what a client may hold is bounded: subscriptions
 * per socket and per principal, the message size before anyone signed in, the sockets still signing in, and the
 * bytes a slow reader leaves unsent.
 */
export function createSubscriptionServer<E extends { rowId: number }>(
  options: SubscriptionServerOptions<E>,
): SubscriptionServer {
  const { schema, log, limits, limiter } = options;
  const unauthenticated = new Set<WebSocket>();
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    // ws's own default is 100 MiB, read into memory before anyone has signed in.
    maxPayload: limits.maxPayloadBytes,
    // Refused before the upgrade, so a flood of silent sockets costs no WebSocket state.
    verifyClient: (_info, done) => {
      if (unauthenticated.size < limits.maxUnauthenticatedConnections) done(true);
      else done(false, 503, 'Too many connections are signing in; retry shortly');
    },
  });
  wsServer.on('connection', (socket) => {
    unauthenticated.add(socket);
    socket.once('close', () => unauthenticated.delete(socket));
    // graphql-ws prints each socket error (an oversized frame, a bad opcode) with its stack to stderr, so a client
    // could fill the logs at will; ws has already closed the socket for such an error. A debug line instead.
    process.nextTick(() => {
      socket.removeAllListeners('error');
      socket.on('error', (err) => {
        log.debug({ err }, 'WebSocket protocol error');
        if (socket.readyState === socket.OPEN) socket.close(CloseCode.InternalServerError, 'Internal server error');
      });
    });
  });
  const sessions = new Map<WebSocket, Session<E>>();
  const principalCounts = new Map<string, number>();
  const gates = new WeakMap<object, EventGate>();

  const release = (session: Session<E>, id: string) => {
    if (!session.admitted.delete(id)) return;
    const left = (principalCounts.get(session.principal) ?? 1) - 1;
    if (left > 0) principalCounts.set(session.principal, left);
    else principalCounts.delete(session.principal);
  };

  const admitEvent = (gate: EventGate) => refuseEvent(gate, limits.maxBufferedBytes, limiter);

  const disposable = useServer(
    {
      schema,
      // Never put an error's detail in a close reason.
      isProd: true,
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
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
        if (extra.socket.readyState !== extra.socket.OPEN) return false;
        const session: Session<E> = {
          authorization: raw,
          auth,
          connectionId: randomUUID(),
          principal: principalKey(auth.actor),
          admitted: new Set(),
          listening: new Set(),
        };
        sessions.set(extra.socket, session);
        unauthenticated.delete(extra.socket);
        extra.socket.once('close', () => {
          sessions.delete(extra.socket);
          for (const id of [...session.admitted]) release(session, id);
        });
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
          if (error instanceof GraphQLError)
            return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
          throw error;
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== 'subscription') {
          return [
            new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        const invalid = validate(schema, document, [...specifiedRules, ...options.validationRules]);
        if (invalid.length > 0)
          return invalid.map(
            (e) =>
              new GraphQLError(withoutSuggestions(e.message), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        // Variables are judged before anything runs, as over HTTP: a wrong one is the client's error, not a 500.
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, {
          maxErrors: 10,
        });
        if (coerced.errors)
          return coerced.errors.map(
            (e) => new GraphQLError(withoutSuggestions(e.message), { extensions: { code: 'BAD_USER_INPUT' } }),
          );
        const { cost, problem } = estimateQuery(
          schema,
          document,
          payload.operationName ?? undefined,
          payload.variables ?? {},
        );
        if (problem) return [problem];
        if (session.admitted.size >= limits.perConnection) {
          return [
            tooMany(
              `At most ${limits.perConnection} subscriptions per connection: complete one before starting another.`,
              limits.perConnection,
            ),
          ];
        }
        if ((principalCounts.get(session.principal) ?? 0) >= limits.perPrincipal) {
          return [
            tooMany(
              `At most ${limits.perPrincipal} subscriptions at once for one sign-in: complete one before starting another.`,
              limits.perPrincipal,
            ),
          ];
        }
        const refused = limiter && spend(limiter, session.principal, cost);
        if (refused) return [refused];
        session.admitted.add(id);
        principalCounts.set(session.principal, (principalCounts.get(session.principal) ?? 0) + 1);
        const requestId = `${session.connectionId}:${id}`;
        const contextValue = options.createContext(session.auth, requestId, log.child({ requestId }));
        gates.set(contextValue, { socket: ctx.extra.socket, principal: session.principal, cost });
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      subscribe: (args) => subscribeWithFreshContext(args, gates.get(args.contextValue as object), admitEvent),
      onOperation: (ctx, id, _payload, _args, result) => {
        if (Symbol.asyncIterator in result) sessions.get(ctx.extra.socket)?.listening.add(id);
        return undefined;
      },
      onComplete: (ctx, id) => {
        const session = sessions.get(ctx.extra.socket);
        session?.listening.delete(id);
        if (session) release(session, id);
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return undefined;
        const ctx = args.contextValue as RequestContext;
        for (const error of result.errors) {
          const classified = classifyError(error);
          if (classified.kind !== 'deliberate')
            ctx.log.error(
              { err: error.originalError ?? error, path: error.path },
              'unexpected error in a subscription',
            );
        }
        return {
          ...result,
          errors: result.errors
            .map((error) => formatError(error.toJSON(), error))
            .map((e) => ({ ...e, message: withoutSuggestions(e.message) })),
        };
      },
    },
    wsServer,
  );

  // Every socket is authenticated again now and then: the event of a deactivation can be lost (Redis away), or
  // come while the socket was still signing in. One check per distinct token and sweep.
  let sweeping = false;
  const revalidation = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void (async () => {
      const verdicts = new Map<string, Promise<boolean>>();
      for (const [socket, session] of [...sessions]) {
        let valid = verdicts.get(session.authorization);
        if (!valid) {
          valid = options.authenticate(session.authorization).then(
            () => true,
            // Only a refusal closes a socket: the database away for a moment closes nothing.
            (error: unknown) => !(error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED),
          );
          verdicts.set(session.authorization, valid);
        }
        if (!(await valid) && socket.readyState === socket.OPEN)
          socket.close(CloseCode.Forbidden, 'Signed out: the token or the account is no longer valid');
      }
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'could not check the open sockets again'))
      .finally(() => (sweeping = false));
  }, limits.revalidateMs);
  revalidation.unref();

  // A deactivated employee's sockets close on every instance: their token still verifies until it expires.
  const deactivations = options.events.subscribe(Topic.EMPLOYEE_DEACTIVATED)[Symbol.asyncIterator]();
  const closing = (async () => {
    for (;;) {
      const next = await deactivations.next();
      if (next.done) return;
      for (const [socket, session] of sessions) {
        if (session.auth.actor.employeeId === next.value.employeeId)
          socket.close(CloseCode.Forbidden, 'Signed out: the account was deactivated');
      }
    }
  })().catch((error: unknown) => log.error({ err: error }, 'stopped listening for deactivations'));

  return {
    activeCount: () => [...sessions.values()].reduce((n, s) => n + s.listening.size, 0),
    dispose: async () => {
      clearInterval(revalidation);
      await deactivations.return?.();
      await closing;
      await disposable.dispose();
    },
  };
}

/**
 * Runs before each event of a subscription is executed: undefined to go on, or what to answer instead. A socket
 * that is closing or too far behind gets nothing (the latter is closed); a principal whose budget is spent gets
 * RATE_LIMITED for that event, so that a flood of events cannot run unbounded work on their behalf.
 */
export function refuseEvent(
  gate: EventGate,
  maxBufferedBytes: number,
  limiter: CostRateLimiter | undefined,
): ExecutionResult | undefined {
  if (gate.socket.readyState !== gate.socket.OPEN) return { data: null };
  if (gate.socket.bufferedAmount > maxBufferedBytes) {
    gate.socket.close(CLOSE_TOO_SLOW, 'Too slow: events are not being read');
    return { data: null };
  }
  const refused = limiter && spend(limiter, gate.principal, gate.cost);
  return refused ? { errors: [refused] } : undefined;
}

const tooMany = (message: string, limit: number) =>
  new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit } });

/** Takes `cost` from the principal's budget; the error to send when it is spent. */
function spend(limiter: CostRateLimiter, principal: string, cost: number): GraphQLError | undefined {
  const decision = limiter.take(principal, cost);
  if (decision.allowed) return undefined;
  const seconds = Math.ceil(decision.retryAfterMs / 1000);
  return new GraphQLError(
    `Rate limit: this subscription costs ${cost} per event and ${decision.remaining} of your ${limiter.budget} per minute are left. Retry in ${seconds} s.`,
    {
      extensions: { code: 'RATE_LIMITED', cost, remaining: decision.remaining, retryAfterSeconds: seconds },
    },
  );
}

/**
 * graphql-js's "Did you mean …?" names fields and types the caller did not ask about. Apollo drops it over HTTP
 * (`hideSchemaDetailsFromClientErrors`, with the same pattern); the same here.
 */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
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
 * nothing read for one event is served stale to the next; and only once `admit` lets it (the budget, a reader
 * keeping up), which otherwise answers in its place.
 */
async function subscribeWithFreshContext(
  args: ExecutionArgs,
  gate: EventGate | undefined,
  admit: (gate: EventGate) => ExecutionResult | undefined,
) {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const ctx = args.contextValue as RequestContext;
  return pipe(
    source,
    map(
      (event: unknown) =>
        (gate && admit(gate)) || execute({ ...args, rootValue: event, contextValue: ctx.withFreshLoaders() }),
    ),
  );
}
