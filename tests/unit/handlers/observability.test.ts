import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSubscriptionTokens } from '../../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { Notification } from '../../../lambdas/core/delivery/build-notification.js';
import { createApiDependencies } from '../../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { apiRoutes } from '../../support/api-routes.js';
import { createFanOutHandler } from '../../../lambdas/handlers/fanout/create-fanout-handler.js';
import { createInAppHandler } from '../../../lambdas/handlers/inapp/create-inapp-handler.js';
import { createXChannelHandler } from '../../../lambdas/handlers/x/create-x-channel-handler.js';
import { XRejected } from '../../../lambdas/core/ports/x-post-errors.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig, aDeclaration } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { anSqsEventOf, aStreamEventOf } from '../../support/stream-events.js';
import { anOpeningUpdate } from '../../support/timeline.js';
import { MemoryTimers } from '../../support/memory/memory-timers.js';
import { aWebhookWiring } from '../../support/webhook-wiring.js';

const config = aConfig();
const clock = () => new Date('2024-12-12T07:02:41.000Z');
const noVisibility = { delay: async () => {} };

/** Fans one critical update out through every handler, with one logger and one metrics sink shared by all. */
async function deliverEverywhere(options: { xRefuses?: boolean } = {}) {
  const stores = memoryStores();
  const logger = new RecordingLogger();
  const metrics = new CountingMetrics();
  const published: Notification[] = [];
  const topic = { publish: async (notification: Notification) => ({ messageId: `sns-${published.push(notification)}` }) };
  const update = anOpeningUpdate(config, { impact: 'critical' });

  await createFanOutHandler({ config, ledger: stores.deliveries, topic, emailWork: { send: async () => {} }, timers: new MemoryTimers(), clock, logger, metrics })(aStreamEventOf(update));
  const envelopes = published.map((notification) => notification.envelope);
  await createInAppHandler({ ledger: stores.deliveries, feed: stores.feed, visibility: noVisibility, clock, logger, metrics, feedRetentionDays: 90 })(anSqsEventOf(...envelopes));
  const poster = {
    post: async () => {
      if (options.xRefuses) throw new XRejected(403, 'You are not permitted to perform this action.');
      return { id: 'post-1' };
    },
  };
  await createXChannelHandler({ ledger: stores.deliveries, poster, visibility: noVisibility, clock, logger, metrics, sleep: async () => {} })(
    anSqsEventOf(...envelopes.filter((envelope) => envelope.x)),
  );
  return { update, logger, metrics };
}

describe('what operators see', () => {
  it('every line the fan-out and the channels log while delivering an update names its incident', async () => {
    const { update, logger } = await deliverEverywhere();
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line.attributes, `${line.level}: ${line.message}`).toMatchObject({ incidentId: update.incidentId });
  });

  it('a delivered update counts DeliverySent per channel and the fan-out lag; a refused post counts DeliveryFailed', async () => {
    const delivered = await deliverEverywhere();
    // Email is counted per recipient by its senders (tests/unit/handlers/email-pipeline.test.ts), not at the publish.
    expect(delivered.metrics.total('DeliverySent', { channel: 'email' })).toBe(0);
    expect(delivered.metrics.total('DeliverySent', { channel: 'inapp' })).toBe(2);
    expect(delivered.metrics.total('DeliverySent', { channel: 'x' })).toBe(1);
    expect(delivered.metrics.recorded.filter((metric) => metric.name === 'FanOutLag').map((metric) => metric.value)).toEqual([30_000, 30_000]);
    expect(delivered.metrics.total('DeliveryFailed')).toBe(0);

    const refused = await deliverEverywhere({ xRefuses: true });
    expect(refused.metrics.total('DeliveryFailed', { channel: 'x' })).toBe(1);
    expect(refused.metrics.total('DeliverySent', { channel: 'x' })).toBe(0);
    expect(new Set(refused.metrics.recorded.map((metric) => metric.name))).toEqual(new Set(['FanOutLag', 'DeliverySent', 'DeliveryFailed']));
  });

  it('the API logs each accepted change with its incident id, and a fault of ours with the incident it was about', async () => {
    const logger = new RecordingLogger();
    const stores = memoryStores();
    const deps = createApiDependencies({
      ...aWebhookWiring(),
      config,
      stores,
      tokens: async () => new HmacSubscriptionTokens(randomBytes(32)),
      publicBaseUrl: () => 'https://status.nimbus.example',
      auth: { mode: 'shared-token', token: 'token' },
      statusMaxAgeMs: 1000,
      clock,
      ids: { incidentId: () => 'inc_01JF3Z00000000000000000000', maintenanceId: () => 'mnt_01JF3Z00000000000000000000', updateId: () => 'upd_1', subscriberId: () => 'sub_1', mailRequestId: () => 'mrq_1', redriveId: () => 'rdr_1', webhookId: () => 'whk_01JF3Z00000000000000000000' },
      logger,
    });
    const handle = createApiHandler(deps, apiRoutes);
    await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', body: aDeclaration(), commanderToken: 'token' }));
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'info', message: 'incident changed', attributes: expect.objectContaining({ incidentId: 'inc_01JF3Z00000000000000000000', version: 1 }) })]);

    stores.incidents.getIncident = async () => {
      throw new Error('the network is down');
    };
    const failed = await handle(anApiEvent({ path: '/v1/incidents/inc_01JF3Z00000000000000000000' }));
    expect(failed.statusCode).toBe(500);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'error', attributes: { incidentId: 'inc_01JF3Z00000000000000000000', path: '/v1/incidents/inc_01JF3Z00000000000000000000' } });
  });
});
