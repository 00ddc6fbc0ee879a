import { frontDoorHeaders } from '../../core/api/front-door-headers.js';
import type { ApiResult } from './http.js';
import { HttpProblem, problemResult } from './problem.js';
import { secretsMatch } from './secrets-match.js';

type Handle = (rawEvent: unknown) => Promise<ApiResult>;

/** The few fields of a payload v2 event this guard reads and rewrites, before the API validates the rest. */
interface ForwardedEvent {
  headers?: Record<string, string | undefined>;
  requestContext?: { http?: { sourceIp?: string } };
}

/**
 * Only requests CloudFront forwarded reach `handle`: they carry the distribution's secret
 * `x-origin-verify` header (lib/origin-verification.ts); anything else, sent straight to the API's
 * own domain round the firewall and the cache, is a 403. The secret is removed before `handle` sees
 * the event (so no log can print it), and the client becomes the viewer CloudFront saw, not the
 * edge server API Gateway saw, so per-client limits count clients.
 *
 * @example
 * export const handler = behindFrontDoor(environment.originVerifySecret, handle);
 */
export function behindFrontDoor(secret: string | undefined, handle: Handle): Handle {
  if (secret === undefined) return handle;
  return async (rawEvent) => {
    const event = (rawEvent ?? {}) as ForwardedEvent;
    const presented = event.headers?.[frontDoorHeaders.originVerify];
    if (!secretsMatch(presented, secret)) {
      return problemResult(new HttpProblem(403, 'front-door-required', 'this API answers only through the status site\'s address, not its own domain'));
    }
    const { [frontDoorHeaders.originVerify]: _secret, ...headers } = event.headers ?? {};
    const viewer = viewerIp(headers[frontDoorHeaders.viewerAddress]);
    const requestContext = event.requestContext ?? {};
    return handle({
      ...event,
      headers,
      requestContext: viewer ? { ...requestContext, http: { ...requestContext.http, sourceIp: viewer } } : requestContext,
    });
  };
}

/** `198.51.100.10:46532` or `2001:db8::1:46532`: the address is everything before the last colon. */
export function viewerIp(viewerAddress: string | undefined): string | undefined {
  const portAt = viewerAddress?.lastIndexOf(':') ?? -1;
  return portAt > 0 ? viewerAddress!.slice(0, portAt) : undefined;
}
