import { CostRateLimiter } from './rate-limit';
import { type EventGate, refuseEvent } from './subscription-server';

/** A socket as the event gate sees it: open, with `bufferedAmount` bytes not yet sent. */
function socket(bufferedAmount: number) {
  return { readyState: 1, OPEN: 1, bufferedAmount, close: jest.fn() } as unknown as EventGate['socket'] & {
    close: jest.Mock;
  };
}

describe('what each subscription event must pass before it is executed', () => {
  it('goes ahead while the reader keeps up and the budget lasts', () => {
    const gate = { socket: socket(0), principal: 'employee:1', cost: 3 };
    expect(refuseEvent(gate, 1024 * 1024, new CostRateLimiter(100))).toBeUndefined();
    expect(gate.socket.close).not.toHaveBeenCalled();
  });

  it('closes a socket that has more than the limit unsent (1013) instead of buffering another event for it', () => {
    const gate = { socket: socket(1024 * 1024 + 1), principal: 'employee:1', cost: 3 };
    expect(refuseEvent(gate, 1024 * 1024, undefined)).toEqual({ data: null });
    expect(gate.socket.close).toHaveBeenCalledWith(1013, 'Too slow: events are not being read');
  });

  it('charges each event to the principal, and answers RATE_LIMITED without executing once the budget is spent', () => {
    let now = 0;
    const limiter = new CostRateLimiter(10, () => now);
    const gate = { socket: socket(0), principal: 'employee:1', cost: 4 };
    expect(refuseEvent(gate, 1024, limiter)).toBeUndefined();
    expect(refuseEvent(gate, 1024, limiter)).toBeUndefined();
    const refused = refuseEvent(gate, 1024, limiter);
    expect(refused?.errors?.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    // Another principal has a budget of their own.
    expect(refuseEvent({ ...gate, principal: 'employee:2' }, 1024, limiter)).toBeUndefined();
    now += 60_000;
    expect(refuseEvent(gate, 1024, limiter)).toBeUndefined();
  });
});
