import type { Impact, IncidentStatus, MessageKind } from '../../incident/vocabulary.js';
import type { ChannelTexts } from '../template-fields.js';

/**
 * Everything one language needs to write incident messages. Phrases are functions because a good
 * sentence depends on the kind, the impact and the status; the texts are templates with the same
 * `{placeholder}`s an operator may use, so an override drops in field by field.
 */
export interface LocaleCatalog {
  /** The language the texts are written in; `Intl` formats in it when the configured locale is another language. */
  language: string;
  impact: Record<Impact, string>;
  status: Record<IncidentStatus, string>;
  /** `{headline}`: the situation in one sentence, toned by impact. */
  headline(kind: MessageKind, impact: Impact, status: IncidentStatus, service: string): string;
  /**
   * `{apology}`: the apology (and, on recovery, the thanks), toned by impact. It names no service, so
   * it stays short enough for X beside the headline whatever the service is called.
   */
  apology(kind: MessageKind, impact: Impact): string;
  /** `{progress}`: where the work stands. */
  progress(kind: MessageKind, status: IncidentStatus): string;
  /** `{components}` when the update names none. */
  someComponents(service: string): string;
  /** The tail of a shortened component list: "3 more". */
  moreComponents(count: number): string;
  /** A component list shortened to its size: "6 services". */
  componentCount(count: number): string;
  lessThanAMinute: string;
  ellipsis: string;
  /** Subjects for when nothing printable is left of the template (all non-ASCII): ASCII only. */
  fallbackSubject: Record<MessageKind, string>;
  /** In-app titles for when the incident title is empty once cleaned. */
  fallbackTitle: Record<MessageKind, string>;
  texts: Record<MessageKind, ChannelTexts>;
}
