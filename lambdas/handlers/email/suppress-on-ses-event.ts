import { normalizeAddress } from '../../core/email/normalize-address.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Metrics } from '../../core/ports/metrics.js';
import type { SubscriberStore } from '../../core/ports/subscriber-store.js';
import { suppressSubscriber } from '../../core/subscribers/suppress-subscriber.js';
import type { SesEvent } from './ses-event.js';

export interface SesEventDependencies {
  subscribers: Pick<SubscriberStore, 'findByEmail' | 'save'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** Saves are conditional on the version read; another change in between is simply read again. */
const attempts = 5;

/**
 * A hard bounce or a complaint suppresses the address: it leaves the audience and is sent nothing
 * again (neither incident mail nor confirmations), whatever it asks later. A soft bounce is only
 * logged: SES reports it after its own retries, and the next mail may well get through.
 *
 * @example
 * await suppressOnSesEvent(event, { subscribers, clock, logger, metrics });
 */
export async function suppressOnSesEvent(event: SesEvent, deps: SesEventDependencies): Promise<void> {
  const { detail } = event;
  const hardBounce = detail.bounce?.bounceType === 'Permanent';
  const reason = detail.complaint ? 'complained' : hardBounce ? 'bounced' : undefined;
  const addresses = [...(detail.complaint?.complainedRecipients ?? []), ...(detail.bounce?.bouncedRecipients ?? [])].map((recipient) => recipient.emailAddress);
  const log = deps.logger.withKeys({ sesMessageId: detail.mail.messageId, eventType: detail.eventType, subscriberId: detail.mail.tags['subscriberId']?.[0] });
  if (!reason) {
    log.info('SES event needs no suppression', { bounceType: detail.bounce?.bounceType });
    return;
  }
  for (const address of addresses) {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const subscriber = await deps.subscribers.findByEmail(normalizeAddress(address));
      if (!subscriber) {
        log.info('an address SES reported is not on the list', { reason });
        break;
      }
      const suppressed = suppressSubscriber(subscriber, reason, deps.clock().toISOString());
      if (!suppressed) break;
      if (await deps.subscribers.save(suppressed, subscriber.version)) {
        deps.metrics.record('SubscribersSuppressed', 1, { reason });
        log.warn('address suppressed: it is sent nothing more', { reason, subscriberId: subscriber.id });
        break;
      }
    }
  }
}
