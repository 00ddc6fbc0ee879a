import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SubscriptionTokens, TokenPurpose } from '../../core/ports/subscription-tokens.js';

/** Below this a key could be guessed faster than a MAC; the secret and the local key are 32 bytes. */
export const minimumTokenKeyBytes = 32;

const subscriberIdPattern = /^[A-Za-z0-9_-]{1,100}$/;
const generationPattern = /^(0|[1-9][0-9]{0,8})$/;
/** A full HMAC-SHA256 in base64url: 32 bytes, 43 characters. */
const macPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Subscription tokens derived with HMAC-SHA256, so the table holds no token at all:
 * `<subscriberId>.<generation>.<base64url HMAC(key, "<purpose>|<subscriberId>|<generation>")>`.
 * The purpose is inside the MAC, so a confirm token never reads as a manage token; the generation
 * is too, so raising the subscriber's `tokenGeneration` revokes every older token. The whole
 * 256-bit MAC is kept and compared in constant time.
 *
 * @example
 * const tokens = new HmacSubscriptionTokens(randomBytes(32));
 * const token = tokens.issue('manage', 'sub_01J…', 0);
 * tokens.read(token, 'manage'); // { subscriberId: 'sub_01J…', generation: 0 }
 * tokens.read(token, 'confirm'); // undefined
 */
export class HmacSubscriptionTokens implements SubscriptionTokens {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength < minimumTokenKeyBytes) {
      throw new Error(`the subscription token key has ${key.byteLength} bytes; it needs at least ${minimumTokenKeyBytes} random bytes`);
    }
    this.key = Buffer.from(key);
  }

  issue(purpose: TokenPurpose, subscriberId: string, generation: number): string {
    if (!subscriberIdPattern.test(subscriberId) || !generationPattern.test(String(generation))) {
      throw new Error(`cannot issue a token for subscriber "${subscriberId}" at generation ${generation}: not an id and generation this store writes`);
    }
    return `${subscriberId}.${generation}.${this.mac(purpose, subscriberId, String(generation)).toString('base64url')}`;
  }

  read(token: string, purpose: TokenPurpose): { subscriberId: string; generation: number } | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [subscriberId, generation, mac] = parts as [string, string, string];
    if (!subscriberIdPattern.test(subscriberId) || !generationPattern.test(generation) || !macPattern.test(mac)) return undefined;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(purpose, subscriberId, generation);
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) return undefined;
    return { subscriberId, generation: Number(generation) };
  }

  private mac(purpose: TokenPurpose, subscriberId: string, generation: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}|${subscriberId}|${generation}`, 'utf8').digest();
  }
}
