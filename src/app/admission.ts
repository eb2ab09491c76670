import { type Request, type RequestHandler, type Response } from 'express';

export interface AdmissionOptions {
  /** GraphQL operations executed at once; the rest wait their turn. */
  concurrent: number;
  /** Requests allowed to wait, all principals together; beyond that the service answers 503 rather than pile up. */
  queue: number;
  /** Operations one principal may run at once (0: as many as `concurrent`). */
  perPrincipal?: number;
  /**
   * Who a request belongs to, for fair queuing. Admission comes after authentication, so this is the signed-in
   * principal (anonymous callers share one key).
   */
  principalOf?: (req: Request, res: Response) => string;
}

export interface AdmissionGate {
  inFlight(): number;
  waiting(): number;
  /** Takes a slot as an operation of `principal` would (waiting its turn like one); the returned function gives it back. */
  hold(principal: string): Promise<() => void>;
}

interface Waiting {
  principal: string;
  start: () => void;
  /** Answers 503: dropped from a full queue to make room for a principal with fewer waiting. */
  refuse: () => void;
}

function refuseBusy(res: Response): void {
  res.status(503).setHeader('retry-after', '1');
  res.json({
    errors: [{ message: 'The service is busy; retry in a second.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
  });
}

/**
 * Admission control for GraphQL over HTTP. The service is CPU-bound on one thread: executing ten dashboards at
 * once finishes none sooner than executing a few at a time (the throughput is the CPU's), but holds ten
 * requests' rows, entities and result trees in memory together. A bounded number in flight keeps the heap bounded
 * whatever the number of connections; a waiting request holds only its parsed body.
 *
 * Fair queuing: waiting requests are kept per principal, each principal's in arrival order, and a free slot goes
 * to the principals in turn (round robin). One principal's flood of heavy analytics then delays another's
 * trivial query by at most one operation per slot, instead of by the whole flood. When the queue is full, the
 * principal with the most waiting loses its newest request to make room for one with fewer, so a flood cannot
 * lock others out with 503s either.
 */
export function admission(options: AdmissionOptions): RequestHandler & AdmissionGate {
  const principalOf = options.principalOf ?? (() => 'anonymous');
  const perPrincipal = options.perPrincipal && options.perPrincipal > 0 ? options.perPrincipal : Infinity;
  let inFlight = 0;
  let waitingCount = 0;
  const running = new Map<string, number>();
  const queues = new Map<string, Waiting[]>();
  /** Principals with requests waiting, in the order their turn comes. */
  const rotation: string[] = [];

  const enqueue = (entry: Waiting) => {
    const queue = queues.get(entry.principal);
    if (queue) queue.push(entry);
    else {
      queues.set(entry.principal, [entry]);
      rotation.push(entry.principal);
    }
    waitingCount += 1;
  };
  const remove = (entry: Waiting): boolean => {
    const queue = queues.get(entry.principal);
    const i = queue ? queue.indexOf(entry) : -1;
    if (!queue || i < 0) return false;
    queue.splice(i, 1);
    waitingCount -= 1;
    if (queue.length === 0) {
      queues.delete(entry.principal);
      rotation.splice(rotation.indexOf(entry.principal), 1);
    }
    return true;
  };
  /** The next request to run: the first principal in turn that is under its own limit; it goes to the back. */
  const next = (): Waiting | undefined => {
    for (let i = 0; i < rotation.length; i++) {
      const principal = rotation[i]!;
      if ((running.get(principal) ?? 0) >= perPrincipal) continue;
      const entry = queues.get(principal)![0]!;
      remove(entry);
      // Still waiting: to the back of the rotation (remove dropped it when its queue emptied).
      if (queues.has(principal)) {
        rotation.splice(rotation.indexOf(principal), 1);
        rotation.push(principal);
      }
      return entry;
    }
    return undefined;
  };
  const canStart = (principal: string) => inFlight < options.concurrent && (running.get(principal) ?? 0) < perPrincipal;
  const begin = (principal: string) => {
    inFlight += 1;
    running.set(principal, (running.get(principal) ?? 0) + 1);
  };
  const release = (principal: string) => {
    inFlight -= 1;
    const left = (running.get(principal) ?? 1) - 1;
    if (left === 0) running.delete(principal);
    else running.set(principal, left);
    // A slot is free, and perhaps this principal is back under its own limit: start whoever's turn it is.
    for (
      let entry = inFlight < options.concurrent ? next() : undefined;
      entry;
      entry = inFlight < options.concurrent ? next() : undefined
    ) {
      begin(entry.principal);
      entry.start();
    }
  };
  /** Makes room in a full queue: the newest request of the principal with the most waiting, if more than `principal` has. */
  const makeRoomFor = (principal: string): boolean => {
    let longest: Waiting[] | undefined;
    for (const queue of queues.values()) if (!longest || queue.length > longest.length) longest = queue;
    const own = queues.get(principal)?.length ?? 0;
    if (!longest || longest.length <= own + 1) return false;
    const dropped = longest[longest.length - 1]!;
    remove(dropped);
    dropped.refuse();
    return true;
  };

  /** Runs `start` now or when its turn comes; false when it was refused (queue full). */
  const admit = (
    principal: string,
    start: () => void,
    refuse: () => void,
    onLeave: (leave: () => void) => void,
  ): boolean => {
    if (canStart(principal)) {
      begin(principal);
      start();
      return true;
    }
    if (waitingCount >= options.queue && !makeRoomFor(principal)) return false;
    const entry: Waiting = { principal, start, refuse };
    enqueue(entry);
    // A client that leaves while waiting gives up its place.
    onLeave(() => remove(entry));
    return true;
  };

  const handler: RequestHandler = (req, res, nextHandler) => {
    if (req.method === 'OPTIONS') return nextHandler();
    const principal = principalOf(req, res);
    let started = false;
    let released = false;
    const leave = { fn: () => {} };
    const start = () => {
      started = true;
      res.off('close', leave.fn);
      const done = () => {
        if (released) return;
        released = true;
        release(principal);
      };
      // 'close' also fires when the client goes away before the answer: the slot is never lost.
      res.once('finish', done);
      res.once('close', done);
      nextHandler();
    };
    const admitted = admit(
      principal,
      start,
      () => refuseBusy(res),
      (fn) => {
        leave.fn = fn;
        if (!started) res.once('close', fn);
      },
    );
    if (!admitted) refuseBusy(res);
  };

  const hold = (principal: string) =>
    new Promise<() => void>((resolve, reject) => {
      let released = false;
      const giveBack = () => {
        if (released) return;
        released = true;
        release(principal);
      };
      const admitted = admit(
        principal,
        () => resolve(giveBack),
        () => reject(new Error('Dropped from a full queue.')),
        () => {},
      );
      if (!admitted) reject(new Error('The admission queue is full.'));
    });

  return Object.assign(handler, { inFlight: () => inFlight, waiting: () => waitingCount, hold });
}
