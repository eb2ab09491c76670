import { type Logger } from 'pino';
import { policyTable } from '../../app/policy-table';
import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type WebhookSettings } from '../../core/config/config';
import { RequestContext } from '../../core/context/request-context';
import { type Database } from '../../core/database/database';
import { EventType } from '../outbox/event-type';
import { recordEvents } from '../outbox/outbox';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { webhookService } from './webhook.service';

/** The demo endpoint's owner, an integration client of the whole region. */
const DEMO_CLIENT = 'demo-webhook';

/**
 * The demo's signing secret, known to `npm run webhook:receiver` too, so the two commands of `docs/webhooks.md`
 * work without copying a secret. Only outside production (`DEMO_WEBHOOK_URL` is ignored there).
 */
export const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('kinerja-walesi-demo-hook').toString('base64')}`;

/**
 * `DEMO_WEBHOOK_URL`: registers that URL for every event type (once), and each start sends it a `webhook.ping`,
 * so a delivery shows at once. The URL is checked like any other: a local receiver needs WEBHOOK_ALLOWED_HOSTS.
 */
export async function registerDemoWebhook(db: Database, settings: WebhookSettings, log: Logger): Promise<void> {
  if (!settings.demoUrl) return;
  const ctx = new RequestContext({
    requestId: 'demo-webhook',
    actor: Actor.client(DEMO_CLIENT, [Role.INTEGRATION]),
    db,
    log,
    policyTable,
    timeZone: 'UTC',
    webhooks: settings,
  });
  const checked = await webhookService.checkUrl(ctx, settings.demoUrl);
  if (!checked || 'problem' in checked) {
    log.warn(
      { url: settings.demoUrl, problem: checked && 'problem' in checked ? checked.problem : 'URL_INVALID' },
      'DEMO_WEBHOOK_URL refused (a local receiver needs its host in WEBHOOK_ALLOWED_HOSTS)',
    );
    return;
  }
  await ctx.transaction(async (tx) => {
    const repo = tx.em.getRepository(WebhookEndpoint);
    const existing = await repo.findOneBy({ ownerSubject: DEMO_CLIENT, url: checked.url });
    if (!existing) {
      const { webhookEndpoint } = await webhookService.create(
        tx,
        { url: checked.url, eventTypes: Object.values(EventType) },
        checked,
      );
      await repo.update({ rowId: webhookEndpoint.rowId }, { secret: DEMO_WEBHOOK_SECRET });
      return;
    }
    await repo.update({ rowId: existing.rowId }, { secret: DEMO_WEBHOOK_SECRET, enabled: true });
    await recordEvents(tx, {
      type: EventType.WEBHOOK_PING,
      subjectId: existing.id,
      unitId: null,
      employeeId: null,
      payload: { endpointId: existing.id },
    });
  });
  log.info({ url: checked.url }, 'demo webhook endpoint registered');
}
