import { Repeater } from '@graphql-yoga/subscription';
import { Resolver, Root, Subscription } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Topic } from '../../core/events/event-bus';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { reminderService } from './reminder.service';
import { Reminder } from './reminder.types';

/**
 * The caller's reminders out of the announced chunks: only ids addressed to them are read (from the outbox, with a
 * fresh context), each pushed as its own event. A repeater like the pub/sub operators, so unsubscribing ends the
 * source at once (`visible-events.ts`).
 */
function myReminders(ctx: RequestContext): AsyncIterable<Reminder> {
  const me = ctx.actor.employeeId;
  return new Repeater<Reminder>(async (push, stop) => {
    const source = ctx.subscribe(Topic.REMINDERS_WRITTEN)[Symbol.asyncIterator]();
    void stop.then(() => source.return?.());
    let next;
    while ((next = await source.next()).done === false) {
      const ids = next.value.reminders.filter((r) => r.employeeId === me).map((r) => r.id);
      if (ids.length === 0) continue;
      for (const reminder of await reminderService.getMine(ctx.withFreshLoaders(), ids)) await push(reminder);
    }
    stop();
  });
}

@Resolver()
export class ReminderSubscriptions {
  @Allow(Permission.SIGNED_IN)
  @Subscription(() => Reminder, {
    description: 'Your reminders, as the scheduler writes them (only yours).',
    subscribe: ({ context }: { context: RequestContext }) => myReminders(context),
  })
  reminderReceived(@Root() reminder: Reminder): Reminder {
    return reminder;
  }
}
