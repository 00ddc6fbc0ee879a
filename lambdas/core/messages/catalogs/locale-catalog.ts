import type { Impact, MessageKind, RecordStatus } from '../../incident/vocabulary.js';
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
  status: Record<RecordStatus, string>;
  /** `{headline}`: the situation in one sentence, toned by impact. */
  headline(kind: MessageKind, impact: Impact, status: RecordStatus, service: string): string;
  /**
   * `{apology}`: the apology (and, on recovery, the thanks), toned by impact. It names no service, so
   * it stays short enough for X beside the headline whatever the service is called.
   */
  apology(kind: MessageKind, impact: Impact): string;
  /** `{progress}`: where the work stands. */
  progress(kind: MessageKind, status: RecordStatus): string;
  /**
   * `{nextUpdate}`: the sentence that leads to the status-page link, saying by when the next update
   * comes (`at` in the reader's zone; `sameDay`: the time alone is clear), or, with no promise, that
   * it comes as soon as there is news.
   */
  nextUpdate(at: PromisedTime | null): string;
  /** `{nextUpdateBy}`: the same promise in a few words for X and in-app, or nothing without one. */
  nextUpdateBy(at: PromisedTime | null): string;
  /** `{components}` when the update names none. */
  someComponents(service: string): string;
  /** The tail of a shortened component list: "3 more". */
  moreComponents(count: number): string;
  /** A component list shortened to its size: "6 services". */
  componentCount(count: number): string;
  lessThanAMinute: string;
  ellipsis: string;
  /** Email subjects for when the template leaves nothing (an operator's `{title}` alone, the title empty once cleaned). */
  fallbackSubject: Record<MessageKind, string>;
  /** In-app titles for when the incident title is empty once cleaned. */
  fallbackTitle: Record<MessageKind, string>;
  texts: Record<MessageKind, ChannelTexts>;
  /** The foot of every incident mail; no template can replace it, so no configuration drops the unsubscribe link. */
  emailFooter: EmailFooterTexts;
  /** The status-page link's label where a chat message shows it as a button or link: "View status page". */
  viewStatusPage: string;
  /** The mails the subscriber list sends: the confirmation, and "you are already subscribed". */
  subscriptionMails: SubscriptionMailTexts;
}

/** When the next update is promised, as the reader's locale and zone write it. */
export interface PromisedTime {
  /** "7:46 AM UTC" when `sameDay`, else "December 12, 2024 at 7:46 AM UTC". */
  text: string;
  /** The promise falls on the day of the update, in the reader's zone. */
  sameDay: boolean;
}

/** Why the reader gets the mail, and the words of the two links below it. */
export interface EmailFooterTexts {
  /** "You're receiving this email because you subscribed to incident updates from Nimbus Chat." */
  reason(service: string): string;
  /** The preferences link's label: "Change your preferences". */
  preferences: string;
  /** The unsubscribe link's label: "Unsubscribe". */
  unsubscribe: string;
}

/** The words of the subscription mails; render-subscription-mail lays them out. */
export interface SubscriptionMailTexts {
  greeting: string;
  /** May hold line breaks: "Salam,\nTim Nimbus Chat". */
  signOff(service: string): string;
  confirmation: {
    subject(service: string): string;
    /** What was asked and what to do, ending where the confirm link follows. */
    request(service: string): string;
    /** The confirm link's label. */
    confirm: string;
    /** Not asked by the reader: ignore it, nothing more will come. */
    ignore: string;
  };
  preferences: {
    subject(service: string): string;
    /** Someone asked again; the address is already subscribed; nothing changed. */
    already(service: string): string;
    /** What the two links below let the reader do. */
    manage: string;
    preferences: string;
    unsubscribe: string;
    /** Not asked by the reader: ignore it, the subscription stays as it is. */
    ignore: string;
  };
}
