import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import type { Impact, IncidentStatus, MessageKind } from '../incident/vocabulary.js';

/** What a renderer needs: the update (which carries the incident as it stood after it), the locale, the configuration. */
export interface RenderContext {
  update: TimelineUpdate;
  locale: string;
  config: Config;
}

export interface EmailMessage {
  channel: 'email';
  locale: string;
  kind: MessageKind;
  /** Valid as SNS `Subject`: printable ASCII, no line break, 1–99 characters. */
  subject: string;
  /** Plain-text body. */
  text: string;
}

export interface XPost {
  channel: 'x';
  locale: string;
  kind: MessageKind;
  /** At most 280 as X weighs it, with the status-page link whole. */
  text: string;
  weightedLength: number;
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
  status: IncidentStatus;
  impact: Impact;
  url: string;
}

export type RenderedMessage = EmailMessage | XPost | InAppMessage;
