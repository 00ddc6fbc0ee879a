import { describe, expect, it } from 'vitest';
import { DnsWebhookDestinations } from '../../../lambdas/adapters/http/dns-webhook-destinations.js';
import type { HostResolver } from '../../../lambdas/adapters/http/host-resolver.js';

/** A resolver that answers every name with these addresses, and remembers what it was asked. */
function answering(...addresses: string[]): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

function failingWith(code: string): HostResolver {
  return async (hostname) => {
    throw Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname });
  };
}

describe('checking a webhook destination at subscription', () => {
  it('refuses a host name that resolves to a private address', async () => {
    const destinations = new DnsWebhookDestinations({ mode: 'deployed', resolve: answering('10.0.0.5') });
    expect(await destinations.refusal('https://webhook.example/hooks')).toBe('webhook.example resolves to 10.0.0.5, a private address');
  });

  it('refuses a host name when any one of its addresses is refused', async () => {
    const destinations = new DnsWebhookDestinations({ mode: 'deployed', resolve: answering('93.184.216.34', 'fd00:ec2::254') });
    expect(await destinations.refusal('https://webhook.example/hooks')).toBe('webhook.example resolves to fd00:ec2::254, a unique-local (cloud metadata) address');
  });

  it('accepts a host name whose every address is public', async () => {
    const destinations = new DnsWebhookDestinations({ mode: 'deployed', resolve: answering('93.184.216.34', '2606:4700::1') });
    expect(await destinations.refusal('https://webhook.example/hooks')).toBeUndefined();
  });

  it.each([
    ['ENOTFOUND', 'webhook.example does not resolve'],
    ['EAI_AGAIN', 'webhook.example could not be resolved just now (EAI_AGAIN); try again later'],
  ])('says so when the host name fails with %s', async (code, reason) => {
    const destinations = new DnsWebhookDestinations({ mode: 'deployed', resolve: failingWith(code) });
    expect(await destinations.refusal('https://webhook.example/hooks')).toBe(reason);
  });

  it('refuses by the URL’s form before asking DNS anything', async () => {
    const resolve = answering('93.184.216.34');
    const destinations = new DnsWebhookDestinations({ mode: 'deployed', resolve });
    expect(await destinations.refusal('http://webhook.example/hooks')).toBe('the URL must use https://');
    expect(await destinations.refusal('https://[::ffff:10.0.0.1]/hooks')).toBe('::ffff:a00:1 is a private address (IPv4-mapped 10.0.0.1)');
    expect(await destinations.refusal('https://93.184.216.34/hooks')).toBeUndefined();
    expect(resolve.asked).toEqual([]);
  });

  it('locally, accepts this machine by name', async () => {
    const destinations = new DnsWebhookDestinations({ mode: 'local', resolve: answering('::1', '127.0.0.1') });
    expect(await destinations.refusal('http://localhost:8080/hooks')).toBeUndefined();
  });
});
