import { type SelectQueryBuilder } from 'typeorm';
import { type Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type PolicyRule } from '../../core/policy/policy';
import { UnitClosure } from '../unit/unit-closure.entity';
import { type WebhookEndpoint, type WebhookOwnerKind } from './webhook-endpoint.entity';

/** Webhooks are for HR admins and integration clients; anyone else is refused by role alone (FORBIDDEN). */
export function decideManageWebhooks({ actor }: { actor: Actor }): boolean {
  return actor.isHrAdmin || actor.has(Role.INTEGRATION);
}

/** What an endpoint registered now may receive: an integration client the whole region, an HR admin their scope. */
export function ownerScopeOf(actor: Actor): number | null {
  return actor.has(Role.INTEGRATION) ? null : actor.hrScopeUnitId;
}

export function ownerKindOf(actor: Actor): WebhookOwnerKind {
  return actor.principal.kind === 'employee' ? 'employee' : 'client';
}

/**
 * Who sees an endpoint (and its deliveries) and may change it: its owner; a region-wide HR admin; an HR admin
 * whose scope covers the endpoint's scope unit. Anyone else reads it as absent (NOT_FOUND).
 */
export function decideSeeEndpoint({
  actor,
  endpoint,
  scopeCovers,
}: {
  actor: Actor;
  endpoint: Pick<WebhookEndpoint, 'ownerKind' | 'ownerSubject' | 'scopeUnitId'>;
  /** Whether the actor's HR scope contains the endpoint's scope unit. */
  scopeCovers: boolean;
}): boolean {
  if (!decideManageWebhooks({ actor })) return false;
  if (endpoint.ownerKind === ownerKindOf(actor) && endpoint.ownerSubject === actor.subject) return true;
  if (!actor.isHrAdmin) return false;
  if (actor.hrScopeUnitId === null) return true;
  return endpoint.scopeUnitId !== null && scopeCovers;
}

/** `decideSeeEndpoint` in SQL, for lists and lookups (`test/e2e/webhooks.e2e-spec.ts` checks it actor by actor). */
export function scopeEndpointsToReader(
  qb: SelectQueryBuilder<WebhookEndpoint>,
  alias: string,
  actor: Actor,
): SelectQueryBuilder<WebhookEndpoint> {
  if (!decideManageWebhooks({ actor })) return qb.andWhere('1 = 0');
  const own = `(${alias}.ownerKind = :ownerKind AND ${alias}.ownerSubject = :ownerSubject)`;
  const params = { ownerKind: ownerKindOf(actor), ownerSubject: actor.subject };
  if (!actor.isHrAdmin) return qb.andWhere(own, params);
  if (actor.hrScopeUnitId === null) return qb;
  const subtree = qb
    .subQuery()
    .select('c.descendantId')
    .from(UnitClosure, 'c')
    .where('c.ancestorId = :hrScope')
    .getQuery();
  return qb.andWhere(`(${own} OR ${alias}.scopeUnitId IN ${subtree})`, {
    ...params,
    hrScope: actor.hrScopeUnitId,
  });
}

export const webhookRules = {
  manageWebhooks: {
    description:
      'HR admins and integration clients register webhook endpoints and read their deliveries; an endpoint is seen by its owner and HR admins whose scope covers it.',
    subject: null,
    evaluate: (ctx) => decideManageWebhooks({ actor: ctx.actor }),
  } satisfies PolicyRule,
};
