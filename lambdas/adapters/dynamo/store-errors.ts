/** The head's version moved between our read and our write: another commander won the race. */
export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
}

/** The Idempotency-Key was claimed by a request that committed while we were working. */
export class IdempotencyKeyTaken extends Error {
  override readonly name = 'IdempotencyKeyTaken';
}

/** DynamoDB cancelled the transaction because another transaction touched the same items; retry. */
export class TransientWriteConflict extends Error {
  override readonly name = 'TransientWriteConflict';
}
