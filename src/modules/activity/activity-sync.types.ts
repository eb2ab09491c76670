import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../core/errors/user-error';
import { ListSize } from '../../core/graphql/list-size';
import { RecordActivityInput } from './activity.inputs';
import { DailyActivity } from './daily-activity.entity';

/** The most entries one `syncActivities` takes: 50 of the longest fit the 100 KB body limit (`docs/api.md`). */
export const MAX_SYNC_ENTRIES = 50;

@InputType({ description: 'A daily-log entry written offline, with the id your device gave it.' })
export class SyncActivityEntry extends RecordActivityInput {
  @Field({
    description:
      'Your device’s id for the entry, 1–100 characters of [A-Za-z0-9._:-], unique among your entries: resending the entry with it answers the one recorded.',
  })
  clientId!: string;

  @Field(() => Date, { description: 'When it was written on the device (UTC); not in the future.' })
  writtenAt!: Date;
}

@InputType({ description: 'Daily-log entries written offline, sent together once there is a connection.' })
export class SyncActivitiesInput {
  @Field(() => [SyncActivityEntry], { description: '1 to 50 entries, recorded in this order.' })
  entries!: SyncActivityEntry[];
}

export enum SyncActivityStatus {
  CREATED = 'CREATED',
  ALREADY_RECORDED = 'ALREADY_RECORDED',
  REFUSED = 'REFUSED',
}

registerEnumType(SyncActivityStatus, {
  name: 'SyncActivityStatus',
  description: 'What became of one synced entry.',
  valuesConfig: {
    CREATED: { description: 'Recorded now.' },
    ALREADY_RECORDED: {
      description: 'Recorded by an earlier send of the same entry (same client id): nothing written.',
    },
    REFUSED: { description: 'Not recorded; its userErrors say why. Fix it and send it again.' },
  },
});

@ObjectType({ description: 'The outcome of one entry of syncActivities.' })
export class SyncActivityResult {
  @Field({ description: 'The entry’s client id, as sent.' })
  clientId!: string;

  @Field(() => SyncActivityStatus, { description: 'Recorded now, recorded before, or refused.' })
  status!: SyncActivityStatus;

  @Field(() => DailyActivity, { nullable: true, description: 'The entry as recorded; null when refused.' })
  activity?: DailyActivity | null;

  @Field(() => [UserError], { description: 'Why the entry was refused; empty otherwise.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of syncActivities.' })
export class SyncActivitiesPayload {
  @ListSize(MAX_SYNC_ENTRIES)
  @Field(() => [SyncActivityResult], {
    nullable: true,
    description: 'One result per entry, in the order sent; null when the batch itself is refused.',
  })
  results?: SyncActivityResult[] | null;

  @Field(() => [UserError], {
    description: 'Why the batch as a whole was refused (its size); entries’ own are in results.',
  })
  userErrors!: UserError[];
}
