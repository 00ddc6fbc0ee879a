import type { PowertoolsLoggerAdapter } from './powertools-logger.js';
import { withLambdaContext } from './with-lambda-context.js';

/** The part of an API Gateway HTTP API (payload v2) event the logger correlates on. */
interface ApiGatewayRequest {
  requestContext?: { requestId?: string };
}

/**
 * An API function's Lambda entry: every log line of the request carries the Lambda context and API
 * Gateway's request id, which is also in the access log.
 *
 * @example
 * export const handler = withApiGatewayRequest(logger, createApiHandler(deps, readRoutes));
 */
export function withApiGatewayRequest<Result>(logger: PowertoolsLoggerAdapter, handle: (event: unknown) => Promise<Result>) {
  return withLambdaContext(logger, (event: ApiGatewayRequest, context) => {
    logger.setCorrelationId(event.requestContext?.requestId ?? context.awsRequestId);
    return handle(event);
  });
}
