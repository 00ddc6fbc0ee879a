/**
 * A connection the poster would not open: the host resolved to an address the policy refuses, or did
 * not resolve. The message is the reason, in words for the subscriber's `lastFailure`.
 */
export class DestinationRefused extends Error {
  override readonly name = 'DestinationRefused';
}
