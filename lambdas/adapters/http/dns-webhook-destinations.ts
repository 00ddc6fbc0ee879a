import { isIP } from 'node:net';
import { parseWebhookUrl } from '../../core/webhooks/webhook-url-policy.js';
import type { WebhookMode } from '../../core/webhooks/webhook-mode.js';
import type { WebhookDestinations } from '../../core/ports/webhook-destinations.js';
import { systemHostResolver, type HostResolver } from './host-resolver.js';
import { resolveCheckedAddresses } from './resolve-checked-addresses.js';

export interface DnsWebhookDestinationsOptions {
  mode: WebhookMode;
  /** Defaults to the operating system's resolver; tests answer what a hostile DNS would. */
  resolve?: HostResolver;
}

/**
 * Decides at subscription whether a webhook URL may be called: the URL's form by the core policy,
 * then every address its host resolves to now. The poster checks again at each connection, since
 * the answer can change after this.
 *
 * @example
 * const destinations = new DnsWebhookDestinations({ mode: 'deployed' });
 * await destinations.refusal('https://hooks.example.com/incidents'); // undefined
 * await destinations.refusal('http://hooks.example.com/incidents'); // 'the URL must use https://'
 */
export class DnsWebhookDestinations implements WebhookDestinations {
  private readonly mode: WebhookMode;
  private readonly resolve: HostResolver;

  constructor(options: DnsWebhookDestinationsOptions) {
    this.mode = options.mode;
    this.resolve = options.resolve ?? systemHostResolver;
  }

  async refusal(url: string): Promise<string | undefined> {
    const verdict = parseWebhookUrl(url, this.mode);
    if (!verdict.ok) return verdict.reason;
    const hostname = verdict.url.hostname.replace(/^\[(.*)\]$/, '$1');
    // An address written in the URL was judged by the policy already; there is nothing to resolve.
    if (isIP(hostname)) return undefined;
    const checked = await resolveCheckedAddresses(hostname, this.mode, this.resolve);
    return checked.ok ? undefined : checked.reason;
  }
}
