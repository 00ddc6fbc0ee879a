import { DomainError } from '../../core/errors/domain-error.js';

/**
 * Why an X record is reported as a batch item failure. The message is what an operator reads in
 * the logs; the ledger row carries the same words in its `detail`.
 */
export class XDeliveryDeferred extends DomainError {}

/** The delivery is settled `failed`: every receive of the message fails, so it ends in the DLQ. */
export class XDeliveryFailed extends DomainError {}
