import { describe, expect, it } from 'vitest';
import { apiEventSchema } from '../../../lambdas/handlers/api/http.js';
import { prefersJson } from '../../../lambdas/handlers/api/prefers-json.js';
import { anApiEvent } from '../../support/api-events.js';

const withAccept = (accept?: string) => prefersJson(apiEventSchema.parse(anApiEvent({ path: '/v1/subscriptions/confirm', headers: accept === undefined ? {} : { accept } })));

describe('choosing JSON or a page for the links people open', () => {
  it.each([
    ['no Accept at all', undefined],
    ['a browser’s Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8'],
    ['anything', '*/*'],
    ['HTML above JSON', 'application/json;q=0.5, text/html'],
    ['only images', 'image/png'],
    ['garbage', '😀, ;;;, /, text/'],
    ['JSON refused', 'application/json;q=0, */*'],
  ])('answers a page to %s', (_what, accept) => {
    expect(withAccept(accept)).toBe(false);
  });

  it.each([
    ['JSON', 'application/json'],
    ['problem+json', 'application/problem+json'],
    ['JSON above HTML', 'text/html;q=0.4, application/json'],
    ['any application type, HTML refused', 'application/*, text/html;q=0'],
  ])('answers JSON to %s', (_what, accept) => {
    expect(withAccept(accept)).toBe(true);
  });
});
