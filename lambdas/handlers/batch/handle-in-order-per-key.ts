/** A batch answer as Lambda's event sources read it: the records to deliver again. */
export interface BatchFailures {
  batchItemFailures: { itemIdentifier: string }[];
}

/** How a batch's records are told apart: the key their order matters within, and the id a failure is reported by. */
export interface RecordIdentity<Item> {
  /** Records of one key are handled one after the other; `undefined` orders the record with nothing. */
  keyOf(record: Item): string | undefined;
  idOf(record: Item): string;
}

/**
 * Handles a batch where order matters only within a key: one key's records one after the other in
 * batch order, different keys side by side, so a batch over eight incidents takes the time of the
 * longest one, not of all eight. After a record fails, the later records of its key are not handled
 * and are reported failed with it, so that key's order holds when the event source delivers them again.
 *
 * @example
 * return handleInOrderPerKey(event.Records, { keyOf: (record) => record.attributes.MessageGroupId, idOf: (record) => record.messageId }, handle);
 */
export async function handleInOrderPerKey<Item>(
  records: readonly Item[],
  identity: RecordIdentity<Item>,
  handle: (record: Item) => Promise<void>,
): Promise<BatchFailures> {
  const keys = new Map<string | Item, Item[]>();
  for (const record of records) {
    const key = identity.keyOf(record) ?? record;
    const inOrder = keys.get(key);
    if (inOrder) inOrder.push(record);
    else keys.set(key, [record]);
  }
  const failed = new Set<Item>();
  await Promise.all(
    [...keys.values()].map(async (inOrder) => {
      for (const [index, record] of inOrder.entries()) {
        try {
          await handle(record);
        } catch {
          for (const unhandled of inOrder.slice(index)) failed.add(unhandled);
          return;
        }
      }
    }),
  );
  // Reported in batch order, as the event source handed them over.
  return { batchItemFailures: records.filter((record) => failed.has(record)).map((record) => ({ itemIdentifier: identity.idOf(record) })) };
}
