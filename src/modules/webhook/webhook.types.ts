import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/graphql/connection';
import { UserError } from '../../core/errors/user-error';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export const WebhookDeliveryConnection = ConnectionType(
  WebhookDelivery,
  'WebhookDelivery',
  'A page of an endpoint’s deliveries, newest first.',
);
export type WebhookDeliveryConnection = InstanceType<typeof WebhookDeliveryConnection>;

@ObjectType({ description: 'Result of a webhook endpoint mutation.' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, {
    nullable: true,
    description: 'The endpoint as changed; null when userErrors is not empty.',
  })
  webhookEndpoint?: WebhookEndpoint | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createWebhookEndpoint and rotateWebhookEndpointSecret.' })
export class WebhookEndpointSecretPayload extends WebhookEndpointPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (`whsec_…`). Shown here only: keep it, it cannot be read again.',
  })
  secret?: string | null;
}

@ObjectType({ description: 'Result of createWebhookEndpoint.' })
export class CreateWebhookEndpointPayload extends WebhookEndpointSecretPayload {}

@ObjectType({ description: 'Result of rotateWebhookEndpointSecret.' })
export class RotateWebhookEndpointSecretPayload extends WebhookEndpointSecretPayload {}

@ObjectType({ description: 'Result of updateWebhookEndpoint.' })
export class UpdateWebhookEndpointPayload extends WebhookEndpointPayload {}

@ObjectType({ description: 'Result of disableWebhookEndpoint.' })
export class DisableWebhookEndpointPayload extends WebhookEndpointPayload {}

@ObjectType({ description: 'Result of retryWebhookDelivery.' })
export class RetryWebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, pending again.' })
  webhookDelivery?: WebhookDelivery | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}
