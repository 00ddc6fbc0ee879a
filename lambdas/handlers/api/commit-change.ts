import type { IdempotencyRecord } from '../../core/incident/idempotency-record.js';
import { idempotencyWindowSeconds } from '../../core/incident/idempotency-record.js';
import { ConcurrentUpdate, IdempotencyKeyReused, VersionMismatch } from '../../core/incident/errors.js';
import type { Change } from '../../core/incident/lifecycle.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import { headAfter } from '../../core/incident/present-incident.js';
import { IdempotencyKeyTaken, TransientWriteConflict, VersionConflict } from '../../core/ports/store-errors.js';
import type { ApiDependencies } from './api-dependencies.js';
import type { ApiResult } from './http.js';
import { incidentAnswer } from './incident-answer.js';

export interface WriteRequest {
  /** The Idempotency-Key, if the client sent one. */
  idempotencyKey: string | undefined;
  requestHash: string;
  /** `If-Match` version: a lost race is then `412`, not a silent retry. */
  ifMatch?: number;
  /** The answer's status: `201` (default) for a POST that adds, `200` for a PUT that sets (the postmortem). */
  statusCode?: 200 | 201;
  /**
   * Computes the change from the current state; called again after a lost race. Throws the domain's
   * errors (IncidentNotFound, VersionMismatch, LifecycleConflict). Returns the change, the version it
   * was computed from and the timeline before it (the answer shows the whole timeline without
   * reading it again).
   */
  prepare(): Promise<{ change: Change; expectedVersion: number | null; earlierUpdates: readonly TimelineUpdate[] }>;
}

/** Enough for any realistic number of commanders racing on one incident; then the client is told to retry. */
const maxAttempts = 25;

/**
 * Stores one change exactly once: a retry with the same Idempotency-Key and body answers the first
 * answer again, the same key with another body is `IdempotencyKeyReused` (after 404/412/409 had
 * their say), and the idempotency record is written in the change's own transaction.
 *
 * @example
 * return commitChange(deps, { idempotencyKey, requestHash, prepare: async () => ({ change, expectedVersion: null, earlierUpdates: [] }) });
 */
export async function commitChange(deps: ApiDependencies, request: WriteRequest): Promise<ApiResult> {
  const nowSeconds = () => Math.floor(deps.clock().getTime() / 1000);
  const earlier = request.idempotencyKey ? await deps.idempotency.find(request.idempotencyKey, nowSeconds()) : undefined;
  if (earlier && earlier.requestHash === request.requestHash) return replay(deps, earlier);

  for (let attempt = 1; ; attempt++) {
    const { change, expectedVersion, earlierUpdates } = await request.prepare();
    if (earlier) throw keyReused();
    const record = request.idempotencyKey ? recordFor(request.idempotencyKey, request, change, nowSeconds()) : undefined;
    try {
      await deps.incidents.commit(change, expectedVersion, record);
    } catch (error) {
      if (error instanceof IdempotencyKeyTaken) return replayOrReject(deps, request, nowSeconds());
      const lostRace = error instanceof VersionConflict || error instanceof TransientWriteConflict;
      if (!lostRace) throw error;
      if (error instanceof VersionConflict && request.ifMatch !== undefined) {
        throw new VersionMismatch(`incident ${change.head.id} changed since version ${request.ifMatch}; fetch it and retry`, { cause: error });
      }
      if (attempt >= maxAttempts) {
        throw new ConcurrentUpdate(`incident ${change.head.id} is being updated by others right now; retry`, { cause: error });
      }
      await pause(attempt);
      continue;
    }
    deps.status.invalidate();
    deps.logger.info('incident changed', { incidentId: change.head.id, version: change.head.version, kind: change.update.kind, status: change.head.status });
    return incidentAnswer(request.statusCode ?? 201, change.head, [...earlierUpdates, change.update], deps.config);
  }
}

function recordFor(key: string, request: WriteRequest, change: Change, nowSeconds: number): IdempotencyRecord {
  return {
    key,
    requestHash: request.requestHash,
    statusCode: request.statusCode ?? 201,
    incidentId: change.head.id,
    version: change.head.version,
    createdAt: change.update.createdAt,
    expiresAt: nowSeconds + idempotencyWindowSeconds,
  };
}

async function replayOrReject(deps: ApiDependencies, request: WriteRequest, nowSeconds: number): Promise<ApiResult> {
  const winner = await deps.idempotency.find(request.idempotencyKey!, nowSeconds);
  if (winner && winner.requestHash === request.requestHash) return replay(deps, winner);
  throw keyReused();
}

async function replay(deps: ApiDependencies, record: IdempotencyRecord): Promise<ApiResult> {
  const stored = await deps.incidents.getIncident(record.incidentId, record.version);
  const last = stored?.updates.at(-1);
  if (!stored || !last) throw new Error(`idempotency record ${record.key} points at missing incident ${record.incidentId}`);
  return incidentAnswer(record.statusCode, headAfter(last), stored.updates, deps.config, { 'idempotent-replayed': 'true' });
}

function keyReused(): IdempotencyKeyReused {
  return new IdempotencyKeyReused('this Idempotency-Key was already used with a different request; use a new key');
}

function pause(attempt: number): Promise<void> {
  const ceilingMs = Math.min(200, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}
