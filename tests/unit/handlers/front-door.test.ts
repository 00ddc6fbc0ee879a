import { describe, expect, it } from 'vitest';
import { behindFrontDoor, viewerIp } from '../../../lambdas/handlers/api/front-door.js';
import type { ApiResult } from '../../../lambdas/handlers/api/http.js';
import { anApiEvent } from '../../support/api-events.js';

// Deployed, the API's own domain is public so that CloudFront can reach it; only what CloudFront
// forwards carries its secret, and only that reaches the API.

function guarded() {
  const seen: unknown[] = [];
  const handle = behindFrontDoor('s3cret-from-cloudfront', async (event): Promise<ApiResult> => {
    seen.push(event);
    return { statusCode: 200, headers: {}, body: '{}' };
  });
  return { handle, seen };
}

describe('the front door guard', () => {
  it('refuses with 403 problem+json a request without the origin secret or with another one, which never reaches the API', async () => {
    const { handle, seen } = guarded();
    for (const headers of [{}, { 'x-origin-verify': 'guess' }, { 'x-origin-verify': '' }] as Record<string, string>[]) {
      const answer = await handle(anApiEvent({ path: '/v1/status', headers }));
      expect(answer.statusCode).toBe(403);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.body).toContain('front-door-required');
    }
    expect(seen).toEqual([]);
  });

  it('passes a forwarded request on without the secret, its client the viewer CloudFront saw', async () => {
    const { handle, seen } = guarded();
    const event = anApiEvent({ path: '/v1/subscriptions', method: 'POST', sourceIp: '130.176.0.10', headers: { 'x-origin-verify': 's3cret-from-cloudfront', 'cloudfront-viewer-address': '203.0.113.9:51234' } });
    expect((await handle(event)).statusCode).toBe(200);
    const [passed] = seen as [{ headers: Record<string, string>; requestContext: { http: { sourceIp: string } } }];
    expect(passed.headers['x-origin-verify']).toBeUndefined();
    expect(passed.requestContext.http.sourceIp).toBe('203.0.113.9');
  });

  it('is absent where there is no front door (the local runtime is its own)', async () => {
    const handle = behindFrontDoor(undefined, async () => ({ statusCode: 200, headers: {}, body: '' }));
    expect((await handle(anApiEvent({ path: '/v1/status' }))).statusCode).toBe(200);
  });

  it.each([
    ['198.51.100.10:46532', '198.51.100.10'],
    ['2001:db8::1:46532', '2001:db8::1'],
    [undefined, undefined],
    ['garbage', undefined],
  ])('reads the viewer address %j as %j', (address, ip) => {
    expect(viewerIp(address)).toBe(ip);
  });
});
