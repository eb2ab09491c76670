import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../core/errors/user-error';
import { PerformancePeriod } from './performance-period.entity';

@ObjectType({ description: 'Result of a period mutation.' })
export class PeriodPayload {
  @Field(() => PerformancePeriod, {
    nullable: true,
    description: 'The period as changed; null when userErrors is not empty.',
  })
  period?: PerformancePeriod | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of openPeriod.' })
export class OpenPeriodPayload extends PeriodPayload {}

@ObjectType({ description: 'Result of updatePeriod.' })
export class UpdatePeriodPayload extends PeriodPayload {}

@ObjectType({ description: 'Result of changePeriodStatus.' })
export class ChangePeriodStatusPayload extends PeriodPayload {}
