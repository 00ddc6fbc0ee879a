import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import { renderEmail } from '../messages/render-email.js';
import type { Subscriber } from '../subscribers/subscriber.js';
import type { SubscriptionLinks } from '../subscribers/subscription-links.js';
import type { OutgoingMail } from './outgoing-mail.js';
import { mailAddressing } from './mail-addressing.js';
import { unsubscribeHeaders } from './unsubscribe-headers.js';

/**
 * One subscriber's mail of one update: written in `locale`, times in the subscriber's own zone, the
 * subscriber's own unsubscribe and preferences links in the footer and in the RFC 8058 headers, and
 * tags that let an SES bounce or complaint find the subscriber and the update again.
 *
 * @example
 * await sender.send(composeIncidentMail(update, subscriber, 'id', config, links));
 */
export function composeIncidentMail(update: TimelineUpdate, subscriber: Subscriber, locale: string, config: Config, links: SubscriptionLinks): OutgoingMail {
  const { subject, text, html } = renderEmail({ update, locale, config, timeZone: subscriber.timeZone, links });
  return {
    ...mailAddressing(subscriber.email, config),
    subject,
    text,
    html,
    headers: unsubscribeHeaders(links),
    tags: { incidentId: update.incidentId, seq: String(update.seq), locale, subscriberId: subscriber.id },
  };
}
