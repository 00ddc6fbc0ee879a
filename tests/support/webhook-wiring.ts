import { randomBytes } from 'node:crypto';
import { DnsWebhookDestinations } from '../../lambdas/adapters/http/dns-webhook-destinations.js';
import type { HostResolver } from '../../lambdas/adapters/http/host-resolver.js';
import { HmacWebhookSecrets } from '../../lambdas/adapters/tokens/hmac-webhook-secrets.js';
import type { WebhookMode } from '../../lambdas/core/webhooks/webhook-mode.js';

/**
 * The webhook parts of the API's wiring for tests: secrets from a fresh key, destinations checked
 * as the given mode does (local by default, so receivers on 127.0.0.1 may be subscribed).
 */
export function aWebhookWiring(options: { mode?: WebhookMode; resolve?: HostResolver; key?: Uint8Array } = {}) {
  const secrets = new HmacWebhookSecrets(options.key ?? randomBytes(32));
  return {
    webhookSecrets: async () => secrets,
    webhookDestinations: new DnsWebhookDestinations({ mode: options.mode ?? 'local', ...(options.resolve ? { resolve: options.resolve } : {}) }),
  };
}
