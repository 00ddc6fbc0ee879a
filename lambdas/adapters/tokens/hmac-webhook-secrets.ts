import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookSecrets } from '../../core/ports/webhook-secrets.js';
import { minimumTokenKeyBytes } from './hmac-subscription-tokens.js';

/**
 * Webhook signing secrets derived with HMAC-SHA256 from the deployment's token key and the
 * subscriber's id: `whsec_` + base64 of the 32-byte MAC, as the Standard Webhooks specification
 * writes a secret. The table never holds one; the subscriber sees it once, in the `201`. The purpose
 * string keeps these MACs apart from subscription tokens made with the same key.
 *
 * @example
 * const secrets = new HmacWebhookSecrets(key);
 * secrets.matches('whk_01J…', secrets.secretFor('whk_01J…')); // true
 */
export class HmacWebhookSecrets implements WebhookSecrets {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength < minimumTokenKeyBytes) throw new Error(`the webhook secret key has ${key.byteLength} bytes; it needs at least ${minimumTokenKeyBytes} random bytes`);
    this.key = Buffer.from(key);
  }

  secretFor(webhookId: string): string {
    return `whsec_${this.mac(webhookId).toString('base64')}`;
  }

  matches(webhookId: string, given: string): boolean {
    const expected = Buffer.from(this.secretFor(webhookId), 'utf8');
    const offered = Buffer.from(given, 'utf8');
    return offered.byteLength === expected.byteLength && timingSafeEqual(offered, expected);
  }

  private mac(webhookId: string): Buffer {
    return createHmac('sha256', this.key).update(`webhook-signing-secret|${webhookId}`, 'utf8').digest();
  }
}
