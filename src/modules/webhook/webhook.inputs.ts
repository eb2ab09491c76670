import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../../core/graphql/connection';
import { WebhookDeliveryStatus } from './webhook-delivery.entity';

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field({
    description: 'Where to post events: http(s), no credentials, not an internal address (`docs/webhooks.md`).',
  })
  url!: string;

  @Field(() => [String], { description: 'The event types to receive, e.g. ["appraisal.changed"].' })
  eventTypes!: string[];
}

@InputType({ description: 'Changes to a webhook endpoint. Omitted fields stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'Global id of the endpoint.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A new URL (checked as on creation).' })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'The event types to receive from now on.' })
  eventTypes?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True enables a disabled endpoint again: it receives events from now on, not those it missed.',
  })
  enabled?: boolean | null;
}

@InputType({ description: 'The endpoint to disable.' })
export class DisableWebhookEndpointInput {
  @Field(() => ID, { description: 'Global id of the endpoint.' })
  id!: string;
}

@InputType({ description: 'The endpoint whose secret to replace.' })
export class RotateWebhookEndpointSecretInput {
  @Field(() => ID, { description: 'Global id of the endpoint.' })
  id!: string;
}

/** The endpoint an action is about. */
export type WebhookEndpointRefInput = { id: string };

@InputType({ description: 'The failed delivery to send again.' })
export class RetryWebhookDeliveryInput {
  @Field(() => ID, { description: 'Global id of the delivery.' })
  id!: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'Global id of the endpoint.' })
  endpointId!: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  status?: WebhookDeliveryStatus | null;
}
