import { randomUUID } from 'node:crypto';
import { anApiEvent } from './api-events.js';
import type { BundledFunction } from './bundled-function.js';
import { deploySettings } from '../infra/synthesize-stack.js';

const commanderScope = deploySettings.auth.commanderScope;

export interface BundledApiAnswer {
  status: number;
  headers: Record<string, string>;
  /** The JSON body parsed, or the text when it is not JSON. */
  body: unknown;
}

export interface BundledApiRequest {
  body?: unknown;
  headers?: Record<string, string>;
  /** API Gateway's JWT authorizer has accepted a commander's token (the deployed commander routes need it). */
  asCommander?: boolean;
  sourceIp?: string;
}

/**
 * Calls an API function's bundle with API Gateway HTTP API (payload v2) events, as the deployed
 * gateway would: for a commander, the JWT authorizer's claims are on the event, since the authorizer
 * (not the function) verifies the token.
 *
 * @example
 * const api = bundledApiClient(await aws.load('ApiHandler'), { originVerifySecret: aws.stack.resolve(...) });
 * const { status, body } = await api('POST', '/v1/incidents', { body: aDeclaration(), asCommander: true });
 */
export function bundledApiClient(handler: BundledFunction, frontDoor: { originVerifySecret: string }) {
  return async (method: string, target: string, request: BundledApiRequest = {}): Promise<BundledApiAnswer> => {
    const [path = target, query = ''] = target.split('?');
    const event = anApiEvent({
      method,
      path,
      query,
      ...(request.body !== undefined ? { body: request.body } : {}),
      // What CloudFront adds to every request it forwards: the origin secret and the viewer's address.
      headers: {
        'x-origin-verify': frontDoor.originVerifySecret,
        'cloudfront-viewer-address': `${request.sourceIp ?? '198.51.100.7'}:50123`,
        ...request.headers,
      },
      // API Gateway's own source address behind CloudFront: an edge server's.
      sourceIp: '130.176.0.10',
    });
    const authorizer = request.asCommander ? { authorizer: { jwt: { claims: { sub: 'commander@example.com', scope: commanderScope }, scopes: [commanderScope] } } } : {};
    const answer = (await handler({ ...event, requestContext: { ...event.requestContext, requestId: randomUUID(), ...authorizer } })) as {
      statusCode: number;
      headers?: Record<string, string>;
      body?: string;
    };
    return { status: answer.statusCode, headers: answer.headers ?? {}, body: parsedBody(answer.body) };
  };
}

function parsedBody(body: string | undefined): unknown {
  if (body === undefined || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
