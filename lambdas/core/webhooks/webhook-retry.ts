/** Retries go on for at least this long after the first attempt (docs/api.md). */
export const webhookRetryHorizonMs = 24 * 60 * 60 * 1000;

/**
 * Receives of one delivery at most. Backing off as below, the shortest possible wait over these
 * attempts is still over 24 hours, so the time horizon is what ends the retries; the count only
 * stops a receiver that keeps answering `Retry-After: 1` from being called forever.
 */
export const webhookMaxAttempts = 40;

const firstDelaySeconds = 30;
const longestDelaySeconds = 2 * 60 * 60;
/** SQS takes at most 12 hours in ChangeMessageVisibility. */
const longestRetryAfterSeconds = 12 * 60 * 60;

/**
 * Seconds to wait after the `attempt`-th failed attempt (1-based): doubling from 30 s up to 2 h,
 * with "equal jitter" (half fixed, half random) so receivers that failed together are not retried
 * together. A receiver's own `Retry-After` is waited for as it asked.
 *
 * @example
 * webhookRetryDelaySeconds(1, 0); // 15
 * webhookRetryDelaySeconds(3, 1); // 120
 * webhookRetryDelaySeconds(3, 0.5, 600); // 600
 */
export function webhookRetryDelaySeconds(attempt: number, random: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined) return Math.min(longestRetryAfterSeconds, Math.max(1, Math.ceil(retryAfterSeconds)));
  const base = Math.min(longestDelaySeconds, firstDelaySeconds * 2 ** Math.max(0, attempt - 1));
  return Math.ceil(base / 2 + (base / 2) * Math.min(1, Math.max(0, random)));
}

/** Whether the attempt that just failed was the last: the horizon has passed or the attempts are spent. */
export function isLastWebhookAttempt(attempt: number, firstAttemptAtMs: number, nowMs: number): boolean {
  return attempt >= webhookMaxAttempts || nowMs - firstAttemptAtMs >= webhookRetryHorizonMs;
}
