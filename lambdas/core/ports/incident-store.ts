import type { IdempotencyRecord } from '../incident/idempotency-record.js';
import type { Change } from '../incident/lifecycle.js';
import type { IncidentHead, TimelineUpdate } from '../incident/model.js';
import type { MaintenancePhase } from '../maintenance/maintenance-phase.js';

export type IncidentState = 'open' | 'resolved' | 'all';

export interface IncidentPage {
  heads: IncidentHead[];
  nextCursor: string | null;
}

export interface StoredIncident {
  head: IncidentHead;
  /** The timeline in seq order. */
  updates: TimelineUpdate[];
}

/**
 * Incidents and their timelines. `commit` stores a change all or nothing: the head only if its
 * version is still `expectedVersion` (`null`: the incident must not exist yet), the new timeline
 * entry only if its seq is free, and the idempotency record, when given, in the same write.
 * It throws `VersionConflict`, `IdempotencyKeyTaken` or `TransientWriteConflict` (store-errors.ts).
 *
 * @example
 * await incidents.commit(change, head.version, record);
 */
export interface IncidentStore {
  getHead(incidentId: string): Promise<IncidentHead | undefined>;
  /** One timeline entry (the update with the incident as it stood after it). */
  getUpdate(incidentId: string, seq: number): Promise<TimelineUpdate | undefined>;
  /** The incident with its timeline; `throughSeq` rebuilds an earlier version. */
  getIncident(incidentId: string, throughSeq?: number): Promise<StoredIncident | undefined>;
  commit(change: Change, expectedVersion: number | null, idempotency?: IdempotencyRecord): Promise<void>;
  /**
   * The timelines of several incidents at once, each through its head's version (so each matches
   * the head it was listed with), keyed by incident id: a page of the listing costs a few batch reads,
   * not one query per incident.
   */
  timelinesOf(heads: readonly IncidentHead[]): Promise<Map<string, TimelineUpdate[]>>;
  /** Newest first, a page at a time; a cursor not issued for this listing throws `InvalidCursor`. */
  listIncidents(state: IncidentState, limit: number, cursor?: string): Promise<IncidentPage>;
  /** Every open incident (there are few at any time); never a maintenance window. */
  listOpen(): Promise<IncidentHead[]>;
  /**
   * Maintenance windows of one phase, a page at a time: upcoming and active ones soonest start
   * first, past ones latest start first. A cursor not issued for this listing throws `InvalidCursor`.
   */
  listMaintenances(phase: MaintenancePhase, limit: number, cursor?: string): Promise<IncidentPage>;
}
