/**
 * Keeps one worker's sends at least `intervalMs` apart, so all the workers together stay within the
 * account's sending rate. Shared by every batch a container handles.
 *
 * @example
 * const pacer = createPacer(143, () => Date.now(), sleep);
 * await pacer.wait(); await send();
 */
export function createPacer(intervalMs: number, now: () => number, sleep: (milliseconds: number) => Promise<void>) {
  let nextAt = 0;
  return {
    async wait(): Promise<void> {
      const at = now();
      const start = Math.max(at, nextAt);
      nextAt = start + intervalMs;
      if (start > at) await sleep(start - at);
    },
  };
}
