import {
  ConcurrentUpdate,
  IdempotencyKeyReused,
  IncidentNotFound,
  InvalidMaintenanceWindow,
  LifecycleConflict,
  MaintenanceConflict,
  MaintenanceNotFound,
  PostmortemBeforeResolution,
  VersionMismatch,
} from '../../core/incident/errors.js';
import { InvalidCursor, StoreUnavailable } from '../../core/ports/store-errors.js';
import { HttpProblem } from './problem.js';
import { StatusUnavailable } from './status-snapshot.js';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

interface ProblemRule<E extends Error = Error> {
  error: ErrorClass<E>;
  problem(error: E): HttpProblem;
}

const rule = <E extends Error>(error: ErrorClass<E>, problem: (error: E) => HttpProblem): ProblemRule => ({
  error,
  problem: problem as (error: Error) => HttpProblem,
});

/**
 * Every domain error a route may raise and the answer it becomes, in one place: routes throw what
 * happened (`IncidentNotFound`), this table decides how HTTP says it.
 */
const problemTable: readonly ProblemRule[] = [
  rule(HttpProblem, (error) => error),
  rule(IncidentNotFound, (error) => new HttpProblem(404, 'incident-not-found', error.message)),
  rule(MaintenanceNotFound, (error) => new HttpProblem(404, 'maintenance-not-found', error.message)),
  rule(InvalidMaintenanceWindow, (error) => new HttpProblem(400, 'invalid-maintenance-window', error.message, [{ path: error.field, message: error.message }])),
  rule(MaintenanceConflict, (error) => new HttpProblem(409, 'maintenance-conflict', error.message)),
  rule(VersionMismatch, (error) => new HttpProblem(412, 'version-mismatch', error.message)),
  // Before LifecycleConflict, which it is a case of: the first rule that matches answers.
  rule(PostmortemBeforeResolution, (error) => new HttpProblem(409, 'incident-open', error.message)),
  rule(LifecycleConflict, (error) => new HttpProblem(409, 'incident-resolved', error.message)),
  rule(ConcurrentUpdate, (error) => new HttpProblem(409, 'concurrent-update', error.message)),
  rule(IdempotencyKeyReused, (error) => new HttpProblem(422, 'idempotency-key-reused', error.message)),
  rule(StatusUnavailable, (error) => new HttpProblem(503, 'status-unavailable', error.message, undefined, { 'retry-after': '5' })),
  rule(
    StoreUnavailable,
    () => new HttpProblem(503, 'store-unavailable', 'the incident store did not answer; send the same request again (with its Idempotency-Key) in a few seconds', undefined, { 'retry-after': '5' }),
  ),
  rule(InvalidCursor, (error) => new HttpProblem(400, 'invalid-cursor', error.message, [{ path: `query.${error.parameter}`, message: error.message }])),
];

/**
 * The problem answer for an error a route raised on purpose; `undefined` for anything else, which
 * is a fault of ours (answered 500 and logged).
 *
 * @example
 * problemFor(new IncidentNotFound('no incident with id "inc_…"'))?.status; // 404
 */
export function problemFor(error: unknown): HttpProblem | undefined {
  if (!(error instanceof Error)) return undefined;
  const matching = problemTable.find((entry) => error instanceof entry.error);
  return matching?.problem(error);
}
