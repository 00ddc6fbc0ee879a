import { describe, expect, it } from 'vitest';
import { HmacSubscriptionTokens } from '../../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { Change } from '../../../lambdas/core/incident/lifecycle.js';
import type { EmailLedger } from '../../../lambdas/core/ports/email-ledger.js';
import type { MailSender } from '../../../lambdas/core/ports/mail-sender.js';
import { MailRejected, MailThrottled, MailTransientFailure } from '../../../lambdas/core/ports/mail-sender.js';
import type { Subscriber } from '../../../lambdas/core/subscribers/subscriber.js';
import { createEmailSenderHandler } from '../../../lambdas/handlers/email/create-email-sender-handler.js';
import { createSesEventsHandler } from '../../../lambdas/handlers/email/create-ses-events-handler.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { simulatedSesEvent } from '../../../lambdas/adapters/outbox/mailbox-simulator.js';
import { aConfig, aDeclareInput, anAddUpdateInput } from '../../support/builders.js';
import { storeAndFanOut } from '../../support/email-flow.js';
import { withFaults } from '../../support/fault-injection.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { RecordingMailSender } from '../../support/recording-mail-sender.js';
import { simulatedEmailChannel } from '../../support/simulated-email-channel.js';
import type { SimulatedEmailChannelOptions } from '../../support/simulated-email-channel.js';
import { VirtualClock } from '../../support/simulated-sqs.js';
import { anSqsEventOf } from '../../support/stream-events.js';
import { aSubscriber } from '../../support/subscribers.js';

const config = aConfig({ channels: { email: { enabled: true, maxSendRate: 1000 }, x: { enabled: false }, inapp: { enabled: false } } });
const tokens = new HmacSubscriptionTokens(Buffer.alloc(32, 7));
/** Incident ids are unique in real life, and the workers' update cache relies on it: so across these tests too. */
let incidentCounter = 0;

interface ChannelOptions extends Pick<SimulatedEmailChannelOptions, 'queues' | 'senders' | 'pageSize'> {
  /** Wraps the email ledger the workers use (a crash injected at one step). */
  wrapLedger?: (ledger: EmailLedger) => EmailLedger;
  /** Wraps the mail sender the workers use; the recording one underneath still sees every mail taken. */
  wrapSender?: (sender: MailSender) => MailSender;
}

