import type { Config } from '../config/config-schema.js';
import type { IdSource } from '../ports/id-source.js';
import type { MailRequest } from './mail-request.js';
import type { Subscriber } from './subscriber.js';

/**
 * A write a subscriber decision asks for: a new subscriber (refused by the store when its address
 * is taken), or a changed one (refused when it moved on from `expectedVersion`). A mail request,
 * when there is one, rides in the same write, so the mail goes out exactly when the change lands.
 */
export type SubscriberChange =
  | { kind: 'create'; subscriber: Subscriber; mail?: MailRequest }
  | { kind: 'save'; subscriber: Subscriber; expectedVersion: number; mail?: MailRequest };

/** What the decisions need besides the subscriber: the time, new ids, the configured defaults. */
export interface DecisionContext {
  /** ISO timestamp of the request. */
  now: string;
  ids: IdSource;
  config: Config;
}
