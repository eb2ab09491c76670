import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { UserError } from '../../core/errors/user-error';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { ExternalOfficial } from './external-official.entity';
import { CreateExternalOfficialInput, UpdateExternalOfficialInput } from './external-official.inputs';
import { externalOfficialService } from './external-official.service';
import { Idempotent } from '../../core/idempotency/idempotent';

@ObjectType({ description: 'Result of an external official mutation.' })
export class ExternalOfficialPayload {
  @Field(() => ExternalOfficial, {
    nullable: true,
    description: 'The official as changed; null when userErrors is not empty.',
  })
  externalOfficial?: ExternalOfficial | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createExternalOfficial.' })
export class CreateExternalOfficialPayload extends ExternalOfficialPayload {}

@ObjectType({ description: 'Result of updateExternalOfficial.' })
export class UpdateExternalOfficialPayload extends ExternalOfficialPayload {}

@Resolver(() => ExternalOfficial)
export class ExternalOfficialResolver {
  @Allow(Permission.SIGNED_IN)
  @ListSize(20)
  @Query(() => [ExternalOfficial], {
    description: 'Officials outside the civil service who supervise top officials (the Bupati).',
  })
  externalOfficials(@Ctx() ctx: RequestContext): Promise<ExternalOfficial[]> {
    return externalOfficialService.list(ctx);
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Idempotent()
  @Mutation(() => CreateExternalOfficialPayload, {
    description: 'Records an official outside the civil service (region-wide HR admins).',
  })
  createExternalOfficial(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: CreateExternalOfficialInput,
  ): Promise<CreateExternalOfficialPayload> {
    return runMutation(ctx, (tx) => externalOfficialService.create(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => UpdateExternalOfficialPayload, {
    description: 'Changes an external official (region-wide HR admins).',
  })
  updateExternalOfficial(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: UpdateExternalOfficialInput,
  ): Promise<UpdateExternalOfficialPayload> {
    return runMutation(ctx, (tx) => externalOfficialService.update(tx, input));
  }
}
