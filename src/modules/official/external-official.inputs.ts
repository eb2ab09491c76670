import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new official outside the civil service (region-wide HR admins).' })
export class CreateExternalOfficialInput {
  @Field({ description: 'Name with titles.' })
  name!: string;

  @Field({ description: 'Office held, e.g. "Bupati Jayawijaya".' })
  positionTitle!: string;
}

@InputType({ description: 'Changes to an external official. Omitted fields stay as they are.' })
export class UpdateExternalOfficialInput {
  @Field(() => ID, { description: 'Global id of the official.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Name with titles.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Office held, e.g. "Bupati Jayawijaya".' })
  positionTitle?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False when the official leaves office.' })
  active?: boolean | null;
}
