/**
 * The store's side of a missed promise, on the incident's head, conditional on the version the
 * promise was made in (a later update clears all of it by writing a new head).
 *
 * @example
 * if (await reminders.claim(incidentId, 3, now, staleBefore)) { await alerts.remind(reminder); await reminders.markReminded(incidentId, 3, now); }
 */
export interface PromiseReminders {
  /**
   * Marks the incident overdue and takes the right to remind: true for the first caller, and again
   * for a later one once an earlier claim is older than `staleBefore` and never reminded (its
   * holder crashed between the claim and the reminder); false once reminded, or after an update.
   */
  claim(incidentId: string, version: number, now: string, staleBefore: string): Promise<boolean>;
  markReminded(incidentId: string, version: number, now: string): Promise<void>;
}
