import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import type { LogAttributes, Logger } from '../../core/ports/logger.js';
import { serviceName } from '../../core/observability/metric-catalog.js';

/**
 * The Logger port over Powertools Logger: one JSON object per line with level, timestamp, service,
 * the Lambda context (request id, function, cold start) once `addContext` has run, the correlation
 * id, and whatever keys `withKeys` added (the incident id of the work at hand).
 *
 * @example
 * const logger = new PowertoolsLoggerAdapter();
 * export const handler = async (event, context) => { logger.addContext(context); … };
 */
export class PowertoolsLoggerAdapter implements Logger {
  readonly powertools: PowertoolsLogger;

  constructor(options: ConstructorOptions | PowertoolsLogger = {}) {
    this.powertools = options instanceof PowertoolsLogger ? options : new PowertoolsLogger({ serviceName, ...options });
  }

  debug(message: string, attributes: LogAttributes = {}): void {
    this.powertools.debug(message, attributes);
  }

  info(message: string, attributes: LogAttributes = {}): void {
    this.powertools.info(message, attributes);
  }

  warn(message: string, attributes: LogAttributes = {}): void {
    this.powertools.warn(message, attributes);
  }

  error(message: string, attributes: LogAttributes = {}): void {
    this.powertools.error(message, attributes);
  }

  withKeys(keys: LogAttributes): Logger {
    // A child keeps the parent's context and correlation id; its keys stay its own, so records
    // handled side by side never swap incident ids.
    const child = this.powertools.createChild();
    child.appendPersistentKeys(keys);
    return new PowertoolsLoggerAdapter(child);
  }

  /** Adds the Lambda request id, function name and cold start to every following line. */
  addContext(context: Parameters<PowertoolsLogger['addContext']>[0]): void {
    this.powertools.addContext(context);
  }

  setCorrelationId(correlationId: string): void {
    this.powertools.setCorrelationId(correlationId);
  }
}
