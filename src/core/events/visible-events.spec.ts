import pino from 'pino';
import { type RequestContext } from '../context/request-context';
import { createEventBus, Topic } from './event-bus';
import { visibleEvents } from './visible-events';

describe('visibleEvents', () => {
  it('tries a failed read again and goes on with the next events, rather than ending the subscription', async () => {
    const { bus, close } = createEventBus({ channelPrefix: 'spec' });
    try {
      // Only what visibleEvents uses of a request context.
      const ctx = {
        subscribe: (topic: Topic) => bus.subscribe(topic),
        withFreshLoaders: () => ctx,
        log: pino({ level: 'silent' }),
      } as unknown as RequestContext;
      let failuresLeft = 2;
      const events = visibleEvents(ctx, Topic.EMPLOYEE_DEACTIVATED, async (_eventCtx, payload) => {
        if (failuresLeft-- > 0) throw new Error('Connection lost: The server closed the connection.');
        return { seen: payload.employeeId };
      });
      const iterator = events[Symbol.asyncIterator]();
      const first = iterator.next();
      await new Promise((resolve) => setImmediate(resolve));
      bus.publish(Topic.EMPLOYEE_DEACTIVATED, { employeeId: 1 });
      bus.publish(Topic.EMPLOYEE_DEACTIVATED, { employeeId: 2 });
      expect((await first).value).toEqual({ seen: 1 });
      expect((await iterator.next()).value).toEqual({ seen: 2 });
      await iterator.return?.();
    } finally {
      await close();
    }
  });
});
