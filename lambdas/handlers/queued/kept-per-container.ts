/**
 * A read of something that never changes once written (a timeline update, the record right after
 * it), kept for the container's life: a queue worker handles many tasks about the same few updates
 * and reads each once. At most `mostKept` are kept, the oldest forgotten first.
 *
 * @example
 * const updates = keptPerContainer<TimelineUpdate>(100);
 * const update = await updates(`${incidentId}#${seq}`, () => readUpdate(incidentId, seq));
 */
export function keptPerContainer<Value>(mostKept: number): (key: string, read: () => Promise<Value>) => Promise<Value> {
  const kept = new Map<string, Value>();
  return async (key, read) => {
    const found = kept.get(key);
    if (found !== undefined) return found;
    const value = await read();
    if (kept.size >= mostKept) kept.delete(kept.keys().next().value!);
    kept.set(key, value);
    return value;
  };
}
