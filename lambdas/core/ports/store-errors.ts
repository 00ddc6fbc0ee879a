import { DomainError } from '../errors/domain-error.js';

/** The head's version moved between our read and our write: another commander won the race. */
export class VersionConflict extends DomainError {}

/** The Idempotency-Key was claimed by a request that committed while we were working. */
export class IdempotencyKeyTaken extends DomainError {}

/** The store cancelled the write because another write touched the same items; retry. */
export class TransientWriteConflict extends DomainError {}

/** A page cursor the client cannot have got from us, or one taken from another listing. */
export class InvalidCursor extends DomainError {
  constructor(
    /** The query parameter that carried it (`cursor`, `after`), so the answer can name it. */
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The store did not answer: unreachable, throttling past the client's retries, or failing on its
 * side. Nothing was decided; the same request may be sent again later.
 */
export class StoreUnavailable extends DomainError {}
