/** One call a handler made on a port: `incidents.commit`, `deliveries.claim`, with its arguments. */
export interface PortCall {
  port: string;
  method: string;
  args: unknown[];
}

/**
 * The same object, with every method call recorded in `calls` (in order) before it runs; what the
 * method returns or throws is passed on untouched. Tests use it to say "the store was never asked"
 * or "one commit, carrying an idempotency record" without reaching below the port.
 *
 * @example
 * const calls: PortCall[] = [];
 * const ledger = recordCalls('deliveries', new MemoryDeliveryLedger(), calls);
 */
export function recordCalls<T extends object>(port: string, target: T, calls: PortCall[]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push({ port, method: property, args });
        return (value as (...args: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/**
 * Every store of `stores`, each recording into one shared list, named by its key (`incidents`,
 * `idempotency`, `deliveries`, `feed`).
 *
 * @example
 * const { stores, calls } = recordingStores(memoryStores());
 * expect(calls.map((call) => `${call.port}.${call.method}`)).toEqual([]);
 */
export function recordingStores<S extends object>(stores: S): { stores: S; calls: PortCall[] } {
  const calls: PortCall[] = [];
  const recorded = Object.fromEntries(Object.entries(stores).map(([port, store]: [string, object]) => [port, recordCalls(port, store, calls)])) as S;
  return { stores: recorded, calls };
}

/** `port.method` of each call, for compact assertions. */
export function callNames(calls: readonly PortCall[]): string[] {
  return calls.map((call) => `${call.port}.${call.method}`);
}
