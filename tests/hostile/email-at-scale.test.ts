import { describe, expect, it } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { HmacSubscriptionTokens } from '../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import { createFanOutHandler } from '../../lambdas/handlers/fanout/create-fanout-handler.js';
import { CountingMetrics } from '../../local/counting-metrics.js';
import { aConfig, aDeclaration } from '../support/builders.js';
import { withFaults } from '../support/fault-injection.js';
import { anApiOnDynamoDbLocal } from '../support/local-api.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';
import { RecordingMailSender } from '../support/recording-mail-sender.js';
import { RoutingTopic } from '../support/routing-topic.js';
import { simulatedEmailChannel } from '../support/simulated-email-channel.js';
import { SimulatedSqs, VirtualClock } from '../support/simulated-sqs.js';
import { driveStream } from '../support/simulated-stream.js';
import { aStreamEventOf } from '../support/stream-events.js';
import { MemoryTimers } from '../support/memory/memory-timers.js';

// A thousand subscribers imported through the API, an incident declared and resolved, and the email
// channel run on DynamoDB Local with every message of its queues delivered twice and one sender
// worker dying between two sends: every subscriber still gets each update exactly once.

const config = aConfig({ channels: { email: { enabled: true, maxSendRate: 1000 }, x: { enabled: false }, inapp: { enabled: false } } });
const subscribers = 1_000;

describe('email at scale', () => {
  it('1,000 imported subscribers get each update exactly once, with doubled deliveries and a worker crash between sends', async () => {
    const api = await anApiOnDynamoDbLocal(config);
    const addresses = Array.from({ length: subscribers }, (_, index) => `reader${index}@example.com`);
    const imported = await api.request('POST', '/v1/subscribers/import', {
      subscribers: addresses.map((email, index) => ({ email, locale: index % 4 === 0 ? 'id' : 'en' })),
      confirmed: true,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json).toEqual({ imported: subscribers, unchanged: 0, invalid: [] });
    const again = await api.request('POST', '/v1/subscribers/import', { subscribers: addresses.slice(0, 10).map((email) => ({ email })), confirmed: true });
    expect(again.json).toEqual({ imported: 0, unchanged: 10, invalid: [] });

    const declared = await api.request('POST', '/v1/incidents', aDeclaration({ impact: 'minor', channels: ['email'] }));
    const resolved = await api.request('POST', `/v1/incidents/${declared.json.id}/updates`, { status: 'resolved', message: 'Everything works again.', channels: ['email'] });
    expect(resolved.statusCode).toBe(201);

    const stores = createDynamoStores(api.db, api);
    const clock = new VirtualClock();
    const observability = { logger: new RecordingLogger(), metrics: new CountingMetrics() };
    const mailSender = new RecordingMailSender();
    // One worker dies between two sends: after mailing one recipient, before claiming the next.
    const crashing = withFaults(stores.emailLedger, [{ method: 'claimRecipient', when: 'before', matches: (args) => (args[0] as { subscriberId: string }).subscriberId.endsWith('7') }], 'email-ledger');
    const email = simulatedEmailChannel({
      config,
      stores: { ...stores, emailLedger: crashing.adapter },
      mailSender,
      tokens: new HmacSubscriptionTokens(Buffer.alloc(32, 5)),
      clock,
      ...observability,
      queues: { copiesPerSend: 2 },
      senders: 4,
    });
    const topic = new RoutingTopic(config, { email: email.queues.email, x: new SimulatedSqs({ name: 'x', clock }), inapp: new SimulatedSqs({ name: 'inapp', clock }) });
    const { updates } = (await stores.incidents.getIncident(declared.json.id))!;
    await driveStream(aStreamEventOf(...updates).Records, createFanOutHandler({ config, ledger: stores.deliveries, topic, emailWork: email.work, timers: new MemoryTimers(), clock: clock.clock, ...observability }));
    await email.run();

    expect(crashing.fired).toEqual(['email-ledger.claimRecipient before']);
    expect(email.deadLetters()).toEqual([]);
    const counts = mailSender.countsByRecipient();
    for (const update of updates) {
      const key = `${update.incidentId}#${update.seq}`;
      const perAddress = addresses.map((address) => counts.get(address)?.get(key) ?? 0);
      expect(perAddress.filter((count) => count !== 1), `update ${update.seq}: addresses not mailed exactly once`).toEqual([]);
    }
    expect(mailSender.sent).toHaveLength(subscribers * updates.length);

    const rows = (await stores.deliveries.listForIncident(declared.json.id)).filter((row) => row.channel === 'email');
    expect(rows.every((row) => row.state === 'sent')).toBe(true);
    for (const seq of [1, 2]) {
      const totals = rows.filter((row) => row.seq === seq).reduce((sum, row) => ({ planned: sum.planned + row.recipients!.planned, sent: sum.sent + row.recipients!.sent }), { planned: 0, sent: 0 });
      expect(totals).toEqual({ planned: subscribers, sent: subscribers });
    }
    console.log(`email at scale: ${subscribers} subscribers × ${updates.length} updates = ${mailSender.sent.length} mails, ${email.queues.send.sent} send tasks (each delivered twice), one worker crash, nobody mailed twice`);
  }, 240_000);
});
