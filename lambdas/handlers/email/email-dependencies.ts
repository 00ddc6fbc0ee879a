import type { Config } from '../../core/config/config-schema.js';
import type { SendPace } from '../../core/email/send-pace.js';
import type { Clock } from '../../core/ports/clock.js';
import type { EmailLedger } from '../../core/ports/email-ledger.js';
import type { EmailWork } from '../../core/ports/email-work.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MailSender } from '../../core/ports/mail-sender.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';
import type { Metrics } from '../../core/ports/metrics.js';
import type { SubscriberStore } from '../../core/ports/subscriber-store.js';
import type { SubscriptionTokens } from '../../core/ports/subscription-tokens.js';

/** What the email planner uses: the update, the audience, the ledger, and the queues it feeds. */
export interface EmailPlannerDependencies {
  config: Config;
  incidents: Pick<IncidentStore, 'getUpdate'>;
  subscribers: Pick<SubscriberStore, 'audiencePage'>;
  ledger: EmailLedger;
  work: EmailWork;
  visibility: MessageVisibility;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Subscribers read per page; default `subscribersPerPage` (500). Tests make it small to plan many pages. */
  pageSize?: number;
}

/** What an email sender worker uses to mail each recipient once, at the account's pace. */
export interface EmailSenderDependencies {
  config: Config;
  incidents: Pick<IncidentStore, 'getUpdate'>;
  subscribers: Pick<SubscriberStore, 'get' | 'getMany'>;
  ledger: EmailLedger;
  /** Where a task that cannot finish now is put back for later (a fresh message: waiting costs no receive). */
  work: Pick<EmailWork, 'send'>;
  mailSender: MailSender;
  /** The tokens of mails' links; the key is read on first use, not at cold start. */
  tokens: () => Promise<SubscriptionTokens>;
  /** Where the links in mails point: the status page's origin deployed, the local server locally. */
  publicBaseUrl: () => string;
  visibility: MessageVisibility;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** This worker's share of the account's sending rate; default from `sendPace(config.channels.email.maxSendRate)`. */
  pace?: SendPace;
  /** Waits between sends; tests pass one that returns at once. */
  sleep?: (milliseconds: number) => Promise<void>;
}
