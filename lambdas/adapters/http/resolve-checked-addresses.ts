import { addressRefusal } from '../../core/webhooks/address-policy.js';
import type { WebhookMode } from '../../core/webhooks/webhook-mode.js';
import type { HostResolver, ResolvedAddress } from './host-resolver.js';

export type CheckedAddresses = { ok: true; addresses: readonly ResolvedAddress[] } | { ok: false; reason: string };

/**
 * Resolves a host name and checks every address in the answer: one refused address refuses the
 * host, since the connection may pick any of them (and a rebinding attacker answers a public and a
 * private address together). Never throws; a name that does not resolve is a reason like any other.
 *
 * @example
 * await resolveCheckedAddresses('webhook.example', 'deployed', async () => [{ address: '10.0.0.1', family: 4 }]);
 * // { ok: false, reason: 'webhook.example resolves to 10.0.0.1, a private address' }
 */
export async function resolveCheckedAddresses(hostname: string, mode: WebhookMode, resolve: HostResolver): Promise<CheckedAddresses> {
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    return { ok: false, reason: unresolvedReason(hostname, error) };
  }
  if (addresses.length === 0) return { ok: false, reason: `${hostname} does not resolve to any address` };
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, mode, { resolvedFrom: hostname });
    if (refusal) return { ok: false, reason: refusal };
  }
  return { ok: true, addresses };
}

function unresolvedReason(hostname: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // EAI_AGAIN is the resolver failing, not the name: the subscriber should try again, not fix the URL.
  if (code === 'EAI_AGAIN') return `${hostname} could not be resolved just now (EAI_AGAIN); try again later`;
  if (code === 'ENOTFOUND' || code === 'ENODATA') return `${hostname} does not resolve`;
  return `${hostname} could not be resolved (${code ?? (error instanceof Error ? error.message : String(error))})`;
}
