import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { ChangeConnection, ChangesArgs } from './change-event.types';
import { changesService } from './changes.service';

@Resolver()
export class ChangesResolver {
  @Allow(Permission.READ_CHANGES)
  @Query(() => ChangeConnection, {
    description:
      'The domain events (docs/events.md), oldest first, for integrations that pull instead of receiving webhooks: ' +
      'integration clients see the whole region, HR admins the events of units in their scope. An event appears a ' +
      'few seconds after its change (the settle time), never out of order: keep `endCursor` and resume after it.',
  })
  async changes(@Ctx() ctx: RequestContext, @Args() args: ChangesArgs): Promise<InstanceType<typeof ChangeConnection>> {
    return ChangeConnection.from(await changesService.page(ctx, args));
  }
}
