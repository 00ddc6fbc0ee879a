import { XTransientFailure } from '../../core/ports/x-post-errors.js';
import type { XPoster, XPostRequest } from '../../core/ports/x-poster.js';

/**
 * Posts, trying again after each pause of `delaysMs` while X fails transiently (5xx, network,
 * timeout); any other outcome, or the last transient failure, is the caller's. `onTransientFailure`
 * hears of each transient failure: X may have taken a post whose answer was lost.
 *
 * @example
 * await postWithBackoff(poster, request, [200, 400], (ms) => new Promise((r) => setTimeout(r, ms)));
 */
export async function postWithBackoff(
  poster: XPoster,
  request: XPostRequest,
  delaysMs: readonly number[],
  sleep: (milliseconds: number) => Promise<void>,
  onTransientFailure: () => void = () => {},
): Promise<{ id: string }> {
  for (const delayMs of delaysMs) {
    try {
      return await poster.post(request);
    } catch (error) {
      if (!(error instanceof XTransientFailure)) throw error;
      onTransientFailure();
      await sleep(delayMs);
    }
  }
  return poster.post(request);
}
