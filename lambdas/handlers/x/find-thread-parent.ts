import type { DeliveryKey, DeliveryLedger } from '../../core/ports/delivery-ledger.js';

/** Where a threaded post hangs: after a post, waiting for one, or nowhere (it starts the thread). */
export type ThreadParent =
  | { state: 'sent'; seq: number; postId: string | undefined }
  | { state: 'pending'; seq: number }
  | { state: 'none' };

/**
 * The previous X delivery of the same incident and locale: the row with the highest `seq` below
 * this one (skipped rows were never meant to be posted and are passed over). A failed one is
 * not replied to: X may have refused it because the thread is gone, so the next post starts afresh.
 *
 * @example
 * const parent = await findThreadParent(ledger, { incidentId, seq: 3, channel: 'x', locale: 'en' });
 */
export async function findThreadParent(ledger: DeliveryLedger, key: DeliveryKey): Promise<ThreadParent> {
  const rows = await ledger.listForIncident(key.incidentId);
  const previous = rows
    .filter((row) => row.channel === 'x' && row.locale === key.locale && row.seq < key.seq && row.state !== 'skipped')
    .reduce<(typeof rows)[number] | undefined>((latest, row) => (latest === undefined || row.seq > latest.seq ? row : latest), undefined);
  if (previous?.state === 'pending') return { state: 'pending', seq: previous.seq };
  // A post X reported as duplicate content is `sent` without an id: the new post then starts a thread.
  if (previous?.state === 'sent') return { state: 'sent', seq: previous.seq, postId: previous.externalId };
  return { state: 'none' };
}
