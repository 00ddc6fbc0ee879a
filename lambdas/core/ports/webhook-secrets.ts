/**
 * The signing secret of each webhook subscriber (`whsec_` + base64 of 32 bytes, as the Standard
 * Webhooks specification writes it), derived from the deployment's key and the subscriber's id, so
 * no secret is ever stored.
 */
export interface WebhookSecrets {
  secretFor(webhookId: string): string;
  /** Whether `given` is that subscriber's secret (compared in constant time). */
  matches(webhookId: string, given: string): boolean;
}
