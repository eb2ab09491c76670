import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs } from '../../core/graphql/connection';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { reminderService } from './reminder.service';
import { Reminder, ReminderConnection } from './reminder.types';

@Resolver(() => Reminder)
export class ReminderResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => ReminderConnection, {
    description:
      'Your reminders (deadlines, pending reviews and approvals), newest first; empty for a caller who is not an employee.',
  })
  async reminders(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<ReminderConnection> {
    return ReminderConnection.from(await reminderService.mine(ctx, args));
  }
}
