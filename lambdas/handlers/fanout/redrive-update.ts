import { buildNotification } from '../../core/delivery/build-notification.js';
import type { RedriveRequest } from '../../core/delivery/redrive-request.js';
import type { FanOutDependencies } from './fan-out-update.js';

/**
 * Publishes an update again for a commander's redrive: once per locale, to the redriven channels
 * only, under a deduplication id of the redrive's own (the update's first publish holds the plain
 * one). The rows were reset to `pending` with the request, so each channel delivers as it would have.
 * A redelivered request publishes again; SNS drops the copy within five minutes, the rows after.
 *
 * @example
 * await redriveUpdate(request, deps);
 */
export async function redriveUpdate(request: RedriveRequest, deps: FanOutDependencies): Promise<void> {
  const log = deps.logger.withKeys({ incidentId: request.incidentId, seq: request.update.seq, updateId: request.update.id, redriveId: request.redriveId });
  const locales = [...new Set(request.targets.map((target) => target.locale))];
  for (const locale of locales) {
    const channels = request.targets.filter((target) => target.locale === locale).map((target) => target.channel);
    const notification = buildNotification(request.update, locale, channels, deps.config);
    notification.ordering.deduplicationId = `${notification.ordering.deduplicationId}.redrive.${request.redriveId}`;
    const { messageId } = await deps.topic.publish(notification);
    log.info('published again for a redrive', { locale, channels, messageId });
  }
}
