import type { ApiDependencies } from '../../lambdas/handlers/api/api-dependencies.js';
import { previewRoutes } from '../../lambdas/handlers/api/preview-routes.js';
import { readRoutes } from '../../lambdas/handlers/api/read-routes.js';
import type { RouteBinding } from '../../lambdas/handlers/api/route.js';
import { writeRoutes } from '../../lambdas/handlers/api/write-routes.js';

/**
 * Every operation of the contract in one handler, as the unit tests drive the API: the three functions'
 * routes given the write function's dependencies, which hold the read and the preview functions'.
 */
export const apiRoutes: readonly RouteBinding<ApiDependencies>[] = [...readRoutes, ...writeRoutes, ...previewRoutes];
