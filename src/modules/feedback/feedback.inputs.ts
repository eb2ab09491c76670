import { Field, ID, InputType, Int } from 'type-graphql';
import { CoreValue } from '../work-plan/core-values';
import { FeedbackTarget } from './feedback.entity';

@InputType({
  description:
    'Gives feedback to an employee you appraise or stand above, on their plan, an indicator, a realization, an activity or a core value.',
})
export class GiveFeedbackInput {
  @Field(() => FeedbackTarget, { description: 'What it is about.' })
  target!: FeedbackTarget;

  @Field(() => ID, { description: 'Global id of the plan (APPRAISAL, BEHAVIOR), indicator, realization or activity.' })
  targetId!: string;

  @Field(() => CoreValue, { nullable: true, description: 'The core value (BEHAVIOR only).' })
  coreValue?: CoreValue | null;

  @Field({ description: 'The feedback, at most 2,000 characters.' })
  text!: string;
}

@InputType({ description: 'Replies to feedback addressed to you (a second reply replaces the first).' })
export class ReplyToFeedbackInput {
  @Field(() => ID, { description: 'Global id of the feedback.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field({ description: 'Your reply, at most 2,000 characters.' })
  reply!: string;
}
