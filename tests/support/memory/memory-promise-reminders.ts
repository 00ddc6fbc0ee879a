import type { PromiseReminders } from '../../../lambdas/core/ports/promise-reminders.js';
import type { MemoryIncidentStore } from './memory-incident-store.js';

/** The DynamoDB adapter's claim and lease in memory, on the memory incident store's heads. */
export class MemoryPromiseReminders implements PromiseReminders {
  private readonly claims = new Map<string, { claimedAt: string; remindedAt?: string }>();

  constructor(private readonly incidents: MemoryIncidentStore) {}

  async claim(incidentId: string, version: number, now: string, staleBefore: string): Promise<boolean> {
    const key = `${incidentId}#${version}`;
    const claim = this.claims.get(key);
    if (claim && (claim.remindedAt !== undefined || claim.claimedAt >= staleBefore)) return false;
    if (!this.incidents.markOverdue(incidentId, version)) return false;
    this.claims.set(key, { claimedAt: now });
    return true;
  }

  async markReminded(incidentId: string, version: number, now: string): Promise<void> {
    const claim = this.claims.get(`${incidentId}#${version}`);
    if (claim) claim.remindedAt = now;
  }
}
