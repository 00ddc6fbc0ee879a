import { channelCatalog } from '../channels/channel-catalog.js';
import type { NotificationAttributes } from '../channels/filter-policy.js';
import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import type { Channel } from '../incident/vocabulary.js';
import type { InAppMessage, XPost } from '../messages/types.js';
import type { ChannelEnvelope } from './channel-envelope.js';

/** One publish: an update in one locale, for the channels that send in that locale. */
export interface Notification {
  /** The JSON envelope every channel consumes from its queue. */
  envelope: ChannelEnvelope;
  attributes: NotificationAttributes;
  /**
   * The FIFO topic's keys: one message group per incident and locale, so each channel receives an
   * incident's updates in `seq` order (an X thread is posted in order without waiting on anything),
   * and a deduplication id per update and locale, so a re-published update is dropped by SNS itself.
   */
  ordering: { groupId: string; deduplicationId: string };
}

/**
 * Renders one locale's messages for the channels that post one message per locale (X, in-app), and
 * the attributes SNS filter policies route on. Email is rendered per recipient by the email workers
 * (each reader's time zone and links), from the update the envelope names.
 */
export function buildNotification(update: TimelineUpdate, locale: string, channels: readonly Channel[], config: Config): Notification {
  const render = (channel: Channel) => channelCatalog[channel].render({ update, locale, config });
  const x = channels.includes('x') ? (render('x') as XPost) : undefined;
  const inapp = channels.includes('inapp') ? (render('inapp') as InAppMessage) : undefined;
  const components = Object.keys(update.incident.components);
  return {
    envelope: {
      version: 1,
      incidentId: update.incidentId,
      updateId: update.id,
      seq: update.seq,
      kind: update.kind,
      status: update.status,
      impact: update.impact,
      locale,
      createdAt: update.createdAt,
      ...(x ? { x: { text: x.text, distinctText: x.distinctText, replyInThread: x.replyInThread } } : {}),
      ...(inapp ? { inapp: { title: inapp.title, text: inapp.text, url: inapp.url } } : {}),
    },
    attributes: {
      kind: update.kind,
      impact: update.impact,
      locale,
      channels: [...channels],
      // SNS rejects an empty String.Array; an update that touches no component simply has none.
      ...(components.length > 0 ? { components } : {}),
    },
    ordering: { groupId: `${update.incidentId}.${locale}`, deduplicationId: `${update.id}.${locale}` },
  };
}
