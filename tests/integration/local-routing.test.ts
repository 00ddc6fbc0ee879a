import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelCatalog, queuedChannels } from '../../lambdas/core/channels/channel-catalog.js';
import { emailSubscriptionFilterPolicy, matchesFilterPolicy } from '../../lambdas/core/channels/filter-policy.js';
import { buildNotification } from '../../lambdas/core/delivery/build-notification.js';
import { EmailOutbox } from '../../local/pipeline/email-outbox.js';
import { LocalQueue } from '../../local/pipeline/local-queue.js';
import { LocalSubscriptionBook } from '../../local/pipeline/local-subscription-book.js';
import { LocalTopic } from '../../local/pipeline/local-topic.js';
import { aConfig } from '../support/builders.js';
import { aLocalTable } from '../support/local-table.js';
import { mailsIn } from '../support/outbox.js';
import { anOpeningUpdate } from '../support/timeline.js';

const config = aConfig();

async function aLocalTopic() {
  const table = await aLocalTable();
  const outboxDir = mkdtempSync(join(tmpdir(), 'routing-'));
  const outbox = new EmailOutbox(outboxDir);
  const book = new LocalSubscriptionBook(table.db, table.tableName, config, outbox, () => 'http://127.0.0.1:0');
  const queueOptions = { maxReceiveCount: 5, retryDelayMs: 10, deadLetterFile: join(outboxDir, 'dead.jsonl'), log: () => {} };
  const queues = { x: new LocalQueue({ name: 'x', ...queueOptions }), inapp: new LocalQueue({ name: 'inapp', ...queueOptions }) };
  return { topic: new LocalTopic(config, queues, book, outbox, () => {}), queues, book, outboxDir };
}

async function confirm(book: LocalSubscriptionBook, outboxDir: string, email: string, preferences: { locale: string; components?: string[] }) {
  await book.subscribe(email, emailSubscriptionFilterPolicy(preferences, config), preferences.locale);
  const token = /token=([A-Za-z0-9_-]+)/.exec(mailsIn(outboxDir).filter((mail) => mail.to === email).at(-1)!.text)![1]!;
  expect(await book.confirm(token)).toBe(true);
}

describe('local routing uses the channel catalog’s filter policies', () => {
  it('the queues receive exactly what their catalog policy matches', async () => {
    const { topic, queues } = await aLocalTopic();
    const update = anOpeningUpdate(config, { impact: 'critical' });
    for (const locale of config.locales) {
      await topic.publish(buildNotification(update, locale, ['inapp', 'email', ...(locale === 'en' ? (['x'] as const) : [])], config));
    }
    expect(queues.inapp.depth).toBe(2);
    expect(queues.x.depth).toBe(1);
    for (const channel of queuedChannels) {
      const expected = config.locales.filter((locale) =>
        matchesFilterPolicy(channel.filterPolicy(config), buildNotification(update, locale, update.channels, config).attributes),
      ).length;
      expect(queues[channel.name as 'x' | 'inapp'].depth).toBe(expected);
    }
  });

  it('an email subscriber gets only their language and the components they chose', async () => {
    const { topic, book, outboxDir } = await aLocalTopic();
    await confirm(book, outboxDir, 'everything-id@example.com', { locale: 'id' });
    await confirm(book, outboxDir, 'api-only-en@example.com', { locale: 'en', components: ['api'] });
    await confirm(book, outboxDir, 'chat-en@example.com', { locale: 'en', components: ['chat'] });
    const before = mailsIn(outboxDir).length;
    const update = anOpeningUpdate(config, { components: [{ id: 'chat', status: 'major_outage' }] });
    for (const locale of config.locales) await topic.publish(buildNotification(update, locale, ['email'], config));
    const recipients = mailsIn(outboxDir).slice(before).map((mail) => mail.to).sort();
    expect(recipients).toEqual(['chat-en@example.com', 'everything-id@example.com']);
  });

  it('an update that does not name email mails nobody', async () => {
    const { topic, book, outboxDir } = await aLocalTopic();
    await confirm(book, outboxDir, 'reader@example.com', { locale: 'en' });
    const before = mailsIn(outboxDir).length;
    await topic.publish(buildNotification(anOpeningUpdate(config, { impact: 'none' }), 'en', ['inapp'], config));
    expect(mailsIn(outboxDir).length).toBe(before);
    expect(channelCatalog.email.filterPolicy(config)).toEqual({ channels: ['email'] });
  });

  it('re-subscribing a confirmed address neither mails it again nor downgrades it', async () => {
    const { book, outboxDir } = await aLocalTopic();
    await confirm(book, outboxDir, 'steady@example.com', { locale: 'en' });
    const mails = mailsIn(outboxDir).length;
    await book.subscribe('steady@example.com', emailSubscriptionFilterPolicy({ locale: 'id' }, config), 'id');
    expect(mailsIn(outboxDir).length).toBe(mails);
    expect((await book.confirmed()).map((subscriber) => subscriber.email)).toEqual(['steady@example.com']);
  });
});
