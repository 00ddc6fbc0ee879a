import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import type { Impact, MessageKind, RecordStatus } from '../incident/vocabulary.js';

/**
 * What a renderer needs: the update (which carries the incident as it stood after it), the locale, the
 * configuration and, for a mail to one subscriber, that reader's time zone and links.
 */
export interface RenderContext {
  update: TimelineUpdate;
  locale: string;
  config: Config;
  /**
   * The reader's IANA time zone, for every time in the message. Absent (X, in-app, previews): the
   * locale's configured zone (`config.timeZones[locale]`), else UTC. An unknown zone falls back the same way.
   */
  timeZone?: string;
  /**
   * Email only: the reader's own unsubscribe and preferences links, each with their manage token.
   * Absent (previews): the same links on the status page's origin with the visibly fake token
   * `preview` (previewLinks), so a preview shows the footer exactly as readers get it.
   */
  links?: EmailLinks;
}

/** The links at the foot of every incident mail. */
export interface EmailLinks {
  unsubscribe: string;
  preferences: string;
}

export interface EmailMessage {
  channel: 'email';
  locale: string;
  kind: MessageKind;
  /** In the reader's language (UTF-8): 1–150 code points, one line, no control character. */
  subject: string;
  /** Plain-text body, then the footer with the preferences and unsubscribe links. */
  text: string;
  /** The same words as `text`, as a complete HTML document built only from escaped text. */
  html: string;
}

export interface XPost {
  channel: 'x';
  locale: string;
  kind: MessageKind;
  /** At most 280 as X weighs it, with the status-page link whole. */
  text: string;
  weightedLength: number;
  /** The same post stamped with the update's time, within 280 too: what is posted when X refuses `text` as a duplicate. */
  distinctText: string;
  /** Updates after the first are written to be posted as replies in the incident's thread. */
  replyInThread: boolean;
}

export interface InAppMessage {
  channel: 'inapp';
  locale: string;
  kind: MessageKind;
  /** 1–80 code points. */
  title: string;
  /** At most 500 code points. */
  text: string;
  status: RecordStatus;
  impact: Impact;
  url: string;
}

/** What a webhook or chat subscriber is sent: the in-app card's words, in the subscriber's locale. */
export type WebhookCard = Omit<InAppMessage, 'channel'> & { channel: 'webhook' };

export type RenderedMessage = EmailMessage | XPost | InAppMessage | WebhookCard;
