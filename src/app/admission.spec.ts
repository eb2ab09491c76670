import { EventEmitter } from 'node:events';
import { type NextFunction, type Request, type Response } from 'express';
import { admission } from './admission';

/** A response that records what was sent and emits 'finish' / 'close' on demand. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string) {
    this.headers[name] = value;
    return this;
  }
  json(body: unknown) {
    this.body = body;
    this.emit('finish');
    return this;
  }
}

function call(handler: ReturnType<typeof admission>, method = 'POST') {
  const res = new FakeResponse();
  const started = { value: false };
  handler({ method } as Request, res as unknown as Response, (() => (started.value = true)) as NextFunction);
  return { res, started };
}

describe('admission control', () => {
  it('runs at most N at once and starts the waiting in arrival order as others finish', () => {
    const gate = admission({ concurrent: 2, queue: 10 });
    const [a, b, c, d] = [call(gate), call(gate), call(gate), call(gate)];
    expect([a, b, c, d].map((r) => r.started.value)).toEqual([true, true, false, false]);
    expect([gate.inFlight(), gate.waiting()]).toEqual([2, 2]);
    b.res.emit('finish');
    expect([c.started.value, d.started.value]).toEqual([true, false]);
    a.res.emit('finish');
    a.res.emit('close'); // finish then close: released once
    expect(d.started.value).toBe(true);
    expect([gate.inFlight(), gate.waiting()]).toEqual([2, 0]);
    c.res.emit('close');
    d.res.emit('finish');
    expect([gate.inFlight(), gate.waiting()]).toEqual([0, 0]);
  });

  it('answers 503 SERVICE_UNAVAILABLE with retry-after when the queue is full, without running it', () => {
    const gate = admission({ concurrent: 1, queue: 1 });
    call(gate);
    call(gate);
    const refused = call(gate);
    expect(refused.started.value).toBe(false);
    expect(refused.res.statusCode).toBe(503);
    expect(refused.res.headers['retry-after']).toBe('1');
    expect(refused.res.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    expect([gate.inFlight(), gate.waiting()]).toEqual([1, 1]);
  });

  it('forgets a client that leaves while waiting, and frees the slot of one that leaves while running', () => {
    const gate = admission({ concurrent: 1, queue: 5 });
    const running = call(gate);
    const leaving = call(gate);
    const next = call(gate);
    leaving.res.emit('close');
    expect(gate.waiting()).toBe(1);
    running.res.emit('close');
    expect(leaving.started.value).toBe(false);
    expect(next.started.value).toBe(true);
  });

  it('lets a CORS preflight through without a slot', () => {
    const gate = admission({ concurrent: 1, queue: 0 });
    call(gate);
    expect(call(gate, 'OPTIONS').started.value).toBe(true);
    expect(gate.inFlight()).toBe(1);
  });
});
