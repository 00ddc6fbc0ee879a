/**
 * Why an X record is reported as a batch item failure. The message is what an operator reads in
 * the logs; the ledger row carries the same words in its `detail`.
 */
export class XDeliveryDeferred extends Error {
  override readonly name = 'XDeliveryDeferred';
}

/** The delivery is settled `failed`: every receive of the message fails, so it ends in the DLQ. */
export class XDeliveryFailed extends Error {
  override readonly name = 'XDeliveryFailed';
}

/** The body is not a channel envelope: no receive will ever change that, so it goes to the DLQ. */
export class MalformedXMessage extends Error {
  override readonly name = 'MalformedXMessage';
}
