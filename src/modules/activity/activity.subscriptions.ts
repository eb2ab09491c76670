import { Resolver, Root, Subscription } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Topic } from '../../core/events/event-bus';
import { visibleEvents } from '../../core/events/visible-events';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { activityService } from './activity.service';
import { DailyActivity } from './daily-activity.entity';

@Resolver()
export class ActivitySubscriptions {
  @Allow(Permission.SIGNED_IN)
  @Subscription(() => DailyActivity, {
    description: 'Entries of your daily log, the moment your supervisor acknowledges or returns them.',
    subscribe: ({ context }: { context: RequestContext }) =>
      visibleEvents(context, Topic.ACTIVITY_REVIEWED, async (ctx, event) =>
        event.employeeId === ctx.actor.employeeId
          ? ((await activityService.getMany(ctx, [event.activityId]))[0] ?? null)
          : null,
      ),
  })
  activityReviewed(@Root() activity: DailyActivity): DailyActivity {
    return activity;
  }
}
