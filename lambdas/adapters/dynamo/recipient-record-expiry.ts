/** How long the per-recipient records of a send stay after it: long enough to audit it, then TTL. */
const recordRetentionSeconds = 90 * 24 * 60 * 60;

/**
 * The `expiresAt` (epoch seconds, DynamoDB TTL) of a per-recipient record written at `now`: the email
 * channel's pages, batches and recipients, the webhook channel's recipients.
 *
 * @example
 * recipientRecordExpiry('2024-12-12T07:00:00.000Z'); // 1741762800
 */
export function recipientRecordExpiry(now: string): number {
  return Math.floor(Date.parse(now) / 1000) + recordRetentionSeconds;
}
