import type { Impact, IncidentStatus } from '../incident/vocabulary.js';

/** A missed "next update by" promise, as the commanders are told of it. */
export interface CommanderReminder {
  incidentId: string;
  /** The version the promise was made in: one reminder per missed promise. */
  version: number;
  title: string;
  status: IncidentStatus;
  impact: Impact;
  nextUpdateBy: string;
  lastUpdateAt: string;
  /** The status page, where customers read what was last said. */
  url: string;
  /** One paragraph saying what was promised and what to do. */
  text: string;
}

/**
 * Where commanders are reminded: deployed, the commanders' SNS topic (email, AWS Chatbot); locally
 * `$OUTBOX_DIR/commanders.jsonl`.
 *
 * @example
 * await alerts.remind(reminder);
 */
export interface CommanderAlerts {
  remind(reminder: CommanderReminder): Promise<void>;
}
