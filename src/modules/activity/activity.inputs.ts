import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { type LocalDate } from '../../core/time/local-date';

@InputType({ description: 'Records a day’s work in your daily log.' })
export class RecordActivityInput {
  @Field(() => LocalDateResolver, { description: 'The day (region time); not in the future.' })
  date!: LocalDate;

  @Field({ description: 'What was done, at most 2,000 characters.' })
  description!: string;

  @Field(() => Int, { description: 'How long it took, in minutes (1–1,440).' })
  durationMinutes!: number;

  @Field(() => ID, { nullable: true, description: 'One of your indicators (IKI) it contributes to.' })
  indicatorId?: string | null;

  @Field(() => String, { nullable: true, description: 'A link to evidence (http or https).' })
  evidenceUrl?: string | null;
}

@InputType({
  description: 'Corrects an entry of your daily log (while it is not acknowledged); it goes back to your supervisor.',
})
export class UpdateActivityInput {
  @Field(() => ID, { description: 'Global id of the entry.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'What was done.' })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'How long it took, in minutes.' })
  durationMinutes?: number | null;

  @Field(() => ID, { nullable: true, description: 'One of your indicators it contributes to; null clears it.' })
  indicatorId?: string | null;

  @Field(() => String, { nullable: true, description: 'A link to evidence; null clears it.' })
  evidenceUrl?: string | null;
}

export enum ActivityDecision {
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  RETURN = 'RETURN',
}

registerEnumType(ActivityDecision, {
  name: 'ActivityDecision',
  description: 'What the supervisor does with an entry.',
  valuesConfig: {
    ACKNOWLEDGE: { description: 'Acknowledge (validasi) it.' },
    RETURN: { description: 'Return it with a comment for correction.' },
  },
});

@InputType({
  description: 'Acknowledges or returns an entry of a daily log (the employee’s appraiser or direct supervisor).',
})
export class ReviewActivityInput {
  @Field(() => ID, { description: 'Global id of the entry.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => ActivityDecision, { description: 'Acknowledge or return.' })
  decision!: ActivityDecision;

  @Field(() => String, { nullable: true, description: 'A comment; required to return the entry.' })
  comment?: string | null;
}
