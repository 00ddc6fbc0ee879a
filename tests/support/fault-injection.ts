/** One injected crash: the first call of `method` (that `matches`) throws, before or after doing its work. */
export interface Fault {
  method: string;
  when: 'before' | 'after';
  matches?: (args: unknown[]) => boolean;
}

export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

/**
 * Wraps an adapter (ledger, feed, topic, poster) so that each fault fires once: a Lambda that
 * dies at that step. "after" means the work was done (the item written, the post out) and the
 * caller never learnt it. Returns the wrapped adapter and the faults that fired.
 */
export function withFaults<T extends object>(adapter: T, faults: readonly Fault[], label: string): { adapter: T; fired: string[] } {
  const pending = [...faults];
  const fired: string[] = [];
  const proxy = new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const index = pending.findIndex((fault) => fault.method === property && (fault.matches?.(args) ?? true));
        const fault = index >= 0 ? pending.splice(index, 1)[0] : undefined;
        const crash = () => {
          fired.push(`${label}.${String(property)} ${fault!.when}`);
          return new InjectedCrash(`injected crash ${fault!.when} ${label}.${String(property)}`);
        };
        if (fault?.when === 'before') throw crash();
        const result = await (value as (...parameters: unknown[]) => Promise<unknown>).apply(target, args);
        if (fault?.when === 'after') throw crash();
        return result;
      };
    },
  });
  return { adapter: proxy, fired };
}
