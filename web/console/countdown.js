// @ts-check

/**
 * How far a "next update by" promise is, as the console shows it: `h:mm:ss` (or `m:ss` under an
 * hour) of what is left, or of how late it is once passed.
 * @param {string} deadline ISO instant @param {number} nowMs
 * @returns {{ overdue: boolean, text: string }}
 * @example
 * countdown('2024-12-12T07:00:00Z', Date.parse('2024-12-12T06:58:55Z')) // { overdue: false, text: '1:05' }
 */
export function countdown(deadline, nowMs) {
  const left = Date.parse(deadline) - nowMs;
  const seconds = Math.floor(Math.abs(left) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return { overdue: left < 0, text: h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}` };
}
