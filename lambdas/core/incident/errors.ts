import { DomainError } from '../errors/domain-error.js';

/** No incident has this id (or the id cannot be one of ours). */
export class IncidentNotFound extends DomainError {}

/** A change is not allowed from the incident's current status: a resolved incident takes no updates. */
export class LifecycleConflict extends DomainError {}

/** A postmortem for an incident that is still open: it can only explain an incident that is over. */
export class PostmortemBeforeResolution extends LifecycleConflict {}

/** The commander's `If-Match` names a version that is no longer the current one. */
export class VersionMismatch extends DomainError {}

/** Other commanders kept winning the race for this incident; the client should retry. */
export class ConcurrentUpdate extends DomainError {}

/** The Idempotency-Key was already used with a different request. */
export class IdempotencyKeyReused extends DomainError {}

/** No maintenance window has this id (or the id cannot be one of ours). */
export class MaintenanceNotFound extends DomainError {}

/** A change a maintenance window's status does not allow: a finished window takes none, a started one cannot be cancelled. */
export class MaintenanceConflict extends DomainError {}

/** A window's times do not make a window: in the past, or ending before it starts. */
export class InvalidMaintenanceWindow extends DomainError {
  constructor(
    message: string,
    readonly field: 'scheduledFor' | 'scheduledUntil',
  ) {
    super(message);
  }
}
