import ipaddr from 'ipaddr.js';
import type { WebhookMode } from './webhook-mode.js';

// Named apart from their ranges only so the reason tells the subscriber what the address is: every one
// of them already falls in a refused range (link-local, unique-local, CGNAT).
const cloudMetadataAddresses = new Set([
  '169.254.169.254', // AWS, Azure, Google Cloud, Oracle and most others: instance metadata
  '169.254.170.2', // AWS ECS task metadata and credentials
  '169.254.170.23', // AWS EKS Pod Identity credentials
  'fd00:ec2::254', // AWS instance metadata over IPv6
  'fd00:ec2::23', // AWS EKS Pod Identity over IPv6
  '100.100.100.200', // Alibaba Cloud metadata
]);

/** How each refused ipaddr.js range reads in a reason; a range missing here reads by its ipaddr.js name. */
const rangeWords: Readonly<Record<string, string>> = {
  private: 'a private',
  loopback: 'a loopback',
  linkLocal: 'a link-local',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10)',
  multicast: 'a multicast',
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  reserved: 'a reserved',
  uniqueLocal: 'a unique-local',
  deprecatedSiteLocal: 'a site-local',
  rfc6052: 'a NAT64 (IPv4-embedding)',
  rfc6145: 'an IPv4-translated',
  '6to4': 'a 6to4 (IPv4-embedding)',
  teredo: 'a Teredo (IPv4-embedding)',
  benchmarking: 'a benchmarking',
  discard: 'a discard-only',
};

/** Where the address came from, so the reason names what the subscriber wrote. */
export interface AddressOrigin {
  /** The host name that resolved to the address; without it the address was written as is. */
  resolvedFrom?: string;
}

/**
 * Why a webhook must not be sent to this IP address, in words for a problem `detail`; `undefined`
 * when it may. Only global unicast addresses pass (an allow-list, so a special range ipaddr.js learns
 * later is refused rather than let through); locally the loopback range passes too. An IPv4-mapped
 * IPv6 address is judged as the IPv4 address it reaches.
 *
 * @example
 * addressRefusal('169.254.169.254', 'deployed'); // '169.254.169.254 is a link-local (cloud metadata) address'
 * addressRefusal('10.0.0.1', 'deployed', { resolvedFrom: 'webhook.example' }); // 'webhook.example resolves to 10.0.0.1, a private address'
 * addressRefusal('127.0.0.1', 'local'); // undefined
 * addressRefusal('93.184.216.34', 'deployed'); // undefined
 */
export function addressRefusal(address: string, mode: WebhookMode, origin: AddressOrigin = {}): string | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return sentence(address, 'not an IP address', origin);
  const reached = parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
  const range = rangeOf(reached);
  if (range === 'unicast' || (range === 'loopback' && mode === 'local')) return undefined;

  const metadata = cloudMetadataAddresses.has(reached.toString()) ? ' (cloud metadata)' : '';
  const mapped = reached === parsed ? '' : ` (IPv4-mapped ${reached.toString()})`;
  return sentence(address, `${rangeWords[range] ?? `a special-purpose (${range})`}${metadata} address${mapped}`, origin);
}

function sentence(address: string, whatItIs: string, origin: AddressOrigin): string {
  return origin.resolvedFrom ? `${origin.resolvedFrom} resolves to ${address}, ${whatItIs}` : `${address} is ${whatItIs}`;
}

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // `ipaddr.isValid` also takes forms no resolver answers and a URL host never keeps (`0x7f.1`, `2130706433`).
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  if (ipaddr.IPv6.isValid(address)) return ipaddr.IPv6.parse(address);
  return undefined;
}

function rangeOf(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (address instanceof ipaddr.IPv4) return address.range();
  // ::a.b.c.d (IPv4-compatible, deprecated by RFC 4291) is no special range to ipaddr.js, yet some
  // stacks still reach the embedded IPv4 address through it.
  const ipv4Compatible = address.range() === 'unicast' && address.parts.slice(0, 6).every((part) => part === 0);
  return ipv4Compatible ? 'reserved' : address.range();
}
