import { describe, expect, it } from 'vitest';
import { changePreferences } from '../../../lambdas/core/subscribers/change-preferences.js';
import { confirmSubscriber } from '../../../lambdas/core/subscribers/confirm-subscriber.js';
import { decideImport } from '../../../lambdas/core/subscribers/import-decision.js';
import { unsubscribeSubscriber } from '../../../lambdas/core/subscribers/unsubscribe-subscriber.js';
import { aConfig } from '../../support/builders.js';
import { aStoredSubscriber, countingIds } from '../../support/subscribers.js';

const now = '2024-12-12T08:00:00.000Z';
const pending = aStoredSubscriber({ version: 3 });
const confirmed = aStoredSubscriber({ state: 'confirmed', confirmedAt: '2024-12-12T07:05:00.000Z', version: 4 });
const unsubscribed = aStoredSubscriber({ state: 'unsubscribed', unsubscribedAt: '2024-12-12T07:30:00.000Z', reason: 'one-click', version: 5 });
const suppressed = aStoredSubscriber({ state: 'suppressed', suppressedAt: '2024-12-12T07:30:00.000Z', reason: 'bounced', version: 5 });

describe('confirming', () => {
  it('makes a pending subscriber confirmed, with when', () => {
    expect(confirmSubscriber(pending, now)).toEqual({ confirmed: true, next: { ...pending, state: 'confirmed', confirmedAt: now, version: 4 } });
  });

  it('confirms a confirmed subscriber again without a write', () => {
    expect(confirmSubscriber(confirmed, now)).toEqual({ confirmed: true });
  });

  it('never brings back an address that unsubscribed or bounced from an old confirmation mail', () => {
    expect(confirmSubscriber(unsubscribed, now)).toEqual({ confirmed: false });
    expect(confirmSubscriber(suppressed, now)).toEqual({ confirmed: false });
  });
});

describe('unsubscribing', () => {
  it('makes a pending or confirmed subscriber unsubscribed, with when and why', () => {
    expect(unsubscribeSubscriber(confirmed, now, 'one-click')).toEqual({ ...confirmed, state: 'unsubscribed', unsubscribedAt: now, reason: 'one-click', version: 5 });
    expect(unsubscribeSubscriber(pending, now, 'one-click')).toMatchObject({ state: 'unsubscribed', version: 4 });
  });

  it('keeps the token generation, so the same link still reads as unsubscribed', () => {
    expect(unsubscribeSubscriber({ ...confirmed, tokenGeneration: 2 }, now, 'one-click')?.tokenGeneration).toBe(2);
  });

  it('writes nothing for one already out, and leaves a suppressed address suppressed', () => {
    expect(unsubscribeSubscriber(unsubscribed, now, 'one-click')).toBeUndefined();
    expect(unsubscribeSubscriber(suppressed, now, 'one-click')).toBeUndefined();
  });
});

describe('changing preferences', () => {
  it('changes what the request names and keeps the rest, whatever the state', () => {
    expect(changePreferences(confirmed, { locale: 'id' })).toEqual({ ...confirmed, locale: 'id', version: 5 });
    expect(changePreferences(confirmed, { components: ['api'], timeZone: 'Asia/Jakarta' })).toEqual({ ...confirmed, components: ['api'], timeZone: 'Asia/Jakarta', version: 5 });
    expect(changePreferences(unsubscribed, { locale: 'id' })).toMatchObject({ state: 'unsubscribed', locale: 'id' });
  });

  it('writes nothing when nothing differs (components in another order are the same choice)', () => {
    const choosy = { ...confirmed, components: ['chat', 'api'] };
    expect(changePreferences(choosy, { locale: 'en', components: ['api', 'chat'], timeZone: 'UTC' })).toBeUndefined();
    expect(changePreferences(choosy, { components: [] })).toMatchObject({ components: [] });
  });
});

describe('importing one address', () => {
  const context = () => ({ now, ids: countingIds(), config: aConfig() });

  it('adds a new address confirmed, without any mail, when the operator attests an earlier opt-in', () => {
    expect(decideImport({ email: 'Ana@Example.com', locale: 'id' }, true, context())).toEqual({
      kind: 'create',
      subscriber: {
        id: 'sub_1',
        email: 'ana@example.com',
        locale: 'id',
        components: [],
        timeZone: 'Asia/Jakarta',
        state: 'confirmed',
        createdAt: now,
        confirmedAt: now,
        tokenGeneration: 0,
        version: 1,
      },
    });
  });

  it('adds a new address pending, with a confirmation mail, without that attestation', () => {
    const change = decideImport({ email: 'ana@example.com' }, false, context());
    expect(change.subscriber).toMatchObject({ state: 'pending', confirmationRequestedAt: now });
    expect(change.mail).toEqual({ id: 'mrq_1', subscriberId: 'sub_1', mail: 'confirmation', requestedAt: now });
  });
});
