/**
 * The base of every error the domain raises on purpose. The name is the class's own, so logs and
 * the API's problem table can tell errors apart without string literals, and the `cause` given when
 * one error is translated into another is kept for the logs.
 *
 * @example
 * export class IncidentNotFound extends DomainError {}
 * throw new IncidentNotFound(`no incident with id "${id}"`, { cause: error });
 */
export abstract class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
