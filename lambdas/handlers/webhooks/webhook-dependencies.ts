import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';
import type { Metrics } from '../../core/ports/metrics.js';
import type { WebhookLedger } from '../../core/ports/webhook-ledger.js';
import type { WebhookPoster } from '../../core/ports/webhook-poster.js';
import type { WebhookSecrets } from '../../core/ports/webhook-secrets.js';
import type { WebhookStore } from '../../core/ports/webhook-store.js';
import type { WebhookWork } from '../../core/ports/webhook-work.js';

/** What the webhook planner uses: the update, the subscribers, the ledger, and the delivery queue. */
export interface WebhookPlannerDependencies {
  config: Config;
  incidents: Pick<IncidentStore, 'getUpdate'>;
  webhooks: Pick<WebhookStore, 'all'>;
  ledger: WebhookLedger;
  work: WebhookWork;
  visibility: MessageVisibility;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** What a webhook worker uses to post one update to one subscriber, once. */
export interface WebhookSenderDependencies {
  config: Config;
  incidents: Pick<IncidentStore, 'getIncident'>;
  webhooks: Pick<WebhookStore, 'get' | 'recordHealth'>;
  ledger: WebhookLedger;
  poster: WebhookPoster;
  /** Derived from the token key, read on first use, not at cold start. */
  secrets: () => Promise<WebhookSecrets>;
  visibility: MessageVisibility;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Jitter of the retry delays, in [0, 1); tests pass a constant. */
  random?: () => number;
}
