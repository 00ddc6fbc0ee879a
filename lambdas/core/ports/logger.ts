/** Extra attributes of one log line; Powertools writes them as JSON keys beside the message. */
export type LogAttributes = Record<string, unknown>;

/**
 * What every function logs through: Powertools Logger deployed (JSON with the request and
 * correlation ids), the same locally. `withKeys` gives a logger whose every line also carries the
 * keys, so the incident id is on every line of the work for that incident.
 *
 * @example
 * const log = logger.withKeys({ incidentId, seq });
 * log.info('posted to X', { postId });
 */
export interface Logger {
  debug(message: string, attributes?: LogAttributes): void;
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
  withKeys(keys: LogAttributes): Logger;
}