/** An email channel over in-memory stores, with `subscribers` on the list. */
async function anEmailChannel(subscribers: Subscriber[], options: ChannelOptions = {}) {
  const stores = memoryStores();
  for (const subscriber of subscribers) await stores.subscribers.create(subscriber);
  const clock = new VirtualClock();
  const mailSender = new RecordingMailSender();
  const metrics = new CountingMetrics();
  const logger = new RecordingLogger();
  const channel = simulatedEmailChannel({
    config,
    stores: { ...stores, emailLedger: options.wrapLedger?.(stores.emailLedger) ?? stores.emailLedger },
    mailSender: options.wrapSender?.(mailSender) ?? mailSender,
    tokens,
    clock,
    logger,
    metrics,
    ...(options.queues ? { queues: options.queues } : {}),
    ...(options.senders ? { senders: options.senders } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  const fanOut = (change: Change, expectedVersion: number | null) =>
    storeAndFanOut(change, expectedVersion, { config, incidents: stores.incidents, deliveries: stores.deliveries, clock: clock.clock, logger, metrics, publishEmail: (envelope) => channel.publish(envelope) });
  const declare = async (overrides: Parameters<typeof aDeclareInput>[0] = {}) => {
    incidentCounter++;
    const change = declareIncident(
      aDeclareInput({ impact: 'minor', channels: ['email'], components: [{ id: 'chat', status: 'major_outage' }], ...overrides }),
      { incidentId: `inc_01JF3Z${String(incidentCounter).padStart(20, '0')}`, updateId: `upd_${incidentCounter}_1` },
      clock.clock().toISOString(),
      config,
    );
    await fanOut(change, null);
    return change;
  };
  const update = async (previous: Change, overrides: Parameters<typeof anAddUpdateInput>[0] = {}) => {
    const change = addUpdate(previous.head, anAddUpdateInput({ channels: ['email'], ...overrides }), `${previous.update.id}+`, clock.clock().toISOString(), config);
    await fanOut(change, previous.head.version);
    return change;
  };
  const emailRows = async (incidentId: string) => (await stores.deliveries.listForIncident(incidentId)).filter((row) => row.channel === 'email');
  return { stores, clock, mailSender, metrics, logger, channel, declare, update, emailRows };
}

const mailsOf = (sender: RecordingMailSender, update: Change) => sender.sent.filter((mail) => mail.tags['incidentId'] === update.update.incidentId && mail.tags['seq'] === String(update.update.seq));

describe('the email channel', () => {
  it('mails every confirmed subscriber the update concerns once, in the locale it was planned in, and counts them', async () => {
    const everyone = Array.from({ length: 60 }, (_, index) => aSubscriber({ locale: index % 3 === 0 ? 'id' : 'en' }));
    const chatOnly = Array.from({ length: 10 }, () => aSubscriber({ components: ['chat'] }));
    const apiOnly = Array.from({ length: 10 }, () => aSubscriber({ components: ['api'] }));
    const notOnTheList = [aSubscriber({ state: 'pending' }), aSubscriber({ state: 'unsubscribed' }), aSubscriber({ state: 'suppressed', reason: 'bounced' })];
    const { channel, mailSender, declare, emailRows } = await anEmailChannel([...everyone, ...chatOnly, ...apiOnly, ...notOnTheList]);

    const declared = await declare();
    await channel.run();

    const mails = mailsOf(mailSender, declared);
    expect(mails.map((mail) => mail.to).sort()).toEqual([...everyone, ...chatOnly].map((subscriber) => subscriber.email).sort());
    for (const subscriber of [...everyone, ...chatOnly]) {
      const mail = mails.find((candidate) => candidate.to === subscriber.email)!;
      expect(mail.tags['locale']).toBe(subscriber.locale);
      expect(mail.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
      expect(mail.headers['List-Unsubscribe']).toMatch(new RegExp(`^<https://status\\.nimbus\\.example/v1/subscriptions/unsubscribe\\?token=${subscriber.id}\\.`));
    }
    const rows = await emailRows(declared.update.incidentId);
    const indonesian = everyone.filter((subscriber) => subscriber.locale === 'id').length;
    expect(rows.map(({ locale, state, recipients }) => ({ locale, state, recipients }))).toEqual([
      { locale: 'en', state: 'sent', recipients: { planned: 70 - indonesian, sent: 70 - indonesian, failed: 0, suppressed: 0 } },
      { locale: 'id', state: 'sent', recipients: { planned: indonesian, sent: indonesian, failed: 0, suppressed: 0 } },
    ]);
    expect(channel.deadLetters()).toEqual([]);
  });

  it('mails everybody, components or not, about an incident that names no component', async () => {
    const subscribers = [aSubscriber({ components: ['api'] }), aSubscriber({ components: ['chat', 'video'] }), aSubscriber()];
    const { channel, mailSender, declare } = await anEmailChannel(subscribers);
    const declared = await declare({ components: undefined });
    await channel.run();
    expect(mailsOf(mailSender, declared).map((mail) => mail.to).sort()).toEqual(subscribers.map((subscriber) => subscriber.email).sort());
  });

  it('mails nobody twice and counts once when every queue delivers every message three times, in a shuffled order', async () => {
    const subscribers = Array.from({ length: 130 }, (_, index) => aSubscriber({ locale: index % 2 ? 'id' : 'en' }));
    const shuffle = <T>(items: T[]) => [...items].sort(() => Math.random() - 0.5);
    const { channel, mailSender, declare, update, emailRows } = await anEmailChannel(subscribers, { queues: { copiesPerSend: 3, order: shuffle }, senders: 3 });
    const declared = await declare();
    const resolved = await update(declared, { status: 'resolved', message: 'Fixed.' });
    await channel.run();

    for (const change of [declared, resolved]) {
      expect(mailsOf(mailSender, change)).toHaveLength(subscribers.length);
      expect(new Set(mailsOf(mailSender, change).map((mail) => mail.to)).size).toBe(subscribers.length);
      const rows = await emailRows(change.update.incidentId);
      const forUpdate = rows.filter((row) => row.seq === change.update.seq);
      expect(forUpdate.every((row) => row.state === 'sent')).toBe(true);
      expect(forUpdate.reduce((sum, row) => sum + row.recipients!.sent, 0)).toBe(subscribers.length);
      expect(forUpdate.reduce((sum, row) => sum + row.recipients!.planned, 0)).toBe(subscribers.length);
    }
    expect(channel.deadLetters()).toEqual([]);
  });

  it('plans a long list page after page, each page once, even when every task arrives twice', async () => {
    const subscribers = Array.from({ length: 90 }, (_, index) => aSubscriber({ locale: index % 3 === 0 ? 'id' : 'en' }));
    // Two subscribers a page: 90 readers over 8 shards and 2 locales take several pages per shard.
    const { channel, mailSender, declare, emailRows } = await anEmailChannel(subscribers, { pageSize: 2, queues: { copiesPerSend: 2 } });
    const declared = await declare();
    await channel.run();
    expect(channel.queues.plan.sent).toBeGreaterThan(2 * 16);
    expect(mailsOf(mailSender, declared)).toHaveLength(90);
    expect(new Set(mailsOf(mailSender, declared).map((mail) => mail.to)).size).toBe(90);
    const rows = await emailRows(declared.update.incidentId);
    expect(rows.every((row) => row.state === 'sent')).toBe(true);
    expect(rows.reduce((sum, row) => sum + row.recipients!.planned, 0)).toBe(90);
    expect(rows.reduce((sum, row) => sum + row.recipients!.sent, 0)).toBe(90);
    expect(channel.deadLetters()).toEqual([]);
  });

  it('a worker that dies between two sends is retried from the queue without mailing anyone twice', async () => {
    const subscribers = Array.from({ length: 40 }, () => aSubscriber());
    let fired: string[] = [];
    const { channel, mailSender, declare, emailRows } = await anEmailChannel(subscribers, {
      wrapLedger: (ledger) => {
        const crashing = withFaults(ledger, [{ method: 'claimRecipient', when: 'before', matches: (args) => (args[0] as { subscriberId: string }).subscriberId === subscribers[7]!.id }], 'ledger');
        fired = crashing.fired;
        return crashing.adapter;
      },
    });
    const declared = await declare();
    await channel.run();
    expect(fired).toEqual(['ledger.claimRecipient before']);
    expect(mailsOf(mailSender, declared).map((mail) => mail.to).sort()).toEqual(subscribers.map((subscriber) => subscriber.email).sort());
    expect((await emailRows(declared.update.incidentId))[0]).toMatchObject({ state: 'sent', recipients: { planned: 40, sent: 40 } });
  });

  it('a worker that dies after counting the last batch, before completing the delivery, is finished by the retry', async () => {
    const subscribers = [aSubscriber()];
    let fired: string[] = [];
    const { channel, mailSender, declare, emailRows } = await anEmailChannel(subscribers, {
      wrapLedger: (ledger) => {
        // Armed once a sender has counted its batch: the planner's own completeIfDone calls pass.
        let batchCounted = false;
        const counting: EmailLedger = Object.assign(Object.create(ledger) as EmailLedger, {
          recordBatch: async (...args: Parameters<EmailLedger['recordBatch']>) => {
            const recorded = await ledger.recordBatch(...args);
            batchCounted = true;
            return recorded;
          },
        });
        const crashing = withFaults(counting, [{ method: 'completeIfDone', when: 'before', matches: () => batchCounted }], 'ledger');
        fired = crashing.fired;
        return crashing.adapter;
      },
    });
    const declared = await declare();
    await channel.run();
    expect(fired).toEqual(['ledger.completeIfDone before']);
    expect(mailsOf(mailSender, declared)).toHaveLength(1);
    expect((await emailRows(declared.update.incidentId))[0]).toMatchObject({ state: 'sent', recipients: { planned: 1, sent: 1 } });
    expect(channel.deadLetters()).toEqual([]);
  });

  it('a crash inside one SES call repeats that one call and nothing else', async () => {
    const subscribers = Array.from({ length: 25 }, () => aSubscriber());
    const { channel, mailSender, declare, emailRows } = await anEmailChannel(subscribers, {
      // SES took the mail, and the worker never heard back.
      wrapSender: (sender) => withFaults(sender, [{ method: 'send', when: 'after', matches: (args) => (args[0] as { to: string }).to === subscribers[3]!.email }], 'ses').adapter,
    });
    const declared = await declare();
    await channel.run();

    const counts = mailSender.countsByRecipient();
    const update = `${declared.update.incidentId}#1`;
    expect(subscribers.filter((subscriber) => counts.get(subscriber.email)?.get(update) !== 1).map((subscriber) => subscriber.email)).toEqual([subscribers[3]!.email]);
    expect(counts.get(subscribers[3]!.email)?.get(update)).toBe(2);
    expect((await emailRows(declared.update.incidentId))[0]).toMatchObject({ state: 'sent', recipients: { planned: 25, sent: 25, failed: 0, suppressed: 0 } });
  });

  it('SES throttling puts the batch back for later, however long it lasts, without using up its receives', async () => {
    const subscribers = Array.from({ length: 30 }, () => aSubscriber());
    // Three receives to the DLQ, and SES says "slow down" twenty times in a row.
    const { channel, mailSender, metrics, declare, emailRows } = await anEmailChannel(subscribers, { queues: { maxReceiveCount: 3 } });
    mailSender.failWith = (_mail, attempt) => (attempt >= 5 && attempt <= 24 ? new MailThrottled('Maximum sending rate exceeded.', 1) : undefined);
    const declared = await declare();
    await channel.run();
    expect(mailsOf(mailSender, declared)).toHaveLength(30);
    expect(new Set(mailsOf(mailSender, declared).map((mail) => mail.to)).size).toBe(30);
    expect(metrics.total('MailThrottled')).toBe(20);
    expect((await emailRows(declared.update.incidentId))[0]).toMatchObject({ state: 'sent', recipients: { sent: 30 } });
    expect(channel.deadLetters()).toEqual([]);
  });

  it('an SES outage is retried by the queue, and a batch that never gets through is parked in the dead-letter queue, its mails not lost', async () => {
    const subscribers = Array.from({ length: 12 }, () => aSubscriber());
    const { channel, mailSender, declare, emailRows } = await anEmailChannel(subscribers, { queues: { maxReceiveCount: 3 } });
    mailSender.failWith = (_mail, attempt) => (attempt >= 3 && attempt <= 4 ? new MailTransientFailure('SES did not take the mail (InternalFailure)') : undefined);
    const declared = await declare();
    await channel.run();
    expect(mailsOf(mailSender, declared)).toHaveLength(12);
    expect((await emailRows(declared.update.incidentId))[0]).toMatchObject({ state: 'sent', recipients: { sent: 12 } });
    expect(channel.deadLetters()).toEqual([]);

    mailSender.failWith = () => new MailTransientFailure('SES did not take the mail (InternalFailure)');
    const down = await declare();
    await channel.run();
    expect(mailsOf(mailSender, down)).toHaveLength(0);
    // Every recipient is in some parked batch, ready to be redriven once SES is back.
    const parked = channel.deadLetters().map((message) => JSON.parse(message.body) as { incidentId: string; subscriberIds: string[] });
    expect(parked.every((task) => task.incidentId === down.update.incidentId)).toBe(true);
    expect(parked.flatMap((task) => task.subscriberIds).sort()).toEqual(subscribers.map((subscriber) => subscriber.id).sort());
    expect((await emailRows(down.update.incidentId))[0]).toMatchObject({ state: 'pending' });
  });

  it('an address SES refuses is counted failed, and the delivery still completes', async () => {
    const subscribers = [aSubscriber(), aSubscriber({ email: 'not-a-mailbox@example.invalid' }), aSubscriber()];
    const { channel, mailSender, metrics, declare, emailRows } = await anEmailChannel(subscribers);
    mailSender.failWith = (mail) => (mail.to.endsWith('.invalid') ? new MailRejected('Illegal address') : undefined);
    const declared = await declare();
    await channel.run();
    expect(mailsOf(mailSender, declared)).toHaveLength(2);
    expect((await emailRows(declared.update.incidentId))[0]).toMatchObject({ state: 'sent', recipients: { planned: 3, sent: 2, failed: 1, suppressed: 0 } });
    expect(metrics.total('DeliveryFailed', { channel: 'email' })).toBe(1);
    expect(channel.deadLetters()).toEqual([]);
  });
});

describe('the email channel, step by step', () => {
  it('a subscriber who unsubscribes between planning and sending is counted suppressed, never mailed', async () => {
    const stays = aSubscriber();
    const leaves = aSubscriber();
    const { stores, channel, mailSender, declare, emailRows } = await anEmailChannel([stays, leaves]);
    const declared = await declare();
    // Plan only: the envelope and every page, nothing sent yet.
    while (channel.queues.email.depth + channel.queues.plan.depth > 0) {
      await channel.queues.email.drain(plannerOf(channel));
      await channel.queues.plan.drain(plannerOf(channel));
    }
    await stores.subscribers.save({ ...leaves, state: 'unsubscribed', unsubscribedAt: '2024-12-12T07:03:00.000Z', reason: 'one-click', version: 2 }, 1);
    await channel.run();
    expect(mailsOf(mailSender, declared).map((mail) => mail.to)).toEqual([stays.email]);
    expect((await emailRows(declared.update.incidentId))[0]).toMatchObject({ state: 'sent', recipients: { planned: 2, sent: 1, failed: 0, suppressed: 1 } });
  });
});

/** The planner of a simulated channel, as its two queues' consumer. */
function plannerOf(channel: ReturnType<typeof simulatedEmailChannel>) {
  return channel.planner;
}

describe('subscription mails', () => {
  it('a confirmation request is mailed once however often its task arrives, and not at all once it is no longer due', async () => {
    const pending = aSubscriber({ state: 'pending', locale: 'id' });
    const confirmedMeanwhile = aSubscriber({ state: 'confirmed' });
    const stores = memoryStores();
    const requestOf = (subscriber: Subscriber, id: string) => ({ id, subscriberId: subscriber.id, mail: 'confirmation' as const, requestedAt: '2024-12-12T06:59:00.000Z' });
    await stores.subscribers.create(pending, requestOf(pending, 'mrq_1'));
    await stores.subscribers.create(confirmedMeanwhile, requestOf(confirmedMeanwhile, 'mrq_2'));
    const mailSender = new RecordingMailSender();
    const putBack: { tasks: unknown[]; delaySeconds: number | undefined }[] = [];
    const sender = createEmailSenderHandler({
      config,
      incidents: stores.incidents,
      subscribers: stores.subscribers,
      ledger: stores.emailLedger,
      work: { send: async (tasks, options) => void putBack.push({ tasks: [...tasks], delaySeconds: options?.delaySeconds }) },
      mailSender,
      tokens: async () => tokens,
      publicBaseUrl: () => 'http://127.0.0.1:3000',
      visibility: { delay: async () => {} },
      clock: () => new Date('2024-12-12T07:00:00.000Z'),
      logger: new RecordingLogger(),
      metrics: new CountingMetrics(),
      sleep: async () => {},
    });
    const task = (subscriber: Subscriber, requestId: string) => ({ kind: 'subscription-mail', requestId, subscriberId: subscriber.id, mail: 'confirmation' });
    const event = anSqsEventOf(task(pending, 'mrq_1') as never, task(pending, 'mrq_1') as never, task(confirmedMeanwhile, 'mrq_2') as never);
    expect((await sender(event)).batchItemFailures).toEqual([]);
    expect((await sender(event)).batchItemFailures).toEqual([]);
    expect(mailSender.sent.map((mail) => mail.to)).toEqual([pending.email]);
    expect(putBack).toEqual([]);
    const [mail] = mailSender.sent;
    expect(mail!.text).toContain(`http://127.0.0.1:3000/v1/subscriptions/confirm?token=${pending.id}.0.`);
    expect(mail!.headers).toEqual({});

    // Throttled: put back on the queue, delayed as SES asked, and the message itself succeeds.
    const later = aSubscriber({ state: 'pending' });
    await stores.subscribers.create(later, requestOf(later, 'mrq_3'));
    mailSender.failWith = () => new MailThrottled('Daily message quota exceeded.', 900);
    expect((await sender(anSqsEventOf(task(later, 'mrq_3') as never))).batchItemFailures).toEqual([]);
    expect(putBack).toEqual([{ tasks: [task(later, 'mrq_3')], delaySeconds: 900 }]);
    mailSender.failWith = () => undefined;
    expect((await sender(anSqsEventOf(task(later, 'mrq_3') as never))).batchItemFailures).toEqual([]);
    expect(mailSender.sent.map((sent) => sent.to)).toEqual([pending.email, later.email]);
  });
});

describe('bounces and complaints', () => {
  it('a hard bounce suppresses the address: the next update does not even plan it', async () => {
    const bouncing = aSubscriber({ email: 'bounce@simulator.amazonses.com' });
    const complaining = aSubscriber({ email: 'complaint@simulator.amazonses.com' });
    const fine = aSubscriber({ email: 'success@simulator.amazonses.com' });
    const { stores, channel, mailSender, metrics, declare, update, emailRows } = await anEmailChannel([bouncing, complaining, fine]);
    const sesEvents = createSesEventsHandler({ subscribers: stores.subscribers, clock: () => new Date('2024-12-12T07:10:00.000Z'), logger: new RecordingLogger(), metrics });
    const declared = await declare();
    await channel.run();
    for (const mail of mailSender.sent) {
      const event = simulatedSesEvent(mail.to, 'ses-1', mail.tags);
      if (event) await sesEvents(event);
    }
    expect((await stores.subscribers.get(bouncing.id))).toMatchObject({ state: 'suppressed', reason: 'bounced' });
    expect((await stores.subscribers.get(complaining.id))).toMatchObject({ state: 'suppressed', reason: 'complained' });
    expect((await stores.subscribers.get(fine.id))?.state).toBe('confirmed');
    expect(metrics.total('SubscribersSuppressed')).toBe(2);

    const next = await update(declared);
    await channel.run();
    expect(mailsOf(mailSender, next).map((mail) => mail.to)).toEqual([fine.email]);
    expect((await emailRows(declared.update.incidentId)).find((row) => row.seq === 2)).toMatchObject({ state: 'sent', recipients: { planned: 1, sent: 1 } });
  });

  it('a soft bounce changes nothing, and an event that is not from SES is dropped without a retry', async () => {
    const subscriber = aSubscriber();
    const { stores, metrics } = await anEmailChannel([subscriber]);
    const logger = new RecordingLogger();
    const sesEvents = createSesEventsHandler({ subscribers: stores.subscribers, clock: () => new Date(), logger, metrics });
    await sesEvents({ 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce', mail: { destination: [subscriber.email] }, bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: subscriber.email }] } } });
    await sesEvents({ hello: 'world' });
    expect((await stores.subscribers.get(subscriber.id))?.state).toBe('confirmed');
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(1);
  });
});
