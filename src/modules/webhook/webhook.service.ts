import { type RequestContext } from '../../core/context/request-context';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { type Page } from '../../core/graphql/connection';
import { idOfType, toGlobalId } from '../../core/graphql/global-id';
import { paginate, type Sort } from '../../core/graphql/pagination';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { EventType } from '../outbox/event-type';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { recordEvents } from '../outbox/outbox';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { TARGET_PROBLEMS, webhookError, WebhookProblem } from './webhook.errors';
import {
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
  type WebhookDeliveriesArgs,
  type WebhookEndpointRefInput,
} from './webhook.inputs';
import { ownerKindOf, ownerScopeOf, scopeEndpointsToReader } from './webhook.policy';
import { newWebhookSecret } from './webhook-signature';
import { checkTarget, type Resolve } from './webhook-target';

const URL_MAX = 2048;
const ENDPOINTS_MAX = 100;
const KNOWN_TYPES = new Set<string>(Object.values(EventType));

/** A URL that passed the SSRF check (done before the transaction: it waits for DNS). */
export type CheckedUrl = { url: string } | { problem: WebhookProblem };

const deliverySort: Sort<WebhookDelivery> = {
  column: 'd.id',
  idColumn: 'd.id',
  direction: 'DESC',
  valueOf: (d) => d.rowId,
  idOf: (d) => d.rowId,
};

/** The secret is never part of an audit row. */
function auditOf(endpoint: WebhookEndpoint): Record<string, unknown> {
  const { secret: _secret, ...rest } = auditSnapshot(endpoint);
  return rest;
}

/** Webhook endpoints and their deliveries: registered by HR admins and integration clients, seen in scope. */
export class WebhookService {
  /** DNS for the registration check; tests replace it. */
  resolve: Resolve | undefined;

  async list(ctx: RequestContext): Promise<WebhookEndpoint[]> {
    const qb = ctx.em.getRepository(WebhookEndpoint).createQueryBuilder('w');
    return scopeEndpointsToReader(qb, 'w', ctx.actor).orderBy('w.id', 'ASC').limit(ENDPOINTS_MAX).getMany();
  }

  /** The SSRF rule (`webhook-target.ts`) with this deployment's allow list. */
  async checkUrl(ctx: RequestContext, url: string | null | undefined): Promise<CheckedUrl | undefined> {
    if (url == null) return undefined;
    const trimmed = url.trim();
    if (trimmed.length === 0 || trimmed.length > URL_MAX) return { problem: WebhookProblem.URL_INVALID };
    const checked = await checkTarget(trimmed, ctx.webhooks, this.resolve);
    return typeof checked === 'string' ? { problem: TARGET_PROBLEMS[checked] } : { url: checked.toString() };
  }

