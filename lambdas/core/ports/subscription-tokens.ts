/** What a token in a link may do: a confirm token cannot unsubscribe, a manage token cannot confirm. */
export type TokenPurpose = 'confirm' | 'manage';

/**
 * The single-purpose tokens in subscription links (≥ 128 bits, unguessable). They are derived from a
 * secret key, the subscriber's id and `tokenGeneration`, so the table holds no token at all, and
 * raising a subscriber's generation revokes every token issued before.
 *
 * @example
 * const token = tokens.issue('manage', subscriber.id, subscriber.tokenGeneration);
 * tokens.read(token, 'manage'); // { subscriberId, generation } or undefined
 */
export interface SubscriptionTokens {
  issue(purpose: TokenPurpose, subscriberId: string, generation: number): string;
  /** The subscriber a token names, or `undefined` for a forged, mangled or other-purpose token. */
  read(token: string, purpose: TokenPurpose): { subscriberId: string; generation: number } | undefined;
}
