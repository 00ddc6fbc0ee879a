import { promises as dns } from 'node:dns';

/** One address a host name resolves to, as `dns.lookup` answers it. */
export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Every address a host name resolves to; a seam so tests answer what a hostile DNS would. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/**
 * The operating system's resolver, as the connection itself would use it (`/etc/hosts`, then DNS),
 * asked for every address rather than the first, so no answer goes unchecked.
 *
 * @example
 * await systemHostResolver('localhost'); // [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }]
 */
export const systemHostResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });
