import type { LookupFunction } from 'node:net';
import type { WebhookMode } from '../../core/webhooks/webhook-mode.js';
import { DestinationRefused } from './destination-refused.js';
import type { HostResolver } from './host-resolver.js';
import { resolveCheckedAddresses } from './resolve-checked-addresses.js';

/**
 * A `lookup` for `http.request` that resolves the host itself and hands the socket only addresses it
 * checked, so the connection goes to exactly what was judged: nothing can change between the check
 * and the connect, as it could if the URL were checked first and the socket resolved again. A refused
 * or unresolved host fails the request with a `DestinationRefused`.
 *
 * Node asks for every address (`all: true`) when it races IPv4 and IPv6 (`autoSelectFamily`, on by
 * default since Node 20) and for one otherwise; both are answered. An IP address written in the URL
 * never reaches a lookup: the URL policy judges it.
 *
 * @example
 * https.request(url, { lookup: checkedLookup('deployed', systemHostResolver) });
 */
export function checkedLookup(mode: WebhookMode, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    void resolveCheckedAddresses(hostname, mode, resolve).then((checked) => {
      if (!checked.ok) return callback(new DestinationRefused(checked.reason), '', 0);
      const addresses = checked.addresses.filter((address) => family === undefined || address.family === family);
      const [first] = addresses;
      if (!first) return callback(new DestinationRefused(`${hostname} has no IPv${family} address`), '', 0);
      if (options.all) return callback(null, addresses.map(({ address, family: addressFamily }) => ({ address, family: addressFamily })));
      return callback(null, first.address, first.family);
    });
  };
}
