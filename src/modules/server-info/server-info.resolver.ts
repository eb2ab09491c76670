import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import packageJson from '../../../package.json';

@ObjectType({ description: 'Public facts about this service; the only thing reachable without a token.' })
export class ServerInfo {
  @Field({ description: 'Service name.' })
  name!: string;

  @Field({ description: 'Service version.' })
  version!: string;

  @Field({ description: 'The regulation the appraisal rules follow.' })
  regulation!: string;

  @Field({ description: 'Time zone of calendar days (LocalDate) in this region, e.g. Asia/Jayapura (WIT).' })
  timeZone!: string;
}

@Resolver()
export class ServerInfoResolver {
  @Allow(Permission.PUBLIC)
  @Query(() => ServerInfo, { description: 'Public facts about the service. Needs no token.' })
  serverInfo(@Ctx() ctx: RequestContext): ServerInfo {
    return {
      name: 'Kinerja Walesi',
      version: packageJson.version,
      regulation: 'PermenPANRB 6/2022',
      timeZone: ctx.timeZone,
    };
  }
}
