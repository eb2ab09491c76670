import { type RequestHandler } from 'express';

export interface AdmissionOptions {
  /** GraphQL operations executed at once; the rest wait their turn, in arrival order. */
  concurrent: number;
  /** Requests allowed to wait; beyond that the service answers 503 at once rather than pile up. */
  queue: number;
}

/**
 * Admission control for GraphQL over HTTP. The service is CPU-bound on one thread: executing ten dashboards at
 * once finishes none sooner than executing a few at a time (the throughput is the CPU's), but holds ten
 * requests' rows, entities and result trees in memory together. A bounded number in flight keeps the heap bounded
 * whatever the number of connections (`performance.md`, peak RSS); a waiting request holds only its parsed body.
 */
export function admission(options: AdmissionOptions): RequestHandler & { inFlight(): number; waiting(): number } {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  };
  const handler: RequestHandler = (req, res, next) => {
    if (req.method === 'OPTIONS') return next();
    let released = false;
    const start = () => {
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      // 'close' also fires when the client goes away before the answer: the slot is never lost.
      res.once('finish', done);
      res.once('close', done);
      next();
    };
    if (inFlight < options.concurrent) {
      inFlight += 1;
      start();
      return;
    }
    if (waiting.length >= options.queue) {
      res.status(503).setHeader('retry-after', '1');
      res.json({ errors: [{ message: 'The service is busy; retry in a second.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      return;
    }
    // A client that leaves while waiting gives up its place.
    const entry = () => {
      res.off('close', leave);
      start();
    };
    const leave = () => {
      const i = waiting.indexOf(entry);
      if (i >= 0) waiting.splice(i, 1);
    };
    res.once('close', leave);
    waiting.push(entry);
  };
  return Object.assign(handler, { inFlight: () => inFlight, waiting: () => waiting.length });
}
