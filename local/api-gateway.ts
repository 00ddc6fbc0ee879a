import type { ServedBy } from '../lambdas/core/api/api-contract.js';
import { apiEventSchema } from '../lambdas/handlers/api/http.js';
import { matchOperation } from '../lambdas/handlers/api/match-operation.js';
import type { ApiGatewayHandler } from './local-http-server.js';

/**
 * API Gateway's part locally: each request goes to the function its operation is `servedBy` in the
 * contract, as the stack's routes send it. A request no operation takes (404, 405) goes to the write
 * function, which answers it from the same contract either function would.
 *
 * @example
 * const api = routeByContract({ reads: readHandler, writes: writeHandler, previews: previewHandler });
 */
export function routeByContract(functions: Record<ServedBy, ApiGatewayHandler>): ApiGatewayHandler {
  return async (event) => {
    const parsed = apiEventSchema.safeParse(event);
    return functions[parsed.success ? servedByOf(parsed.data.requestContext.http.method, parsed.data.rawPath) : 'writes'](event);
  };
}

function servedByOf(method: string, path: string): ServedBy {
  try {
    return matchOperation(method, path).operation.servedBy;
  } catch {
    return 'writes';
  }
}
