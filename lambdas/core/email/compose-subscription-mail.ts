import type { Config } from '../config/config-schema.js';
import { renderSubscriptionMail } from '../messages/render-subscription-mail.js';
import type { SubscriptionMail } from '../subscribers/mail-request.js';
import type { Subscriber } from '../subscribers/subscriber.js';
import type { SubscriptionLinks } from '../subscribers/subscription-links.js';
import type { OutgoingMail } from './outgoing-mail.js';
import { mailAddressing } from './mail-addressing.js';
import { unsubscribeHeaders } from './unsubscribe-headers.js';

/**
 * A confirmation or "already subscribed" mail, in the subscriber's language.
 *
 * @example
 * await sender.send(composeSubscriptionMail('confirmation', subscriber, config, links));
 */
export function composeSubscriptionMail(mail: SubscriptionMail, subscriber: Subscriber, config: Config, links: SubscriptionLinks): OutgoingMail {
  const { subject, text, html } = renderSubscriptionMail({ mail, locale: subscriber.locale, config, links });
  return {
    ...mailAddressing(subscriber.email, config),
    subject,
    text,
    html,
    // A confirmation goes to an address that never opted in: there is nothing to unsubscribe from yet.
    headers: mail === 'confirmation' ? {} : unsubscribeHeaders(links),
    tags: { subscriberId: subscriber.id, mail },
  };
}
