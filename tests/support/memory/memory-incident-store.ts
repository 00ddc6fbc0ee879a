import type { IdempotencyRecord } from '../../../lambdas/core/incident/idempotency-record.js';
import type { Change } from '../../../lambdas/core/incident/lifecycle.js';
import type { IncidentHead, TimelineUpdate } from '../../../lambdas/core/incident/model.js';
import type { IdempotencyRecords } from '../../../lambdas/core/ports/idempotency-records.js';
import type { IncidentPage, IncidentState, IncidentStore, StoredIncident } from '../../../lambdas/core/ports/incident-store.js';
import { IdempotencyKeyTaken, VersionConflict } from '../../../lambdas/core/ports/store-errors.js';
import { readMemoryCursor, writeMemoryCursor } from './memory-cursor.js';
import { isMaintenanceHead } from '../../../lambdas/core/maintenance/maintenance-head.js';
import { maintenancePhaseOf } from '../../../lambdas/core/maintenance/maintenance-phase.js';
import type { MaintenancePhase } from '../../../lambdas/core/maintenance/maintenance-phase.js';

/**
 * The incident store in memory, with the DynamoDB adapter's semantics: a commit is all or nothing,
 * the head only on its expected version, the update only on a free seq, the idempotency record only
 * on a free (or expired) key; pages are newest first with opaque cursors pinned to their listing.
 * The same contract tests run against this and the DynamoDB adapter.
 */
export class MemoryIncidentStore implements IncidentStore, IdempotencyRecords {
  private readonly heads = new Map<string, IncidentHead>();
  private readonly timelines = new Map<string, TimelineUpdate[]>();
  private readonly records = new Map<string, IdempotencyRecord>();

  async getHead(incidentId: string): Promise<IncidentHead | undefined> {
    return structuredClone(this.heads.get(incidentId));
  }

  async getUpdate(incidentId: string, seq: number): Promise<TimelineUpdate | undefined> {
    return structuredClone(this.timelines.get(incidentId)?.find((update) => update.seq === seq));
  }

  async getIncident(incidentId: string, throughSeq?: number): Promise<StoredIncident | undefined> {
    const head = this.heads.get(incidentId);
    if (!head) return undefined;
    const updates = (this.timelines.get(incidentId) ?? []).filter((update) => throughSeq === undefined || update.seq <= throughSeq);
    return structuredClone({ head, updates });
  }

  async timelinesOf(heads: readonly IncidentHead[]): Promise<Map<string, TimelineUpdate[]>> {
    return new Map(heads.map((head) => [head.id, structuredClone((this.timelines.get(head.id) ?? []).filter((update) => update.seq <= head.version))]));
  }

  async commit(change: Change, expectedVersion: number | null, idempotency?: IdempotencyRecord): Promise<void> {
    const { head, update } = change;
    const current = this.heads.get(head.id);
    const headHolds = expectedVersion === null ? current === undefined : current?.version === expectedVersion;
    const seqFree = !(this.timelines.get(head.id) ?? []).some((existing) => existing.seq === update.seq);
    if (!headHolds || !seqFree) throw new VersionConflict('the incident changed while this update was being written');
    if (idempotency) {
      const existing = this.records.get(idempotency.key);
      if (existing && existing.expiresAt > Math.floor(Date.parse(update.createdAt) / 1000)) {
        throw new IdempotencyKeyTaken('the Idempotency-Key was used by a request that finished first');
      }
      this.records.set(idempotency.key, structuredClone(idempotency));
    }
    this.heads.set(head.id, structuredClone(head));
    this.timelines.set(head.id, [...(this.timelines.get(head.id) ?? []), structuredClone(update)].sort((a, b) => a.seq - b.seq));
  }

  async listIncidents(state: IncidentState, limit: number, cursor?: string): Promise<IncidentPage> {
    const after = cursor === undefined ? undefined : readMemoryCursor(cursor, state, 'cursor');
    const matching = [...this.heads.values()]
      .filter((head) => !isMaintenanceHead(head))
      .filter((head) => state === 'all' || (state === 'resolved') === (head.status === 'resolved'))
      .map((head) => ({ head, position: `${head.startedAt}#${head.id}` }))
      .sort((a, b) => (a.position < b.position ? 1 : a.position > b.position ? -1 : 0))
      .filter(({ position }) => after === undefined || position < after);
    const page = matching.slice(0, limit);
    // DynamoDB returns a LastEvaluatedKey whenever it stopped at the limit, even on the last page.
    const last = page.length === limit ? page.at(-1) : undefined;
    return { heads: structuredClone(page.map(({ head }) => head)), nextCursor: last ? writeMemoryCursor(state, last.position) : null };
  }

  async listMaintenances(phase: MaintenancePhase, limit: number, cursor?: string): Promise<IncidentPage> {
    const listing = `maintenance-${phase}`;
    const after = cursor === undefined ? undefined : readMemoryCursor(cursor, listing, 'cursor');
    const ascending = phase !== 'past';
    const matching = [...this.heads.values()]
      .filter(isMaintenanceHead)
      .filter((head) => maintenancePhaseOf(head.status) === phase)
      .map((head) => ({ head, position: `${head.window.scheduledFor}#${head.id}` }))
      .sort((a, b) => (a.position === b.position ? 0 : (a.position < b.position) === ascending ? -1 : 1))
      .filter(({ position }) => after === undefined || (ascending ? position > after : position < after));
    const page = matching.slice(0, limit);
    const last = page.length === limit ? page.at(-1) : undefined;
    return { heads: structuredClone(page.map(({ head }) => head)), nextCursor: last ? writeMemoryCursor(listing, last.position) : null };
  }

  async listOpen(): Promise<IncidentHead[]> {
    return (await this.listIncidents('open', Number.MAX_SAFE_INTEGER)).heads;
  }

  /** For the memory promise reminders: marks the head overdue when it still stands at `version`. */
  markOverdue(incidentId: string, version: number): boolean {
    const head = this.heads.get(incidentId);
    if (head?.version !== version) return false;
    this.heads.set(incidentId, { ...head, overdue: true });
    return true;
  }

  async find(key: string, nowSeconds: number): Promise<IdempotencyRecord | undefined> {
    const record = this.records.get(key);
    return record && record.expiresAt > nowSeconds ? structuredClone(record) : undefined;
  }
}
