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

function call(handler: ReturnType<typeof admission>, method = 'POST', principal = 'anonymous') {
  const res = new FakeResponse();
  const started = { value: false };
  handler(
    { method, principal } as unknown as Request,
    res as unknown as Response,
    (() => (started.value = true)) as NextFunction,
  );
  return { res, started };
}

/** A gate that reads the principal the fake request carries (the server reads the authenticated actor). */
const fairGate = (options: { concurrent: number; queue: number; perPrincipal?: number }) =>
  admission({ ...options, principalOf: (req) => (req as unknown as { principal: string }).principal });

/** Sends requests as `principal:label` and records the order in which they start. */
function recorder(gate: ReturnType<typeof admission>) {
  const order: string[] = [];
  const calls = new Map<string, { res: FakeResponse; started: { value: boolean } }>();
  const send = (name: string) => {
    const res = new FakeResponse();
    const started = { value: false };
    const req = { method: 'POST', principal: name.split(':')[0] } as unknown as Request;
    gate(req, res as unknown as Response, (() => ((started.value = true), order.push(name))) as NextFunction);
    calls.set(name, { res, started });
    return { res, started };
  };
  const finish = (name: string) => calls.get(name)!.res.emit('finish');
  return { order, send, finish, calls };
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
    expect(refused.res.body).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
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

  it('gives free slots to waiting principals in turn, each principal’s requests in arrival order', () => {
    const gate = fairGate({ concurrent: 1, queue: 100 });
    const r = recorder(gate);
    for (const name of ['flood:1', 'flood:2', 'flood:3', 'flood:4', 'nurse:1', 'analyst:1', 'nurse:2']) r.send(name);
    expect(r.order).toEqual(['flood:1']);
    for (const name of ['flood:1', 'flood:2', 'nurse:1', 'analyst:1', 'flood:3', 'nurse:2']) r.finish(name);
    // First come, first served would have run the whole flood before the nurse.
    expect(r.order).toEqual(['flood:1', 'flood:2', 'nurse:1', 'analyst:1', 'flood:3', 'nurse:2', 'flood:4']);
    r.finish('flood:4');
    expect([gate.inFlight(), gate.waiting()]).toEqual([0, 0]);
  });

  it('keeps a principal to its own limit of operations at once while slots are free for others', () => {
    const gate = fairGate({ concurrent: 4, queue: 100, perPrincipal: 2 });
    const r = recorder(gate);
    for (const name of ['flood:1', 'flood:2', 'flood:3', 'nurse:1']) r.send(name);
    expect(r.order).toEqual(['flood:1', 'flood:2', 'nurse:1']);
    expect([gate.inFlight(), gate.waiting()]).toEqual([3, 1]);
    r.finish('nurse:1');
    expect(r.order).toHaveLength(3);
    r.finish('flood:1');
    expect(r.order).toEqual(['flood:1', 'flood:2', 'nurse:1', 'flood:3']);
  });

  it('makes room in a full queue by refusing the newest request of the principal with the most waiting', () => {
    const gate = fairGate({ concurrent: 1, queue: 3 });
    const r = recorder(gate);
    for (const name of ['flood:1', 'flood:2', 'flood:3', 'flood:4']) r.send(name);
    const nurse = r.send('nurse:1');
    expect(nurse.started.value).toBe(false);
    expect(r.calls.get('flood:4')!.res.statusCode).toBe(503);
    expect(nurse.res.statusCode).toBe(200);
    expect(gate.waiting()).toBe(3);
    // Now the flood has two waiting and the nurse one: a second from the nurse is refused itself.
    const again = r.send('nurse:2');
    expect(again.res.statusCode).toBe(503);
    expect(gate.waiting()).toBe(3);
    r.finish('flood:1');
    expect(r.order).toEqual(['flood:1', 'flood:2']);
    r.finish('flood:2');
    expect(r.order).toEqual(['flood:1', 'flood:2', 'nurse:1']);
  });

  it('forgets a principal whose only waiting request leaves, and serves the others in turn', () => {
    const gate = fairGate({ concurrent: 1, queue: 10 });
    const r = recorder(gate);
    for (const name of ['a:1', 'b:1', 'c:1', 'a:2']) r.send(name);
    r.calls.get('b:1')!.res.emit('close');
    r.finish('a:1');
    r.finish('c:1');
    expect(r.order).toEqual(['a:1', 'c:1', 'a:2']);
    expect([gate.inFlight(), gate.waiting()]).toEqual([1, 0]);
  });

  it('holds a slot for a caller outside HTTP until given back, waiting its turn like a request', async () => {
    const gate = fairGate({ concurrent: 1, queue: 10 });
    const release = await gate.hold('maintenance');
    const waiting = call(gate, 'POST', 'nurse');
    expect(waiting.started.value).toBe(false);
    const second = gate.hold('maintenance');
    release();
    release(); // once only
    expect(waiting.started.value).toBe(true);
    expect([gate.inFlight(), gate.waiting()]).toEqual([1, 1]);
    waiting.res.emit('finish');
    (await second)();
    expect([gate.inFlight(), gate.waiting()]).toEqual([0, 0]);
  });
});
