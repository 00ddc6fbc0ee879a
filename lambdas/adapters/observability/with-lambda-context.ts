import type { Context } from 'aws-lambda';
import type { PowertoolsLoggerAdapter } from './powertools-logger.js';

/**
 * A Lambda entry that first hands the invocation's context to the logger, so every line of the
 * invocation carries the request id, the function name and the cold start.
 *
 * @example
 * export const handler = withLambdaContext(logger, createInAppHandler(deps));
 */
export function withLambdaContext<Event, Result>(
  logger: PowertoolsLoggerAdapter,
  handle: (event: Event, context: Context) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  return (event, context) => {
    logger.addContext(context);
    return handle(event, context);
  };
}
