import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelCatalog, queuedChannels } from '../../lambdas/core/channels/channel-catalog.js';
import { matchesFilterPolicy } from '../../lambdas/core/channels/filter-policy.js';
import { buildNotification } from '../../lambdas/core/delivery/build-notification.js';
import { LocalQueue } from '../../local/pipeline/local-queue.js';
import { LocalTopic } from '../../local/pipeline/local-topic.js';
import { aConfig } from '../support/builders.js';
import { anOpeningUpdate } from '../support/timeline.js';

const config = aConfig();

function aLocalTopic() {
  const outboxDir = mkdtempSync(join(tmpdir(), 'routing-'));
  const queueOptions = { maxReceiveCount: 5, retryDelayMs: 10, deadLetterFile: join(outboxDir, 'dead.jsonl'), log: () => {}, fifo: true };
  const queues = {
    email: new LocalQueue({ name: 'email', ...queueOptions }),
    x: new LocalQueue({ name: 'x', ...queueOptions }),
    inapp: new LocalQueue({ name: 'inapp', ...queueOptions }),
    webhook: new LocalQueue({ name: 'webhook', ...queueOptions }),
  };
  return { topic: new LocalTopic(config, queues), queues };
}

describe('local routing uses the channel catalog’s filter policies', () => {
  it('every channel’s queue receives exactly what its catalog policy matches, email included', async () => {
    const { topic, queues } = aLocalTopic();
    const update = anOpeningUpdate(config, { impact: 'critical' });
    for (const locale of config.locales) {
      await topic.publish(buildNotification(update, locale, ['inapp', 'email', 'webhook', ...(locale === 'en' ? (['x'] as const) : [])], config));
    }
    expect(queues.inapp.depth).toBe(2);
    expect(queues.email.depth).toBe(2);
    expect(queues.webhook.depth).toBe(2);
    expect(queues.x.depth).toBe(1);
    for (const channel of queuedChannels) {
      const expected = config.locales.filter((locale) =>
        matchesFilterPolicy(channel.filterPolicy(config), buildNotification(update, locale, update.channels, config).attributes),
      ).length;
      expect(queues[channel.name].depth, channel.name).toBe(expected);
    }
  });

  it('a re-published update reaches each queue once, as the FIFO topic\'s deduplication id makes it', async () => {
    const { topic, queues } = aLocalTopic();
    const notification = buildNotification(anOpeningUpdate(config, { impact: 'critical' }), 'en', ['inapp', 'email', 'x'], config);
    expect(notification.ordering).toEqual({ groupId: `${notification.envelope.incidentId}.en`, deduplicationId: `${notification.envelope.updateId}.en` });
    await topic.publish(notification);
    await topic.publish(notification);
    expect([queues.inapp.depth, queues.email.depth, queues.x.depth]).toEqual([1, 1, 1]);
  });

  it('an update that does not name email puts nothing on the email queue', async () => {
    const { topic, queues } = aLocalTopic();
    await topic.publish(buildNotification(anOpeningUpdate(config, { impact: 'none' }), 'en', ['inapp'], config));
    expect(queues.email.depth).toBe(0);
    expect(channelCatalog.email.filterPolicy(config)).toEqual({ channels: ['email'] });
  });
});
