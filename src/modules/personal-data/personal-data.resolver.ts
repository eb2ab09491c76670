import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { FieldCost } from '../../core/graphql/field-cost';
import { ListSize } from '../../core/graphql/list-size';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { type Employee } from '../employee/employee.entity';
import { PERSONAL_DATA_SECTIONS } from './personal-data.sections';
import {
  countSections,
  MY_DATA_PATH,
  ownSubject,
  PERSONAL_DATA_COST,
  PERSONAL_DATA_FORMAT,
  PERSONAL_DATA_VERSION,
} from './personal-data.service';

@ObjectType({
  description: 'One section of the personal data file: its name (the key in the file) and how many elements it has.',
})
export class PersonalDataSection {
  @Field({
    description: 'The key of the section’s array in the file, e.g. "appraisals", "dailyActivities", "auditEntries".',
  })
  name!: string;

  @Field(() => Int, { description: 'Elements in it, as the file would have them now: what you may read of it.' })
  count!: number;
}

@ObjectType({
  description:
    'Where to get everything the service holds about you (Law 27/2022 on personal data protection), and what the file ' +
    'holds. The data itself is not in this answer: a GraphQL answer is built whole in memory and a long record would ' +
    'not fit, so the file is a JSON document streamed from `url` (GET, with the same bearer token) in flat memory. ' +
    'See docs/personal-data.md for its format.',
})
export class PersonalDataExport {
  subject!: Employee;

  @Field({
    description: 'The file’s path on this server (GET with your bearer token): a JSON document, one array per section.',
  })
  url!: string;

  @Field({ description: 'The file’s `format` value.' })
  format!: string;

  @Field(() => Int, { description: 'The file’s `version` value.' })
  version!: number;
}

@Resolver(() => PersonalDataExport)
export class PersonalDataResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => PersonalDataExport, {
    nullable: true,
    description:
      'Your own data on request (Law 27/2022): the URL of a JSON file of everything held about you, streamed, and ' +
      'the count of each section. Null for a client without an employee record. HR admins take an employee’s file ' +
      'at `/exports/employees/<employee id>/data.json` (audited).',
  })
  async myData(@Ctx() ctx: RequestContext): Promise<PersonalDataExport | null> {
    const subject = await ownSubject(ctx);
    return subject
      ? { subject, url: MY_DATA_PATH, format: PERSONAL_DATA_FORMAT, version: PERSONAL_DATA_VERSION }
      : null;
  }

  @FieldCost(PERSONAL_DATA_COST)
  @ListSize(PERSONAL_DATA_SECTIONS.length)
  @FieldResolver(() => [PersonalDataSection], {
    description: 'Each section in file order with its count: the same reads as the file, so it costs like the file.',
  })
  sections(@Ctx() ctx: RequestContext, @Root() data: PersonalDataExport): Promise<PersonalDataSection[]> {
    return countSections(ctx, data.subject);
  }
}