  async create(
    ctx: RequestContext,
    input: CreateWebhookEndpointInput,
    checked: CheckedUrl,
  ): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
    const errors = new UserErrorList();
    const url = this.validUrl(errors, checked);
    const eventTypes = this.validTypes(errors, input.eventTypes);
    errors.throwIfAny();
    const now = ctx.now();
    const repo = ctx.em.getRepository(WebhookEndpoint);
    const endpoint = repo.create({
      ownerKind: ownerKindOf(ctx.actor),
      ownerSubject: ctx.actor.subject,
      ownerEmployeeId: ctx.actor.employeeId ?? null,
      scopeUnitId: ownerScopeOf(ctx.actor),
      url: url!,
      eventTypesJson: JSON.stringify(eventTypes),
      secret: newWebhookSecret(),
      enabled: true,
      // Events from now on: what happened before the endpoint existed is not sent to it.
      lastEventId: await this.lastEventId(ctx),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insert(endpoint);
    await recordAudit(ctx, {
      action: AuditAction.WEBHOOK_ENDPOINT_CREATED,
      entityType: WebhookEndpoint.typeName,
      entityId: endpoint.rowId,
      after: auditOf(endpoint),
    });
    await this.ping(ctx, endpoint);
    return { webhookEndpoint: endpoint, secret: endpoint.secret };
  }

  async update(
    ctx: RequestContext,
    input: UpdateWebhookEndpointInput,
    checked: CheckedUrl | undefined,
  ): Promise<{ webhookEndpoint: WebhookEndpoint }> {
    const current = await this.visible(ctx, input.id);
    const errors = new UserErrorList();
    const changes: Partial<WebhookEndpoint> = {};
    if (checked) {
      const url = this.validUrl(errors, checked);
      if (url !== undefined) changes.url = url;
    }
    if (input.eventTypes != null) changes.eventTypesJson = JSON.stringify(this.validTypes(errors, input.eventTypes));
    if (input.enabled != null) changes.enabled = input.enabled;
    errors.throwIfAny();
    for (const key of Object.keys(changes) as Array<keyof typeof changes>)
      if (changes[key] === current[key]) delete changes[key];
    if (Object.keys(changes).length === 0) {
      assertExpectedVersion(current.version, input.expectedVersion);
      return { webhookEndpoint: current };
    }
    // Enabled again: from now on, as when created (the events it missed are not sent).
    if (changes.enabled === true) changes.lastEventId = await this.lastEventId(ctx);
    return { webhookEndpoint: await this.change(ctx, current, input.expectedVersion, changes) };
  }

  async disable(ctx: RequestContext, input: WebhookEndpointRefInput): Promise<{ webhookEndpoint: WebhookEndpoint }> {
    const current = await this.visible(ctx, input.id);
    if (!current.enabled)
      throw new UserErrorsException([webhookError(WebhookProblem.ALREADY_DISABLED, ['input', 'id'])]);
    return {
      webhookEndpoint: await this.change(
        ctx,
        current,
        current.version,
        { enabled: false },
        AuditAction.WEBHOOK_ENDPOINT_DISABLED,
      ),
    };
  }

  async rotateSecret(
    ctx: RequestContext,
    input: WebhookEndpointRefInput,
  ): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
    const current = await this.visible(ctx, input.id);
    const secret = newWebhookSecret();
    const endpoint = await this.change(
      ctx,
      current,
      current.version,
      { secret },
      AuditAction.WEBHOOK_ENDPOINT_SECRET_ROTATED,
    );
    await this.ping(ctx, endpoint);
    return { webhookEndpoint: endpoint, secret };
  }

  async deliveries(ctx: RequestContext, args: WebhookDeliveriesArgs): Promise<Page<WebhookDelivery> | null> {
    const endpoint = await this.find(ctx, args.endpointId);
    if (!endpoint) return null;
    const qb = ctx.em
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpointId = :endpointId', { endpointId: endpoint.rowId });
    if (args.status) qb.andWhere('d.status = :status', { status: args.status });
    return paginate(qb, deliverySort, args);
  }

