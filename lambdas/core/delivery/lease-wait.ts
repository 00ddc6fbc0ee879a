/**
 * How long a copy of a message waits for another's claim: what is left of that claim's lease (and a
 * second, so the lease has surely run out), never more than a whole lease; a whole lease when the
 * holder's lease is not known. A worker that died holding the claim is not waited for twice.
 *
 * @example
 * leaseWaitSeconds(now + 12_300, now, 35); // 14
 * leaseWaitSeconds(undefined, now, 35); // 35
 */
export function leaseWaitSeconds(leaseUntil: number | undefined, nowMs: number, leaseSeconds: number): number {
  if (leaseUntil === undefined) return leaseSeconds;
  return Math.min(leaseSeconds, Math.max(0, Math.ceil((leaseUntil - nowMs) / 1000)) + 1);
}
