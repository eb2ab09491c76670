import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonSubject } from '../employee/person-subject';
import { ConnectionType, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/connection';

export enum AuditActorKind {
  EMPLOYEE = 'EMPLOYEE',
  CLIENT = 'CLIENT',
  SYSTEM = 'SYSTEM',
}

registerEnumType(AuditActorKind, {
  name: 'AuditActorKind',
  description: 'Who made a change: a person, an integration client, or the service itself.',
  valuesConfig: {
    EMPLOYEE: { description: 'A signed-in employee.' },
    CLIENT: { description: 'An integration or HR client, by its client id.' },
    SYSTEM: { description: 'The service itself: seed, migrations, scheduled work.' },
  },
});

@ObjectType({ description: 'One field of a record as a change left it: JSON values, before and after.' })
export class AuditFieldChange {
  @Field({ description: 'The field’s name, as in the record’s snapshot (`status`, `unitId`, `name`…).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before, as JSON; null when the field was new.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as JSON; null when the field went away.' })
  after!: string | null;
}

@ObjectType({ description: 'One change to a record: who, what, when, and which fields it changed.' })
export class AuditTrailEntry {
  @Field(() => ID, { description: 'The entry’s own id (not a node).' })
  id!: string;

  @Field(() => Date, { description: 'When (UTC).' })
  occurredAt!: Date;

  @Field({ description: 'What was done: an audit action such as `EMPLOYEE_UPDATED` or `APPRAISAL_TRANSITION`.' })
  action!: string;

  @Field(() => AuditActorKind, { description: 'What kind of actor made the change.' })
  actorKind!: AuditActorKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Who made the change: an employee by name under the same rule as `Employee.nip` (null to readers who may not ' +
      'see it), an integration client by its client id, the service as "system".',
  })
  actorName!: string | null;

  @PersonSubject()
  @Field(() => String, {
    nullable: true,
    description:
      'The actor’s NIP, client id or "system", under the same rule as `Employee.nip` (as `AppraisalTransition.actorSubject`).',
  })
  /** As stored; the field reads it through `visibleSubject` (`@PersonSubject`). */
  actorSubject!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The record’s version before the change; null when it was created.',
  })
  versionBefore!: number | null;

  @Field(() => Int, { nullable: true, description: 'The record’s version after it; null when it was removed.' })
  versionAfter!: number | null;

  @Field(() => [String], { description: 'The names of the fields the change set or changed (not `version`).' })
  changedFields!: string[];

  @Field(() => [AuditFieldChange], {
    nullable: true,
    description:
      'The changed fields with their values before and after, for readers who may read the record in full (its ' +
      'person’s personal fields, as `Employee.nip`); null to others. A NIP in a value reads as `Employee.nip` would.',
  })
  changes!: AuditFieldChange[] | null;
}

export const AuditTrailConnection = ConnectionType(
  AuditTrailEntry,
  'AuditTrailEntry',
  'A page of a record’s audit trail, newest first.',
);
export type AuditTrailConnection = InstanceType<typeof AuditTrailConnection>;

@ArgsType()
export class AuditTrailArgs {
  @Field(() => ID, { description: 'The global id of the record whose trail to read.' })
  subjectId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `The first n entries after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;
}
