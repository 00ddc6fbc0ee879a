/**
 * Decides whether a webhook URL may be called: its form (https deployed; http to this machine only
 * locally) and every address its host resolves to (no private, loopback, link-local, CGNAT,
 * multicast or cloud-metadata address). Asked at subscription; the poster checks again at delivery.
 */
export interface WebhookDestinations {
  /** Why this URL is refused, in words for a `400` detail; `undefined` when it may be called. */
  refusal(url: string): Promise<string | undefined>;
}
