import { describe, expect, it } from 'vitest';
import { decideSubscribe } from '../../../lambdas/core/subscribers/subscribe-decision.js';
import { aConfig } from '../../support/builders.js';
import { aStoredSubscriber, countingIds } from '../../support/subscribers.js';

const config = aConfig();
const subscribedAt = '2024-12-12T07:00:00.000Z';
const minutesLater = (minutes: number) => new Date(Date.parse(subscribedAt) + minutes * 60_000).toISOString();
const context = (now: string) => ({ now, ids: countingIds(), config });

describe('subscribing an address nobody has subscribed', () => {
  it('stores it pending, with the defaults, and asks for a confirmation mail in the same write', () => {
    expect(decideSubscribe(undefined, { email: 'Ana@Example.com' }, context(subscribedAt))).toEqual({
      kind: 'create',
      subscriber: {
        id: 'sub_1',
        email: 'ana@example.com',
        locale: 'en',
        components: [],
        timeZone: 'UTC',
        state: 'pending',
        createdAt: subscribedAt,
        confirmationRequestedAt: subscribedAt,
        tokenGeneration: 0,
        version: 1,
      },
      mail: { id: 'mrq_1', subscriberId: 'sub_1', mail: 'confirmation', requestedAt: subscribedAt },
    });
  });

  it("takes the locale's configured time zone unless one is given", () => {
    const indonesian = decideSubscribe(undefined, { email: 'budi@example.com', locale: 'id' }, context(subscribedAt));
    expect(indonesian?.subscriber).toMatchObject({ locale: 'id', timeZone: 'Asia/Jakarta' });
    const chosen = decideSubscribe(undefined, { email: 'budi@example.com', locale: 'id', timeZone: 'Asia/Makassar', components: ['api'] }, context(subscribedAt));
    expect(chosen?.subscriber).toMatchObject({ locale: 'id', timeZone: 'Asia/Makassar', components: ['api'] });
    const unzoned = decideSubscribe(undefined, { email: 'c@example.com' }, { ...context(subscribedAt), config: aConfig({ timeZones: {} }) });
    expect(unzoned?.subscriber.timeZone).toBe('UTC');
  });
});

describe('subscribing a pending address again', () => {
  const pending = aStoredSubscriber({ confirmationRequestedAt: subscribedAt, version: 4 });

  it('changes nothing within 10 minutes of the last confirmation mail, even with new preferences', () => {
    expect(decideSubscribe(pending, { email: pending.email }, context(minutesLater(9.99)))).toBeUndefined();
    expect(decideSubscribe(pending, { email: pending.email, locale: 'id', components: ['chat'] }, context(minutesLater(1)))).toBeUndefined();
  });

  it('sends the confirmation again from 10 minutes on, keeping the preferences and the token generation', () => {
    const later = minutesLater(10);
    expect(decideSubscribe(pending, { email: pending.email, locale: 'id' }, context(later))).toEqual({
      kind: 'save',
      subscriber: { ...pending, confirmationRequestedAt: later, version: 5 },
      expectedVersion: 4,
      mail: { id: 'mrq_1', subscriberId: pending.id, mail: 'confirmation', requestedAt: later },
    });
  });
});

describe('subscribing a confirmed address again', () => {
  const confirmed = aStoredSubscriber({ state: 'confirmed', confirmedAt: subscribedAt, version: 2 });

  it('changes nothing but sends the preferences link, at most once per 24 hours', () => {
    const first = decideSubscribe(confirmed, { email: confirmed.email, locale: 'id' }, context(minutesLater(1)));
    expect(first).toEqual({
      kind: 'save',
      subscriber: { ...confirmed, preferencesMailRequestedAt: minutesLater(1), version: 3 },
      expectedVersion: 2,
      mail: { id: 'mrq_1', subscriberId: confirmed.id, mail: 'preferences', requestedAt: minutesLater(1) },
    });
    const mailed = first!.subscriber;
    expect(decideSubscribe(mailed, { email: confirmed.email }, context(minutesLater(1 + 24 * 60 - 1)))).toBeUndefined();
    expect(decideSubscribe(mailed, { email: confirmed.email }, context(minutesLater(1 + 24 * 60)))?.mail?.mail).toBe('preferences');
  });
});

describe('subscribing an unsubscribed address again', () => {
  it('makes it pending with the new preferences and a new token generation, and sends a confirmation', () => {
    const unsubscribed = aStoredSubscriber({
      state: 'unsubscribed',
      confirmedAt: subscribedAt,
      unsubscribedAt: minutesLater(5),
      reason: 'one-click',
      components: ['chat'],
      tokenGeneration: 2,
      version: 6,
    });
    const now = minutesLater(6);
    const { confirmedAt: _confirmedAt, unsubscribedAt: _unsubscribedAt, reason: _reason, ...kept } = unsubscribed;
    expect(decideSubscribe(unsubscribed, { email: unsubscribed.email, locale: 'id' }, context(now))).toEqual({
      kind: 'save',
      subscriber: { ...kept, locale: 'id', components: [], timeZone: 'Asia/Jakarta', state: 'pending', confirmationRequestedAt: now, tokenGeneration: 3, version: 7 },
      expectedVersion: 6,
      mail: { id: 'mrq_1', subscriberId: unsubscribed.id, mail: 'confirmation', requestedAt: now },
    });
  });
});

describe('subscribing a suppressed address', () => {
  it('does nothing at all, ever: it bounced or complained', () => {
    const suppressed = aStoredSubscriber({ state: 'suppressed', suppressedAt: subscribedAt, reason: 'bounced' });
    expect(decideSubscribe(suppressed, { email: suppressed.email }, context(minutesLater(60 * 24 * 30)))).toBeUndefined();
  });
});
