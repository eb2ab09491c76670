import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs, ConnectionType, emptyPage } from '../../core/graphql/connection';
import { runMutation } from '../../core/graphql/mutation';
import { UserError } from '../../core/errors/user-error';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { type LocalDate } from '../../core/time/local-date';
import { Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { Viewer } from '../viewer/viewer.types';
import { Indicator } from '../work-plan/indicator.entity';
import { workPlanService } from '../work-plan/work-plan.service';
import { RecordActivityInput, ReviewActivityInput, UpdateActivityInput } from './activity.inputs';
import { type ActivityRange } from './activity.loaders';
import { activityService } from './activity.service';
import { ActivityStatus, DailyActivity } from './daily-activity.entity';
import { SyncActivitiesInput, SyncActivitiesPayload } from './activity-sync.types';
import { activitySyncService } from './activity-sync.service';
import { Idempotent } from '../../core/idempotency/idempotent';

export const DailyActivityConnection = ConnectionType(
  DailyActivity,
  'DailyActivity',
  'A page of daily activity entries, newest day first.',
);
export type DailyActivityConnection = InstanceType<typeof DailyActivityConnection>;

@ArgsType()
export class ActivityListArgs extends ConnectionArgs {
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'From this day (a day, a week or a month: set from and to).',
  })
  from?: LocalDate | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Up to this day, inclusive.' })
  to?: LocalDate | null;

  @Field(() => ActivityStatus, { nullable: true, description: 'Only entries in this state.' })
  status?: ActivityStatus | null;
}

const rangeOf = (args: ActivityListArgs): ActivityRange => ({
  from: args.from ?? null,
  to: args.to ?? null,
  status: args.status ?? null,
});
const pageArgs = (args: ActivityListArgs): ConnectionArgs => ({
  first: args.first,
  after: args.after,
  last: args.last,
  before: args.before,
});

@ObjectType({ description: 'Result of a daily activity mutation.' })
class ActivityPayload {
  @Field(() => DailyActivity, { nullable: true, description: 'The entry as changed.' })
  activity?: DailyActivity | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of recordActivity.' })
export class RecordActivityPayload extends ActivityPayload {}

@ObjectType({ description: 'Result of updateActivity.' })
export class UpdateActivityPayload extends ActivityPayload {}

@ObjectType({ description: 'Result of reviewActivity.' })
export class ReviewActivityPayload extends ActivityPayload {}

const INPUT = { description: 'What to create or change.' };

@Resolver(() => DailyActivity)
export class DailyActivityResolver {
  @FieldResolver(() => Employee, { nullable: true, description: 'Whose log it is.' })
  employee(@Ctx() ctx: RequestContext, @Root() activity: DailyActivity): Promise<Employee | null> {
    return employeeService.get(ctx, activity.employeeId);
  }

  @FieldResolver(() => Indicator, { nullable: true, description: 'The indicator it contributes to, if any.' })
  async indicator(@Ctx() ctx: RequestContext, @Root() activity: DailyActivity): Promise<Indicator | null> {
    return activity.indicatorId === null
      ? null
      : ((await workPlanService.getIndicators(ctx, [activity.indicatorId]))[0] ?? null);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Who reviewed it last.' })
  reviewer(@Ctx() ctx: RequestContext, @Root() activity: DailyActivity): Promise<Employee | null> {
    return activity.reviewerEmployeeId === null
      ? Promise.resolve(null)
      : employeeService.get(ctx, activity.reviewerEmployeeId);
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => RecordActivityPayload, { description: 'Records a day’s work in your daily log.' })
  recordActivity(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RecordActivityInput,
  ): Promise<RecordActivityPayload> {
    return runMutation(ctx, (tx) => activityService.record(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => SyncActivitiesPayload, {
    description:
      'Records daily-log entries written offline, each on its own: one result per entry, in order. Safe to send again after a lost answer: an entry already recorded (same clientId) is answered, not written twice.',
  })
  syncActivities(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'The entries.' }) input: SyncActivitiesInput,
  ): Promise<SyncActivitiesPayload> {
    return activitySyncService.sync(ctx, input);
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => UpdateActivityPayload, {
    description: 'Corrects an entry of your daily log that is not acknowledged yet.',
  })
  updateActivity(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: UpdateActivityInput,
  ): Promise<UpdateActivityPayload> {
    return runMutation(ctx, (tx) => activityService.update(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => ReviewActivityPayload, {
    description: 'Acknowledges or returns (with a comment) an entry of a log you review.',
  })
  reviewActivity(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: ReviewActivityInput,
  ): Promise<ReviewActivityPayload> {
    return runMutation(ctx, (tx) => activityService.review(tx, input));
  }
}

@Resolver(() => Employee)
export class EmployeeActivitiesResolver {
  @FieldResolver(() => DailyActivityConnection, {
    description: 'The employee’s daily log in a date range, if you may read it.',
  })
  async activities(
    @Ctx() ctx: RequestContext,
    @Root() employee: Employee,
    @Args() args: ActivityListArgs,
  ): Promise<DailyActivityConnection> {
    return DailyActivityConnection.from(
      await activityService.ofEmployee(ctx, employee.rowId, rangeOf(args), pageArgs(args)),
    );
  }
}

@Resolver(() => Viewer)
export class ViewerActivitiesResolver {
  @FieldResolver(() => DailyActivityConnection, { description: 'Your daily log in a date range.' })
  async activities(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Args() args: ActivityListArgs,
  ): Promise<DailyActivityConnection> {
    const id = viewer.actor.employeeId;
    return DailyActivityConnection.from(
      id === undefined
        ? emptyPage<DailyActivity>()
        : await activityService.ofEmployee(ctx, id, rangeOf(args), pageArgs(args)),
    );
  }

  @FieldResolver(() => DailyActivityConnection, {
    description:
      'The daily logs of the people you supervise or appraise, in a date range (e.g. status SUBMITTED: waiting for you).',
  })
  async teamActivities(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Args() args: ActivityListArgs,
  ): Promise<DailyActivityConnection> {
    return DailyActivityConnection.from(
      viewer.actor.employeeId === undefined
        ? emptyPage<DailyActivity>()
        : await activityService.ofTeam(ctx, rangeOf(args), pageArgs(args)),
    );
  }
}
