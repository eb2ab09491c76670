import { type RequestHandler, type Response } from 'express';
import { type Authentication } from '../core/auth/authenticate';
import { type Employee } from '../modules/employee/employee.entity';
import { principalKey as principalOfActor } from './query-limits';

/** What the authentication step left on `res.locals`: who is asking, or why they were refused. */
type Outcome = { auth: Authentication<Employee> } | { error: unknown };

const OUTCOME = 'authentication';

/** The request's authentication, made once before admission (throws its refusal, e.g. UNAUTHENTICATED). */
export function authenticationOf(res: Response): Authentication<Employee> {
  const outcome = res.locals[OUTCOME] as Outcome | undefined;
  if (outcome === undefined) throw new Error('authenticationStep did not run before this handler.');
  if ('error' in outcome) throw outcome.error;
  return outcome.auth;
}

/** True when the token was refused: the request is answered with its error and needs no operation slot. */
export const wasRefused = (res: Response): boolean => {
  const outcome = res.locals[OUTCOME] as Outcome | undefined;
  return outcome !== undefined && 'error' in outcome;
};

/** Who pays for and queues an operation: the employee, the client, or every anonymous caller together. */
export function principalKey(res: Response): string {
  const outcome = res.locals[OUTCOME] as Outcome | undefined;
  return outcome && 'auth' in outcome ? principalOfActor(outcome.auth.actor) : 'anonymous';
}

/**
 * Checks the bearer token once, after the body is read and before admission, so that a request takes an
 * operation slot only once it is whole and its sender known. The refusal is kept, not answered here: GraphQL
 * answers it in its own shape (401 UNAUTHENTICATED) without executing anything.
 */
export function authenticationStep(
  authenticate: (authorization: string | undefined) => Promise<Authentication<Employee>>,
): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'OPTIONS') return next();
    authenticate(req.headers.authorization).then(
      (auth) => {
        res.locals[OUTCOME] = { auth } satisfies Outcome;
        settlePending(res);
        next();
      },
      (error: unknown) => {
        res.locals[OUTCOME] = { error } satisfies Outcome;
        settlePending(res);
        next();
      },
    );
  };
}

const SETTLE = 'settlePending';

function settlePending(res: Response): void {
  (res.locals[SETTLE] as (() => void) | undefined)?.();
}

/**
 * At most `max` requests at once that have arrived but are not yet authenticated (body still arriving, token
 * being checked); more are answered 503 at once, and their connection closed. Slow senders hold no operation
 * slot (admission comes after authentication) and are cut off by the server's request timeout; this bound is
 * what keeps the memory they hold meanwhile (each up to the body limit) bounded however many sockets an attacker
 * opens. `server.maxConnections` is not used for this: it would count idle keep-alive connections and every
 * subscription's WebSocket, and refuse legitimate clients' connections as readily as an attacker's.
 */
export function pendingRequests(max: number): RequestHandler & { pending(): number } {
  let pending = 0;
  const handler: RequestHandler = (req, res, next) => {
    if (req.method === 'OPTIONS') return next();
    if (max > 0 && pending >= max) {
      res.status(503).setHeader('retry-after', '1');
      res.setHeader('connection', 'close');
      res.json({
        errors: [{ message: 'The service is busy; retry in a second.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
      return;
    }
    pending += 1;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      pending -= 1;
    };
    res.locals[SETTLE] = settle;
    // A request that fails before authentication (a body too large, bad JSON, a dropped connection) settles too.
    res.once('finish', settle);
    res.once('close', settle);
    next();
  };
  return Object.assign(handler, { pending: () => pending });
}
