import type { TimelineUpdate } from '../incident/model.js';
import type { Subscriber } from './subscriber.js';

/**
 * Whether a confirmed subscriber gets mail about an update: one who named no components hears about
 * everything; one who named some hears about an update whose incident touches one of them, and about
 * every update of an incident that names no component at all (it may concern anything).
 *
 * @example
 * subscriberHears({ components: ['api'] }, updateTouching(['chat'])); // false
 */
export function subscriberHears(subscriber: Pick<Subscriber, 'components'>, update: Pick<TimelineUpdate, 'incident'>): boolean {
  if (subscriber.components.length === 0) return true;
  const touched = Object.keys(update.incident.components);
  return touched.length === 0 || touched.some((component) => subscriber.components.includes(component));
}
