/**
 * When a change is stamped: now, unless the record was last changed later by a clock ahead of ours.
 * Clocks of different containers drift; a timeline must still never run backwards.
 *
 * @example
 * changeTime('2024-12-12T07:00:00.000Z', head.updatedAt);
 */
export function changeTime(now: string, lastChangedAt: string): string {
  return now > lastChangedAt ? now : lastChangedAt;
}
