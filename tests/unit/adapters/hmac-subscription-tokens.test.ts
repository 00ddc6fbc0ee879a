import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSubscriptionTokens } from '../../../lambdas/adapters/tokens/hmac-subscription-tokens.js';

const key = randomBytes(32);
const tokens = new HmacSubscriptionTokens(key);
const subscriberId = 'sub_01JF3Z8Q4W6X2N5R7T9V1B3C5D';

describe('HMAC subscription tokens', () => {
  it('reads back the subscriber and generation of a token it issued, for that purpose only', () => {
    for (const purpose of ['confirm', 'manage'] as const) {
      const token = tokens.issue(purpose, subscriberId, 3);
      expect(tokens.read(token, purpose)).toEqual({ subscriberId, generation: 3 });
    }
    expect(tokens.read(tokens.issue('confirm', subscriberId, 0), 'manage')).toBeUndefined();
    expect(tokens.read(tokens.issue('manage', subscriberId, 0), 'confirm')).toBeUndefined();
  });

  it('is <id>.<generation>.<the full HMAC-SHA256 of "purpose|id|generation">, in base64url', () => {
    const mac = createHmac('sha256', key).update(`manage|${subscriberId}|7`).digest('base64url');
    expect(tokens.issue('manage', subscriberId, 7)).toBe(`${subscriberId}.7.${mac}`);
    expect(mac).toHaveLength(43);
  });

  it('refuses a token whose id or generation was changed, or that another key signed', () => {
    const token = tokens.issue('manage', subscriberId, 1);
    const [, , mac] = token.split('.');
    expect(tokens.read(`sub_01JF3Z8Q4W6X2N5R7T9V1B3C5E.1.${mac}`, 'manage')).toBeUndefined();
    expect(tokens.read(`${subscriberId}.2.${mac}`, 'manage')).toBeUndefined();
    expect(tokens.read(`${subscriberId}.01.${mac}`, 'manage')).toBeUndefined();
    expect(new HmacSubscriptionTokens(randomBytes(32)).read(token, 'manage')).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['one part', 'abc'],
    ['four parts', 'a.0.b.c'],
    ['a shortened MAC', 'sub_1.0.AAAA'],
    ['a MAC with padding', `sub_1.0.${'A'.repeat(42)}=`],
    ['a negative generation', `sub_1.-1.${'A'.repeat(43)}`],
    ['a huge generation', `sub_1.99999999999.${'A'.repeat(43)}`],
    ['an id with odd characters', `sub 1.0.${'A'.repeat(43)}`],
    ['a forged MAC', `sub_1.0.${'A'.repeat(43)}`],
  ])('answers undefined for %s, never an error', (_what, token) => {
    expect(tokens.read(token, 'manage')).toBeUndefined();
    expect(tokens.read(token, 'confirm')).toBeUndefined();
  });

  it('refuses a key shorter than 32 bytes, saying what it needs', () => {
    expect(() => new HmacSubscriptionTokens(randomBytes(31))).toThrow(/at least 32 random bytes/);
  });
});
