import { Resolver, Root, Subscription } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Topic } from '../../core/events/event-bus';
import { visibleEvents } from '../../core/events/visible-events';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Feedback } from './feedback.entity';
import { feedbackService } from './feedback.service';

@Resolver()
export class FeedbackSubscriptions {
  @Allow(Permission.SIGNED_IN)
  @Subscription(() => Feedback, {
    description: 'Feedback addressed to you, the moment it is given.',
    subscribe: ({ context }: { context: RequestContext }) =>
      visibleEvents(context, Topic.FEEDBACK_RECEIVED, async (ctx, event) =>
        event.recipientId === ctx.actor.employeeId
          ? ((await feedbackService.getMany(ctx, [event.feedbackId]))[0] ?? null)
          : null,
      ),
  })
  feedbackReceived(@Root() feedback: Feedback): Feedback {
    return feedback;
  }
}
