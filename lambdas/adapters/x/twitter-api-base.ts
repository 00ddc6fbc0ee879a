import * as clientBaseModule from 'twitter-api-v2/dist/cjs/client.base.js';

/**
 * twitter-api-v2's base client, from its own module rather than the package index: the index builds
 * the whole library (the v1.1, v2, labs and ads clients, streams, paginators: 94 KiB of the X
 * function's bundle) for the one call the X channel makes, a signed POST; the base client (the
 * request maker with its OAuth 1.0a signing, timeouts and rate-limit parsing) and the error types
 * are 50 KiB. The CommonJS build, since Node and esbuild both load it as is (the ESM build's
 * extensionless imports load only in a bundler).
 */
const TwitterApiBase = defaultExportOf(clientBaseModule.default);

/** The base client is abstract only to keep users to its subclasses; posting needs nothing they add. */
export class TwitterPostClient extends TwitterApiBase {}

export { ApiPartialResponseError, ApiRequestError, ApiResponseError, EApiV1ErrorCode } from 'twitter-api-v2/dist/cjs/types/errors.types.js';

type TwitterApiBaseClass = typeof clientBaseModule.default.default;

/**
 * The class the CommonJS module exports as `default`. Node (and esbuild, bundling for it) hands an
 * ES module the CommonJS `module.exports` as its default export, so the class is under `default`;
 * Vite (the tests) honours the module's `__esModule` flag and hands over the class itself.
 */
function defaultExportOf(exported: TwitterApiBaseClass | { default: TwitterApiBaseClass }): TwitterApiBaseClass {
  return 'default' in exported ? exported.default : exported;
}
