import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../core/errors/user-error';

export enum ImportRowStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}

registerEnumType(ImportRowStatus, {
  name: 'ImportRowStatus',
  description: 'What an import did with one row.',
  valuesConfig: {
    CREATED: { description: 'A new record was created.' },
    UPDATED: { description: 'The stored record was changed to match the row.' },
    UNCHANGED: { description: 'The stored record already matched the row: nothing was written.' },
    FAILED: { description: 'The row was refused (see its errors); nothing of it was written.' },
  },
});

@ObjectType({ description: 'The outcome of one import row.' })
export class ImportRowResult {
  @Field(() => Int, { description: 'Position of the row in the input, from 0.' })
  index!: number;

  @Field({ description: 'The row’s natural key: the unit code or the NIP.' })
  key!: string;

  @Field(() => ImportRowStatus, { description: 'What happened to the row.' })
  status!: ImportRowStatus;

  @Field(() => [UserError], { description: 'Why the row failed; empty otherwise.' })
  errors!: UserError[];
}

@ObjectType({ description: 'Counts of an import call.' })
export class ImportSummary {
  @Field(() => Int, { description: 'Rows in the call.' })
  received!: number;

  @Field(() => Int, { description: 'Rows that created a record.' })
  created!: number;

  @Field(() => Int, { description: 'Rows that changed a record.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows whose record already matched.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Rows refused (nothing of them written).' })
  failed!: number;
}

/** What both imports answer. */
export interface ImportOutcome {
  summary: ImportSummary;
  rows: ImportRowResult[];
}

@ObjectType()
abstract class ImportPayloadBase implements ImportOutcome {
  @Field(() => ImportSummary, { nullable: true, description: 'Counts; null when the call was refused as a whole.' })
  summary!: ImportSummary;

  @Field(() => [ImportRowResult], { nullable: true, description: 'One result per row, in input order.' })
  rows!: ImportRowResult[];

  @Field(() => [UserError], {
    description: 'Refusals of the call as a whole (e.g. too many rows). Row errors are in `rows`.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of importUnits. Valid rows are written even when others fail.' })
export class ImportUnitsPayload extends ImportPayloadBase {}

@ObjectType({ description: 'Result of importEmployees. Valid rows are written even when others fail.' })
export class ImportEmployeesPayload extends ImportPayloadBase {}
