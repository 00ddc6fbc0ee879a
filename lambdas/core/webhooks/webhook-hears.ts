import type { TimelineUpdate } from '../incident/model.js';
import { subscriberHears } from '../subscribers/subscriber-hears.js';
import type { WebhookSubscriber } from './webhook-subscriber.js';

/**
 * Whether a webhook subscriber is sent an update in a locale: an active one of that locale, whose
 * components (if it named any) the update's incident touches, as for email subscribers.
 */
export function webhookHears(subscriber: Pick<WebhookSubscriber, 'state' | 'locale' | 'components'>, update: Pick<TimelineUpdate, 'incident'>, locale: string): boolean {
  return subscriber.state === 'active' && subscriber.locale === locale && subscriberHears(subscriber, update);
}
