import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { emptyPage } from '../../core/graphql/connection';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { Idempotent } from '../../core/idempotency/idempotent';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import {
  CreateWebhookEndpointInput,
  DisableWebhookEndpointInput,
  RetryWebhookDeliveryInput,
  RotateWebhookEndpointSecretInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
} from './webhook.inputs';
import { webhookService } from './webhook.service';
import {
  CreateWebhookEndpointPayload,
  DisableWebhookEndpointPayload,
  RetryWebhookDeliveryPayload,
  RotateWebhookEndpointSecretPayload,
  UpdateWebhookEndpointPayload,
  WebhookDeliveryConnection,
} from './webhook.types';

const INPUT = { description: 'What to create or change.' };

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Allow(Permission.MANAGE_WEBHOOKS)
  @ListSize(100)
  @Query(() => [WebhookEndpoint], {
    description:
      'Your webhook endpoints; for an HR admin also those registered within their scope (`docs/webhooks.md`).',
  })
  webhookEndpoints(@Ctx() ctx: RequestContext): Promise<WebhookEndpoint[]> {
    return webhookService.list(ctx);
  }

  @Allow(Permission.MANAGE_WEBHOOKS)
  @Query(() => WebhookDeliveryConnection, {
    description: 'The deliveries of one endpoint you may see, newest first; an endpoint out of reach reads as empty.',
  })
  async webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<WebhookDeliveryConnection> {
    return WebhookDeliveryConnection.from((await webhookService.deliveries(ctx, args)) ?? emptyPage());
  }

  @Allow(Permission.MANAGE_WEBHOOKS)
  @Idempotent()
  @Mutation(() => CreateWebhookEndpointPayload, {
    description:
      'Registers an endpoint for the event types given; answers its signing secret, once. It receives a `webhook.ping` first.',
  })
  async createWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: CreateWebhookEndpointInput,
  ): Promise<CreateWebhookEndpointPayload> {
    const checked = (await webhookService.checkUrl(ctx, input.url))!;
    return runMutation(ctx, (tx) => webhookService.create(tx, input, checked));
  }

  @Allow(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => UpdateWebhookEndpointPayload, {
    description: 'Changes an endpoint’s URL, event types or enables it again.',
  })
  async updateWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: UpdateWebhookEndpointInput,
  ): Promise<UpdateWebhookEndpointPayload> {
    const checked = await webhookService.checkUrl(ctx, input.url);
    return runMutation(ctx, (tx) => webhookService.update(tx, input, checked));
  }

  @Allow(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => DisableWebhookEndpointPayload, {
    description: 'Disables an endpoint: nothing more is delivered to it (its pending deliveries fail).',
  })
  disableWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: DisableWebhookEndpointInput,
  ): Promise<DisableWebhookEndpointPayload> {
    return runMutation(ctx, (tx) => webhookService.disable(tx, input));
  }

  @Allow(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => RotateWebhookEndpointSecretPayload, {
    description: 'Replaces an endpoint’s signing secret at once and answers the new one, once.',
  })
  rotateWebhookEndpointSecret(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RotateWebhookEndpointSecretInput,
  ): Promise<RotateWebhookEndpointSecretPayload> {
    return runMutation(ctx, (tx) => webhookService.rotateSecret(tx, input));
  }

  @Allow(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => RetryWebhookDeliveryPayload, {
    description: 'Sends a FAILED delivery again (same `webhook-id`), retried as a new one if it fails.',
  })
  retryWebhookDelivery(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RetryWebhookDeliveryInput,
  ): Promise<RetryWebhookDeliveryPayload> {
    return runMutation(ctx, (tx) => webhookService.retry(tx, input.id));
  }
}
