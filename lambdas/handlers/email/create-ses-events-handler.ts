import { sesEventSchema } from './ses-event.js';
import { suppressOnSesEvent } from './suppress-on-ses-event.js';
import type { SesEventDependencies } from './suppress-on-ses-event.js';

/**
 * The SES events function (EventBridge target of the configuration set's bounces and complaints). An
 * event that is not one of those shapes is logged and dropped: EventBridge retries a throw, and no
 * retry makes a foreign event readable.
 *
 * @example
 * export const handler = createSesEventsHandler({ subscribers, clock, logger, metrics });
 */
export function createSesEventsHandler(deps: SesEventDependencies) {
  return async (event: unknown): Promise<void> => {
    const parsed = sesEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.logger.error('an event that is not an SES bounce or complaint; dropped', { issues: parsed.error.issues.slice(0, 5) });
      return;
    }
    await suppressOnSesEvent(parsed.data, deps);
  };
}
