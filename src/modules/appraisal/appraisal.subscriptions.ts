import { Args, ArgsType, Field, ID, Resolver, Root, Subscription } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Topic } from '../../core/events/event-bus';
import { visibleEvents } from '../../core/events/visible-events';
import { idOfType } from '../../core/graphql/global-id';
import { badUserInput } from '../../core/errors/app-error';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Appraisal } from './appraisal.entity';
import { appraisalService } from './appraisal.service';
import { ERROR_MESSAGES } from '../../core/errors/error-messages';

@ArgsType()
class AppraisalChangedArgs {
  @Field(() => ID, { description: 'Global id of a plan you may read.' })
  id!: string;
}

@Resolver()
export class AppraisalSubscriptions {
  @Allow(Permission.SIGNED_IN)
  @Subscription(() => Appraisal, {
    description:
      'A plan you may read, each time it changes: a workflow step, a realization, feedback, a rating, an objection.',
    subscribe: async ({ context, args }: { context: RequestContext; args: AppraisalChangedArgs }) => {
      const id = idOfType(args.id, Appraisal.typeName) ?? -1;
      // Unknown and unreadable answer alike, so a subscription cannot probe which plans exist.
      if (!(await appraisalService.get(context.withFreshLoaders(), id)))
        throw badUserInput(ERROR_MESSAGES.noSuchPlan, { field: 'id' });
      return visibleEvents(context, Topic.APPRAISAL_CHANGED, async (ctx, event) =>
        event.appraisalId === id ? appraisalService.get(ctx, id) : null,
      );
    },
  })
  appraisalChanged(@Root() appraisal: Appraisal, @Args() _args: AppraisalChangedArgs): Appraisal {
    return appraisal;
  }
}
