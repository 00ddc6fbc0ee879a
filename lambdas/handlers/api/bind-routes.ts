import { operationList } from '../../core/api/api-contract.js';
import type { OperationIdServedBy, ServedBy } from '../../core/api/api-contract.js';
import type { RouteBinding, RouteHandlers } from './route.js';

/**
 * Every operation one function serves, bound to its handler, as the router takes them.
 *
 * @example
 * bindRoutes<'reads', ReadApiDependencies>('reads', readRouteHandlers);
 */
export function bindRoutes<Function extends ServedBy, Deps>(servedBy: Function, handlers: RouteHandlers<Function>): readonly RouteBinding<Deps>[] {
  return operationList
    .filter((operation) => operation.servedBy === servedBy)
    .map((operation) => ({
      operation,
      // The router validates body, query and path exactly as the operation declares, which is the
      // shape each handler's input is typed with; the binding only forgets the per-operation types.
      handle: handlers[operation.id as OperationIdServedBy<Function>] as unknown as RouteBinding<Deps>['handle'],
    }));
}
