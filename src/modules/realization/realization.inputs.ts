import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { EvidenceInput } from './evidence';

@InputType({
  description: 'Records (or corrects) what was achieved on one of your indicators in one month or quarter.',
})
export class RecordRealizationInput {
  @Field(() => ID, { description: 'Global id of the indicator (IKI).' })
  indicatorId!: string;

  @Field(() => Int, { description: 'The month (1–12) or quarter (1–4) of the period.' })
  subPeriod!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you read, to change a realization already recorded; omit for a new one.',
  })
  expectedVersion?: number | null;

  @Field(() => Float, { nullable: true, description: 'The achieved value, ≥ 0 (quantitative plans).' })
  value?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What was achieved, as a statement (qualitative plans), at most 1,000 characters.',
  })
  statement?: string | null;

  @Field(() => String, { nullable: true, description: 'Your account of the work behind it, at most 4,000 characters.' })
  narrative?: string | null;

  @Field(() => [EvidenceInput], {
    nullable: true,
    description: 'Supporting evidence (bukti dukung), at most 10 links; replaces what was there.',
  })
  evidence?: EvidenceInput[] | null;
}
