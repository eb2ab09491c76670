import { execFileSync } from 'node:child_process';
import { createEventBus, Topic } from './event-bus';

describe('the in-process event bus', () => {
  it('delivers one event to each of many subscribers of a topic', async () => {
    const { bus, transport, close } = createEventBus({ channelPrefix: 'spec' });
    try {
      expect(transport).toBe('memory');
      const iterators = Array.from({ length: 25 }, () =>
        bus.subscribe(Topic.FEEDBACK_RECEIVED)[Symbol.asyncIterator](),
      );
      const received = iterators.map((it) => it.next());
      // A subscription attaches its listener when first pulled; let them.
      await new Promise((resolve) => setImmediate(resolve));
      bus.publish(Topic.FEEDBACK_RECEIVED, { feedbackId: 7, recipientId: 3 });
      expect((await Promise.all(received)).map((r) => r.value)).toEqual(
        Array.from({ length: 25 }, () => ({ feedbackId: 7, recipientId: 3 })),
      );
      await Promise.all(iterators.map((it) => it.return?.()));
    } finally {
      await close();
    }
  });

  it('gives a slow and a fast subscriber every event, each once (a buffer per subscription)', async () => {
    const { bus, close } = createEventBus({ channelPrefix: 'spec' });
    try {
      const read = async (pauseMs: number) => {
        const got: number[] = [];
        for await (const event of bus.subscribe(Topic.EMPLOYEE_DEACTIVATED)) {
          got.push(event.employeeId);
          if (got.length === 5) break;
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
        return got;
      };
      const slow = read(10);
      const fast = read(1);
      await new Promise((resolve) => setImmediate(resolve));
      for (let employeeId = 0; employeeId < 5; employeeId++) bus.publish(Topic.EMPLOYEE_DEACTIVATED, { employeeId });
      expect(await Promise.all([slow, fast])).toEqual([
        [0, 1, 2, 3, 4],
        [0, 1, 2, 3, 4],
      ]);
    } finally {
      await close();
    }
  });

  // Node's warnings go to the real process, which jest's sandbox does not expose: watch them in a child process.
  it('raises no MaxListenersExceededWarning past 10 subscribers of one topic', () => {
    const script = `
      const { createEventBus, Topic } = require('./src/core/events/event-bus');
      process.on('warning', (w) => console.log('WARNING ' + w.name));
      const { bus } = createEventBus({ channelPrefix: 'spec' });
      const iterators = Array.from({ length: 25 }, () => bus.subscribe(Topic.FEEDBACK_RECEIVED)[Symbol.asyncIterator]());
      iterators.forEach((it) => it.next());
      setTimeout(() => { console.log('DONE'); process.exit(0); }, 100);`;
    const out = execFileSync(process.execPath, ['--no-deprecation', '-r', '@swc-node/register', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(out.trim().split('\n')).toEqual(['DONE']);
  });
});
