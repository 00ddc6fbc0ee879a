/**
 * The metrics operators watch, each declared once: the handlers emit them (Powertools Metrics,
 * CloudWatch embedded metric format) and the stack alarms on them by the same names.
 *
 * @example
 * metrics.record('DeliveryFailed', 1, { channel: 'x' });
 */
export const metricCatalog = {
  /** A delivery (update × channel × locale) was settled `sent`. */
  DeliverySent: { unit: 'Count', dimensions: ['channel'] },
  /** A delivery was settled `failed`: customers on that channel did not get the update. */
  DeliveryFailed: { unit: 'Count', dimensions: ['channel'] },
  /** A delivery failed in a way that is retried from its queue (a 5xx, a timeout). */
  DeliveryRetried: { unit: 'Count', dimensions: ['channel'] },
  /** From the update being stored to its publish to the notification topic. */
  FanOutLag: { unit: 'Milliseconds', dimensions: [] },
  /** How long an X post is held back for X's rate-limit reset. */
  XRateLimitWait: { unit: 'Seconds', dimensions: [] },
  /** An X delivery was skipped because the X secret holds no credentials yet: an operator must set them. */
  XCredentialsMissing: { unit: 'Count', dimensions: [] },
  /** X refused a reply in the thread (reply restrictions, a deleted parent): the update went out as a post of its own. */
  XReplyRefused: { unit: 'Count', dimensions: [] },
  /** SES asked us to slow down (sending rate or daily quota): mail goes out later than planned. */
  MailThrottled: { unit: 'Count', dimensions: [] },
  /** Addresses suppressed after a bounce or a complaint: they are sent nothing again. */
  SubscribersSuppressed: { unit: 'Count', dimensions: ['reason'] },
  /** A "next update by" promise passed with no update: the commanders were reminded. */
  PromisesMissed: { unit: 'Count', dimensions: [] },
} as const satisfies Record<string, { unit: MetricUnit; dimensions: readonly string[] }>;

export type MetricUnit = 'Count' | 'Milliseconds' | 'Seconds';
export type MetricName = keyof typeof metricCatalog;

/** The namespace every metric is published in. */
export const metricNamespace = 'IncidentComms';

/** The `service` dimension Powertools adds to every metric (and the service name of every log line). */
export const serviceName = 'incident-comms';
