import { PowertoolsLoggerAdapter } from '../lambdas/adapters/observability/powertools-logger.js';
import type { Logger } from '../lambdas/core/ports/logger.js';

/**
 * The handlers' logger on a laptop: the same Powertools JSON lines as deployed, at `LOG_LEVEL`
 * (default WARN, so `npm start` shows problems and its own one-line delivery log, not every step).
 *
 * @example
 * const logger = localLogger(); // LOG_LEVEL=INFO npm start shows every line
 */
export function localLogger(level = process.env['LOG_LEVEL'] ?? 'WARN'): Logger {
  return new PowertoolsLoggerAdapter({ logLevel: level.toUpperCase() as 'WARN' });
}
