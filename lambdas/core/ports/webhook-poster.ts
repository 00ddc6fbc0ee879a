/** One signed POST to a subscriber's endpoint. */
export interface WebhookRequest {
  url: string;
  /** The exact bytes signed: what the receiver verifies. */
  body: string;
  headers: Readonly<Record<string, string>>;
}

/** What became of one POST; nothing here is thrown, so the worker decides every retry itself. */
export type WebhookResponse =
  | { outcome: 'delivered'; status: number }
  | {
      outcome: 'failed';
      /** In words, for the subscriber's `lastFailure` and the logs, e.g. "answered 503", "timed out after 10 s". */
      reason: string;
      status?: number;
      /** The receiver's `Retry-After` (429, 503), in seconds from now. */
      retryAfterSeconds?: number;
    };

/**
 * Posts webhook deliveries. Deployed and locally alike it connects only to an address it checked
 * itself (a DNS answer can change between the subscription and the delivery), follows no redirect,
 * gives up after 10 s and reads at most a few KiB of the answer.
 */
export interface WebhookPoster {
  post(request: WebhookRequest): Promise<WebhookResponse>;
}
