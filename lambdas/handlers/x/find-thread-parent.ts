import type { DeliveryKey, DeliveryLedger } from '../../core/ports/delivery-ledger.js';

/** Where a threaded post hangs: under the latest post of its thread, or nowhere (it starts the thread). */
export type ThreadParent = { state: 'sent'; seq: number; postId: string } | { state: 'none' };

/**
 * The latest X post of the same incident and locale before this update: the `sent` row with the
 * highest `seq` below this one that holds a post id. The FIFO queue hands the X worker an incident's
 * updates in order, each only once the previous one is done, so an earlier row still `pending` was
 * dead-lettered (an operator may redrive it) and a `failed` or `skipped` one was never posted: the
 * thread goes on under the last post that is out.
 *
 * @example
 * const parent = await findThreadParent(ledger, { incidentId, seq: 3, channel: 'x', locale: 'en' });
 */
export async function findThreadParent(ledger: DeliveryLedger, key: DeliveryKey): Promise<ThreadParent> {
  const rows = await ledger.listForIncident(key.incidentId);
  let parent: ThreadParent = { state: 'none' };
  for (const row of rows) {
    if (row.channel !== 'x' || row.locale !== key.locale || row.seq >= key.seq || row.state !== 'sent' || !row.externalId) continue;
    if (parent.state === 'none' || row.seq > parent.seq) parent = { state: 'sent', seq: row.seq, postId: row.externalId };
  }
  return parent;
}