  /** A FAILED delivery is tried again at once (by the next worker round), with the same `webhook-id`. */
  async retry(ctx: RequestContext, id: string): Promise<{ webhookDelivery: WebhookDelivery }> {
    const rowId = idOfType(id, WebhookDelivery.typeName);
    const delivery = rowId === null ? null : await ctx.em.getRepository(WebhookDelivery).findOneBy({ rowId });
    const endpoint = delivery ? await this.find(ctx, toGlobalId(WebhookEndpoint.typeName, delivery.endpointId)) : null;
    if (!delivery || !endpoint)
      throw new UserErrorsException([webhookError(WebhookProblem.DELIVERY_NOT_FOUND, ['input', 'id'])]);
    if (delivery.status !== WebhookDeliveryStatus.FAILED)
      throw new UserErrorsException([webhookError(WebhookProblem.DELIVERY_NOT_FAILED, ['input', 'id'])]);
    const now = ctx.now();
    // Only from FAILED, in the UPDATE itself: a concurrent retry changes nothing twice.
    const result = await ctx.em
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ status: WebhookDeliveryStatus.PENDING, nextAttemptAt: now, createdAt: now, claimToken: null })
      .where('id = :id AND status = :failed', { id: delivery.rowId, failed: WebhookDeliveryStatus.FAILED })
      .execute();
    if (result.affected !== 1)
      throw new UserErrorsException([webhookError(WebhookProblem.DELIVERY_NOT_FAILED, ['input', 'id'])]);
    await recordAudit(ctx, {
      action: AuditAction.WEBHOOK_DELIVERY_RETRIED,
      entityType: WebhookDelivery.typeName,
      entityId: delivery.rowId,
      before: { status: delivery.status },
      after: { status: WebhookDeliveryStatus.PENDING },
    });
    return {
      webhookDelivery: Object.assign(new WebhookDelivery(), delivery, {
        status: WebhookDeliveryStatus.PENDING,
        nextAttemptAt: now,
        createdAt: now,
        claimToken: null,
      }),
    };
  }

  /** The endpoint if the caller may see it (`decideSeeEndpoint`), else null: absent and out of reach look alike. */
  async find(ctx: RequestContext, id: string): Promise<WebhookEndpoint | null> {
    const rowId = idOfType(id, WebhookEndpoint.typeName);
    if (rowId === null) return null;
    const qb = ctx.em.getRepository(WebhookEndpoint).createQueryBuilder('w').where('w.id = :rowId', { rowId });
    return (await scopeEndpointsToReader(qb, 'w', ctx.actor).getOne()) ?? null;
  }

  private async visible(ctx: RequestContext, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.find(ctx, id);
    if (!endpoint) throw new UserErrorsException([webhookError(WebhookProblem.ENDPOINT_NOT_FOUND, ['input', 'id'])]);
    return endpoint;
  }

  private async change(
    ctx: RequestContext,
    current: WebhookEndpoint,
    expectedVersion: number,
    changes: Partial<WebhookEndpoint>,
    action = AuditAction.WEBHOOK_ENDPOINT_UPDATED,
  ): Promise<WebhookEndpoint> {
    const updatedAt = ctx.now();
    await updateVersioned(ctx.em, WebhookEndpoint, current.rowId, expectedVersion, { ...changes, updatedAt });
    const after = Object.assign(new WebhookEndpoint(), current, changes, {
      version: current.version + 1,
      updatedAt,
    });
    await recordAudit(ctx, {
      action,
      entityType: WebhookEndpoint.typeName,
      entityId: current.rowId,
      before: auditOf(current),
      after: auditOf(after),
    });
    return after;
  }

  /** A first event for a new (or re-keyed) endpoint, so its owner sees that deliveries and the secret work. */
  private ping(ctx: RequestContext, endpoint: WebhookEndpoint): Promise<void> {
    return recordEvents(ctx, {
      type: EventType.WEBHOOK_PING,
      subjectId: endpoint.id,
      unitId: endpoint.scopeUnitId,
      employeeId: null,
      payload: { endpointId: endpoint.id },
    });
  }

  private async lastEventId(ctx: RequestContext): Promise<number> {
    const row = await ctx.em
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .select('MAX(e.id)', 'max')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  private validUrl(errors: UserErrorList, checked: CheckedUrl): string | undefined {
    if ('url' in checked) return checked.url;
    errors.addError(webhookError(checked.problem, ['input', 'url']));
    return undefined;
  }

  private validTypes(errors: UserErrorList, types: readonly string[]): string[] {
    const unique = [...new Set(types.map((t) => t.trim()))];
    if (unique.length === 0) errors.addError(webhookError(WebhookProblem.EVENT_TYPES_EMPTY, ['input', 'eventTypes']));
    unique.forEach((type, i) => {
      if (!KNOWN_TYPES.has(type))
        errors.addError(webhookError(WebhookProblem.EVENT_TYPE_UNKNOWN, ['input', 'eventTypes', String(i)]));
    });
    return unique;
  }
}

export const webhookService = new WebhookService();
