import { describe, expect, it } from 'vitest';
import { messageKindSchema } from '../../../lambdas/core/incident/vocabulary.js';
import { renderInApp } from '../../../lambdas/core/messages/render-inapp.js';
import { webhookEventSchema, webhookEventType } from '../../../lambdas/core/webhooks/webhook-event.js';
import { webhookLabels } from '../../../lambdas/core/webhooks/webhook-labels.js';
import { webhookMessage } from '../../../lambdas/core/webhooks/webhook-message.js';
import { aConfig, anEventFor, theUpdatesChatRoomsHear } from './builders.js';

describe('the webhook event', () => {
  it('is typed so a receiver can route maintenance and postmortems without reading the kind', () => {
    const types = Object.fromEntries(messageKindSchema.options.map((kind) => [kind, webhookEventType(kind)]));
    expect(types).toEqual({
      apology: 'incident.updated',
      update: 'incident.updated',
      recovery: 'incident.updated',
      postmortem: 'postmortem.published',
      maintenance_scheduled: 'maintenance.updated',
      maintenance_reminder: 'maintenance.updated',
      maintenance_started: 'maintenance.updated',
      maintenance_completed: 'maintenance.updated',
      maintenance_cancelled: 'maintenance.updated',
    });
  });

  for (const { name, update, timeline } of theUpdatesChatRoomsHear()) {
    for (const locale of ['en', 'id']) {
      it(`for ${name} in ${locale} parses with the event schema and carries the record, the update and the message`, () => {
        const event = anEventFor(update, locale, aConfig(), timeline);
        expect(webhookEventSchema.parse(event)).toEqual(event);
        expect(event.timestamp).toBe(update.createdAt);
        expect(event.data.update.id).toBe(update.id);
        expect(event.data.incident.id).toBe(update.incidentId);
        expect(event.data.incident.updates.map((entry) => entry.seq).at(-1)).toBe(update.seq);
        expect('type' in event.data.incident).toBe(update.kind.startsWith('maintenance_'));
      });
    }
  }
});

describe('the event message', () => {
  it("is the in-app message in the subscriber's locale, so chat reads what every other channel says", () => {
    const config = aConfig();
    for (const { update } of theUpdatesChatRoomsHear()) {
      for (const locale of ['en', 'id']) {
        const inApp = renderInApp({ update, locale, config });
        expect(webhookMessage(update, locale, config)).toEqual({ locale, title: inApp.title, text: inApp.text, url: 'https://status.nimbus.example' });
      }
    }
  });

  it("follows an operator's in-app templates", () => {
    const config = aConfig({ templates: { recovery: { inapp: { en: { title: 'Fixed: {title}' }, id: { title: 'Beres: {title}' } } } } });
    const { update } = theUpdatesChatRoomsHear().find(({ name }) => name === 'the recovery')!;
    expect(webhookMessage(update, 'id', config).title).toBe('Beres: Chat, API, dan pembuatan video tidak tersedia');
  });
});

describe('the labels of chat messages', () => {
  it("come from the locale's catalog", () => {
    const config = aConfig();
    expect(webhookLabels('en', config)).toMatchObject({ viewStatusPage: 'View status page', serviceName: 'Nimbus Chat' });
    expect(webhookLabels('id', config)).toMatchObject({ viewStatusPage: 'Lihat halaman status', serviceName: 'Nimbus Chat' });
    expect(webhookLabels('id', config).status.resolved).not.toBe(webhookLabels('en', config).status.resolved);
    expect(webhookLabels('id-ID', config).viewStatusPage).toBe('Lihat halaman status');
  });
});
