/**
 * How long after it was written a feed item is taken as settled: no item written before it can
 * still appear. Writers stamp an item with their clock just before the write lands, so an item
 * stamped a moment earlier by another writer may become visible a moment later; a cursor never
 * moves past an item younger than this, and a poller sees the young ones again on its next poll
 * (by the same `id`) rather than missing one that landed late.
 */
export const feedSettleMs = 5_000;

/** The sort position of a feed item: when it was written, then its update (two writes in one millisecond). */
export function feedPosition(writtenAt: string, updateId: string): string {
  return `${writtenAt}#${updateId}`;
}

/** Before every position: where a cursor stands in a feed with nothing settled yet. */
export const feedHead = '0';

/** Epoch seconds at which an item written at `writtenAt` expires (DynamoDB TTL), after `retentionDays`. */
export function feedExpiry(writtenAt: string, retentionDays: number): number {
  return Math.floor(Date.parse(writtenAt) / 1000) + retentionDays * 86_400;
}

/**
 * Where an oldest-first page's cursor stands: after its last settled item (written before
 * `settledBefore`; an item without a write time predates them and is settled), else where the reader
 * stood, else at the head. Positions sort by write time, so the settled items are the page's first.
 */
export function nextFeedPosition(page: readonly { position: string; writtenAt: string | undefined }[], settledBefore: string | undefined, after: string | undefined): string {
  const settled = page.filter((item) => settledBefore === undefined || item.writtenAt === undefined || item.writtenAt <= settledBefore);
  return settled.at(-1)?.position ?? after ?? feedHead;
}
