import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs, ConnectionType, emptyPage } from '../../core/graphql/connection';
import { toGlobalId } from '../../core/graphql/global-id';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { UserError } from '../../core/errors/user-error';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { DailyActivity } from '../activity/daily-activity.entity';
import { Appraisal } from '../appraisal/appraisal.entity';
import { appraisalService } from '../appraisal/appraisal.service';
import { Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { Realization } from '../realization/realization.entity';
import { Viewer } from '../viewer/viewer.types';
import { Indicator } from '../work-plan/indicator.entity';
import { Feedback, FeedbackTarget } from './feedback.entity';
import { GiveFeedbackInput, ReplyToFeedbackInput } from './feedback.inputs';
import { feedbackService } from './feedback.service';
import { Idempotent } from '../../core/idempotency/idempotent';

export const FeedbackConnection = ConnectionType(Feedback, 'Feedback', 'A page of feedback, newest first.');
export type FeedbackConnection = InstanceType<typeof FeedbackConnection>;

const TARGET_TYPES: Record<FeedbackTarget, string> = {
  [FeedbackTarget.APPRAISAL]: Appraisal.typeName,
  [FeedbackTarget.BEHAVIOR]: Appraisal.typeName,
  [FeedbackTarget.INDICATOR]: Indicator.typeName,
  [FeedbackTarget.REALIZATION]: Realization.typeName,
  [FeedbackTarget.ACTIVITY]: DailyActivity.typeName,
};

@ObjectType({ description: 'Result of giveFeedback.' })
export class GiveFeedbackPayload {
  @Field(() => Feedback, { nullable: true, description: 'The feedback given.' })
  feedback?: Feedback | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of replyToFeedback.' })
export class ReplyToFeedbackPayload {
  @Field(() => Feedback, { nullable: true, description: 'The feedback with your reply.' })
  feedback?: Feedback | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

const INPUT = { description: 'What to create or change.' };

@Resolver(() => Feedback)
export class FeedbackResolver {
  @FieldResolver(() => Employee, { nullable: true, description: 'Who it is addressed to.' })
  recipient(@Ctx() ctx: RequestContext, @Root() feedback: Feedback): Promise<Employee | null> {
    return employeeService.get(ctx, feedback.recipientEmployeeId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Who gave it.' })
  author(@Ctx() ctx: RequestContext, @Root() feedback: Feedback): Promise<Employee | null> {
    return employeeService.get(ctx, feedback.authorEmployeeId);
  }

  @FieldResolver(() => Appraisal, { nullable: true, description: 'The plan it belongs to, if you may read it.' })
  appraisal(@Ctx() ctx: RequestContext, @Root() feedback: Feedback): Promise<Appraisal | null> {
    return feedback.appraisalId === null ? Promise.resolve(null) : appraisalService.get(ctx, feedback.appraisalId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global id of what it is about (see `targetKind`).' })
  targetId(@Root() feedback: Feedback): string | null {
    return feedback.targetId === null ? null : toGlobalId(TARGET_TYPES[feedback.targetKind], feedback.targetId);
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => GiveFeedbackPayload, {
    description:
      'Gives feedback to someone you appraise or stand above; they see it at once (subscription feedbackReceived).',
  })
  giveFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: GiveFeedbackInput,
  ): Promise<GiveFeedbackPayload> {
    return runMutation(ctx, (tx) => feedbackService.give(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => ReplyToFeedbackPayload, { description: 'Replies to feedback addressed to you.' })
  replyToFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: ReplyToFeedbackInput,
  ): Promise<ReplyToFeedbackPayload> {
    return runMutation(ctx, (tx) => feedbackService.reply(tx, input));
  }
}

/** Feedback reached from what it is about: the parent's read check covers it. */
@Resolver(() => Appraisal)
export class AppraisalFeedbackResolver {
  @ListSize(30)
  @FieldResolver(() => [Feedback], { description: 'All feedback within the plan, newest first.' })
  feedback(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Feedback[]> {
    return feedbackService.ofAppraisal(ctx, appraisal);
  }
}

@Resolver(() => Realization)
export class RealizationFeedbackResolver {
  @ListSize(5)
  @FieldResolver(() => [Feedback], { description: 'Feedback on this realization that you may read, oldest first.' })
  feedback(@Ctx() ctx: RequestContext, @Root() realization: Realization): Feedback[] | Promise<Feedback[]> {
    return feedbackService.onRealization(ctx, realization.rowId);
  }
}

@Resolver(() => DailyActivity)
export class ActivityFeedbackResolver {
  @ListSize(5)
  @FieldResolver(() => [Feedback], { description: 'Feedback on this entry that you may read, oldest first.' })
  feedback(@Ctx() ctx: RequestContext, @Root() activity: DailyActivity): Feedback[] | Promise<Feedback[]> {
    return feedbackService.onActivity(ctx, activity.rowId);
  }
}

@Resolver(() => Indicator)
export class IndicatorFeedbackResolver {
  @ListSize(5)
  @FieldResolver(() => [Feedback], {
    description: 'Feedback on this indicator, oldest first; empty unless you may read the plan.',
  })
  feedback(@Ctx() ctx: RequestContext, @Root() indicator: Indicator): Feedback[] | Promise<Feedback[]> {
    return feedbackService.onIndicator(ctx, indicator.rowId);
  }
}

@Resolver(() => Viewer)
export class ViewerFeedbackResolver {
  @FieldResolver(() => FeedbackConnection, { description: 'Feedback addressed to you, newest first.' })
  async feedbackReceived(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Args() args: ConnectionArgs,
  ): Promise<FeedbackConnection> {
    return FeedbackConnection.from(
      viewer.actor.employeeId === undefined ? emptyPage<Feedback>() : await feedbackService.mine(ctx, 'received', args),
    );
  }

  @FieldResolver(() => FeedbackConnection, { description: 'Feedback you gave, newest first.' })
  async feedbackGiven(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Args() args: ConnectionArgs,
  ): Promise<FeedbackConnection> {
    return FeedbackConnection.from(
      viewer.actor.employeeId === undefined ? emptyPage<Feedback>() : await feedbackService.mine(ctx, 'given', args),
    );
  }
}
