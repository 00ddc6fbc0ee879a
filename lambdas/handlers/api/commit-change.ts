import { idempotencyWindowSeconds } from '../../adapters/dynamo/idempotency-record.js';
import type { IdempotencyRecord } from '../../adapters/dynamo/idempotency-record.js';
import { IdempotencyKeyTaken, TransientWriteConflict, VersionConflict } from '../../adapters/dynamo/store-errors.js';
import type { Change } from '../../core/incident/lifecycle.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import { LifecycleConflict } from '../../core/incident/lifecycle.js';
import { headAfter } from '../../core/incident/present-incident.js';
import type { ApiDependencies } from './api-dependencies.js';
import type { ApiResult } from './http.js';
import { incidentAnswer } from './incident-answer.js';
import { HttpProblem } from './problem.js';

export interface WriteRequest {
  /** The Idempotency-Key, if the client sent one. */
  idempotencyKey: string | undefined;
  requestHash: string;
  /** `If-Match` version: a lost race is then `412`, not a silent retry. */
  ifMatch?: number;
  /**
   * Computes the change from the current state; called again after a lost race. Throws HttpProblem
   * for 404/412, LifecycleConflict for 409. Returns the change, the version it was computed from and
   * the timeline before it (the answer shows the whole timeline without reading it again).
   */
  prepare(): Promise<{ change: Change; expectedVersion: number | null; earlierUpdates: readonly TimelineUpdate[] }>;
}

/** Enough for any realistic number of commanders racing on one incident; then the client is told to retry. */
const maxAttempts = 25;

/**
 * Stores one change exactly once under API.md's rules: a retry with the same Idempotency-Key and body
 * answers the first answer again, the same key with another body is `422` (after 404/412/409 had their
 * say), and the idempotency record is written in the change's own transaction.
 */
export async function commitChange(deps: ApiDependencies, request: WriteRequest): Promise<ApiResult> {
  const nowSeconds = () => Math.floor(deps.clock().getTime() / 1000);
  const earlier = request.idempotencyKey ? await deps.findIdempotencyRecord(request.idempotencyKey, nowSeconds()) : undefined;
  if (earlier && earlier.requestHash === request.requestHash) return replay(deps, earlier);

  for (let attempt = 1; ; attempt++) {
    const { change, expectedVersion, earlierUpdates } = await prepareOrProblem(request);
    if (earlier) throw keyReused();
    const record = request.idempotencyKey ? recordFor(request, change, nowSeconds()) : undefined;
    try {
      await deps.incidents.commit(change, expectedVersion, record);
    } catch (error) {
      if (error instanceof IdempotencyKeyTaken) return replayOrReject(deps, request, nowSeconds());
      const lostRace = error instanceof VersionConflict || error instanceof TransientWriteConflict;
      if (!lostRace) throw error;
      if (error instanceof VersionConflict && request.ifMatch !== undefined) {
        throw new HttpProblem(412, 'version-mismatch', `incident ${change.head.id} changed since version ${request.ifMatch}; fetch it and retry`);
      }
      if (attempt >= maxAttempts) {
        throw new HttpProblem(409, 'concurrent-update', `incident ${change.head.id} is being updated by others right now; retry`);
      }
      await pause(attempt);
      continue;
    }
    deps.status.invalidate();
    return incidentAnswer(201, change.head, [...earlierUpdates, change.update], deps.config);
  }
}

async function prepareOrProblem(request: WriteRequest) {
  try {
    return await request.prepare();
  } catch (error) {
    if (error instanceof LifecycleConflict) throw new HttpProblem(409, 'incident-resolved', error.message);
    throw error;
  }
}

function recordFor(request: WriteRequest, change: Change, nowSeconds: number): IdempotencyRecord {
  return {
    key: request.idempotencyKey!,
    requestHash: request.requestHash,
    statusCode: 201,
    incidentId: change.head.id,
    version: change.head.version,
    createdAt: change.update.createdAt,
    expiresAt: nowSeconds + idempotencyWindowSeconds,
  };
}

async function replayOrReject(deps: ApiDependencies, request: WriteRequest, nowSeconds: number): Promise<ApiResult> {
  const winner = await deps.findIdempotencyRecord(request.idempotencyKey!, nowSeconds);
  if (winner && winner.requestHash === request.requestHash) return replay(deps, winner);
  throw keyReused();
}

async function replay(deps: ApiDependencies, record: IdempotencyRecord): Promise<ApiResult> {
  const stored = await deps.incidents.getIncident(record.incidentId, record.version);
  const last = stored?.updates.at(-1);
  if (!stored || !last) throw new Error(`idempotency record ${record.key} points at missing incident ${record.incidentId}`);
  return incidentAnswer(record.statusCode, headAfter(last), stored.updates, deps.config, { 'idempotent-replayed': 'true' });
}

function keyReused(): HttpProblem {
  return new HttpProblem(422, 'idempotency-key-reused', 'this Idempotency-Key was already used with a different request; use a new key');
}

function pause(attempt: number): Promise<void> {
  const ceilingMs = Math.min(200, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}
