import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { type LocalDate } from '../../core/time/local-date';
import { EvaluationCadence, PeriodStatus } from './period-enums';

@InputType({ description: 'Opens a performance year (region-wide HR admins). It starts in PLANNING.' })
export class OpenPeriodInput {
  @Field(() => Int, { description: 'The calendar year, e.g. 2027.' })
  year!: number;

  @Field(() => EvaluationCadence, {
    defaultValue: EvaluationCadence.QUARTERLY,
    description: 'Monthly or quarterly periodic evaluation (default quarterly, as the official form).',
  })
  cadence: EvaluationCadence = EvaluationCadence.QUARTERLY;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Plans approved after this day are flagged late; default 31 January of the year.',
  })
  planningDeadline?: LocalDate | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after a sub-period ends by which its evaluation is due; default 10.',
  })
  periodicEvaluationDays?: number | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'The day the annual evaluation is due; default 31 January of the next year.',
  })
  annualEvaluationDeadline?: LocalDate | null;
}

@InputType({ description: 'Changes a period’s deadlines (and its cadence while still PLANNING).' })
export class UpdatePeriodInput {
  @Field(() => ID, { description: 'Global id of the period.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => EvaluationCadence, { nullable: true, description: 'New cadence; only while PLANNING.' })
  cadence?: EvaluationCadence | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'New planning deadline.' })
  planningDeadline?: LocalDate | null;

  @Field(() => Int, { nullable: true, description: 'New number of days for periodic evaluations.' })
  periodicEvaluationDays?: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'New annual evaluation deadline.' })
  annualEvaluationDeadline?: LocalDate | null;
}

@InputType({ description: 'Moves a period forward: PLANNING → RUNNING → EVALUATING → CLOSED.' })
export class ChangePeriodStatusInput {
  @Field(() => ID, { description: 'Global id of the period.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => PeriodStatus, { description: 'The next status.' })
  status!: PeriodStatus;
}
